#pragma once
// Fused forward-pass steps that save a dispatch and a barrier each per layer:
// add_rms_norm (shaders/add_rms_norm.comp): h += delta, then y = rms_norm(h) * weight;
// rope_kv_write (shaders/rope_kv_write.comp): RoPE on the query heads in place, and the rotated
// keys and the values into the layer's KV cache, f16 or q8_0.
#include <cstdint>

#include "inference/model/kv_type.h"
#include "inference/vulkan/pipelines.h"
#include "inference/vulkan/recorder.h"
#include "inference/vulkan/weight_arena.h"

namespace veloce::vk {

struct RopeKvParams {  // push constants of rope_kv_write.comp
  uint32_t n_tokens, row_stride, n_head, head_dim, n_rot;
  float freq_base;
  uint32_t k_offset, v_offset, n_embd_kv;
};
static_assert(sizeof(RopeKvParams) == 36);

void add_rms_norm(Recorder& r, Pipelines& p, const BufferRange& h, const BufferRange& delta, const GpuTensor& weight,
                  const BufferRange& y, uint32_t n, uint32_t n_rows, float eps);
void rope_kv_write(Recorder& r, Pipelines& p, const Device& device, const BufferRange& qkv, const BufferRange& k_cache,
                   const BufferRange& v_cache, const BufferRange& step, const RopeKvParams& params, KvType kv = KvType::F16);

}  // namespace veloce::vk
