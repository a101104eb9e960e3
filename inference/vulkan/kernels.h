#pragma once
// Records each operation of the forward pass as one or more checked dispatches. Weight kernels
// dispatch once per part of a split tensor. Used by the session and by the kernel tests.
#include <cstdint>
#include <optional>
#include <string>

#include "inference/model/kv_type.h"
#include "inference/vulkan/kernel_key.h"
#include "inference/vulkan/kernel_params.h"
#include "inference/vulkan/pipelines.h"
#include "inference/vulkan/recorder.h"
#include "inference/vulkan/weight_arena.h"

namespace veloce::vk {

// Geometry of the GPU mat-vec family (matvec_gpu.comp's specialization constants), from a small
// per-vendor table (kernels.cpp). The shader reads the same values the host counts workgroups with.
struct GpuGeometry {
  uint32_t workgroup = 64;  // invocations per workgroup (one or more subgroups)
  uint32_t rows = 2;        // weight rows per workgroup
  uint32_t subgroup = 0;    // subgroup size the pipelines pin (0: the driver's choice)
};
GpuGeometry gpu_geometry(const DeviceInfo& info);

// The mat-vec family a device gets: VELOCE_VK_KERNELS=gpu|cpu|baseline forces one (where the
// device has what it needs); by default CPU devices with subgroup arithmetic (lavapipe) keep the
// CPU-tuned dedicated kernels, GPUs with 16/8-bit storage and subgroup arithmetic get the GPU
// family, and every other device the portable baseline.
MatvecVariant choose_matvec(const DeviceInfo& info);
// The subgroup size the chosen family runs with (pinned or the device's), for `veloce-cli devices`.
uint32_t matvec_subgroup_size(const DeviceInfo& info);
bool has_gpu_kernels(const DeviceInfo& info);
// The subgroup and dedicated families: subgroup arithmetic, and workgroups of one whole subgroup
// (a CPU device, or a pinned subgroup size).
bool has_subgroup_kernels(const DeviceInfo& info);

// Attention kernels: Grouped (attention_grouped.comp: one workgroup per KV head serves all its
// query heads and a tile of tokens, keys and values staged in shared memory) where the shape fits
// it, Split (attention.comp: one workgroup per query head) otherwise or when VELOCE_VK_ATTENTION=split.
enum class AttentionVariant : uint8_t { Grouped, Split };
AttentionVariant choose_attention();
const char* attention_variant_name(AttentionVariant v);
// The int8 prompt matmul (matmul_int8.comp in place of matmul_large.comp's fp32 tile, for
// quantized weights): by default where the driver says packed 8-bit dot products are accelerated
// and the device runs the GPU family; VELOCE_VK_INT8_MATMUL=1 asks for it wherever the device has
// integer dot products at all (lavapipe, for the tests), 0 turns it off, anything else is an
// error (int8_matmul_override throws it).
std::optional<bool> int8_matmul_override();
bool choose_int8_matmul(const DeviceInfo& info);
// fp16 weight tiles in matmul_large.comp (MatmulLargeHalf): by default on devices with
// shaderFloat16 that run the GPU family and are not CPUs (lavapipe runs batches as mat-vecs);
// VELOCE_VK_HALF_TILES=1 asks for them wherever the device has fp16, 0 turns them off. Where the
// int8 matmul is on, only the float weight types (which it does not take) reach this tile.
bool choose_half_tiles(const DeviceInfo& info);
// Throws the EngineError of a bad VELOCE_VK_INT8_MATMUL, VELOCE_VK_HALF_TILES or
// VELOCE_VK_COOPMAT, for commands that report settings before any device runs a kernel.
void check_prompt_kernel_settings();
// The token counts from which batches take the 64 x 64 tile (UINT32_MAX: never, mat-vecs) and the
// 128 x 128 one (0: never) for a mat-vec family on a device (Kernels::matmul_min_tokens).
struct ProductThresholds {
  uint32_t matmul_min_tokens;
  uint32_t large_matmul_min_tokens;
};
ProductThresholds product_thresholds(const DeviceInfo& info, MatvecVariant family);
// What prompt batches run on this device, for `veloce-cli devices`: "mat-vecs" (CPU devices), or
// "fp32 64x64 from 9 tokens, int8 128x128 from 96" and the like.
std::string prompt_matmul_name(const DeviceInfo& info);

// Whether attention_grouped.comp takes this shape (its MAX_HD and MAX_ROWS).
bool grouped_attention_fits(uint32_t head_dim, uint32_t n_head, uint32_t n_head_kv);
// Tokens per workgroup of attention_grouped.comp: its MAX_ROWS query rows over the group's heads.
uint32_t grouped_attention_tokens(uint32_t n_head, uint32_t n_head_kv);

class Kernels {
 public:
  Kernels(const Device& device, Pipelines& pipelines);
  // Whether weights for this device should hold Q6_K mat-vec tensors in the packed layout of
  // q6k_pack.h: CPU devices with the dedicated kernels (VELOCE_VK_Q6K_PACK=0 turns it off, to
  // compare). A packed tensor is always read by the packed dedicated kernel, whatever the variant.
  static bool packs_q6k(const DeviceInfo& info);
  MatvecVariant matvec_variant() const { return matvec_variant_; }
  // For the kernel tests and benchmarks; Subgroup and Dedicated need subgroup arithmetic, Gpu
  // also 16/8-bit storage.
  void set_matvec_variant(MatvecVariant v);
  const GpuGeometry& gpu_geometry() const { return gpu_; }
  // For the kernel tests: other workgroup sizes, row counts and pinned subgroup sizes.
  void set_gpu_geometry(const GpuGeometry& g);
  // Dedicated kernels read x through a uniform buffer when it fits (on by default); off, through
  // a storage buffer as for long rows. For the kernel tests and benchmarks.
  void set_uniform_x(bool on) { uniform_x_ = on; }
  // The int8 matmul in place of the 128 x 128 fp32 tile for quantized weights (choose_int8_matmul);
  // turning it on needs integer dot products. For the kernel tests and benchmarks.
  bool int8_matmul() const { return int8_matmul_; }
  void set_int8_matmul(bool on);
  // fp16 weight tiles in the 128 x 128 tile (choose_half_tiles); turning them on needs
  // shaderFloat16. For the kernel tests and benchmarks.
  bool half_tiles() const { return half_tiles_; }
  void set_half_tiles(bool on);
  // matmul_coopmat.comp's 64 x 64 tile on matrix units in place of either 128 x 128 one, where
  // the device was created with it (Device::coopmat: VELOCE_VK_COOPMAT=1 on an NVIDIA GPU) and the
  // rows are 32-value multiples. Turning it on elsewhere throws. For the kernel tests.
  bool coopmat() const { return coopmat_; }
  void set_coopmat(bool on);
  AttentionVariant attention_variant() const { return attention_variant_; }
  void set_attention_variant(AttentionVariant v) { attention_variant_ = v; }

  // y[y_offset + r] = W[r] . x[x_offset ..], all rows of W.
  void matvec(Recorder& r, const GpuTensor& w, const BufferRange& x, uint32_t x_offset, const BufferRange& y,
              uint32_t y_offset = 0);
  // y[t * y_stride + row] = W[row] . x[t * ncols ..] for t < n_tokens (W not packed).
  void matmul(Recorder& r, const GpuTensor& w, const BufferRange& x, uint32_t n_tokens, const BufferRange& y,
              uint32_t y_stride);
  // y[y_offset + t * y_stride + r] = W[r] . x[x_offset + t * x_stride ..] for t < n_tokens <=
  // kMaxBatchTokens, one read of W (GPU family, W not packed).
  static constexpr uint32_t kMaxBatchTokens = 8;
  void matvec_batch(Recorder& r, const GpuTensor& w, const BufferRange& x, uint32_t x_offset, uint32_t x_stride,
                    uint32_t n_tokens, const BufferRange& y, uint32_t y_offset, uint32_t y_stride);
  // From large_matmul_min_tokens() tokens on (GPU family only; 0: never), matmul() takes
  // matmul_large.comp's 128 x 128 tiles (fp16 ones where half_tiles() is on; matmul_int8.comp's,
  // where int8_matmul() is on and the type is quantized) instead of matmul.comp's 64 x 64; below that the larger tile would
  // leave most of itself empty. VELOCE_VK_LARGE_MATMUL_MIN_TOKENS overrides (0: off).
  static constexpr uint32_t kLargeMatmulMinTokens = 96;
  uint32_t large_matmul_min_tokens() const { return large_matmul_min_tokens_; }
  void set_large_matmul_min_tokens(uint32_t n) { large_matmul_min_tokens_ = n; }  // for the kernel tests
  // Fewer than matmul_min_tokens() tokens (always for packed W) as mat-vecs: the GPU family takes
  // up to kMaxBatchTokens per read of W, the others one token per mat-vec; matmul for more.
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
                const BufferRange& step, const KvWriteParams& p, KvType kv = KvType::F16);
  // Attention of n_tokens queries (Q at the start of each qkv row) over cache positions up to
  // n_past + t, split over the context into p.n_splits splits of p.chunk positions. The grouped
  // kernel where attention_variant() is Grouped and the shape fits it, else the split one.
  void attention(Recorder& r, const BufferRange& qkv, const BufferRange& k_cache, const BufferRange& v_cache,
                 const BufferRange& step, const BufferRange& partial, const BufferRange& out, const AttentionParams& p,
                 KvType kv = KvType::F16);
  void swiglu(Recorder& r, const BufferRange& gate_up, const BufferRange& out, uint32_t n_ff, uint32_t n_tokens);
  void add(Recorder& r, const BufferRange& a, const BufferRange& b, uint32_t n);
  void copy(Recorder& r, const BufferRange& src, const BufferRange& dst, uint32_t n_words16);

 private:
  Groups2D groups_for(uint64_t invocations, uint32_t per_group) const;
  void apply_product_thresholds();
  const Device& device_;
  Pipelines& pipelines_;
  MatvecVariant matvec_variant_ = MatvecVariant::Baseline;
  GpuGeometry gpu_;
  uint32_t matmul_min_tokens_ = kMatmulMinTokens;
  uint32_t large_matmul_min_tokens_ = 0;
  bool uniform_x_ = true;
  bool int8_matmul_ = false;
  bool half_tiles_ = false;
  bool coopmat_ = false;
  AttentionVariant attention_variant_ = choose_attention();
};

}  // namespace veloce::vk
