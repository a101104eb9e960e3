#pragma once
// Queries of one physical device: properties, heaps, optional features (see DeviceInfo).
#include <vulkan/vulkan.h>

#include <vector>

#include "inference/vulkan/device_list.h"
#include "inference/vulkan/instance.h"

namespace veloce::vk {

std::vector<VkPhysicalDevice> physical_devices(const Instance& instance);
DeviceInfo describe_physical_device(const Instance& instance, VkPhysicalDevice device);
bool has_device_extension(VkPhysicalDevice device, const char* name);
// Index of a queue family with compute, or UINT32_MAX.
uint32_t compute_queue_family(VkPhysicalDevice device);

}  // namespace veloce::vk
