#include "inference/vulkan/vulkan_engine.h"

#include "inference/model/model.h"
#include "inference/vulkan/gpu_model.h"
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

 private:
  std::shared_ptr<vk::GpuModel> gpu_;
};

}  // namespace

std::unique_ptr<Engine> make_vulkan_engine(std::shared_ptr<const Model> model, const EngineOptions& options) {
  if (!model) throw EngineError("no model loaded");
  return std::make_unique<VulkanEngine>(vk::GpuModel::load(std::move(model), options));
}

}  // namespace veloce
