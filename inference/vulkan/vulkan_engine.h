#pragma once
// Phi-4 on any Vulkan 1.1 device through Veloce's own compute shaders.
#include <memory>

#include "inference/generation/engine_factory.h"

namespace veloce {
std::unique_ptr<Engine> make_vulkan_engine(std::shared_ptr<const Model> model, const EngineOptions& options);
}

namespace veloce {
// The memory bandwidth of a Vulkan engine's device in GB/s (bytes read plus bytes written per
// second by a copy kernel over buffers much larger than any cache), for `veloce-cli bench`.
// Throws EngineError when the engine is not a Vulkan engine.
double measure_device_bandwidth(Engine& engine);
}
