#include "inference/vulkan/physical_device.h"

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <string>
#include <utility>

#include "inference/vulkan/vk_check.h"

namespace veloce::vk {
namespace {

std::string vendor_name(uint32_t id) {
  switch (id) {
    case 0x10DE: return "NVIDIA";
    case 0x1002: return "AMD";
    case 0x8086: return "Intel";
    case 0x106B: return "Apple";
    case 0x13B5: return "ARM";
    case 0x5143: return "Qualcomm";
    case 0x10005: return "Mesa";
    default: {
      char buf[16];
      std::snprintf(buf, sizeof buf, "0x%04X", id);
      return buf;
    }
  }
}

std::string version_string(uint32_t v) {
  return std::to_string(VK_API_VERSION_MAJOR(v)) + "." + std::to_string(VK_API_VERSION_MINOR(v)) + "." +
         std::to_string(VK_API_VERSION_PATCH(v));
}

// Whether the device lists fp16 A and B, fp32 C and D at subgroup scope in this shape.
bool has_coopmat_shape(const Instance& instance, VkPhysicalDevice pd, uint32_t m, uint32_t n, uint32_t k) {
  auto get = reinterpret_cast<PFN_vkGetPhysicalDeviceCooperativeMatrixPropertiesNV>(
      vkGetInstanceProcAddr(instance.handle(), "vkGetPhysicalDeviceCooperativeMatrixPropertiesNV"));
  if (!get) return false;
  uint32_t count = 0;
  if (get(pd, &count, nullptr) != VK_SUCCESS) return false;
  std::vector<VkCooperativeMatrixPropertiesNV> shapes(count);
  for (auto& s : shapes) s.sType = VK_STRUCTURE_TYPE_COOPERATIVE_MATRIX_PROPERTIES_NV;
  if (get(pd, &count, shapes.data()) != VK_SUCCESS) return false;
  for (const auto& s : shapes)
    if (s.MSize == m && s.NSize == n && s.KSize == k && s.AType == VK_COMPONENT_TYPE_FLOAT16_NV &&
        s.BType == VK_COMPONENT_TYPE_FLOAT16_NV && s.CType == VK_COMPONENT_TYPE_FLOAT32_NV &&
        s.DType == VK_COMPONENT_TYPE_FLOAT32_NV && s.scope == VK_SCOPE_SUBGROUP_NV)
      return true;
  return false;
}

}  // namespace

bool has_device_extension(VkPhysicalDevice pd, const char* name) {
  uint32_t n = 0;
  if (vkEnumerateDeviceExtensionProperties(pd, nullptr, &n, nullptr) != VK_SUCCESS) return false;
  std::vector<VkExtensionProperties> exts(n);
  if (vkEnumerateDeviceExtensionProperties(pd, nullptr, &n, exts.data()) != VK_SUCCESS) return false;
  for (const auto& e : exts)
    if (std::strcmp(e.extensionName, name) == 0) return true;
  return false;
}

std::vector<VkPhysicalDevice> physical_devices(const Instance& instance) {
  uint32_t n = 0;
  check(vkEnumeratePhysicalDevices(instance.handle(), &n, nullptr), "vkEnumeratePhysicalDevices");
  std::vector<VkPhysicalDevice> out(n);
  if (n) check(vkEnumeratePhysicalDevices(instance.handle(), &n, out.data()), "vkEnumeratePhysicalDevices");
  out.resize(n);
  return out;
}

uint32_t compute_queue_family(VkPhysicalDevice device) {
  uint32_t n = 0;
  vkGetPhysicalDeviceQueueFamilyProperties(device, &n, nullptr);
  std::vector<VkQueueFamilyProperties> fams(n);
  vkGetPhysicalDeviceQueueFamilyProperties(device, &n, fams.data());
  // Prefer a compute family without graphics (often a dedicated, less contended queue)... but the
  // universal queue is the most reliable across drivers, so take the first with compute.
  for (uint32_t i = 0; i < n; ++i)
    if (fams[i].queueFlags & VK_QUEUE_COMPUTE_BIT) return i;
  return UINT32_MAX;
}

std::string compute_limits_shortfall(const VkPhysicalDeviceLimits& limits) {
  constexpr uint32_t kSharedBytes = 32 * 1024, kInvocations = 256;
  if (limits.maxComputeSharedMemorySize < kSharedBytes)
    return "it has " + std::to_string(limits.maxComputeSharedMemorySize / 1024) +
           " KiB of compute shared memory (32 KiB is needed)";
  if (limits.maxComputeWorkGroupInvocations < kInvocations || limits.maxComputeWorkGroupSize[0] < kInvocations)
    return "its compute workgroups hold at most " +
           std::to_string(std::min(limits.maxComputeWorkGroupInvocations, limits.maxComputeWorkGroupSize[0])) +
           " invocations (256 are needed)";
  return "";
}

DeviceInfo describe_physical_device(const Instance& instance, VkPhysicalDevice pd) {
  DeviceInfo info;
  VkPhysicalDeviceProperties props{};
  vkGetPhysicalDeviceProperties(pd, &props);
  info.name = props.deviceName;
  info.vendor_id = props.vendorID;
  info.vendor = vendor_name(props.vendorID);
  info.api_version = version_string(props.apiVersion);
  switch (props.deviceType) {
    case VK_PHYSICAL_DEVICE_TYPE_DISCRETE_GPU: info.kind = DeviceKind::Discrete; break;
    case VK_PHYSICAL_DEVICE_TYPE_INTEGRATED_GPU: info.kind = DeviceKind::Integrated; break;
    case VK_PHYSICAL_DEVICE_TYPE_VIRTUAL_GPU: info.kind = DeviceKind::Virtual; break;
    case VK_PHYSICAL_DEVICE_TYPE_CPU: info.kind = DeviceKind::Cpu; break;
    default: info.kind = DeviceKind::Other; break;
  }
  const bool v12 = props.apiVersion >= VK_API_VERSION_1_2 && instance.api_version() >= VK_API_VERSION_1_2;
  const bool v13 = props.apiVersion >= VK_API_VERSION_1_3 && instance.api_version() >= VK_API_VERSION_1_3;
  // Integer dot products through VK_KHR_shader_integer_dot_product, which the device is created
  // with where it has it (also on 1.3 devices, where it is core: one path for 1.2 and 1.3).
  const bool dot_ext = v12 && has_device_extension(pd, VK_KHR_SHADER_INTEGER_DOT_PRODUCT_EXTENSION_NAME);

  VkPhysicalDeviceIDProperties id_props{};

  id_props.sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_ID_PROPERTIES;
  VkPhysicalDeviceSubgroupProperties subgroup{};
  subgroup.sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_SUBGROUP_PROPERTIES;
  VkPhysicalDeviceDriverProperties driver{};
  driver.sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_DRIVER_PROPERTIES;
  VkPhysicalDeviceSubgroupSizeControlProperties size_control{};
  size_control.sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_SUBGROUP_SIZE_CONTROL_PROPERTIES;
  VkPhysicalDeviceShaderIntegerDotProductProperties dot_props{};
  dot_props.sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_SHADER_INTEGER_DOT_PRODUCT_PROPERTIES;
  id_props.pNext = &subgroup;
  if (v12) subgroup.pNext = &driver;
  if (v13) driver.pNext = &size_control;
  if (dot_ext) (v13 ? size_control.pNext : driver.pNext) = &dot_props;
  VkPhysicalDeviceProperties2 props2{};
  props2.sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_PROPERTIES_2;
  props2.pNext = &id_props;
  vkGetPhysicalDeviceProperties2(pd, &props2);
  static const char* hex = "0123456789abcdef";
  for (uint8_t b : id_props.deviceUUID) {
    info.uuid += hex[b >> 4];
    info.uuid += hex[b & 15];
  }
  info.subgroup_size = subgroup.subgroupSize;
  info.subgroup_arithmetic = (subgroup.supportedStages & VK_SHADER_STAGE_COMPUTE_BIT) &&
                             (subgroup.supportedOperations & VK_SUBGROUP_FEATURE_ARITHMETIC_BIT);
  if (v12) info.driver = std::string(driver.driverName) + " " + driver.driverInfo;
  else info.driver = "driver " + std::to_string(props.driverVersion);

  VkPhysicalDeviceMemoryProperties mem{};
  vkGetPhysicalDeviceMemoryProperties(pd, &mem);
  for (uint32_t i = 0; i < mem.memoryHeapCount; ++i)
    if ((mem.memoryHeaps[i].flags & VK_MEMORY_HEAP_DEVICE_LOCAL_BIT) && mem.memoryHeaps[i].size > info.device_local_bytes)
      info.device_local_bytes = mem.memoryHeaps[i].size;

  VkPhysicalDevice16BitStorageFeatures s16{};

  s16.sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_16BIT_STORAGE_FEATURES;
  VkPhysicalDevice8BitStorageFeatures s8{};
  s8.sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_8BIT_STORAGE_FEATURES;
  VkPhysicalDeviceShaderFloat16Int8Features f16i8{};
  f16i8.sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_SHADER_FLOAT16_INT8_FEATURES;
  VkPhysicalDeviceShaderIntegerDotProductFeatures dot{};
  dot.sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_SHADER_INTEGER_DOT_PRODUCT_FEATURES;
  VkPhysicalDeviceSubgroupSizeControlFeatures size_feats{};
  size_feats.sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_SUBGROUP_SIZE_CONTROL_FEATURES;
  const bool coopmat_ext = v12 && has_device_extension(pd, VK_NV_COOPERATIVE_MATRIX_EXTENSION_NAME);
  VkPhysicalDeviceCooperativeMatrixFeaturesNV coopmat{};
  coopmat.sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_COOPERATIVE_MATRIX_FEATURES_NV;
  VkPhysicalDeviceVulkanMemoryModelFeatures memory_model{};
  memory_model.sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_VULKAN_MEMORY_MODEL_FEATURES;
  VkBaseOutStructure* tail = reinterpret_cast<VkBaseOutStructure*>(&s16);
  auto link = [&](void* s) {
    tail->pNext = static_cast<VkBaseOutStructure*>(s);
    tail = tail->pNext;
  };
  if (v12) link(&s8), link(&f16i8);
  if (v13) link(&size_feats);
  if (dot_ext) link(&dot);
  if (coopmat_ext) link(&coopmat), link(&memory_model);
  VkPhysicalDeviceFeatures2 feats{};
  feats.sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_FEATURES_2;
  feats.pNext = &s16;
  vkGetPhysicalDeviceFeatures2(pd, &feats);
  info.storage_16bit = s16.storageBuffer16BitAccess;
  info.storage_8bit = v12 && s8.storageBuffer8BitAccess;
  info.shader_float16 = v12 && f16i8.shaderFloat16;
  info.shader_int8 = v12 && f16i8.shaderInt8;
  info.integer_dot_product = dot_ext && dot.shaderIntegerDotProduct;
  info.integer_dot_accelerated = info.integer_dot_product && dot_props.integerDotProduct4x8BitPackedSignedAccelerated;
  info.cooperative_matrix_nv = coopmat_ext && coopmat.cooperativeMatrix && memory_model.vulkanMemoryModel &&
                               info.shader_float16 && info.subgroup_size == 32 && has_coopmat_shape(instance, pd, 16, 8, 16);
  if (v13) {
    info.min_subgroup_size = size_control.minSubgroupSize;
    info.max_subgroup_size = size_control.maxSubgroupSize;
    info.subgroup_size_control = size_feats.subgroupSizeControl && size_feats.computeFullSubgroups &&
                                 (size_control.requiredSubgroupSizeStages & VK_SHADER_STAGE_COMPUTE_BIT);
  }

  info.supported = true;
  if (props.apiVersion < VK_API_VERSION_1_1) {
    info.supported = false;
    info.unsupported_reason = "it supports only Vulkan " + info.api_version + " (1.1 is needed)";
  } else if (compute_queue_family(pd) == UINT32_MAX) {
    info.supported = false;
    info.unsupported_reason = "it has no compute queue";
  } else if (std::string shortfall = compute_limits_shortfall(props.limits); !shortfall.empty()) {
    info.supported = false;
    info.unsupported_reason = std::move(shortfall);
  }
  return info;
}

}  // namespace veloce::vk
