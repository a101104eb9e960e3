#pragma once
// Greedy selection (k = 1) of one token's logits on the GPU (shaders/argmax.comp): one dispatch
// reduces each slice of kArgmaxSlice logits to a 16-byte record and the host combines them, so a
// greedy decode step copies ~1.6 KB for Phi-4's 100,352 logits instead of 401 KB, with a few
// barriers per workgroup (cheap on CPU devices, unlike the top-k's bitonic sorts).
#include <cstdint>

#include "inference/model/session.h"
#include "inference/vulkan/pipelines.h"
#include "inference/vulkan/recorder.h"

namespace veloce::vk {

struct ArgmaxParams {  // push constants of argmax.comp
  uint32_t n, pad0 = 0, pad1 = 0, pad2 = 0;
};
static_assert(sizeof(ArgmaxParams) == 16);

constexpr uint32_t kArgmaxSlice = 1024;  // SLICE in argmax.comp

// Bytes of the records of n logits.
uint64_t argmax_bytes(uint32_t n);

// Records the dispatch; logits holds n floats, out at least argmax_bytes(n) bytes.
void record_argmax(Recorder& r, Pipelines& pipelines, const BufferRange& logits, uint32_t n, const BufferRange& out);

// Combines the records into out: the best logit (lowest id on ties), the maximum and the
// log-sum-exp of all n logits, as top_logits(logits, 1, out) gives.
void read_argmax(const void* records, uint32_t n, TopLogits& out);

}  // namespace veloce::vk
