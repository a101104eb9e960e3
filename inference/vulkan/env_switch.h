#pragma once
// An on/off environment setting of the Vulkan engine (VELOCE_VK_INT8_MATMUL, VELOCE_VK_COOPMAT):
// nullopt when unset or empty, else 0 or 1; anything else throws EngineError
// "NAME must be 0 or 1, not 'VALUE'", the same words for every such setting.
#include <optional>

namespace veloce::vk {

std::optional<bool> env_switch(const char* name);

}  // namespace veloce::vk
