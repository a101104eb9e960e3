#include "inference/vulkan/staging_ring.h"

#include <algorithm>
#include <cstring>

namespace veloce::vk {

StagingRing::StagingRing(const Device& device, uint64_t slot_bytes, uint32_t slots)
    : device_(device), slot_bytes_(std::min(slot_bytes, device.limits().max_allocation)) {
  for (uint32_t i = 0; i < slots; ++i)
    slots_.push_back({Buffer(device, slot_bytes_, MemoryKind::Staging), CommandBuffer(device), Fence(device), false});
}

StagingRing::~StagingRing() {
  // Never destroy a staging buffer that a copy may still read (also after an error). The ring is
  // often destroyed because a wait on it already timed out (EngineError unwinding from upload or
  // finish), so its own timeout is spent: each pending copy gets a fresh wait of its own.
  bool idle = true;
  for (auto& s : slots_) {
    if (!s.pending) continue;
    VkFence f = s.fence.handle();
    const VkResult r =
        vkWaitForFences(device_.handle(), 1, &f, VK_TRUE, std::max(device_.fence_timeout_ns(), kDrainTimeoutNs));
    if (r != VK_SUCCESS) idle = false;
  }
  // A copy still running after that, or a lost device: the whole queue must be idle before the
  // memory goes (vkDeviceWaitIdle also returns at once when the device is lost).
  if (!idle) idle = vkDeviceWaitIdle(device_.handle()) == VK_SUCCESS;
  if (!idle) {
    // The GPU may still read these buffers and the device cannot say when it stops: leaking them
    // (a few staging buffers, command buffers and fences) is the only safe choice; freeing
    // memory under a running copy is what crashed. The device is unusable now anyway.
    [[maybe_unused]] auto* leaked = new std::vector<Slot>(std::move(slots_));  // deliberate, see above
  }
}

void StagingRing::upload(const void* src, uint64_t bytes, const Buffer& dst, uint64_t offset,
                         const std::function<void(uint64_t)>& on_piece) {
  const auto* p = static_cast<const uint8_t*>(src);
  while (bytes > 0) {
    Slot& s = slots_[next_];
    next_ = (next_ + 1) % slots_.size();
    if (s.pending) {
      device_.wait(s.fence.handle(), "uploading the model");
      s.fence.reset();
      s.pending = false;
    }
    const uint64_t n = std::min(bytes, slot_bytes_);
    std::memcpy(s.staging.mapped(), p, n);
    s.cmd.begin(true);
    VkBufferCopy region{0, offset, n};
    vkCmdCopyBuffer(s.cmd.handle(), s.staging.handle(), dst.handle(), 1, &region);
    s.cmd.end();
    device_.submit(s.cmd.handle(), s.fence.handle());
    s.pending = true;
    p += n;
    offset += n;
    bytes -= n;
    if (on_piece) on_piece(n);
  }
}

void StagingRing::finish() {
  for (auto& s : slots_)
    if (s.pending) {
      device_.wait(s.fence.handle(), "uploading the model");
      s.fence.reset();
      s.pending = false;
    }
}

}  // namespace veloce::vk
