#include "inference/vulkan/flops_peak.h"

#include <algorithm>
#include <chrono>

#include "inference/vulkan/buffer.h"
#include "inference/vulkan/device.h"
#include "inference/vulkan/kernel_params.h"
#include "inference/vulkan/pipelines.h"
#include "inference/vulkan/recorder.h"

namespace veloce::vk {
namespace {

constexpr uint32_t kInvocations = 256;  // fma_peak.comp's workgroup
constexpr uint32_t kIterations = 512;   // of its loop: 8 chains x 4 lanes x 2 flops each

// TFLOP/s of one fma_peak variant: doubles the workgroup count until a run lasts 20 ms (or the
// output buffer's cap), then times three such runs in one submission.
double measure(const Device& dev, Pipelines& pipelines, const char* shader) {
  const Pipeline& p = pipelines.get(shader, 1);
  const uint32_t max_groups = std::min<uint32_t>(dev.limits().max_groups[0], 1u << 16);
  Buffer out(dev, uint64_t{max_groups} * kInvocations * 4, MemoryKind::DeviceLocal);
  CommandBuffer cmd(dev);
  Fence fence(dev);
  DescriptorArena sets(dev);
  auto run = [&](uint32_t groups, int reps) {
    cmd.begin(true);
    Recorder r(dev, cmd.handle(), sets);
    for (int i = 0; i < reps; ++i) r.dispatch(p, {whole(out)}, CopyParams{kIterations}, groups, 1);
    cmd.end();
    fence.reset();
    const auto t0 = std::chrono::steady_clock::now();
    dev.submit(cmd.handle(), fence.handle());
    dev.wait(fence.handle(), "the arithmetic peak test");
    const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    sets.reset();
    return s;
  };
  uint32_t groups = 16;
  run(groups, 1);  // builds the pipeline
  while (groups < max_groups && run(groups, 1) < 0.02) groups = std::min(max_groups, groups * 2);
  constexpr int kReps = 3;
  const double seconds = run(groups, kReps);
  const double flops = double(groups) * kInvocations * kIterations * 8 * 4 * 2 * kReps;
  return flops / seconds / 1e12;
}

}  // namespace

FlopsPeak measure_flops_peak(const Device& device, Pipelines& pipelines) {
  FlopsPeak peak;
  peak.fp32 = measure(device, pipelines, "fma_peak_f32");
  if (device.info().shader_float16) peak.fp16 = measure(device, pipelines, "fma_peak_f16");
  return peak;
}

}  // namespace veloce::vk
