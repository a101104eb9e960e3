#include "inference/vulkan/coopmat_choice.h"

#include "inference/vulkan/env_switch.h"

namespace veloce::vk {

std::optional<bool> coopmat_override() { return env_switch("VELOCE_VK_COOPMAT"); }

bool choose_coopmat(const DeviceInfo& info) {
  const auto forced = coopmat_override();
  return forced.value_or(false) && info.cooperative_matrix_nv;
}

}  // namespace veloce::vk
