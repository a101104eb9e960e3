#pragma once
// Phi-4 on any Vulkan 1.1 device through Veloce's own compute shaders.
#include <memory>

#include "inference/generation/engine_factory.h"

namespace veloce {
std::unique_ptr<Engine> make_vulkan_engine(std::shared_ptr<const Model> model, const EngineOptions& options);
}
