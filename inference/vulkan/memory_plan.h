#pragma once
// What a model needs on the GPU before anything is allocated: weights, the KV cache of the
// chosen context and the scratch buffers, against the device-local budget. Printed to the user
// and turned into an EngineError (with the sizes and a suggestion) when it cannot fit.
#include <cstdint>
#include <string>

#include "inference/model/model_config.h"
#include "inference/vulkan/weight_arena.h"

namespace veloce::vk {

constexpr uint32_t kMaxBatch = 128;  // tokens per prompt submission (bounded: no multi-second jobs)

struct ScratchSizes {
  uint64_t hidden = 0, qkv = 0, gate_up = 0, ffn = 0, partial = 0, logits = 0;
  uint32_t decode_splits = 0;       // attention splits of the replayed decode step
  uint32_t prompt_max_splits = 0;   // at most this many splits for a prompt batch
  uint64_t total() const { return 4 * hidden + qkv + gate_up + ffn + partial + logits; }
};
ScratchSizes scratch_sizes(const ModelConfig& c, uint32_t n_ctx);

uint64_t kv_cache_bytes(const ModelConfig& c, uint32_t n_ctx);

struct MemoryPlan {
  uint64_t weights = 0, weights_device = 0, weights_host = 0;
  uint64_t kv_cache = 0, scratch = 0;
  uint64_t budget = 0;
  uint32_t n_ctx = 0;
  std::string describe(const std::string& device_name) const;
};

std::string format_bytes(uint64_t bytes);

}  // namespace veloce::vk
