#include "inference/vulkan/instance.h"

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <mutex>

#include "inference/model/session.h"
#include "inference/vulkan/vk_check.h"

namespace veloce::vk {
namespace {

std::atomic<uint64_t> g_count{0};
std::mutex g_mutex;
std::vector<std::string> g_messages;

VKAPI_ATTR VkBool32 VKAPI_CALL on_message(VkDebugUtilsMessageSeverityFlagBitsEXT severity, VkDebugUtilsMessageTypeFlagsEXT,
                                          const VkDebugUtilsMessengerCallbackDataEXT* data, void*) {
  if (severity < VK_DEBUG_UTILS_MESSAGE_SEVERITY_WARNING_BIT_EXT) return VK_FALSE;
  g_count.fetch_add(1);
  const char* text = data && data->pMessage ? data->pMessage : "(no message)";
  std::fprintf(stderr, "[vulkan validation] %s\n", text);
  std::lock_guard lock(g_mutex);
  if (g_messages.size() < 32) g_messages.emplace_back(text);
  return VK_FALSE;  // never abort the call that triggered the message
}

bool has_layer(const char* name) {
  uint32_t n = 0;
  if (vkEnumerateInstanceLayerProperties(&n, nullptr) != VK_SUCCESS) return false;
  std::vector<VkLayerProperties> layers(n);
  if (vkEnumerateInstanceLayerProperties(&n, layers.data()) != VK_SUCCESS) return false;
  for (const auto& l : layers)
    if (std::strcmp(l.layerName, name) == 0) return true;
  return false;
}

bool has_extension(const char* name) {
  uint32_t n = 0;
  if (vkEnumerateInstanceExtensionProperties(nullptr, &n, nullptr) != VK_SUCCESS) return false;
  std::vector<VkExtensionProperties> exts(n);
  if (vkEnumerateInstanceExtensionProperties(nullptr, &n, exts.data()) != VK_SUCCESS) return false;
  for (const auto& e : exts)
    if (std::strcmp(e.extensionName, name) == 0) return true;
  return false;
}

}  // namespace

bool validation_requested() {
  const char* v = std::getenv("VELOCE_VALIDATION");
  return v && std::strcmp(v, "1") == 0;
}

uint64_t validation_message_count() { return g_count.load(); }

std::vector<std::string> validation_messages() {
  std::lock_guard lock(g_mutex);
  return g_messages;
}

std::shared_ptr<Instance> Instance::create() {
  std::shared_ptr<Instance> self(new Instance());
  uint32_t loader_version = VK_API_VERSION_1_0;
  if (vkEnumerateInstanceVersion(&loader_version) != VK_SUCCESS) loader_version = VK_API_VERSION_1_0;
  if (loader_version < VK_API_VERSION_1_1)
    throw EngineError("the Vulkan loader supports only Vulkan 1.0; Veloce needs Vulkan 1.1 or newer");
  // Ask for the newest of 1.3, 1.2 and 1.1 the loader has: 1.2 for the 8/16-bit feature structs,
  // 1.3 for subgroup size control, without which no pipeline can pin the subgroup size its
  // geometry was tuned for (Intel and AMD drivers otherwise choose per pipeline). Devices may
  // still be older; physical_device.cpp asks each for what its own version has.
  self->api_version_ = loader_version >= VK_API_VERSION_1_3   ? VK_API_VERSION_1_3
                       : loader_version >= VK_API_VERSION_1_2 ? VK_API_VERSION_1_2
                                                              : VK_API_VERSION_1_1;

  VkApplicationInfo app{};

  app.sType = VK_STRUCTURE_TYPE_APPLICATION_INFO;
  app.pApplicationName = "Veloce";
  app.applicationVersion = VK_MAKE_VERSION(0, 1, 0);
  app.pEngineName = "Veloce";
  app.apiVersion = self->api_version_;

  std::vector<const char*> layers, extensions;
  const bool want_validation = validation_requested();
  const bool validation =
      want_validation && has_layer("VK_LAYER_KHRONOS_validation") && has_extension(VK_EXT_DEBUG_UTILS_EXTENSION_NAME);
  if (want_validation && !validation)
    std::fprintf(stderr, "veloce: VELOCE_VALIDATION=1 but VK_LAYER_KHRONOS_validation is not installed\n");
  if (validation) {
    layers.push_back("VK_LAYER_KHRONOS_validation");
    extensions.push_back(VK_EXT_DEBUG_UTILS_EXTENSION_NAME);
  }
  // MoltenVK and other portability drivers are listed only when asked for.
  VkInstanceCreateFlags flags = 0;
  if (has_extension(VK_KHR_PORTABILITY_ENUMERATION_EXTENSION_NAME)) {
    extensions.push_back(VK_KHR_PORTABILITY_ENUMERATION_EXTENSION_NAME);
    flags |= VK_INSTANCE_CREATE_ENUMERATE_PORTABILITY_BIT_KHR;
  }

  VkDebugUtilsMessengerCreateInfoEXT dbg{};

  dbg.sType = VK_STRUCTURE_TYPE_DEBUG_UTILS_MESSENGER_CREATE_INFO_EXT;
  dbg.messageSeverity = VK_DEBUG_UTILS_MESSAGE_SEVERITY_WARNING_BIT_EXT | VK_DEBUG_UTILS_MESSAGE_SEVERITY_ERROR_BIT_EXT;
  dbg.messageType = VK_DEBUG_UTILS_MESSAGE_TYPE_GENERAL_BIT_EXT | VK_DEBUG_UTILS_MESSAGE_TYPE_VALIDATION_BIT_EXT |
                    VK_DEBUG_UTILS_MESSAGE_TYPE_PERFORMANCE_BIT_EXT;
  dbg.pfnUserCallback = on_message;

  VkInstanceCreateInfo ci{};

  ci.sType = VK_STRUCTURE_TYPE_INSTANCE_CREATE_INFO;
  ci.flags = flags;
  ci.pApplicationInfo = &app;
  ci.enabledLayerCount = static_cast<uint32_t>(layers.size());
  ci.ppEnabledLayerNames = layers.data();
  ci.enabledExtensionCount = static_cast<uint32_t>(extensions.size());
  ci.ppEnabledExtensionNames = extensions.data();
  if (validation) ci.pNext = &dbg;  // also reports problems of vkCreateInstance itself
  const VkResult r = vkCreateInstance(&ci, nullptr, &self->instance_);
  if (r == VK_ERROR_INCOMPATIBLE_DRIVER)
    throw EngineError("no Vulkan driver found: install your GPU's Vulkan driver (or Mesa's lavapipe for the CPU)");
  check(r, "vkCreateInstance");

  if (validation) {
    auto create = reinterpret_cast<PFN_vkCreateDebugUtilsMessengerEXT>(
        vkGetInstanceProcAddr(self->instance_, "vkCreateDebugUtilsMessengerEXT"));
    if (create) check(create(self->instance_, &dbg, nullptr, &self->messenger_), "vkCreateDebugUtilsMessengerEXT");
  }
  return self;
}

Instance::~Instance() {
  if (messenger_ != VK_NULL_HANDLE) {
    auto destroy = reinterpret_cast<PFN_vkDestroyDebugUtilsMessengerEXT>(
        vkGetInstanceProcAddr(instance_, "vkDestroyDebugUtilsMessengerEXT"));
    if (destroy) destroy(instance_, messenger_, nullptr);
  }
  if (instance_ != VK_NULL_HANDLE) vkDestroyInstance(instance_, nullptr);
}

}  // namespace veloce::vk
