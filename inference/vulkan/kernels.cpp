#include "inference/vulkan/kernels.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <string>

#include "inference/model/session.h"

namespace veloce::vk {

std::string weight_pipeline_name(const char* op, GgmlType type) {
  std::string name = std::string(op) + "_";
  for (char c : type_info(type).name) name += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return name;
}

const char* matvec_variant_name(MatvecVariant v) {
  switch (v) {
    case MatvecVariant::Baseline: return "baseline";
    case MatvecVariant::Subgroup: return "subgroup";
    case MatvecVariant::Dedicated: return "dedicated";
  }
  return "?";
}

namespace {

bool has_subgroup_kernels(const DeviceInfo& info) { return info.subgroup_arithmetic && info.subgroup_size >= 4; }

// On a CPU device (lavapipe) a workgroup runs on one thread as SIMD code of subgroup width, and a
// barrier makes it a set of coroutines: one-subgroup workgroups reduced with subgroupAdd and
// per-type unpacking are 3-5x faster there (docs/vulkan-kernels.md). GPUs keep the measured-correct
// portable baseline until the subgroup kernels are measured on one (subgroup sizes of 32-64 and
// occupancy make their trade-offs different). VELOCE_VK_MATVEC=baseline|subgroup|dedicated
// overrides the choice, to compare variants on one device.
MatvecVariant choose_matvec(const DeviceInfo& info) {
  const bool sg = has_subgroup_kernels(info);
  if (const char* e = std::getenv("VELOCE_VK_MATVEC")) {
    const std::string v = e;
    if (v == "baseline" || !sg) return MatvecVariant::Baseline;
    if (v == "subgroup") return MatvecVariant::Subgroup;
    if (v == "dedicated") return MatvecVariant::Dedicated;
  }
  return sg && info.kind == DeviceKind::Cpu ? MatvecVariant::Dedicated : MatvecVariant::Baseline;
}

}  // namespace

bool Kernels::packs_q6k(const DeviceInfo& info) {
  const char* e = std::getenv("VELOCE_VK_Q6K_PACK");
  if (e && std::string(e) == "0") return false;
  return choose_matvec(info) == MatvecVariant::Dedicated;
}

Kernels::Kernels(const Device& device, Pipelines& pipelines)
    : device_(device), pipelines_(pipelines), matvec_variant_(choose_matvec(device.info())) {
  // With the dedicated mat-vec a CPU device runs 64 tokens as 64 mat-vecs 3.9x faster than as one
  // full 64-token matmul tile (docs/vulkan-kernels.md), the tile's best case: it never pays there.
  // VELOCE_VK_MATMUL_MIN_TOKENS overrides the switch-over, to measure it.
  if (matvec_variant_ == MatvecVariant::Dedicated) matmul_min_tokens_ = UINT32_MAX;
  if (const char* e = std::getenv("VELOCE_VK_MATMUL_MIN_TOKENS"))
    matmul_min_tokens_ = static_cast<uint32_t>(std::max(1L, std::strtol(e, nullptr, 10)));
}

void Kernels::set_matvec_variant(MatvecVariant v) {
  if (v != MatvecVariant::Baseline && !has_subgroup_kernels(device_.info()))
    throw EngineError("internal error: the device has no subgroup arithmetic for the subgroup mat-vec");
  matvec_variant_ = v;
}

Groups2D Kernels::groups_for(uint64_t invocations, uint32_t per_group) const {
  return split_groups(device_, (invocations + per_group - 1) / per_group);
}

void Kernels::matvec(Recorder& r, const GpuTensor& w, const BufferRange& x, uint32_t x_offset, const BufferRange& y,
                     uint32_t y_offset) {
  constexpr uint32_t kMatvecRows = 4;      // ROWS in matvec.comp (both variants)
  constexpr uint32_t kDedicatedRows = 8;   // ROWS in matvec_sg_q4_k.comp and matvec_sg_q6_k.comp
  if (x_offset % 4 || w.ncols % 16)
    throw EngineError("internal error: matvec input must start at a multiple of 4 floats");
  std::string name = weight_pipeline_name("matvec", w.type);
  uint32_t width = 0, rows_per_group = kMatvecRows, uniform_mask = 0;
  BufferRange xr = x;
  if (w.packed) {
    // Only the packed kernel reads the packed layout (the arena packs only where it exists).
    if (w.type != GgmlType::Q6_K || !has_subgroup_kernels(device_.info()))
      throw EngineError("internal error: packed weights need the packed Q6_K subgroup kernel");
    width = device_.info().subgroup_size;
    name = "matvec_sgkp_q6_k";
    rows_per_group = kDedicatedRows;
  } else if (matvec_variant_ != MatvecVariant::Baseline) {
    width = device_.info().subgroup_size;
    name = weight_pipeline_name("matvec_sg", w.type);
    // The dedicated kernels read weights as uvec4: every part must start and end on 16 bytes (the
    // weight arena pads parts so; the generic subgroup kernel serves any other binding).
    const std::string dedicated = weight_pipeline_name("matvec_sgk", w.type);
    bool aligned = true;
    for (const TensorPart& part : w.parts) aligned = aligned && part.range.offset % 16 == 0 && part.range.range % 16 == 0;
    if (matvec_variant_ == MatvecVariant::Dedicated && aligned && Pipelines::exists(dedicated)) {
      name = dedicated;
      rows_per_group = kDedicatedRows;
    }
  }
  if (rows_per_group == kDedicatedRows) {
    // x as a uniform buffer when the row fits one (lavapipe: 64 KiB, K <= 16384): binding just
    // the row, so the kernel reads it from offset 0. The uniform-x pipeline of matvec_sgk<p>_<type>
    // is matvec_sgk<p>u_<type>.
    const DeviceLimits& lim = device_.limits();
    const uint64_t x_bytes = uint64_t{w.ncols} * 4, x_start = x.offset + uint64_t{x_offset} * 4;
    const size_t type_sep = name.find('_', 7);  // the '_' before <type> in matvec_sgk<p>_<type>
    if (uniform_x_ && type_sep != std::string::npos && x_bytes <= lim.max_uniform_range &&
        x_start % lim.uniform_offset_alignment == 0 && x_start + x_bytes <= x.offset + x.range) {
      // Built by appending: GCC 12 warns falsely (-Wrestrict) on std::string::insert here.
      std::string uniform_name = name.substr(0, type_sep);
      uniform_name += 'u';
      uniform_name.append(name, type_sep);
      name = std::move(uniform_name);
      uniform_mask = 1u << 1;
      xr = BufferRange{x.buffer, x_start, x_bytes};
      x_offset = 0;
    }
  }
  const Pipeline& p = uniform_mask ? pipelines_.get(name, 3, {width, w.ncols / 4}, uniform_mask)
                      : width      ? pipelines_.get(name, 3, {width})
                                   : pipelines_.get(name, 3);
  for (const TensorPart& part : w.parts) {
    MatvecParams pc{w.ncols, part.rows, w.row_bytes, x_offset, y_offset + part.row_begin};
    const Groups2D g = split_groups(device_, (part.rows + rows_per_group - 1) / rows_per_group);
    r.dispatch(p, {part.range, xr, y}, pc, g.x, g.y);
  }
}

void Kernels::matmul(Recorder& r, const GpuTensor& w, const BufferRange& x, uint32_t n_tokens, const BufferRange& y,
                     uint32_t y_stride) {
  if (w.packed) throw EngineError("internal error: the tiled matmul does not read packed weights");
  const Pipeline& p = pipelines_.get(weight_pipeline_name("matmul", w.type), 3);
  constexpr uint32_t kTileRows = 64, kTileTokens = 64;  // TN, TT in matmul.comp
  for (const TensorPart& part : w.parts) {
    MatmulParams pc{w.ncols, part.rows, w.row_bytes, n_tokens, w.ncols, y_stride, part.row_begin};
    r.dispatch(p, {part.range, x, y}, pc, (part.rows + kTileRows - 1) / kTileRows,
               (n_tokens + kTileTokens - 1) / kTileTokens);
  }
}

void Kernels::project(Recorder& r, const GpuTensor& w, const BufferRange& x, uint32_t n_tokens, const BufferRange& y,
                      uint32_t y_stride) {
  // The tiled product wastes most of its 64-token tile on a handful of tokens; below that a
  // mat-vec per token reads the weights a few more times but does far less arithmetic.
  if (n_tokens < matmul_min_tokens_ || w.packed) {
    for (uint32_t t = 0; t < n_tokens; ++t) matvec(r, w, x, t * w.ncols, y, t * y_stride);
  } else {
    matmul(r, w, x, n_tokens, y, y_stride);
  }
}

void Kernels::get_rows(Recorder& r, const GpuTensor& w, const BufferRange& ids, uint32_t n_ids, const BufferRange& y) {
  if (w.packed) throw EngineError("internal error: get_rows does not read packed weights");
  const Pipeline& p = pipelines_.get(weight_pipeline_name("get_rows", w.type), 3);
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
                       const BufferRange& step, const KvWriteParams& p) {
  const Groups2D g = groups_for(uint64_t{p.n_tokens} * (p.n_embd_kv / 2), 64);
  r.dispatch(pipelines_.get("kv_write", 4), {qkv, k_cache, v_cache, step}, p, g.x, g.y);
}

void Kernels::attention(Recorder& r, const BufferRange& qkv, const BufferRange& k_cache, const BufferRange& v_cache,
                        const BufferRange& step, const BufferRange& partial, const BufferRange& out,
                        const AttentionParams& p) {
  if (p.head_dim > kMaxHeadDim || p.head_dim % 2 || p.n_head % p.n_head_kv)
    throw EngineError("internal error: attention shape not supported");
  r.dispatch(pipelines_.get("attention", 5), {qkv, k_cache, v_cache, partial, step}, p, p.n_splits, p.n_head,
             p.n_tokens);
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
