#include "inference/vulkan/fused_ops.h"

#include <string>

#include "inference/model/session.h"
#include "inference/vulkan/kernel_params.h"

namespace veloce::vk {

void add_rms_norm(Recorder& r, Pipelines& p, const BufferRange& h, const BufferRange& delta, const GpuTensor& weight,
                  const BufferRange& y, uint32_t n, uint32_t n_rows, float eps) {
  if (weight.type != GgmlType::F32 || weight.parts.size() != 1 || weight.ncols != n)
    throw EngineError("internal error: norm weight must be one f32 row of " + std::to_string(n));
  r.dispatch(p.get("add_rms_norm", 4), {h, delta, weight.parts[0].range, y}, RmsNormParams{n, n_rows, eps}, n_rows);
}

void rope_kv_write(Recorder& r, Pipelines& p, const Device& device, const BufferRange& qkv, const BufferRange& k_cache,
                   const BufferRange& v_cache, const BufferRange& step, const RopeKvParams& params, KvType kv) {
  // K and V values per invocation: a pair for f16, two q8_0 blocks of 32 (whole words) for q8_0.
  const uint32_t per_invocation = kv == KvType::Q8_0 ? 64 : 2;
  if (params.n_rot % 2 || params.n_rot > params.head_dim || params.n_embd_kv % per_invocation || params.head_dim % 2)
    throw EngineError("internal error: rope_kv_write shape not supported");
  const uint64_t invocations =
      uint64_t{params.n_tokens} * (params.n_head * (params.n_rot / 2) + params.n_embd_kv / per_invocation);
  const Groups2D g = split_groups(device, (invocations + 63) / 64);
  const Pipeline& pipeline = p.get(kv == KvType::Q8_0 ? "rope_kv_write_q8" : "rope_kv_write", 4);
  r.dispatch(pipeline, {qkv, k_cache, v_cache, step}, params, g.x, g.y);
}

}  // namespace veloce::vk
