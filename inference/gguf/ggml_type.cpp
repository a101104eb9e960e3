#include "inference/gguf/ggml_type.h"

#include <array>
#include <stdexcept>

namespace veloce {
namespace {
// Sizes from PHI4.md "Block layouts"; the rest follow the public ggml block structs.
constexpr std::array<TypeInfo, 13> k_types{{
    {GgmlType::F32, "F32", 1, 4},
    {GgmlType::F16, "F16", 1, 2},
    {GgmlType::Q4_0, "Q4_0", 32, 18},
    {GgmlType::Q4_1, "Q4_1", 32, 20},
    {GgmlType::Q5_0, "Q5_0", 32, 22},
    {GgmlType::Q5_1, "Q5_1", 32, 24},
    {GgmlType::Q8_0, "Q8_0", 32, 34},
    {GgmlType::Q2_K, "Q2_K", 256, 84},
    {GgmlType::Q3_K, "Q3_K", 256, 110},
    {GgmlType::Q4_K, "Q4_K", 256, 144},
    {GgmlType::Q5_K, "Q5_K", 256, 176},
    {GgmlType::Q6_K, "Q6_K", 256, 210},
    {GgmlType::BF16, "BF16", 1, 2},
}};
}  // namespace

std::optional<TypeInfo> find_type(uint32_t raw_id) {
  for (const TypeInfo& t : k_types)
    if (static_cast<uint32_t>(t.type) == raw_id) return t;
  return std::nullopt;
}

const TypeInfo& type_info(GgmlType type) {
  for (const TypeInfo& t : k_types)
    if (t.type == type) return t;
  throw std::logic_error("type_info: unknown GgmlType");
}

std::optional<GgmlType> type_from_name(std::string_view name) {
  for (const TypeInfo& t : k_types)
    if (t.name == name) return t.type;
  return std::nullopt;
}

}  // namespace veloce
