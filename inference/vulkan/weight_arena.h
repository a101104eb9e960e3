#pragma once
// Where every weight tensor lives on the GPU: a few large buffers, each within the device's
// allocation limit; each tensor (or, for a tensor larger than one storage-buffer binding, each
// slice of whole rows) is one binding range. Buffers are device-local up to a budget; the rest is
// host-visible memory that the GPU reads directly (slower, but the model still runs).
#include <cstdint>
#include <functional>
#include <memory>
#include <vector>

#include "inference/gguf/gguf_file.h"
#include "inference/vulkan/buffer.h"
#include "inference/vulkan/device.h"

namespace veloce::vk {

struct TensorPart {
  BufferRange range;  // the binding: rows [row_begin, row_begin + rows) from byte 0
  uint32_t row_begin = 0;
  uint32_t rows = 0;
  uint32_t buffer = 0;  // index into the arena's buffers (during planning)
};

struct GpuTensor {
  const TensorInfo* source = nullptr;
  GgmlType type = GgmlType::F32;
  uint32_t ncols = 0;  // values per row (ne[0])
  uint32_t nrows = 0;
  uint32_t row_bytes = 0;  // on the device (the packed size when packed)
  // Q6_K in the 16-byte aligned layout of q6k_pack.h: only the packed mat-vec reads it.
  bool packed = false;
  std::vector<TensorPart> parts;
};

struct ArenaPlan {
  struct BufferPlan {
    uint64_t size = 0;
    bool device_local = true;
  };
  std::vector<BufferPlan> buffers;
  std::vector<GpuTensor> tensors;  // in the order given
  uint64_t device_bytes = 0;
  uint64_t host_bytes = 0;
  uint64_t total_bytes() const { return device_bytes + host_bytes; }
};

// Lays out the tensors: parts no larger than limits.weight_binding, buffers no larger than
// limits.weight_allocation, device-local while device_budget lasts. Throws EngineError when a
// single row does not fit in a binding. pack_q6k[i] (when given) asks for tensor i, if Q6_K, in
// the packed layout of q6k_pack.h (larger: 224 bytes per block instead of 210). host[i] (when
// given) puts tensor i in host-visible memory whatever the budget (the embedding table).
ArenaPlan plan_arena(const std::vector<const TensorInfo*>& tensors, const DeviceLimits& limits, uint64_t device_budget,
                     const std::vector<bool>& pack_q6k = {}, const std::vector<bool>& host = {});

class WeightArena {
 public:
  // Allocates the planned buffers and uploads every tensor from the mapped file through a
  // staging ring. progress(done, total) after each piece.
  WeightArena(const Device& device, ArenaPlan plan, const std::function<void(uint64_t, uint64_t)>& progress);
  const GpuTensor& tensor(size_t i) const { return tensors_[i]; }
  const std::vector<Buffer>& buffers() const { return buffers_; }
  double upload_seconds() const { return upload_seconds_; }
  uint64_t uploaded_bytes() const { return uploaded_bytes_; }

 private:
  std::vector<Buffer> buffers_;
  std::vector<GpuTensor> tensors_;
  double upload_seconds_ = 0;
  uint64_t uploaded_bytes_ = 0;
};

}  // namespace veloce::vk
