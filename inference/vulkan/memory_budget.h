#pragma once
// How much device-local memory Veloce may use on a device: VELOCE_VK_DEVICE_BUDGET when set
// (tests), else VK_EXT_memory_budget's heap budget less what is already in use (other programs,
// the desktop) where the driver reports it, else the heap size less a tenth.
#include <cstdint>
#include <string>

#include "inference/vulkan/device.h"

namespace veloce::vk {

struct MemoryBudget {
  uint64_t bytes = 0;
  std::string source;  // "VK_EXT_memory_budget", "heap size less 10%" or "VELOCE_VK_DEVICE_BUDGET"
};

MemoryBudget device_memory_budget(const Device& device);

}  // namespace veloce::vk
