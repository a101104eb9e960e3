#include "inference/vulkan/memory_budget.h"

#include <cstdlib>
#include <cstring>
#include <vector>

namespace veloce::vk {
namespace {

bool has_memory_budget_extension(VkPhysicalDevice pd) {
  uint32_t n = 0;
  if (vkEnumerateDeviceExtensionProperties(pd, nullptr, &n, nullptr) != VK_SUCCESS) return false;
  std::vector<VkExtensionProperties> ext(n);
  if (vkEnumerateDeviceExtensionProperties(pd, nullptr, &n, ext.data()) != VK_SUCCESS) return false;
  for (const auto& e : ext)
    if (std::strcmp(e.extensionName, VK_EXT_MEMORY_BUDGET_EXTENSION_NAME) == 0) return true;
  return false;
}

}  // namespace

MemoryBudget device_memory_budget(const Device& device) {
  if (const char* b = std::getenv("VELOCE_VK_DEVICE_BUDGET"); b && *b)
    return {device.limits().device_budget, "VELOCE_VK_DEVICE_BUDGET"};
  const MemoryBudget fallback{device.limits().device_budget, "heap size less 10%"};
  if (!has_memory_budget_extension(device.physical())) return fallback;
  // A physical-device query: the extension has to be supported, not enabled.
  VkPhysicalDeviceMemoryBudgetPropertiesEXT budget{};
  budget.sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_MEMORY_BUDGET_PROPERTIES_EXT;
  VkPhysicalDeviceMemoryProperties2 props{};
  props.sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_MEMORY_PROPERTIES_2;
  props.pNext = &budget;
  vkGetPhysicalDeviceMemoryProperties2(device.physical(), &props);
  // The largest device-local heap, as DeviceInfo::device_local_bytes counts it.
  uint64_t best_size = 0, best_free = 0;
  for (uint32_t i = 0; i < props.memoryProperties.memoryHeapCount; ++i) {
    const VkMemoryHeap& h = props.memoryProperties.memoryHeaps[i];
    if (!(h.flags & VK_MEMORY_HEAP_DEVICE_LOCAL_BIT) || h.size <= best_size) continue;
    best_size = h.size;
    best_free = budget.heapBudget[i] > budget.heapUsage[i] ? budget.heapBudget[i] - budget.heapUsage[i] : 0;
  }
  if (best_free == 0) return fallback;
  // A little headroom for the driver's own allocations (pipelines, descriptor pools).
  return {best_free / 100 * 97, "VK_EXT_memory_budget"};
}

}  // namespace veloce::vk
