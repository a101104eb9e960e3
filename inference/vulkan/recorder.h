#pragma once
// Records compute work into a command buffer through one checked dispatch(): it allocates and
// writes the descriptor set, pushes the constants, checks group counts and binding ranges against
// the device limits, and orders a dispatch after earlier ones with a barrier only where they
// touch the same bytes and one of them writes (what a shader writes comes from its SPIR-V).
#include <vulkan/vulkan.h>

#include <cstdint>
#include <functional>
#include <initializer_list>
#include <map>
#include <vector>

#include "inference/vulkan/buffer.h"
#include "inference/vulkan/pipelines.h"

namespace veloce::vk {

class DescriptorArena {
 public:
  explicit DescriptorArena(const Device& device) : device_(&device) {}
  ~DescriptorArena();
  DescriptorArena(const DescriptorArena&) = delete;
  DescriptorArena& operator=(const DescriptorArena&) = delete;
  VkDescriptorSet allocate(VkDescriptorSetLayout layout);
  void reset();  // only when no command buffer using the sets is pending

 private:
  void add_pool();
  const Device* device_;
  std::vector<VkDescriptorPool> pools_;
  size_t current_ = 0;
};

class Recorder {
 public:
  Recorder(const Device& device, VkCommandBuffer cmd, DescriptorArena& arena) : device_(device), cmd_(cmd), arena_(arena) {}

  template <class Push>
  void dispatch(const Pipeline& p, std::initializer_list<BufferRange> bindings, const Push& push, uint32_t gx,
                uint32_t gy = 1, uint32_t gz = 1) {
    static_assert(sizeof(Push) <= kPushConstantBytes);
    dispatch_raw(p, bindings, &push, sizeof(Push), gx, gy, gz);
  }
  void dispatch_raw(const Pipeline& p, std::initializer_list<BufferRange> bindings, const void* push, uint32_t push_bytes,
                    uint32_t gx, uint32_t gy, uint32_t gz);
  // The next dispatch reads and writes through binding `binding` (one it writes) only bytes
  // [offset, offset + bytes) of the buffer (from the buffer's start, inside the bound range):
  // dispatches writing disjoint slices of one buffer then need no barrier between them.
  void narrow_write(uint32_t binding, uint64_t offset, uint64_t bytes);
  // Makes shader writes visible to the host (before reading results after the fence).
  void barrier_to_host();
  void copy(const Buffer& src, uint64_t src_offset, const Buffer& dst, uint64_t dst_offset, uint64_t bytes);
  uint64_t dispatch_count() const { return dispatches_; }
  // Called after each dispatch is recorded (bench's timestamp queries, gpu_timer.h); normal
  // recording leaves it empty and records nothing extra.
  std::function<void(VkCommandBuffer, const Pipeline&)> after_dispatch;
  uint64_t barrier_count() const { return barriers_; }  // between dispatches (not to host, not copies)

  // Bytes [begin, end) of one buffer.
  struct Span {
    VkBuffer buffer;
    uint64_t begin, end;
  };

 private:
  uint32_t writable(const Pipeline& p);
  // Emits a barrier when this access conflicts with an earlier one no barrier orders yet, then
  // records it.
  void order(const std::vector<Span>& reads, const std::vector<Span>& writes);

  const Device& device_;
  VkCommandBuffer cmd_;
  DescriptorArena& arena_;
  uint64_t dispatches_ = 0, barriers_ = 0;
  std::vector<Span> unordered_reads_, unordered_writes_;  // since the last barrier
  std::map<const Pipeline*, uint32_t> writable_;          // bit i: binding i may be written
  struct Narrowing {
    uint32_t binding;
    uint64_t offset, bytes;
  };
  std::vector<Narrowing> narrowing_;  // for the next dispatch only
};

// Splits a count of workgroups over x and y so that each stays within the device limit;
// kernels rebuild the flat index as gl_WorkGroupID.x + gl_WorkGroupID.y * gl_NumWorkGroups.x
// and ignore indices past the count.
struct Groups2D {
  uint32_t x, y;
};
Groups2D split_groups(const Device& device, uint64_t count);

}  // namespace veloce::vk
