#include "inference/vulkan/device.h"

#include <algorithm>
#include <cstdlib>
#include <utility>
#include <vector>

#include "inference/model/session.h"
#include "inference/vulkan/coopmat_choice.h"
#include "inference/vulkan/fault_injection.h"
#include "inference/vulkan/physical_device.h"
#include "inference/vulkan/vk_check.h"

namespace veloce::vk {

std::shared_ptr<Device> Device::create(std::string_view selector, std::string* warning) {
  std::shared_ptr<Device> self(new Device());
  self->instance_ = Instance::create();
  const auto pds = physical_devices(*self->instance_);
  std::vector<DeviceInfo> infos;
  for (VkPhysicalDevice pd : pds) {
    infos.push_back(describe_physical_device(*self->instance_, pd));
    infos.back().index = static_cast<uint32_t>(infos.size() - 1);
  }
  const uint32_t chosen = choose_device(infos, selector, warning);
  self->physical_ = pds[chosen];
  self->info_ = infos[chosen];
  self->queue_family_ = compute_queue_family(self->physical_);

  const float priority = 1.0f;
  VkDeviceQueueCreateInfo qci{};
  qci.sType = VK_STRUCTURE_TYPE_DEVICE_QUEUE_CREATE_INFO;
  qci.queueFamilyIndex = self->queue_family_;
  qci.queueCount = 1;
  qci.pQueuePriorities = &priority;
  // Optional features the GPU mat-vec family uses (16/8-bit storage loads, fp16/int8, pinned
  // subgroup sizes), each enabled only where the device reports it; the portable baseline needs none.
  const DeviceInfo& info = self->info_;
  VkPhysicalDevice16BitStorageFeatures s16{};
  s16.sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_16BIT_STORAGE_FEATURES;
  s16.storageBuffer16BitAccess = info.storage_16bit;
  VkPhysicalDevice8BitStorageFeatures s8{};
  s8.sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_8BIT_STORAGE_FEATURES;
  s8.storageBuffer8BitAccess = info.storage_8bit;
  VkPhysicalDeviceShaderFloat16Int8Features f16i8{};
  f16i8.sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_SHADER_FLOAT16_INT8_FEATURES;
  f16i8.shaderFloat16 = info.shader_float16;
  f16i8.shaderInt8 = info.shader_int8;
  VkPhysicalDeviceSubgroupSizeControlFeatures size_control{};
  size_control.sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_SUBGROUP_SIZE_CONTROL_FEATURES;
  size_control.subgroupSizeControl = info.subgroup_size_control;
  size_control.computeFullSubgroups = info.subgroup_size_control;
  // The int8 matmul's packed dot products, through the extension (physical_device.cpp says why).
  VkPhysicalDeviceShaderIntegerDotProductFeatures dot{};
  dot.sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_SHADER_INTEGER_DOT_PRODUCT_FEATURES;
  dot.shaderIntegerDotProduct = info.integer_dot_product;
  // storage_8bit, fp16/int8 and size control are only reported on Vulkan 1.2 / 1.3 devices, where
  // their structures are core; 16-bit storage is core in 1.1.
  void* chain = &s16;
  if (info.storage_8bit || info.shader_float16 || info.shader_int8) s16.pNext = &s8, s8.pNext = &f16i8;
  if (info.subgroup_size_control) (s16.pNext ? f16i8.pNext : s16.pNext) = &size_control;
  // First in the chain: Debian 12's validation layer (1.3.239) reports the 8-bit storage feature
  // as not enabled when this structure comes after the 1.2 ones.
  if (info.integer_dot_product) dot.pNext = &s16, chain = &dot;
  // The cooperative-matrix matmul, only when asked for (coopmat_choice.h says why).
  self->coopmat_ = choose_coopmat(info);
  VkPhysicalDeviceCooperativeMatrixFeaturesNV coopmat{};
  coopmat.sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_COOPERATIVE_MATRIX_FEATURES_NV;
  coopmat.cooperativeMatrix = VK_TRUE;
  VkPhysicalDeviceVulkanMemoryModelFeatures memory_model{};
  memory_model.sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_VULKAN_MEMORY_MODEL_FEATURES;
  memory_model.vulkanMemoryModel = VK_TRUE;
  if (self->coopmat_) coopmat.pNext = &memory_model, memory_model.pNext = chain, chain = &coopmat;
  VkDeviceCreateInfo dci{};
  dci.sType = VK_STRUCTURE_TYPE_DEVICE_CREATE_INFO;
  dci.pNext = chain;
  dci.queueCreateInfoCount = 1;
  dci.pQueueCreateInfos = &qci;
  std::vector<const char*> extensions;
  if (info.integer_dot_product) extensions.push_back(VK_KHR_SHADER_INTEGER_DOT_PRODUCT_EXTENSION_NAME);
  if (self->coopmat_) extensions.push_back(VK_NV_COOPERATIVE_MATRIX_EXTENSION_NAME);
  dci.enabledExtensionCount = static_cast<uint32_t>(extensions.size());
  dci.ppEnabledExtensionNames = extensions.data();
  check(vkCreateDevice(self->physical_, &dci, nullptr, &self->device_), "vkCreateDevice");
  vkGetDeviceQueue(self->device_, self->queue_family_, 0, &self->queue_);

  VkCommandPoolCreateInfo pci{};

  pci.sType = VK_STRUCTURE_TYPE_COMMAND_POOL_CREATE_INFO;
  pci.flags = VK_COMMAND_POOL_CREATE_RESET_COMMAND_BUFFER_BIT;
  pci.queueFamilyIndex = self->queue_family_;
  check(vkCreateCommandPool(self->device_, &pci, nullptr, &self->pool_), "vkCreateCommandPool");

  vkGetPhysicalDeviceMemoryProperties(self->physical_, &self->memory_);
  VkPhysicalDeviceMaintenance3Properties m3{};
  m3.sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_MAINTENANCE_3_PROPERTIES;
  VkPhysicalDeviceProperties2 p2{};
  p2.sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_PROPERTIES_2;
  p2.pNext = &m3;
  vkGetPhysicalDeviceProperties2(self->physical_, &p2);
  const VkPhysicalDeviceLimits& l = p2.properties.limits;
  DeviceLimits& lim = self->limits_;
  lim.max_allocation = std::max<uint64_t>(m3.maxMemoryAllocationSize, 1u << 20);
  lim.max_binding = l.maxStorageBufferRange;
  lim.offset_alignment = std::max<uint64_t>(l.minStorageBufferOffsetAlignment, 4);
  for (int i = 0; i < 3; ++i) lim.max_groups[i] = l.maxComputeWorkGroupCount[i];
  lim.max_shared_memory = l.maxComputeSharedMemorySize;
  lim.max_uniform_range = l.maxUniformBufferRange;
  lim.uniform_offset_alignment = std::max<uint64_t>(l.minUniformBufferOffsetAlignment, 4);
  // Leave a tenth of the heap to the desktop and other programs.
  lim.device_budget = self->info_.device_local_bytes / 10 * 9;
  // A binding's range is rounded down to whole words so kernels can read uint arrays.
  lim.max_binding &= ~uint64_t{3};
  lim.weight_allocation = lim.max_allocation;
  lim.weight_binding = lim.max_binding;
  if (uint64_t v = env_bytes("VELOCE_VK_MAX_ALLOC"))
    lim.weight_allocation = std::min(lim.max_allocation, std::max<uint64_t>(v, 4096));
  if (uint64_t v = env_bytes("VELOCE_VK_MAX_BINDING"))
    lim.weight_binding = std::min(lim.max_binding, std::max<uint64_t>(v, 1024) & ~uint64_t{3});
  if (const char* b = std::getenv("VELOCE_VK_DEVICE_BUDGET"); b && *b)
    lim.device_budget = env_bytes("VELOCE_VK_DEVICE_BUDGET");

  return self;
}

Device::~Device() {
  if (device_ != VK_NULL_HANDLE) {
    vkDeviceWaitIdle(device_);
    if (pool_ != VK_NULL_HANDLE) vkDestroyCommandPool(device_, pool_, nullptr);
    vkDestroyDevice(device_, nullptr);
  }
}

uint32_t Device::memory_type(MemoryKind kind, uint32_t type_bits) const {
  auto pick = [&](VkMemoryPropertyFlags need, VkMemoryPropertyFlags prefer, VkMemoryPropertyFlags avoid) {
    uint32_t best = UINT32_MAX;
    int best_score = -1;
    for (uint32_t i = 0; i < memory_.memoryTypeCount; ++i) {
      if (!(type_bits & (1u << i))) continue;
      const VkMemoryPropertyFlags f = memory_.memoryTypes[i].propertyFlags;
      if ((f & need) != need) continue;
      const int score = ((f & prefer) == prefer ? 2 : 0) + ((f & avoid) ? 0 : 1);
      if (score > best_score) best = i, best_score = score;
    }
    return best;
  };
  const VkMemoryPropertyFlags host = VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT | VK_MEMORY_PROPERTY_HOST_COHERENT_BIT;
  switch (kind) {
    case MemoryKind::DeviceLocal: return pick(VK_MEMORY_PROPERTY_DEVICE_LOCAL_BIT, 0, 0);
    case MemoryKind::HostVisible: return pick(host, 0, VK_MEMORY_PROPERTY_DEVICE_LOCAL_BIT);
    case MemoryKind::Staging: return pick(host, 0, 0);
    case MemoryKind::Readback: return pick(host, VK_MEMORY_PROPERTY_HOST_CACHED_BIT, 0);
  }
  return UINT32_MAX;
}

bool Device::memory_is_device_local(uint32_t type_index) const {
  return type_index < memory_.memoryTypeCount &&
         (memory_.memoryTypes[type_index].propertyFlags & VK_MEMORY_PROPERTY_DEVICE_LOCAL_BIT);
}

uint64_t Device::fence_timeout_ns() const {
  // A CPU driver needs minutes where a GPU needs a second (a 128-token chunk of a Phi-4-width
  // layer on lavapipe); a real GPU that takes 2 minutes for one submission is hung.
  uint64_t ms = info_.kind == DeviceKind::Cpu ? 900000 : 120000;
  if (const char* t = std::getenv("VELOCE_VK_FENCE_TIMEOUT_MS"); t && *t) ms = std::strtoull(t, nullptr, 10);
  return ms * 1000000ull;
}

void Device::wait(VkFence fence, const char* what) const {
  const uint64_t timeout = fence_timeout_ns();
  const VkResult r = fault::call(fault::Kind::Wait, [&] { return vkWaitForFences(device_, 1, &fence, VK_TRUE, timeout); });
  if (r == VK_TIMEOUT)
    throw EngineError(std::string("the GPU did not finish ") + what + " within " + std::to_string(timeout / 1000000ull) +
                      " ms; it may be hung or far too slow for this model");
  check(r, "vkWaitForFences");
}

void Device::submit(VkCommandBuffer cmd, VkFence fence) const {
  VkSubmitInfo si{};
  si.sType = VK_STRUCTURE_TYPE_SUBMIT_INFO;
  si.commandBufferCount = 1;
  si.pCommandBuffers = &cmd;
  const VkResult r = fault::call(fault::Kind::Submit, [&] { return vkQueueSubmit(queue_, 1, &si, fence); });
  // A failed submit leaves the fence unsignaled for ever, and whoever waits for it before freeing
  // buffers (VulkanSession's destructor after an error) blocked for its whole 2-minute timeout (the
  // fault sweep found it). An empty submission signals it once the queue's earlier work is done;
  // waiting for that here means the fence is not in use when a caller destroys it at once.
  if (r != VK_SUCCESS && fence != VK_NULL_HANDLE && vkQueueSubmit(queue_, 0, nullptr, fence) == VK_SUCCESS)
    vkWaitForFences(device_, 1, &fence, VK_TRUE, fence_timeout_ns());
  check(r, "vkQueueSubmit");
}

void Device::wait_idle() const {
  if (device_ != VK_NULL_HANDLE) vkDeviceWaitIdle(device_);
}

Fence::Fence(const Device& device) : device_(device.handle()) {
  VkFenceCreateInfo ci{};
  ci.sType = VK_STRUCTURE_TYPE_FENCE_CREATE_INFO;
  check(vkCreateFence(device_, &ci, nullptr, &fence_), "vkCreateFence");
}
Fence::~Fence() {
  if (fence_ != VK_NULL_HANDLE) vkDestroyFence(device_, fence_, nullptr);
}
Fence::Fence(Fence&& o) noexcept : device_(o.device_), fence_(std::exchange(o.fence_, VK_NULL_HANDLE)) {}
Fence& Fence::operator=(Fence&& o) noexcept {
  if (this != &o) {
    if (fence_ != VK_NULL_HANDLE) vkDestroyFence(device_, fence_, nullptr);
    device_ = o.device_;
    fence_ = std::exchange(o.fence_, VK_NULL_HANDLE);
  }
  return *this;
}
void Fence::reset() { check(vkResetFences(device_, 1, &fence_), "vkResetFences"); }

CommandBuffer::CommandBuffer(const Device& device) : device_(device.handle()), pool_(device.command_pool()) {
  VkCommandBufferAllocateInfo ai{};
  ai.sType = VK_STRUCTURE_TYPE_COMMAND_BUFFER_ALLOCATE_INFO;
  ai.commandPool = pool_;
  ai.level = VK_COMMAND_BUFFER_LEVEL_PRIMARY;
  ai.commandBufferCount = 1;
  check(vkAllocateCommandBuffers(device_, &ai, &cmd_), "vkAllocateCommandBuffers");
}
CommandBuffer::~CommandBuffer() {
  if (cmd_ != VK_NULL_HANDLE) vkFreeCommandBuffers(device_, pool_, 1, &cmd_);
}
CommandBuffer::CommandBuffer(CommandBuffer&& o) noexcept
    : device_(o.device_), pool_(o.pool_), cmd_(std::exchange(o.cmd_, VK_NULL_HANDLE)) {}
CommandBuffer& CommandBuffer::operator=(CommandBuffer&& o) noexcept {
  if (this != &o) {
    if (cmd_ != VK_NULL_HANDLE) vkFreeCommandBuffers(device_, pool_, 1, &cmd_);
    device_ = o.device_;
    pool_ = o.pool_;
    cmd_ = std::exchange(o.cmd_, VK_NULL_HANDLE);
  }
  return *this;
}
void CommandBuffer::begin(bool one_time) {
  check(vkResetCommandBuffer(cmd_, 0), "vkResetCommandBuffer");
  VkCommandBufferBeginInfo bi{};
  bi.sType = VK_STRUCTURE_TYPE_COMMAND_BUFFER_BEGIN_INFO;
  bi.flags = one_time ? VK_COMMAND_BUFFER_USAGE_ONE_TIME_SUBMIT_BIT : 0;
  check(vkBeginCommandBuffer(cmd_, &bi), "vkBeginCommandBuffer");
}
void CommandBuffer::end() { check(vkEndCommandBuffer(cmd_), "vkEndCommandBuffer"); }

}  // namespace veloce::vk
