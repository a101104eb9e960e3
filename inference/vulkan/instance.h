#pragma once
// The Vulkan instance, with the Khronos validation layer and a message recorder when
// VELOCE_VALIDATION=1 (the test suite sets it): every warning or error the layer reports is
// counted so that tests can fail on it.
#include <vulkan/vulkan.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace veloce::vk {

class Instance {
 public:
  // Throws EngineError when no Vulkan loader/driver is usable.
  static std::shared_ptr<Instance> create();
  ~Instance();
  Instance(const Instance&) = delete;
  Instance& operator=(const Instance&) = delete;

  VkInstance handle() const { return instance_; }
  uint32_t api_version() const { return api_version_; }
  bool validation_enabled() const { return messenger_ != VK_NULL_HANDLE; }

 private:
  Instance() = default;
  VkInstance instance_ = VK_NULL_HANDLE;
  VkDebugUtilsMessengerEXT messenger_ = VK_NULL_HANDLE;
  uint32_t api_version_ = VK_API_VERSION_1_1;
};

// Process-wide record of validation messages (warnings and errors) since start.
uint64_t validation_message_count();
std::vector<std::string> validation_messages();  // the first few, for test failure output
// True when VELOCE_VALIDATION=1 asked for the layer.
bool validation_requested();

}  // namespace veloce::vk
