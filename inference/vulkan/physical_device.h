#pragma once
// Queries of one physical device: properties, heaps, optional features (see DeviceInfo).
#include <vulkan/vulkan.h>

#include <string>
#include <vector>

#include "inference/vulkan/device_list.h"
#include "inference/vulkan/instance.h"

namespace veloce::vk {

std::vector<VkPhysicalDevice> physical_devices(const Instance& instance);
DeviceInfo describe_physical_device(const Instance& instance, VkPhysicalDevice device);
bool has_device_extension(VkPhysicalDevice device, const char* name);
// Index of a queue family with compute, or UINT32_MAX.
uint32_t compute_queue_family(VkPhysicalDevice device);
// Why a device's compute limits cannot run the kernels, or "" when they can. The kernels are
// written for 32 KiB of shared memory (the largest, attention_grouped.comp, uses 26.3 KiB; the
// tests' lavapipe has exactly 32, so a kernel over it fails them) and workgroups of 256; Vulkan
// only guarantees 16 KiB and 128, and a device below them would fail at pipeline creation or
// worse. Every GPU family Veloce targets has at least 32 KiB and 1024.
std::string compute_limits_shortfall(const VkPhysicalDeviceLimits& limits);

}  // namespace veloce::vk
