#pragma once
// Compute pipelines built on first use from the embedded SPIR-V (shaders/shader_list.cmake), one
// per pipeline name. Every pipeline takes N storage buffers (set 0, bindings 0..N-1) and up to 128
// bytes of push constants.
#include <vulkan/vulkan.h>

#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "inference/vulkan/device.h"

namespace veloce::vk {

constexpr uint32_t kPushConstantBytes = 128;  // the minimum every device guarantees

struct Pipeline {
  std::string name;
  uint32_t n_bindings = 0;
  VkDescriptorSetLayout set_layout = VK_NULL_HANDLE;
  VkPipelineLayout layout = VK_NULL_HANDLE;
  VkPipeline pipeline = VK_NULL_HANDLE;
};

class Pipelines {
 public:
  explicit Pipelines(std::shared_ptr<const Device> device) : device_(std::move(device)) {}
  ~Pipelines();
  Pipelines(const Pipelines&) = delete;
  Pipelines& operator=(const Pipelines&) = delete;

  // Throws EngineError when the name is not in the shader table or the driver rejects it.
  // local_size_x != 0 sets specialization constant 0, which kernels declared with
  // layout(local_size_x_id = 0) take as their workgroup width (e.g. the device's subgroup size);
  // each width is its own pipeline.
  const Pipeline& get(const std::string& name, uint32_t n_bindings, uint32_t local_size_x = 0);
  static bool exists(const std::string& name);

 private:
  std::shared_ptr<const Device> device_;
  std::mutex mutex_;
  std::map<std::string, std::unique_ptr<Pipeline>> pipelines_;
  std::map<uint32_t, std::pair<VkDescriptorSetLayout, VkPipelineLayout>> layouts_;
};

}  // namespace veloce::vk
