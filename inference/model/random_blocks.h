#pragma once
// Deterministic random tensor bytes of any supported type whose values are finite and of a
// realistic weight magnitude (standard deviation about 0.02), or about 1 for norm weights.
#include <cstdint>
#include <span>

#include "inference/gguf/ggml_type.h"

namespace veloce {

// Fills dst with bytes [offset, offset + dst.size()) of a tensor; the bytes depend only on
// (seed, position), so chunks may come in any order. norm: values near 1 (F32 only).
void fill_random_tensor(GgmlType type, uint64_t seed, bool norm, uint64_t offset, std::span<uint8_t> dst);

}  // namespace veloce
