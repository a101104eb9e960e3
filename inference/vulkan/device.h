#pragma once
// The logical device Veloce computes on: one compute queue, a command pool, the limits that the
// weight arena and the kernels must respect (lowered by environment variables for tests), and
// checked submission with finite fence timeouts.
#include <vulkan/vulkan.h>

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

#include "inference/vulkan/device_list.h"
#include "inference/vulkan/instance.h"

namespace veloce::vk {

struct DeviceLimits {
  uint64_t max_allocation = 0;  // bytes per vkAllocateMemory (maxMemoryAllocationSize)
  uint64_t max_binding = 0;     // bytes per storage-buffer binding (maxStorageBufferRange)
  // The same two limits as the weight arena applies them: VELOCE_VK_MAX_ALLOC and
  // VELOCE_VK_MAX_BINDING lower these so that tests exercise the split paths on tiny models.
  uint64_t weight_allocation = 0;
  uint64_t weight_binding = 0;
  uint64_t device_budget = 0;      // device-local bytes Veloce may use (VELOCE_VK_DEVICE_BUDGET sets it)
  uint64_t offset_alignment = 16;  // minStorageBufferOffsetAlignment
  uint32_t max_groups[3] = {65535, 65535, 65535};
  uint32_t max_shared_memory = 16384;
  uint64_t max_uniform_range = 16384;       // maxUniformBufferRange
  uint64_t uniform_offset_alignment = 256;  // minUniformBufferOffsetAlignment
};

enum class MemoryKind {
  DeviceLocal,  // fastest for the GPU; filled through staging
  HostVisible,  // system memory the GPU reads directly (spilled weights), mapped
  Staging,      // host-visible, coherent, for uploads
  Readback,     // host-visible, preferably cached, for logits
};

class Device {
 public:
  // Creates the device chosen by choose_device(selector). *warning receives a line for the user.
  static std::shared_ptr<Device> create(std::string_view selector, std::string* warning);
  ~Device();
  Device(const Device&) = delete;
  Device& operator=(const Device&) = delete;

  VkDevice handle() const { return device_; }
  VkPhysicalDevice physical() const { return physical_; }
  VkQueue queue() const { return queue_; }
  VkCommandPool command_pool() const { return pool_; }
  const DeviceInfo& info() const { return info_; }
  const DeviceLimits& limits() const { return limits_; }
  // Created with VK_NV_cooperative_matrix (choose_coopmat in coopmat_choice.h).
  bool coopmat() const { return coopmat_; }
  bool validation_enabled() const { return instance_->validation_enabled(); }

  // Memory type index for a kind, or UINT32_MAX. `type_bits` from VkMemoryRequirements.
  uint32_t memory_type(MemoryKind kind, uint32_t type_bits) const;
  bool memory_is_device_local(uint32_t type_index) const;

  // How long a submission may run before it counts as hung: VELOCE_VK_FENCE_TIMEOUT_MS (read at
  // every wait, so tests can provoke a timeout; 0 polls) or 120 s, since lavapipe needs seconds
  // for a prompt chunk of a large model.
  uint64_t fence_timeout_ns() const;
  // Waits for a fence with the timeout; throws EngineError on VK_TIMEOUT or device loss.
  void wait(VkFence fence, const char* what) const;
  void submit(VkCommandBuffer cmd, VkFence fence) const;
  void wait_idle() const;  // best effort, used before destroying resources

 private:
  Device() = default;
  std::shared_ptr<Instance> instance_;
  VkPhysicalDevice physical_ = VK_NULL_HANDLE;
  VkDevice device_ = VK_NULL_HANDLE;
  VkQueue queue_ = VK_NULL_HANDLE;
  uint32_t queue_family_ = 0;
  VkCommandPool pool_ = VK_NULL_HANDLE;
  VkPhysicalDeviceMemoryProperties memory_{};
  DeviceInfo info_;
  DeviceLimits limits_;
  bool coopmat_ = false;
};

// RAII fence and command buffer, move-only.
class Fence {
 public:
  Fence() = default;
  explicit Fence(const Device& device);
  ~Fence();
  Fence(Fence&& o) noexcept;
  Fence& operator=(Fence&& o) noexcept;
  VkFence handle() const { return fence_; }
  void reset();

 private:
  VkDevice device_ = VK_NULL_HANDLE;
  VkFence fence_ = VK_NULL_HANDLE;
};

class CommandBuffer {
 public:
  CommandBuffer() = default;
  explicit CommandBuffer(const Device& device);
  ~CommandBuffer();
  CommandBuffer(CommandBuffer&& o) noexcept;
  CommandBuffer& operator=(CommandBuffer&& o) noexcept;
  VkCommandBuffer handle() const { return cmd_; }
  void begin(bool one_time);
  void end();

 private:
  VkDevice device_ = VK_NULL_HANDLE;
  VkCommandPool pool_ = VK_NULL_HANDLE;
  VkCommandBuffer cmd_ = VK_NULL_HANDLE;
};

}  // namespace veloce::vk
