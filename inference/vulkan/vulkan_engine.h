#pragma once
// Phi-4 on any Vulkan 1.1 device through Veloce's own compute shaders.
#include <memory>

#include "inference/generation/engine_factory.h"
#include "inference/vulkan/flops_peak.h"
#include "inference/vulkan/memory_plan.h"

namespace veloce::vk {
class Device;
class Pipelines;
// Bytes read plus bytes written per second (GB/s) by a copy kernel over 64 MiB buffers.
double measure_copy_bandwidth(const Device& device, Pipelines& pipelines);
}  // namespace veloce::vk

namespace veloce {
std::unique_ptr<Engine> make_vulkan_engine(std::shared_ptr<const Model> model, const EngineOptions& options);
}

namespace veloce {
// The memory bandwidth of a Vulkan engine's device in GB/s (bytes read plus bytes written per
// second by a copy kernel over buffers much larger than any cache), for `veloce-cli bench`.
// Throws EngineError when the engine is not a Vulkan engine.
double measure_device_bandwidth(Engine& engine);
// The fp32 and fp16 multiply-add peaks of a Vulkan engine's device (inference/vulkan/flops_peak.h).
vk::FlopsPeak measure_device_flops(Engine& engine);
}  // namespace veloce

namespace veloce {
// The memory plan the Vulkan engine loaded its model with (what goes where: MemoryPlan::lines()),
// for the app to show; nullptr for other engines.
const vk::MemoryPlan* vulkan_memory_plan(const Engine& engine);
// The device a Vulkan engine runs on; nullptr for other engines.
const vk::Device* vulkan_device(const Engine& engine);
}  // namespace veloce
