#pragma once
// A VkBuffer with its own allocation (Veloce makes few, large ones), mapped when host-visible.
#include <vulkan/vulkan.h>

#include <cstdint>

#include "inference/vulkan/device.h"

namespace veloce::vk {

class Buffer {
 public:
  Buffer() = default;
  // Throws EngineError (with the size) when the memory cannot be allocated.
  Buffer(const Device& device, uint64_t size, MemoryKind kind);
  ~Buffer();
  Buffer(Buffer&& o) noexcept;
  Buffer& operator=(Buffer&& o) noexcept;

  VkBuffer handle() const { return buffer_; }
  uint64_t size() const { return size_; }
  void* mapped() const { return mapped_; }  // null unless host-visible
  bool device_local() const { return device_local_; }

 private:
  void release();
  VkDevice device_ = VK_NULL_HANDLE;
  VkBuffer buffer_ = VK_NULL_HANDLE;
  VkDeviceMemory memory_ = VK_NULL_HANDLE;
  uint64_t size_ = 0;
  void* mapped_ = nullptr;
  bool device_local_ = false;
};

// A window of a buffer as one storage-buffer binding.
struct BufferRange {
  VkBuffer buffer = VK_NULL_HANDLE;
  uint64_t offset = 0;
  uint64_t range = 0;
};

inline BufferRange whole(const Buffer& b) { return {b.handle(), 0, b.size()}; }

}  // namespace veloce::vk
