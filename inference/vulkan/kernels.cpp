#include "inference/vulkan/kernels.h"

#include <algorithm>
#include <cstdlib>
#include <string>

#include "inference/model/session.h"
#include "inference/vulkan/coopmat_choice.h"
#include "inference/vulkan/env_switch.h"

namespace veloce::vk {

namespace {

// Rows per workgroup of the older families, passed to their shaders as specialization constant 2.
constexpr uint32_t kBaselineRows = 4;   // matvec.comp (measured on lavapipe: docs/vulkan-kernels.md)
constexpr uint32_t kDedicatedRows = 8;  // matvec_sg_q4_k.comp, matvec_sg_q6_k.comp

// GPU family geometry per vendor (PCI vendor id). Subgroup sizes are each vendor's native width
// (NVIDIA warps and Apple SIMD groups of 32, AMD wave64, Intel SIMD16); two rows per workgroup as
// llama.cpp's Vulkan mat-vec uses for K-quants, so a 64-invocation workgroup reads four 16-value
// groups of a superblock per row and round. Not yet measured on any GPU (docs/vulkan-kernels.md):
// the table is where a measurement would change them.
struct VendorGeometry {
  uint32_t vendor_id;
  GpuGeometry geometry;
};
constexpr VendorGeometry kVendorGeometry[] = {
    {0x10DE, {64, 2, 32}},  // NVIDIA
    {0x1002, {64, 2, 64}},  // AMD
    {0x8086, {64, 2, 16}},  // Intel
    {0x106B, {64, 2, 32}},  // Apple
};
constexpr GpuGeometry kOtherGeometry{64, 2, 0};  // anything else: the driver's subgroup size

bool can_pin(const DeviceInfo& info, uint32_t subgroup, uint32_t workgroup) {
  return info.subgroup_size_control && subgroup >= info.min_subgroup_size && subgroup <= info.max_subgroup_size &&
         subgroup && workgroup % subgroup == 0;
}

// The subgroup and dedicated mat-vecs reduce a workgroup of subgroup_size invocations with one
// subgroupAdd: right only when the workgroup is one whole subgroup. A driver may split a workgroup
// into smaller subgroups (Intel's may compile SIMD8 or 16 where it reports 32), so those
// pipelines pin the size with full subgroups wherever the device can; a CPU device (lavapipe)
// runs such a workgroup as one SIMD thread of that width anyway.
bool subgroup_is_workgroup(const DeviceInfo& info) {
  return info.kind == DeviceKind::Cpu || can_pin(info, info.subgroup_size, info.subgroup_size);
}

}  // namespace

bool has_subgroup_kernels(const DeviceInfo& info) {
  return info.subgroup_arithmetic && info.subgroup_size >= 4 && subgroup_is_workgroup(info);
}

bool has_gpu_kernels(const DeviceInfo& info) {
  return info.storage_16bit && info.storage_8bit && info.subgroup_arithmetic && info.subgroup_size >= 1;
}

GpuGeometry gpu_geometry(const DeviceInfo& info) {
  GpuGeometry g = kOtherGeometry;
  for (const VendorGeometry& v : kVendorGeometry)
    if (v.vendor_id == info.vendor_id) g = v.geometry;
  // A CPU device (lavapipe, when the family is forced) runs a barrier as coroutines: one subgroup
  // per workgroup skips the shared-memory step (the kernel tests cover both).
  if (info.kind == DeviceKind::Cpu && info.subgroup_size) g = {info.subgroup_size, 4, info.subgroup_size};
  // Without size control the kernel still reduces correctly (through shared memory).
  if (g.subgroup && !can_pin(info, g.subgroup, g.workgroup)) g.subgroup = 0;
  return g;
}

// On a CPU device (lavapipe) a workgroup runs on one CPU thread as SIMD code of subgroup width, and a
// barrier makes it a set of coroutines: one-subgroup workgroups reduced with subgroupAdd and
// per-type unpacking are 3-5x faster there (docs/vulkan-kernels.md), so CPU devices keep them.
MatvecVariant choose_matvec(const DeviceInfo& info) {
  const bool sg = has_subgroup_kernels(info), gpu = has_gpu_kernels(info);
  if (const char* e = std::getenv("VELOCE_VK_KERNELS"); e && *e) {
    const std::string v = e;
    if (v == "gpu") return gpu ? MatvecVariant::Gpu : MatvecVariant::Baseline;
    if (v == "cpu") return sg ? MatvecVariant::Dedicated : MatvecVariant::Baseline;
    if (v == "subgroup") return sg ? MatvecVariant::Subgroup : MatvecVariant::Baseline;
    if (v == "baseline") return MatvecVariant::Baseline;
    throw EngineError("VELOCE_VK_KERNELS must be gpu, cpu, subgroup or baseline, not '" + v + "'");
  }
  if (info.kind == DeviceKind::Cpu) return sg ? MatvecVariant::Dedicated : MatvecVariant::Baseline;
  return gpu ? MatvecVariant::Gpu : MatvecVariant::Baseline;
}

uint32_t matvec_subgroup_size(const DeviceInfo& info) {
  if (choose_matvec(info) == MatvecVariant::Gpu) {
    const GpuGeometry g = gpu_geometry(info);
    if (g.subgroup) return g.subgroup;
  }
  return info.subgroup_size;
}

bool Kernels::packs_q6k(const DeviceInfo& info) {
  const char* e = std::getenv("VELOCE_VK_Q6K_PACK");
  if (e && std::string(e) == "0") return false;
  return choose_matvec(info) == MatvecVariant::Dedicated;
}

Kernels::Kernels(const Device& device, Pipelines& pipelines)
    : device_(device), pipelines_(pipelines), matvec_variant_(choose_matvec(device.info())),
      gpu_(vk::gpu_geometry(device.info())), int8_matmul_(choose_int8_matmul(device.info())),
      half_tiles_(choose_half_tiles(device.info())), coopmat_(device.coopmat()) {
  apply_product_thresholds();
}

// The token counts where batches switch product for a mat-vec family on a device.
ProductThresholds product_thresholds(const DeviceInfo& info, MatvecVariant family) {
  ProductThresholds t{Kernels::kMatmulMinTokens, 0};
  // With the dedicated mat-vec a CPU device runs 64 tokens as 64 mat-vecs 3.9x faster than as one
  // full 64-token matmul tile (docs/vulkan-kernels.md), the tile's best case: it never pays there,
  // nor (unmeasured, by the same reasoning) for the GPU family's batches on a CPU device. GPUs
  // with the GPU family batch up to kMaxBatchTokens per read of the weights, the tile beyond.
  // VELOCE_VK_MATMUL_MIN_TOKENS overrides the switch-over, to measure it.
  if (family == MatvecVariant::Dedicated || (family == MatvecVariant::Gpu && info.kind == DeviceKind::Cpu))
    t.matmul_min_tokens = UINT32_MAX;
  else if (family == MatvecVariant::Gpu) t.matmul_min_tokens = Kernels::kMaxBatchTokens + 1;
  if (const char* e = std::getenv("VELOCE_VK_MATMUL_MIN_TOKENS"))
    t.matmul_min_tokens = static_cast<uint32_t>(std::max(1L, std::strtol(e, nullptr, 10)));
  // The 128 x 128 tile: GPUs only (a CPU device runs batches as mat-vecs anyway).
  if (family == MatvecVariant::Gpu && info.kind != DeviceKind::Cpu)
    t.large_matmul_min_tokens = Kernels::kLargeMatmulMinTokens;
  if (const char* e = std::getenv("VELOCE_VK_LARGE_MATMUL_MIN_TOKENS"))
    t.large_matmul_min_tokens = static_cast<uint32_t>(std::max(0L, std::strtol(e, nullptr, 10)));
  return t;
}

// Recomputed when a test or benchmark sets another family, so that the thresholds always match
// the family in use.
void Kernels::apply_product_thresholds() {
  const ProductThresholds t = product_thresholds(device_.info(), matvec_variant_);
  matmul_min_tokens_ = t.matmul_min_tokens;
  large_matmul_min_tokens_ = t.large_matmul_min_tokens;
}

void Kernels::set_matvec_variant(MatvecVariant v) {
  if ((v == MatvecVariant::Subgroup || v == MatvecVariant::Dedicated) && !has_subgroup_kernels(device_.info()))
    throw EngineError("internal error: the subgroup mat-vec needs subgroup arithmetic and workgroups of one whole subgroup");
  if (v == MatvecVariant::Gpu && !has_gpu_kernels(device_.info()))
    throw EngineError("internal error: the device lacks 16/8-bit storage for the GPU mat-vec");
  matvec_variant_ = v;
  apply_product_thresholds();
}

std::optional<bool> int8_matmul_override() { return env_switch("VELOCE_VK_INT8_MATMUL"); }

bool choose_int8_matmul(const DeviceInfo& info) {
  if (const auto forced = int8_matmul_override()) return *forced && info.integer_dot_product;
  // Unmeasured on a GPU so far: the driver's word that the dot products are fast, and the tile
  // that GPUs run long batches on. lavapipe reports them as not accelerated (LLVM spells them out).
  return info.integer_dot_accelerated && info.kind != DeviceKind::Cpu && choose_matvec(info) == MatvecVariant::Gpu;
}

static std::optional<bool> half_tiles_override() { return env_switch("VELOCE_VK_HALF_TILES"); }

void check_prompt_kernel_settings() {
  int8_matmul_override();
  half_tiles_override();
  coopmat_override();
}

bool choose_half_tiles(const DeviceInfo& info) {
  if (const auto forced = half_tiles_override()) return *forced && info.shader_float16;
  // Half the shared-memory traffic of the weight tile and a second stage (GPU.md's habits); not
  // yet measured on a GPU, and CPU devices never run the tile.
  return info.shader_float16 && info.kind != DeviceKind::Cpu && choose_matvec(info) == MatvecVariant::Gpu;
}

std::string prompt_matmul_name(const DeviceInfo& info) {
  const ProductThresholds t = product_thresholds(info, choose_matvec(info));
  if (t.matmul_min_tokens == UINT32_MAX) return "mat-vecs";
  std::string name = "fp32 64x64 from " + std::to_string(t.matmul_min_tokens) + " tokens";
  if (t.large_matmul_min_tokens)
    name += std::string(choose_coopmat(info)       ? ", coopmat 64x64"
                        : choose_int8_matmul(info) ? ", int8 128x128"
                        : choose_half_tiles(info)  ? ", fp16-tile 128x128"
                                                   : ", fp32 128x128") +
            " from " + std::to_string(t.large_matmul_min_tokens);
  return name;
}

void Kernels::set_int8_matmul(bool on) {
  if (on && !device_.info().integer_dot_product)
    throw EngineError("internal error: the device has no integer dot products for the int8 matmul");
  int8_matmul_ = on;
}

void Kernels::set_half_tiles(bool on) {
  if (on && !device_.info().shader_float16)
    throw EngineError("internal error: the device has no fp16 arithmetic for fp16 matmul tiles");
  half_tiles_ = on;
}

void Kernels::set_coopmat(bool on) {
  if (on && !device_.coopmat())
    throw EngineError("internal error: the device was not created with cooperative matrices (VELOCE_VK_COOPMAT=1)");
  coopmat_ = on;
}

void Kernels::set_gpu_geometry(const GpuGeometry& g) {
  if (g.workgroup == 0 || g.workgroup > 256 || g.rows == 0 || g.rows > 8 ||
      (g.subgroup && !can_pin(device_.info(), g.subgroup, g.workgroup)))
    throw EngineError("internal error: GPU mat-vec geometry not supported by the device");
  gpu_ = g;
}

Groups2D Kernels::groups_for(uint64_t invocations, uint32_t per_group) const {
  return split_groups(device_, (invocations + per_group - 1) / per_group);
}

void Kernels::matvec(Recorder& r, const GpuTensor& w, const BufferRange& x, uint32_t x_offset, const BufferRange& y,
                     uint32_t y_offset) {
  if (x_offset % 4 || w.ncols % 16) throw EngineError("internal error: matvec input must start at a multiple of 4 floats");
  if (matvec_variant_ == MatvecVariant::Gpu && !w.packed) {
    matvec_batch(r, w, x, x_offset, 0, 1, y, y_offset, 0);
    return;
  }
  KernelKey key{WeightOp::Matvec, w.type, MatvecVariant::Baseline};
  uint32_t width = 32, rows_per_group = kBaselineRows, uniform_mask = 0, x_vec4 = 1;
  BufferRange xr = x;
  if (w.packed) {
    // Only the packed kernel reads the packed layout (the arena packs only where it exists).
    if (w.type != GgmlType::Q6_K || !has_subgroup_kernels(device_.info()))
      throw EngineError("internal error: packed weights need the packed Q6_K subgroup kernel");
    key.variant = MatvecVariant::Dedicated;
    key.layout = WeightLayout::PackedQ6K;
  } else if (matvec_variant_ != MatvecVariant::Baseline) {
    key.variant = MatvecVariant::Subgroup;
    // The dedicated kernels read weights as uvec4: every part must start and end on 16 bytes (the
    // weight arena pads parts so; the generic subgroup kernel serves any other binding).
    KernelKey dedicated = key;
    dedicated.variant = MatvecVariant::Dedicated;
    bool aligned = true;
    for (const TensorPart& part : w.parts) aligned = aligned && part.range.offset % 16 == 0 && part.range.range % 16 == 0;
    if (matvec_variant_ == MatvecVariant::Dedicated && aligned && Pipelines::exists(dedicated)) key = dedicated;
  }
  if (key.variant != MatvecVariant::Baseline) width = device_.info().subgroup_size;
  if (key.variant == MatvecVariant::Dedicated) {
    rows_per_group = kDedicatedRows;
    // x as a uniform buffer when the row fits one (lavapipe: 64 KiB, K <= 16384): binding just
    // the row, so the kernel reads it from offset 0.
    const DeviceLimits& lim = device_.limits();
    const uint64_t x_bytes = uint64_t{w.ncols} * 4, x_start = x.offset + uint64_t{x_offset} * 4;
    if (uniform_x_ && x_bytes <= lim.max_uniform_range && x_start % lim.uniform_offset_alignment == 0 &&
        x_start + x_bytes <= x.offset + x.range) {
      key.x = XBinding::Uniform;
      uniform_mask = 1u << 1;
      x_vec4 = w.ncols / 4;
      xr = BufferRange{x.buffer, x_start, x_bytes};
      x_offset = 0;
    }
  }
  PipelineOptions options;
  options.spec = {width, x_vec4, rows_per_group};  // constants 0, 1, 2 of matvec.comp / matvec_sg.glsl
  if (key.variant != MatvecVariant::Baseline && can_pin(device_.info(), width, width))
    options.required_subgroup_size = width;  // one workgroup, one subgroup (subgroup_is_workgroup)
  options.uniform_mask = uniform_mask;
  const Pipeline& p = pipelines_.get(key, 3, options);
  for (const TensorPart& part : w.parts) {
    MatvecParams pc{w.ncols, part.rows, w.row_bytes, x_offset, y_offset + part.row_begin};
    const Groups2D g = split_groups(device_, (part.rows + rows_per_group - 1) / rows_per_group);
    // It writes only this part's rows of y: a token's (or part's) mat-vec needs no barrier
    // against another's (recorder.h).
    r.narrow_write(2, y.offset + (uint64_t{y_offset} + part.row_begin) * 4, uint64_t{part.rows} * 4);
    r.dispatch(p, {part.range, xr, y}, pc, g.x, g.y);
  }
}

void Kernels::matvec_batch(Recorder& r, const GpuTensor& w, const BufferRange& x, uint32_t x_offset, uint32_t x_stride,
                           uint32_t n_tokens, const BufferRange& y, uint32_t y_offset, uint32_t y_stride) {
  if (w.packed || n_tokens == 0 || n_tokens > kMaxBatchTokens || x_offset % 4 || x_stride % 4 || w.ncols % 16 ||
      !has_gpu_kernels(device_.info()))
    throw EngineError("internal error: batched mat-vec arguments not supported");
  const GpuGeometry& g = gpu_;
  // A bound on the subgroups of a workgroup, which sizes the shader's shared memory: exact when
  // the size is pinned, else from the smallest size the driver may choose (1 when unknown).
  const uint32_t max_subgroups =
      g.subgroup ? g.workgroup / g.subgroup : g.workgroup / std::max(1u, device_.info().min_subgroup_size);
  PipelineOptions options;
  options.spec = {g.workgroup, g.rows, n_tokens, std::max(1u, max_subgroups)};  // matvec_gpu.comp's constants
  options.required_subgroup_size = g.subgroup;
  const Pipeline& p = pipelines_.get(KernelKey{WeightOp::Matvec, w.type, MatvecVariant::Gpu}, 3, options);
  for (const TensorPart& part : w.parts) {
    MatvecGpuParams pc{w.ncols, part.rows, w.row_bytes, x_offset, y_offset + part.row_begin, x_stride, y_stride};
    const Groups2D groups = split_groups(device_, (part.rows + g.rows - 1) / g.rows);
    r.dispatch(p, {part.range, x, y}, pc, groups.x, groups.y);
  }
}

void Kernels::matmul(Recorder& r, const GpuTensor& w, const BufferRange& x, uint32_t n_tokens, const BufferRange& y,
                     uint32_t y_stride) {
  if (w.packed) throw EngineError("internal error: the tiled matmul does not read packed weights");
  const bool large = large_matmul_min_tokens_ && n_tokens >= large_matmul_min_tokens_;
  WeightOp op = !large ? WeightOp::Matmul : half_tiles_ ? WeightOp::MatmulLargeHalf : WeightOp::MatmulLarge;
  // matmul_int8.comp's slice is 32 columns: rows of every quantized type are, but say so here.
  if (large && int8_matmul_ && w.ncols % 32 == 0 && Pipelines::exists(KernelKey{WeightOp::MatmulInt8, w.type}))
    op = WeightOp::MatmulInt8;
  if (large && coopmat_ && w.ncols % 32 == 0) op = WeightOp::MatmulCoopmat;
  const Pipeline& p = pipelines_.get(KernelKey{op, w.type}, 3);
  // TN = TT: 64 in matmul.comp and matmul_coopmat.comp, 128 in matmul_large.comp (both builds) and matmul_int8.comp.
  const uint32_t tile = op == WeightOp::Matmul || op == WeightOp::MatmulCoopmat ? 64 : 128;
  for (const TensorPart& part : w.parts) {
    MatmulParams pc{w.ncols, part.rows, w.row_bytes, n_tokens, w.ncols, y_stride, part.row_begin};
    r.dispatch(p, {part.range, x, y}, pc, (part.rows + tile - 1) / tile, (n_tokens + tile - 1) / tile);
  }
}

void Kernels::project(Recorder& r, const GpuTensor& w, const BufferRange& x, uint32_t n_tokens, const BufferRange& y,
                      uint32_t y_stride) {
  // The tiled product wastes most of its 64-token tile on a handful of tokens; below that a
  // mat-vec per token reads the weights a few more times but does far less arithmetic.
  if (matvec_variant_ == MatvecVariant::Gpu && !w.packed && n_tokens < matmul_min_tokens_) {
    for (uint32_t t = 0; t < n_tokens; t += kMaxBatchTokens)
      matvec_batch(r, w, x, t * w.ncols, w.ncols, std::min(kMaxBatchTokens, n_tokens - t), y, t * y_stride, y_stride);
  } else if (n_tokens < matmul_min_tokens_ || w.packed) {
    for (uint32_t t = 0; t < n_tokens; ++t) matvec(r, w, x, t * w.ncols, y, t * y_stride);
  } else {
    matmul(r, w, x, n_tokens, y, y_stride);
  }
}

void Kernels::get_rows(Recorder& r, const GpuTensor& w, const BufferRange& ids, uint32_t n_ids, const BufferRange& y) {
  if (w.packed) throw EngineError("internal error: get_rows does not read packed weights");
  const Pipeline& p = pipelines_.get(KernelKey{WeightOp::GetRows, w.type}, 3);
  for (const TensorPart& part : w.parts) {
    GetRowsParams pc{w.ncols, w.row_bytes, part.row_begin, part.rows, n_ids};
    const Groups2D g = split_groups(device_, n_ids);
    r.dispatch(p, {part.range, ids, y}, pc, g.x, g.y);
  }
}

void Kernels::rms_norm(Recorder& r, const BufferRange& x, const GpuTensor& weight, const BufferRange& y, uint32_t n,
                       uint32_t n_rows, float eps) {
  if (weight.type != GgmlType::F32 || weight.parts.size() != 1 || weight.ncols != n)
    throw EngineError("internal error: norm weight must be one f32 row of " + std::to_string(n));
  r.dispatch(pipelines_.get("rms_norm", 3), {x, weight.parts[0].range, y}, RmsNormParams{n, n_rows, eps}, n_rows);
}

void Kernels::rope_neox(Recorder& r, const BufferRange& qkv, const BufferRange& step, const RopeParams& p) {
  const Groups2D g = groups_for(uint64_t{p.n_tokens} * p.n_heads * (p.n_rot / 2), 64);
  r.dispatch(pipelines_.get("rope_neox", 2), {qkv, step}, p, g.x, g.y);
}

void Kernels::kv_write(Recorder& r, const BufferRange& qkv, const BufferRange& k_cache, const BufferRange& v_cache,
                       const BufferRange& step, const KvWriteParams& p, KvType kv) {
  if (kv == KvType::Q8_0) {  // an invocation per 64 values (two q8_0 blocks)
    if (p.n_embd_kv % 64) throw EngineError("internal error: q8_0 KV rows must be a multiple of 64 values");
    const Groups2D g = groups_for(uint64_t{p.n_tokens} * (p.n_embd_kv / 64), 64);
    r.dispatch(pipelines_.get("kv_write_q8", 4), {qkv, k_cache, v_cache, step}, p, g.x, g.y);
    return;
  }
  const Groups2D g = groups_for(uint64_t{p.n_tokens} * (p.n_embd_kv / 2), 64);
  r.dispatch(pipelines_.get("kv_write", 4), {qkv, k_cache, v_cache, step}, p, g.x, g.y);
}

AttentionVariant choose_attention() {
  const char* e = std::getenv("VELOCE_VK_ATTENTION");
  if (!e || !*e) return AttentionVariant::Grouped;
  const std::string v = e;
  if (v == "grouped") return AttentionVariant::Grouped;
  if (v == "split") return AttentionVariant::Split;
  throw EngineError("VELOCE_VK_ATTENTION must be grouped or split, not '" + v + "'");
}

const char* attention_variant_name(AttentionVariant v) { return v == AttentionVariant::Grouped ? "grouped" : "split"; }

// attention_grouped.comp's MAX_HD and MAX_ROWS.
constexpr uint32_t kGroupedMaxHeadDim = 128;
constexpr uint32_t kGroupedMaxRows = 16;

bool grouped_attention_fits(uint32_t head_dim, uint32_t n_head, uint32_t n_head_kv) {
  return head_dim <= kGroupedMaxHeadDim && head_dim % 2 == 0 && n_head_kv && n_head % n_head_kv == 0 &&
         n_head / n_head_kv <= kGroupedMaxRows;
}

uint32_t grouped_attention_tokens(uint32_t n_head, uint32_t n_head_kv) { return kGroupedMaxRows / (n_head / n_head_kv); }

void Kernels::attention(Recorder& r, const BufferRange& qkv, const BufferRange& k_cache, const BufferRange& v_cache,
                        const BufferRange& step, const BufferRange& partial, const BufferRange& out,
                        const AttentionParams& p, KvType kv) {
  if (p.head_dim > kMaxHeadDim || p.head_dim % 2 || p.n_head % p.n_head_kv)
    throw EngineError("internal error: attention shape not supported");
  const bool q8 = kv == KvType::Q8_0;
  if (attention_variant_ == AttentionVariant::Grouped && grouped_attention_fits(p.head_dim, p.n_head, p.n_head_kv)) {
    const uint32_t tt = grouped_attention_tokens(p.n_head, p.n_head_kv);
    r.dispatch(pipelines_.get(q8 ? "attention_grouped_q8" : "attention_grouped", 5), {qkv, k_cache, v_cache, partial, step},
               p, p.n_splits, p.n_head_kv, (p.n_tokens + tt - 1) / tt);
  } else {
    r.dispatch(pipelines_.get(q8 ? "attention_q8" : "attention", 5), {qkv, k_cache, v_cache, partial, step}, p, p.n_splits,
               p.n_head, p.n_tokens);
  }
  r.dispatch(pipelines_.get("attention_combine", 2), {partial, out},
             AttnCombineParams{p.n_tokens, p.n_head, p.head_dim, p.n_splits}, p.n_head, p.n_tokens);
}

void Kernels::swiglu(Recorder& r, const BufferRange& gate_up, const BufferRange& out, uint32_t n_ff, uint32_t n_tokens) {
  const Groups2D g = groups_for(uint64_t{n_ff} * n_tokens, 64);
  r.dispatch(pipelines_.get("swiglu", 2), {gate_up, out}, ElementwiseParams{n_ff, n_tokens}, g.x, g.y);
}

void Kernels::add(Recorder& r, const BufferRange& a, const BufferRange& b, uint32_t n) {
  const Groups2D g = groups_for(n, 64);
  r.dispatch(pipelines_.get("add", 2), {a, b}, ElementwiseParams{n, 1}, g.x, g.y);
}

void Kernels::copy(Recorder& r, const BufferRange& src, const BufferRange& dst, uint32_t n_words16) {
  const Groups2D g = groups_for(n_words16, 64);
  r.dispatch(pipelines_.get("copy_bandwidth", 2), {src, dst}, CopyParams{n_words16}, g.x, g.y);
}

}  // namespace veloce::vk
