#include "inference/vulkan/memory_plan.h"

#include <algorithm>
#include <cstdio>

#include "inference/vulkan/kernel_params.h"

namespace veloce::vk {

std::string format_bytes(uint64_t bytes) {
  char buf[32];
  if (bytes >= (1ull << 30)) std::snprintf(buf, sizeof buf, "%.2f GiB", static_cast<double>(bytes) / (1ull << 30));
  else std::snprintf(buf, sizeof buf, "%.1f MiB", static_cast<double>(bytes) / (1ull << 20));
  return buf;
}

uint64_t kv_cache_bytes(const ModelConfig& c, uint32_t n_ctx) {
  return 2ull * c.n_layer * n_ctx * c.n_embd_kv() * 2;  // K and V, fp16
}

ScratchSizes scratch_sizes(const ModelConfig& c, uint32_t n_ctx) {
  ScratchSizes s;
  const uint64_t b = kMaxBatch;
  s.hidden = b * c.n_embd * 4;
  s.qkv = b * (c.n_embd + 2ull * c.n_embd_kv()) * 4;
  s.gate_up = b * 2ull * c.n_ff * 4;
  s.ffn = b * uint64_t{c.n_ff} * 4;
  s.decode_splits = std::max<uint32_t>(1, (n_ctx + kAttentionWindow - 1) / kAttentionWindow);
  s.prompt_max_splits = 4;
  const uint64_t per_split = uint64_t{c.n_head} * (c.head_dim + 2) * 4;
  s.partial = std::max<uint64_t>(s.decode_splits * per_split, b * s.prompt_max_splits * per_split);
  s.logits = b * uint64_t{c.n_vocab} * 4;
  return s;
}

std::string MemoryPlan::describe(const std::string& device_name) const {
  std::string s = "memory plan on " + device_name + ": weights " + format_bytes(weights);
  if (weights_host) s += " (" + format_bytes(weights_device) + " on the GPU, " + format_bytes(weights_host) +
                         " in system memory read over the bus: slower)";
  s += ", KV cache " + format_bytes(kv_cache) + " for " + std::to_string(n_ctx) + " tokens, scratch " +
       format_bytes(scratch) + "; total " + format_bytes(weights + kv_cache + scratch) + " of a " +
       format_bytes(budget) + " device budget";
  return s;
}

}  // namespace veloce::vk
