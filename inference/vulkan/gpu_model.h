#pragma once
// A model resident on a Vulkan device: weights in the arena, the pipelines and the memory plan.
// Shared (read-only) by the engine and all its sessions.
#include <memory>
#include <vector>

#include "inference/generation/engine_factory.h"
#include "inference/model/model.h"
#include "inference/vulkan/device.h"
#include "inference/vulkan/kernels.h"
#include "inference/vulkan/memory_plan.h"
#include "inference/vulkan/pipelines.h"
#include "inference/vulkan/weight_arena.h"

namespace veloce::vk {

struct GpuLayer {
  const GpuTensor* attn_norm;    // (n_embd) f32
  const GpuTensor* attn_qkv;     // (n_embd, n_embd + 2 n_embd_kv): rows Q | K | V
  const GpuTensor* attn_output;  // (n_embd, n_embd)
  const GpuTensor* ffn_norm;     // (n_embd) f32
  const GpuTensor* ffn_up;       // (n_embd, 2 n_ff): rows gate | up
  const GpuTensor* ffn_down;     // (n_ff, n_embd)
};

struct GpuModel {
  std::shared_ptr<const Model> model;
  std::shared_ptr<Device> device;
  std::unique_ptr<Pipelines> pipelines;
  std::unique_ptr<WeightArena> arena;
  const GpuTensor* token_embd = nullptr;   // (n_embd, n_vocab)
  const GpuTensor* output_norm = nullptr;  // (n_embd) f32
  const GpuTensor* output = nullptr;       // (n_embd, n_vocab)
  std::vector<GpuLayer> layers;
  MemoryPlan plan;
  uint32_t planned_ctx = 0;
  KvType kv_type = KvType::F16;  // every session's KV cache (the plan counted it)
  SubmissionBudget submissions;  // how many prompt tokens one submission takes

  // Loads the model onto the device chosen by options; throws EngineError.
  static std::shared_ptr<GpuModel> load(std::shared_ptr<const Model> model, const EngineOptions& options);
  ~GpuModel();
};

}  // namespace veloce::vk
