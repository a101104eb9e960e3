#pragma once
// Whether the cooperative-matrix prompt matmul (shaders/matmul_coopmat.comp, NVIDIA's
// VK_NV_cooperative_matrix) is used. Off unless VELOCE_VK_COOPMAT=1: the kernel has not yet run on
// a GPU (no lavapipe has the NV extension), and a device is only created with the extension when
// it is asked for, so that the default path on every GPU stays what was tested. Vulkan-free, for
// the device (which features to enable), the kernels and `veloce-cli devices`.
#include <optional>

#include "inference/vulkan/device_list.h"

namespace veloce::vk {

// VELOCE_VK_COOPMAT: unset (off), 0 or 1; anything else throws EngineError with the exact text.
std::optional<bool> coopmat_override();
// Asked for and possible on this device (DeviceInfo::cooperative_matrix_nv).
bool choose_coopmat(const DeviceInfo& info);

}  // namespace veloce::vk
