#pragma once
// Uploads from host memory (the mapped model file) into device-local buffers through a ring of
// host-visible staging buffers: the CPU fills one slot while the GPU copies from the other.
#include <cstdint>
#include <functional>
#include <vector>

#include "inference/vulkan/buffer.h"
#include "inference/vulkan/device.h"

namespace veloce::vk {

class StagingRing {
 public:
  explicit StagingRing(const Device& device, uint64_t slot_bytes = 32ull << 20, uint32_t slots = 2);
  ~StagingRing();
  StagingRing(const StagingRing&) = delete;
  StagingRing& operator=(const StagingRing&) = delete;
  // Copies bytes from src to dst at offset; on_piece(n) after each piece is handed to the GPU.
  void upload(const void* src, uint64_t bytes, const Buffer& dst, uint64_t offset,
              const std::function<void(uint64_t)>& on_piece);
  void finish();  // waits for every pending copy

 private:
  // How long the destructor waits for copies still in flight, at least: a fresh wait, not the
  // fence timeout that may just have expired (VELOCE_VK_FENCE_TIMEOUT_MS tiny in tests).
  static constexpr uint64_t kDrainTimeoutNs = 60ull * 1000 * 1000 * 1000;
  struct Slot {
    Buffer staging;
    CommandBuffer cmd;
    Fence fence;
    bool pending = false;
  };
  const Device& device_;
  uint64_t slot_bytes_;
  std::vector<Slot> slots_;
  size_t next_ = 0;
};

}  // namespace veloce::vk
