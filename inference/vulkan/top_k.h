#pragma once
// The k best logits of one token selected on the GPU (shaders/top_k.comp), so that a decode step
// copies (k + 1) pairs to the host instead of n_vocab floats: stages of 1024-candidate bitonic
// sorts, each keeping the best k of its chunk, until one chunk is left; the first stage also sums
// exp(logit - max) per chunk for the log-sum-exp.
#include <cstdint>

#include "inference/model/session.h"
#include "inference/vulkan/pipelines.h"
#include "inference/vulkan/recorder.h"

namespace veloce::vk {

struct TopKParams {  // push constants of top_k.comp
  uint32_t n, k, n_partials, final_stage;
};
static_assert(sizeof(TopKParams) == 16);

constexpr uint32_t kTopKChunk = 1024;  // CHUNK in top_k.comp
constexpr uint32_t kTopKMax = 256;     // k per chunk: each stage shrinks the candidates 4x or more

// Bytes of the scratch a top-k of n logits needs, and of its result: k pairs (value bits, id) then
// one pair (max, log-sum-exp), both as f32 bits.
struct TopKSizes {
  uint64_t ping = 0, pong = 0, partials = 0, result = 0;
};
TopKSizes top_k_sizes(uint32_t n, uint32_t k);

// Records the stages; logits holds n floats, the other ranges at least top_k_sizes() bytes.
void record_top_k(Recorder& r, Pipelines& pipelines, const BufferRange& logits, uint32_t n, uint32_t k,
                  const BufferRange& ping, const BufferRange& pong, const BufferRange& partials, const BufferRange& result);

// Reads a result written by record_top_k.
void read_top_k(const void* result, uint32_t k, TopLogits& out);

}  // namespace veloce::vk
