#include "inference/vulkan/vulkan_engine.h"

#include <algorithm>
#include <chrono>

#include "inference/model/model.h"
#include "inference/vulkan/gpu_model.h"
#include "inference/vulkan/vk_check.h"
#include "inference/vulkan/vulkan_session.h"

namespace veloce {
namespace vk {

double measure_copy_bandwidth(const Device& dev, Pipelines& pipelines) {
  // 64 MiB each way (within every binding limit and far beyond any cache), copied several times.
  const uint64_t bytes = std::min<uint64_t>(64ull << 20, dev.limits().max_binding) & ~uint64_t{15};
  Buffer src(dev, bytes, MemoryKind::DeviceLocal), dst(dev, bytes, MemoryKind::DeviceLocal);
  Kernels kernels(dev, pipelines);
  CommandBuffer cmd(dev);
  Fence fence(dev);
  DescriptorArena sets(dev);
  auto run = [&](int reps) {
    cmd.begin(true);
    Recorder r(dev, cmd.handle(), sets);
    for (int i = 0; i < reps; ++i) kernels.copy(r, whole(src), whole(dst), static_cast<uint32_t>(bytes / 16));
    cmd.end();
    fence.reset();
    const auto t0 = std::chrono::steady_clock::now();
    dev.submit(cmd.handle(), fence.handle());
    dev.wait(fence.handle(), "the bandwidth test");
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  };
  run(1);  // builds the pipeline and touches the pages
  sets.reset();
  constexpr int kReps = 8;
  const double seconds = run(kReps);
  return 2.0 * static_cast<double>(bytes) * kReps / seconds / 1e9;
}

}  // namespace vk

namespace {

class VulkanEngine : public Engine {
 public:
  explicit VulkanEngine(std::shared_ptr<vk::GpuModel> gpu) : gpu_(std::move(gpu)) {}
  std::unique_ptr<Session> create_session(size_t n_ctx) override { return std::make_unique<vk::VulkanSession>(gpu_, n_ctx); }
  std::string name() const override { return "vulkan"; }
  std::string device_name() const override { return gpu_->device->info().name; }
  const Model& model() const override { return *gpu_->model; }
  vk::GpuModel& gpu() { return *gpu_; }
  const vk::GpuModel& gpu_model() const { return *gpu_; }

 private:
  std::shared_ptr<vk::GpuModel> gpu_;
};

}  // namespace

double measure_device_bandwidth(Engine& engine) {
  auto* vulkan = dynamic_cast<VulkanEngine*>(&engine);
  if (!vulkan) throw EngineError("bandwidth is measured on a Vulkan engine only");
  return vk::measure_copy_bandwidth(*vulkan->gpu().device, *vulkan->gpu().pipelines);
}

vk::FlopsPeak measure_device_flops(Engine& engine) {
  auto* vulkan = dynamic_cast<VulkanEngine*>(&engine);
  if (!vulkan) throw EngineError("the arithmetic peak is measured on a Vulkan engine only");
  return vk::measure_flops_peak(*vulkan->gpu().device, *vulkan->gpu().pipelines);
}

const vk::Device* vulkan_device(const Engine& engine) {
  auto* vulkan = dynamic_cast<const VulkanEngine*>(&engine);
  return vulkan ? vulkan->gpu_model().device.get() : nullptr;
}

const vk::MemoryPlan* vulkan_memory_plan(const Engine& engine) {
  auto* vulkan = dynamic_cast<const VulkanEngine*>(&engine);
  return vulkan ? &vulkan->gpu_model().plan : nullptr;
}

std::unique_ptr<Engine> make_vulkan_engine(std::shared_ptr<const Model> model, const EngineOptions& options) {
  if (!model) throw EngineError("no model loaded");
  return std::make_unique<VulkanEngine>(vk::GpuModel::load(std::move(model), options));
}

}  // namespace veloce
