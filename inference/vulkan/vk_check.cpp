#include "inference/vulkan/vk_check.h"

#include <cstdlib>
#include <string>

#include "inference/model/session.h"

namespace veloce::vk {

const char* result_name(VkResult result) {
  switch (result) {
    case VK_SUCCESS: return "VK_SUCCESS";
    case VK_NOT_READY: return "VK_NOT_READY";
    case VK_TIMEOUT: return "VK_TIMEOUT";
    case VK_INCOMPLETE: return "VK_INCOMPLETE";
    case VK_ERROR_OUT_OF_HOST_MEMORY: return "VK_ERROR_OUT_OF_HOST_MEMORY";
    case VK_ERROR_OUT_OF_DEVICE_MEMORY: return "VK_ERROR_OUT_OF_DEVICE_MEMORY";
    case VK_ERROR_INITIALIZATION_FAILED: return "VK_ERROR_INITIALIZATION_FAILED";
    case VK_ERROR_DEVICE_LOST: return "VK_ERROR_DEVICE_LOST";
    case VK_ERROR_MEMORY_MAP_FAILED: return "VK_ERROR_MEMORY_MAP_FAILED";
    case VK_ERROR_LAYER_NOT_PRESENT: return "VK_ERROR_LAYER_NOT_PRESENT";
    case VK_ERROR_EXTENSION_NOT_PRESENT: return "VK_ERROR_EXTENSION_NOT_PRESENT";
    case VK_ERROR_FEATURE_NOT_PRESENT: return "VK_ERROR_FEATURE_NOT_PRESENT";
    case VK_ERROR_INCOMPATIBLE_DRIVER: return "VK_ERROR_INCOMPATIBLE_DRIVER";
    case VK_ERROR_TOO_MANY_OBJECTS: return "VK_ERROR_TOO_MANY_OBJECTS";
    case VK_ERROR_FORMAT_NOT_SUPPORTED: return "VK_ERROR_FORMAT_NOT_SUPPORTED";
    case VK_ERROR_FRAGMENTED_POOL: return "VK_ERROR_FRAGMENTED_POOL";
    case VK_ERROR_OUT_OF_POOL_MEMORY: return "VK_ERROR_OUT_OF_POOL_MEMORY";
    default: return "VkResult error";
  }
}

void check(VkResult result, const char* what) {
  if (result == VK_SUCCESS) return;
  std::string msg =
      std::string(what) + " failed: " + result_name(result) + " (" + std::to_string(static_cast<int>(result)) + ")";
  if (result == VK_ERROR_DEVICE_LOST) msg += ". The GPU was reset or the driver stopped it; reload the model to continue";
  else if (result == VK_ERROR_OUT_OF_DEVICE_MEMORY)
    msg += ". The GPU ran out of memory; try a smaller context or a smaller quantization";
  throw EngineError(msg);
}

uint64_t env_bytes(const char* name) {
  const char* v = std::getenv(name);
  if (!v || !*v) return 0;
  char* end = nullptr;
  const unsigned long long n = std::strtoull(v, &end, 10);
  uint64_t mult = 1;
  if (end && *end) {
    switch (*end) {
      case 'k':
      case 'K': mult = 1ull << 10; break;
      case 'm':
      case 'M': mult = 1ull << 20; break;
      case 'g':
      case 'G': mult = 1ull << 30; break;
      default: return 0;
    }
  }
  return static_cast<uint64_t>(n) * mult;
}

}  // namespace veloce::vk
