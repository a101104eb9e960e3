#include "inference/vulkan/vulkan_engine.h"

#include <algorithm>
#include <chrono>

#include "inference/model/model.h"
#include "inference/vulkan/gpu_model.h"
#include "inference/vulkan/vk_check.h"
#include "inference/vulkan/vulkan_session.h"

namespace veloce {
namespace {

class VulkanEngine : public Engine {
 public:
  explicit VulkanEngine(std::shared_ptr<vk::GpuModel> gpu) : gpu_(std::move(gpu)) {}
  std::unique_ptr<Session> create_session(size_t n_ctx) override {
    return std::make_unique<vk::VulkanSession>(gpu_, n_ctx);
  }
  std::string name() const override { return "vulkan"; }
  std::string device_name() const override { return gpu_->device->info().name; }
  const Model& model() const override { return *gpu_->model; }
  vk::GpuModel& gpu() { return *gpu_; }

 private:
  std::shared_ptr<vk::GpuModel> gpu_;
};

}  // namespace

double measure_device_bandwidth(Engine& engine) {
  auto* vulkan = dynamic_cast<VulkanEngine*>(&engine);
  if (!vulkan) throw EngineError("bandwidth is measured on a Vulkan engine only");
  vk::GpuModel& g = vulkan->gpu();
  const vk::Device& dev = *g.device;
  // 64 MiB each way (within every binding limit and far beyond any cache), copied several times.
  const uint64_t bytes = std::min<uint64_t>(64ull << 20, dev.limits().max_binding) & ~uint64_t{15};
  vk::Buffer src(dev, bytes, vk::MemoryKind::DeviceLocal), dst(dev, bytes, vk::MemoryKind::DeviceLocal);
  vk::Kernels kernels(dev, *g.pipelines);
  vk::CommandBuffer cmd(dev);
  vk::Fence fence(dev);
  vk::DescriptorArena sets(dev);
  auto run = [&](int reps) {
    cmd.begin(true);
    vk::Recorder r(dev, cmd.handle(), sets);
    for (int i = 0; i < reps; ++i) kernels.copy(r, vk::whole(src), vk::whole(dst), static_cast<uint32_t>(bytes / 16));
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

std::unique_ptr<Engine> make_vulkan_engine(std::shared_ptr<const Model> model, const EngineOptions& options) {
  if (!model) throw EngineError("no model loaded");
  return std::make_unique<VulkanEngine>(vk::GpuModel::load(std::move(model), options));
}

}  // namespace veloce
