#pragma once
// Tensor element types of the GGUF format (ids as in the file) and their block geometry.
#include <cstdint>
#include <optional>
#include <string_view>

namespace veloce {

enum class GgmlType : uint32_t {
  F32 = 0,
  F16 = 1,
  Q4_0 = 2,
  Q4_1 = 3,
  Q5_0 = 6,
  Q5_1 = 7,
  Q8_0 = 8,
  Q2_K = 10,
  Q3_K = 11,
  Q4_K = 12,
  Q5_K = 13,
  Q6_K = 14,
  BF16 = 30,
};

struct TypeInfo {
  GgmlType type;
  std::string_view name;  // "Q4_K", as llama.cpp's tools print it
  uint32_t block_values;  // values per block (1 for F32/F16/BF16)
  uint32_t block_bytes;   // bytes per block
};

// nullopt for ids Veloce does not support (it never guesses a layout).
std::optional<TypeInfo> find_type(uint32_t raw_id);
const TypeInfo& type_info(GgmlType type);
std::optional<GgmlType> type_from_name(std::string_view name);

// Bytes of a row of n values; n must be a multiple of block_values.
inline uint64_t row_bytes(GgmlType type, uint64_t n) {
  const TypeInfo& t = type_info(type);
  return n / t.block_values * t.block_bytes;
}

}  // namespace veloce
