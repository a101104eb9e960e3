#pragma once
// Records each operation of the forward pass as one or more checked dispatches. Weight kernels
// dispatch once per part of a split tensor. Used by the session and by the kernel tests.
#include <cstdint>

#include "inference/vulkan/kernel_params.h"
#include "inference/vulkan/pipelines.h"
#include "inference/vulkan/recorder.h"
#include "inference/vulkan/weight_arena.h"

namespace veloce::vk {

std::string weight_pipeline_name(const char* op, GgmlType type);

class Kernels {
 public:
  Kernels(const Device& device, Pipelines& pipelines) : device_(device), pipelines_(pipelines) {}

  // y[y_offset + r] = W[r] . x[x_offset ..], all rows of W.
  void matvec(Recorder& r, const GpuTensor& w, const BufferRange& x, uint32_t x_offset, const BufferRange& y,
              uint32_t y_offset = 0);
  // y[t * y_stride + row] = W[row] . x[t * ncols ..] for t < n_tokens.
  void matmul(Recorder& r, const GpuTensor& w, const BufferRange& x, uint32_t n_tokens, const BufferRange& y,
              uint32_t y_stride);
  // matvec per token for fewer than kMatmulMinTokens tokens, matmul for more.
  static constexpr uint32_t kMatmulMinTokens = 8;
  void project(Recorder& r, const GpuTensor& w, const BufferRange& x, uint32_t n_tokens, const BufferRange& y,
               uint32_t y_stride);
  // y[i] = row ids[i] of W as fp32.
  void get_rows(Recorder& r, const GpuTensor& w, const BufferRange& ids, uint32_t n_ids, const BufferRange& y);
  void rms_norm(Recorder& r, const BufferRange& x, const GpuTensor& weight, const BufferRange& y, uint32_t n,
                uint32_t n_rows, float eps);
  void rope_neox(Recorder& r, const BufferRange& qkv, const BufferRange& step, const RopeParams& p);
  void kv_write(Recorder& r, const BufferRange& qkv, const BufferRange& k_cache, const BufferRange& v_cache,
                const BufferRange& step, const KvWriteParams& p);
  // Attention of n_tokens queries (Q at the start of each qkv row) over cache positions up to
  // n_past + t, split over the context into p.n_splits splits of p.chunk positions.
  void attention(Recorder& r, const BufferRange& qkv, const BufferRange& k_cache, const BufferRange& v_cache,
                 const BufferRange& step, const BufferRange& partial, const BufferRange& out,
                 const AttentionParams& p);
  void swiglu(Recorder& r, const BufferRange& gate_up, const BufferRange& out, uint32_t n_ff, uint32_t n_tokens);
  void add(Recorder& r, const BufferRange& a, const BufferRange& b, uint32_t n);
  void copy(Recorder& r, const BufferRange& src, const BufferRange& dst, uint32_t n_words16);

 private:
  Groups2D groups_for(uint64_t invocations, uint32_t per_group) const;
  const Device& device_;
  Pipelines& pipelines_;
};

}  // namespace veloce::vk
