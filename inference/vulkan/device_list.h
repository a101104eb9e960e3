#pragma once
// What Veloce knows about each Vulkan device, and the default choice among them. Free of Vulkan
// types so that the CLI and the app can list devices without touching Vulkan themselves.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace veloce::vk {

enum class DeviceKind { Discrete, Integrated, Virtual, Cpu, Other };
const char* device_kind_name(DeviceKind kind);

struct DeviceInfo {
  uint32_t index = 0;  // position in vkEnumeratePhysicalDevices
  std::string name;
  DeviceKind kind = DeviceKind::Other;
  uint32_t vendor_id = 0;
  std::string vendor;               // "NVIDIA", "AMD", "Intel", "Apple", "Mesa" ... or hex id
  std::string driver;               // driver name and info when the device reports them
  std::string api_version;          // "1.3.230"
  uint64_t device_local_bytes = 0;  // largest DEVICE_LOCAL heap
  std::string uuid;                 // 32 hex digits
  uint32_t subgroup_size = 0;
  // Optional features Veloce can use (only the portable baseline is required).
  bool storage_16bit = false;
  bool storage_8bit = false;
  bool shader_float16 = false;
  bool shader_int8 = false;
  bool subgroup_arithmetic = false;
  bool integer_dot_product = false;  // shaderIntegerDotProduct (Vulkan 1.3)
  // integerDotProduct4x8BitPackedSignedAccelerated: the driver says packed 8-bit dot products are
  // faster than the same arithmetic done by hand (true on GPUs with dp4a-class instructions).
  bool integer_dot_accelerated = false;
  // VK_NV_cooperative_matrix as shaders/matmul_coopmat.comp needs it: fp16 x fp16 -> fp32 16 x 8 x
  // 16 at subgroup scope, the Vulkan memory model, fp16 arithmetic and 32-wide subgroups.
  bool cooperative_matrix_nv = false;
  // Subgroup size control for compute (Vulkan 1.3 subgroupSizeControl and computeFullSubgroups,
  // compute in requiredSubgroupSizeStages): a pipeline may pin any size in [min, max].
  bool subgroup_size_control = false;
  uint32_t min_subgroup_size = 0;  // 0 when the device does not say (before Vulkan 1.3)
  uint32_t max_subgroup_size = 0;
  bool supported = false;  // Vulkan 1.1 and a compute queue
  std::string unsupported_reason;
};

// Every physical device. Throws EngineError when Vulkan itself is unusable.
std::vector<DeviceInfo> list_devices();

// Picks a device: `selector` (or VELOCE_DEVICE when selector is empty) as an index, a UUID or a
// case-insensitive name substring; else the discrete GPU with the most device-local memory, else
// an integrated GPU, else anything else (a CPU device, with *warning set because it is slow).
// Throws EngineError naming the selector and the devices when nothing matches.
uint32_t choose_device(const std::vector<DeviceInfo>& devices, std::string_view selector, std::string* warning);

}  // namespace veloce::vk
