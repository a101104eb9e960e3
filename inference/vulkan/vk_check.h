#pragma once
// Every Vulkan call's result goes through vk_check: a failure becomes an EngineError that names
// the call and the result, so the caller can recover (a lost device must never abort the app).
#include <vulkan/vulkan.h>

#include <string>

namespace veloce::vk {

const char* result_name(VkResult result);
// Throws EngineError("<what>: <result>") unless result is VK_SUCCESS.
void check(VkResult result, const char* what);
// Environment variable as a byte count ("512M", "2G", "1048576"); 0 when unset or malformed.
uint64_t env_bytes(const char* name);

}  // namespace veloce::vk
