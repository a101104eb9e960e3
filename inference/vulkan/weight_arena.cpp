#include "inference/vulkan/weight_arena.h"

#include <algorithm>
#include <chrono>
#include <cstring>
#include <string>

#include "inference/model/session.h"
#include "inference/vulkan/q6k_pack.h"
#include "inference/vulkan/staging_ring.h"

namespace veloce::vk {
namespace {

uint64_t align_up(uint64_t v, uint64_t a) { return (v + a - 1) / a * a; }

}  // namespace

ArenaPlan plan_arena(const std::vector<const TensorInfo*>& tensors, const DeviceLimits& limits, uint64_t device_budget,
                     const std::vector<bool>& pack_q6k, const std::vector<bool>& host) {
  ArenaPlan plan;
  const uint64_t align = limits.offset_alignment;
  const uint64_t part_limit = std::min(limits.weight_binding, limits.weight_allocation) & ~uint64_t{15};
  uint64_t used_device = 0;
  uint64_t fill = 0;  // bytes used in the current (last) buffer
  for (size_t ti = 0; ti < tensors.size(); ++ti) {
    const TensorInfo* t = tensors[ti];
    GpuTensor g;
    g.source = t;
    g.type = t->type;
    g.ncols = static_cast<uint32_t>(t->ne[0]);
    g.nrows = static_cast<uint32_t>(t->rows());
    g.packed = t->type == GgmlType::Q6_K && ti < pack_q6k.size() && pack_q6k[ti];
    g.row_bytes = static_cast<uint32_t>(g.packed ? q6k_packed_row_bytes(t->ne[0]) : row_bytes(t->type, t->ne[0]));
    if (t->ne[0] > UINT32_MAX || t->rows() > UINT32_MAX || g.row_bytes == 0)
      throw EngineError("tensor '" + t->name + "' is too large for the Vulkan engine");
    if (g.row_bytes > part_limit)
      throw EngineError("tensor '" + t->name + "': one row (" + std::to_string(g.row_bytes) +
                        " bytes) exceeds the device's storage buffer range (" + std::to_string(part_limit) + " bytes)");
    const bool force_host = ti < host.size() && host[ti];
    const uint32_t rows_per_part = static_cast<uint32_t>(std::min<uint64_t>(part_limit / g.row_bytes, g.nrows));
    for (uint32_t r = 0; r < g.nrows; r += rows_per_part) {
      TensorPart p;
      p.row_begin = r;
      p.rows = std::min(rows_per_part, g.nrows - r);
      // Whole 16-byte units, so that kernels reading the last bytes through 32-bit or 128-bit
      // loads (matvec_sg_q6_k.comp reads 2-byte aligned Q6_K blocks as uvec4) stay in range.
      const uint64_t bytes = align_up(uint64_t{p.rows} * g.row_bytes, 16);
      const bool want_device = !force_host && used_device + bytes <= device_budget;
      const bool fits = !plan.buffers.empty() && plan.buffers.back().device_local == want_device &&
                        align_up(fill, align) + bytes <= limits.weight_allocation;
      if (!fits) {
        plan.buffers.push_back({0, want_device});
        fill = 0;
      }
      p.buffer = static_cast<uint32_t>(plan.buffers.size() - 1);
      p.range.offset = align_up(fill, align);
      p.range.range = bytes;
      fill = p.range.offset + bytes;
      plan.buffers.back().size = fill;
      if (want_device) used_device += bytes;
      g.parts.push_back(p);
    }
    plan.tensors.push_back(std::move(g));
  }
  for (const auto& b : plan.buffers) (b.device_local ? plan.device_bytes : plan.host_bytes) += b.size;
  return plan;
}

WeightArena::WeightArena(const Device& device, ArenaPlan plan, const std::function<void(uint64_t, uint64_t)>& progress) {
  for (const auto& b : plan.buffers)
    buffers_.emplace_back(device, b.size, b.device_local ? MemoryKind::DeviceLocal : MemoryKind::HostVisible);
  tensors_ = std::move(plan.tensors);
  uint64_t total = 0;
  for (auto& t : tensors_)
    for (auto& p : t.parts) {
      p.range.buffer = buffers_[p.buffer].handle();
      total += uint64_t{p.rows} * t.row_bytes;
    }
  const auto start = std::chrono::steady_clock::now();
  StagingRing ring(device);
  uint64_t done = 0;
  if (progress) progress(0, total);
  std::vector<uint8_t> packed;  // a piece of a packed tensor on its way to the device
  for (const auto& t : tensors_) {
    const uint64_t src_row_bytes = row_bytes(t.type, t.ncols);
    // Packed tensors go in pieces of whole rows (about 4 MiB), repacked on the CPU.
    const uint32_t piece_rows =
        t.packed ? static_cast<uint32_t>(std::max<uint64_t>(1, (4u << 20) / t.row_bytes)) : UINT32_MAX;
    for (const auto& p : t.parts) {
      const Buffer& dst = buffers_[p.buffer];
      for (uint32_t r = 0; r < p.rows; r += piece_rows) {
        const uint32_t n = std::min(piece_rows, p.rows - r);
        const uint8_t* src = t.source->data + uint64_t{p.row_begin + r} * src_row_bytes;
        const uint64_t bytes = uint64_t{n} * t.row_bytes, offset = p.range.offset + uint64_t{r} * t.row_bytes;
        if (t.packed) {
          packed.resize(bytes);
          pack_q6k_blocks(src, packed.data(), bytes / kQ6KPackedBlockBytes);
          src = packed.data();
        }
        if (dst.mapped()) {
          std::memcpy(static_cast<uint8_t*>(dst.mapped()) + offset, src, bytes);
          done += bytes;
          if (progress) progress(done, total);
        } else {
          ring.upload(src, bytes, dst, offset, [&](uint64_t k) {
            done += k;
            if (progress) progress(done, total);
          });
        }
      }
    }
  }
  ring.finish();
  upload_seconds_ = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  uploaded_bytes_ = total;
}

}  // namespace veloce::vk
