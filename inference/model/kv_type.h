#pragma once
// How the Vulkan engine stores the KV cache. f16: 2 bytes a value. q8_0: blocks of 32 int8 values
// and an fp16 scale, 1.0625 bytes a value (about half), at a perplexity cost that
// tests/vulkan/model_test.cpp measures on the fixtures. The reference backend keeps fp32 whatever
// is asked.
#include <cstdint>
#include <optional>
#include <string_view>

namespace veloce {

enum class KvType : uint8_t { F16, Q8_0 };

inline const char* kv_type_name(KvType t) { return t == KvType::Q8_0 ? "q8_0" : "f16"; }

inline std::optional<KvType> kv_type_from_name(std::string_view s) {
  if (s == "f16") return KvType::F16;
  if (s == "q8_0") return KvType::Q8_0;
  return std::nullopt;
}

}  // namespace veloce
