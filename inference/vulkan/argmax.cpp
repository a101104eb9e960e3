#include "inference/vulkan/argmax.h"

#include <bit>
#include <cmath>
#include <limits>
#include <string>

namespace veloce::vk {
namespace {

uint32_t groups(uint32_t n) { return (n + kArgmaxSlice - 1) / kArgmaxSlice; }

}  // namespace

uint64_t argmax_bytes(uint32_t n) { return uint64_t{groups(n)} * 16; }

void record_argmax(Recorder& r, Pipelines& pipelines, const BufferRange& logits, uint32_t n, const BufferRange& out) {
  if (n == 0) throw EngineError("internal error: argmax of no logits");
  r.dispatch(pipelines.get("argmax", 2), {logits, out}, ArgmaxParams{n}, groups(n));
}

void read_argmax(const void* records, uint32_t n, TopLogits& out) {
  const auto* w = static_cast<const uint32_t*>(records);
  const uint32_t g = groups(n);
  const float neg_inf = -std::numeric_limits<float>::infinity();
  // Slices are in id order and each record holds its slice's lowest best id: a strictly greater
  // value is needed to move on, which keeps the lowest id on ties, as top_logits() does.
  float best = std::bit_cast<float>(w[0]);
  uint32_t best_id = w[1];
  for (uint32_t i = 1; i < g; ++i) {
    const float v = std::bit_cast<float>(w[4 * i]);
    if (v > best) {
      best = v;
      best_id = w[4 * i + 1];
    }
  }
  double sum = 0;
  if (best != neg_inf)
    for (uint32_t i = 0; i < g; ++i) {
      const float m = std::bit_cast<float>(w[4 * i]);
      if (m != neg_inf)
        sum += static_cast<double>(std::bit_cast<float>(w[4 * i + 2])) * std::exp(static_cast<double>(m) - best);
    }
  out.top.assign(1, {best, static_cast<int32_t>(best_id)});
  out.max_logit = best;
  out.log_sum_exp = best == neg_inf ? neg_inf : static_cast<float>(best + std::log(sum));
}

}  // namespace veloce::vk
