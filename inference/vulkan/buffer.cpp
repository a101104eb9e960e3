#include "inference/vulkan/buffer.h"

#include <string>
#include <utility>

#include "inference/model/session.h"
#include "inference/vulkan/fault_injection.h"
#include "inference/vulkan/vk_check.h"

namespace veloce::vk {

Buffer::Buffer(const Device& device, uint64_t size, MemoryKind kind) : device_(device.handle()), size_(size) {
  VkBufferCreateInfo bci{};
  bci.sType = VK_STRUCTURE_TYPE_BUFFER_CREATE_INFO;
  bci.size = size;
  // Uniform too: the CPU-device mat-vec reads x through a uniform buffer (see kernels.cpp).
  bci.usage = VK_BUFFER_USAGE_STORAGE_BUFFER_BIT | VK_BUFFER_USAGE_UNIFORM_BUFFER_BIT | VK_BUFFER_USAGE_TRANSFER_SRC_BIT |
              VK_BUFFER_USAGE_TRANSFER_DST_BIT | VK_BUFFER_USAGE_INDIRECT_BUFFER_BIT;
  bci.sharingMode = VK_SHARING_MODE_EXCLUSIVE;
  check(vkCreateBuffer(device_, &bci, nullptr, &buffer_), "vkCreateBuffer");
  VkMemoryRequirements req{};
  vkGetBufferMemoryRequirements(device_, buffer_, &req);
  const uint32_t type = device.memory_type(kind, req.memoryTypeBits);
  if (type == UINT32_MAX) {
    release();
    throw EngineError("the GPU offers no suitable memory type for a " + std::to_string(size >> 20) + " MiB buffer");
  }
  VkMemoryAllocateInfo ai{};
  ai.sType = VK_STRUCTURE_TYPE_MEMORY_ALLOCATE_INFO;
  ai.allocationSize = req.size;
  ai.memoryTypeIndex = type;
  const VkResult r = fault::call(fault::Kind::Alloc, [&] { return vkAllocateMemory(device_, &ai, nullptr, &memory_); });
  if (r != VK_SUCCESS) {
    release();
    if (r == VK_ERROR_OUT_OF_DEVICE_MEMORY || r == VK_ERROR_OUT_OF_HOST_MEMORY)
      throw EngineError("the GPU could not allocate " + std::to_string((size + (1 << 20) - 1) >> 20) + " MiB (" +
                        result_name(r) + "); try a smaller context or a smaller quantization");
    check(r, "vkAllocateMemory");
  }
  device_local_ = device.memory_is_device_local(type);
  try {
    check(vkBindBufferMemory(device_, buffer_, memory_, 0), "vkBindBufferMemory");
    if (kind != MemoryKind::DeviceLocal)
      check(fault::call(fault::Kind::Map, [&] { return vkMapMemory(device_, memory_, 0, VK_WHOLE_SIZE, 0, &mapped_); }),
            "vkMapMemory");
  } catch (...) {
    release();
    throw;
  }
}

void Buffer::release() {
  if (device_ == VK_NULL_HANDLE) return;
  if (buffer_ != VK_NULL_HANDLE) vkDestroyBuffer(device_, buffer_, nullptr);
  if (memory_ != VK_NULL_HANDLE) vkFreeMemory(device_, memory_, nullptr);  // also unmaps
  buffer_ = VK_NULL_HANDLE;
  memory_ = VK_NULL_HANDLE;
  mapped_ = nullptr;
}

Buffer::~Buffer() { release(); }

Buffer::Buffer(Buffer&& o) noexcept
    : device_(o.device_), buffer_(std::exchange(o.buffer_, VK_NULL_HANDLE)),
      memory_(std::exchange(o.memory_, VK_NULL_HANDLE)), size_(o.size_), mapped_(std::exchange(o.mapped_, nullptr)),
      device_local_(o.device_local_) {}

Buffer& Buffer::operator=(Buffer&& o) noexcept {
  if (this != &o) {
    release();
    device_ = o.device_;
    buffer_ = std::exchange(o.buffer_, VK_NULL_HANDLE);
    memory_ = std::exchange(o.memory_, VK_NULL_HANDLE);
    size_ = o.size_;
    mapped_ = std::exchange(o.mapped_, nullptr);
    device_local_ = o.device_local_;
  }
  return *this;
}

}  // namespace veloce::vk
