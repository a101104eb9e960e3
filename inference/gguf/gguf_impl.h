#pragma once
// Internals of GgufFile shared by the parser (gguf_parse.cpp), the mapping (gguf_mapping.cpp)
// and the accessors (gguf_file.cpp). Not part of the engine's interface.
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "inference/gguf/gguf_file.h"

namespace veloce {

// Limits that are not implied by the file size. They only stop abuse: real files stay far below.
inline constexpr uint64_t k_max_key_length = 1024;          // keys are dotted names like "phi3.block_count"
inline constexpr uint64_t k_max_tensor_name_length = 255;   // ggml itself allows 63; lookups are all we do
inline constexpr uint64_t k_max_metadata_count = 1u << 16;  // Phi-4 files hold ~30 keys
inline constexpr uint64_t k_max_tensor_count = 1u << 16;    // Phi-4 has 243 tensors
// general.alignment: at least 4 so that f32 data in the mapping is naturally aligned for the CPU
// paths; at most 1 MiB so that the padding before the data section stays negligible and
// rounding up can never overflow. Every known writer uses 32.
inline constexpr uint64_t k_min_alignment = 4;
inline constexpr uint64_t k_max_alignment = 1u << 20;
inline constexpr uint64_t k_header_size = 24;  // magic, version, tensor count, metadata count

// One metadata value, pointing into the validated bytes.
struct MetaEntry {
  std::string_view key;
  GgufValueType type = GgufValueType::U8;
  GgufValueType elem_type = GgufValueType::U8;  // arrays only
  uint64_t count = 0;                           // arrays only
  const uint8_t* value = nullptr;               // scalar bytes, string length field, or first array element
};

// What the parser proved about a buffer. Every pointer lies inside [data, data + size).
struct ParsedGguf {
  uint32_t version = 0;
  uint64_t alignment = 32;
  uint64_t data_offset = 0;
  std::vector<MetaEntry> meta;
  std::vector<TensorInfo> tensors;
};

// Throws GgufError "PATH: FIELD: reason" for anything RELIABILITY.md items 1-6 forbid.
ParsedGguf parse_gguf(const std::string& path, const uint8_t* data, uint64_t size);

// Size in bytes of a fixed-size value type; 0 for STRING and ARRAY.
uint64_t scalar_size(GgufValueType type);
std::string_view value_type_name(GgufValueType type);

struct GgufFile::Impl {
  // Exactly one of these owns the bytes.
  void* mapping = nullptr;
  uint64_t mapping_size = 0;
  std::vector<uint8_t> owned;

  std::vector<MetaEntry> meta;
  std::unordered_map<std::string_view, size_t> meta_by_key;
  std::unordered_map<std::string_view, size_t> tensor_by_name;

  ~Impl();
};

// Maps path read-only; throws GgufError. Sets impl.mapping / mapping_size.
void map_file(const std::string& path, GgufFile::Impl& impl);

}  // namespace veloce
