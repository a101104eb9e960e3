#include "inference/vulkan/top_k.h"

#include <algorithm>
#include <bit>
#include <cstring>
#include <string>

namespace veloce::vk {
namespace {

uint64_t chunks(uint64_t n) { return (n + kTopKChunk - 1) / kTopKChunk; }

}  // namespace

TopKSizes top_k_sizes(uint32_t n, uint32_t k) {
  // The same walk as record_top_k: stage outputs alternate ping, pong, ping ...; the last one
  // goes to the result.
  TopKSizes s;
  s.partials = chunks(n) * 8;
  s.result = (uint64_t{k} + 1) * 8;
  uint64_t groups = chunks(n);
  if (groups == 1) return s;
  s.ping = groups * k * 8;
  uint64_t count = groups * k;
  for (int stage = 1;; ++stage) {
    groups = chunks(count);
    if (groups == 1) return s;
    uint64_t& dst = stage % 2 == 1 ? s.pong : s.ping;
    dst = std::max(dst, groups * k * 8);
    count = groups * k;
  }
}

void record_top_k(Recorder& r, Pipelines& pipelines, const BufferRange& logits, uint32_t n, uint32_t k,
                  const BufferRange& ping, const BufferRange& pong, const BufferRange& partials, const BufferRange& result) {
  if (k == 0 || k > kTopKMax || n == 0) throw EngineError("internal error: top-k of " + std::to_string(k));
  const uint32_t n_partials = static_cast<uint32_t>(chunks(n));
  uint32_t groups = n_partials;
  const BufferRange* dst = groups == 1 ? &result : &ping;
  r.dispatch(pipelines.get("top_k_first", 3), {logits, *dst, partials}, TopKParams{n, k, n_partials, groups == 1 ? 1u : 0u},
             groups);
  uint32_t count = groups * k;
  int stage = 0;
  while (groups > 1) {
    const BufferRange* src = dst;
    groups = static_cast<uint32_t>(chunks(count));
    dst = groups == 1 ? &result : (++stage % 2 == 1 ? &pong : &ping);
    r.dispatch(pipelines.get("top_k_merge", 3), {*src, *dst, partials},
               TopKParams{count, k, n_partials, groups == 1 ? 1u : 0u}, groups);
    count = groups * k;
  }
}

void read_top_k(const void* result, uint32_t k, TopLogits& out) {
  const auto* words = static_cast<const uint32_t*>(result);
  out.top.resize(k);
  for (uint32_t i = 0; i < k; ++i) out.top[i] = {std::bit_cast<float>(words[2 * i]), static_cast<int32_t>(words[2 * i + 1])};
  out.max_logit = std::bit_cast<float>(words[2 * k]);
  out.log_sum_exp = std::bit_cast<float>(words[2 * k + 1]);
}

}  // namespace veloce::vk
