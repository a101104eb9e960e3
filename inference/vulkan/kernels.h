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

// Mat-vec kernel families (decode). Chosen per device at construction, see choose_matvec().
enum class MatvecVariant {
  Baseline,   // matvec.comp: 32 invocations, shared-memory reduction; needs only Vulkan 1.1
  Subgroup,   // matvec.comp -DSUBGROUP: one subgroup per workgroup, subgroupAdd, any type
  Dedicated,  // Subgroup plus per-type kernels (matvec_sg_q4_k.comp, matvec_sg_q6_k.comp) where they exist
};
const char* matvec_variant_name(MatvecVariant v);

class Kernels {
 public:
  Kernels(const Device& device, Pipelines& pipelines);
  // Whether weights for this device should hold Q6_K mat-vec tensors in the packed layout of
  // q6k_pack.h: CPU devices with the dedicated kernels (VELOCE_VK_Q6K_PACK=0 turns it off, to
  // compare). A packed tensor is always read by the packed dedicated kernel, whatever the variant.
  static bool packs_q6k(const DeviceInfo& info);
  MatvecVariant matvec_variant() const { return matvec_variant_; }
  // For the kernel tests and benchmarks; Subgroup and Dedicated need subgroup arithmetic.
  void set_matvec_variant(MatvecVariant v);
  // Dedicated kernels read x through a uniform buffer when it fits (on by default); off, through
  // a storage buffer as for long rows. For the kernel tests and benchmarks.
  void set_uniform_x(bool on) { uniform_x_ = on; }

  // y[y_offset + r] = W[r] . x[x_offset ..], all rows of W.
  void matvec(Recorder& r, const GpuTensor& w, const BufferRange& x, uint32_t x_offset, const BufferRange& y,
              uint32_t y_offset = 0);
  // y[t * y_stride + row] = W[row] . x[t * ncols ..] for t < n_tokens (W not packed).
  void matmul(Recorder& r, const GpuTensor& w, const BufferRange& x, uint32_t n_tokens, const BufferRange& y,
              uint32_t y_stride);
  // matvec per token for fewer than matmul_min_tokens() tokens (always for packed W), matmul for more.
  static constexpr uint32_t kMatmulMinTokens = 8;
  uint32_t matmul_min_tokens() const { return matmul_min_tokens_; }
  void project(Recorder& r, const GpuTensor& w, const BufferRange& x, uint32_t n_tokens, const BufferRange& y,
               uint32_t y_stride);
  // y[i] = row ids[i] of W as fp32 (W not packed).
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
  MatvecVariant matvec_variant_ = MatvecVariant::Baseline;
  uint32_t matmul_min_tokens_ = kMatmulMinTokens;
  bool uniform_x_ = true;
};

}  // namespace veloce::vk
