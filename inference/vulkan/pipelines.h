#pragma once
// Compute pipelines built on first use from the embedded SPIR-V (shaders/shader_list.cmake): weight
// kernels by KernelKey (kernel_key.h), the other kernels by name. Every pipeline takes N storage buffers (set 0, bindings
// 0..N-1) and up to 128 bytes of push constants.
#include <vulkan/vulkan.h>

#include <initializer_list>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <tuple>
#include <vector>

#include "inference/vulkan/device.h"
#include "inference/vulkan/kernel_key.h"

namespace veloce::vk {

constexpr uint32_t kPushConstantBytes = 128;  // the minimum every device guarantees

struct Pipeline {
  std::string name;
  uint32_t n_bindings = 0;
  uint32_t uniform_mask = 0;  // bit i: binding i is a uniform buffer (else a storage buffer)
  VkDescriptorSetLayout set_layout = VK_NULL_HANDLE;
  VkPipelineLayout layout = VK_NULL_HANDLE;
  VkPipeline pipeline = VK_NULL_HANDLE;
};

// How a weight kernel's pipeline is specialised. Each distinct value is its own pipeline.
struct PipelineOptions {
  std::vector<uint32_t> spec;  // specialization constants 0, 1, ...
  uint32_t uniform_mask = 0;   // bit i: binding i is a uniform buffer
  // Non-zero: the pipeline runs with exactly this subgroup size and full subgroups
  // (requiredSubgroupSize; the caller checks DeviceInfo::subgroup_size_control and the range).
  uint32_t required_subgroup_size = 0;
  auto operator<=>(const PipelineOptions&) const = default;
};

class Pipelines {
 public:
  explicit Pipelines(std::shared_ptr<const Device> device) : device_(std::move(device)) {}
  ~Pipelines();
  Pipelines(const Pipelines&) = delete;
  Pipelines& operator=(const Pipelines&) = delete;

  // Throws EngineError when the name is not in the shader table or the driver rejects it.
  // spec[i] sets specialization constant i (kernels take constant 0 as their workgroup width through
  // layout(local_size_x_id = 0), e.g. the device's subgroup size); each set of values is its own
  // pipeline. Bit i of uniform_mask makes binding i a uniform buffer instead of a storage buffer.
  const Pipeline& get(const std::string& name, uint32_t n_bindings, std::initializer_list<uint32_t> spec = {},
                      uint32_t uniform_mask = 0);
  static bool exists(const std::string& name);
  // A weight kernel; throws EngineError when no shader matches the key.
  const Pipeline& get(const KernelKey& key, uint32_t n_bindings, const PipelineOptions& options = {});
  static bool exists(const KernelKey& key);

 private:
  std::unique_ptr<Pipeline> build(const std::string& shader, uint32_t n_bindings, const PipelineOptions& options);
  std::shared_ptr<const Device> device_;
  std::mutex mutex_;
  std::map<std::string, std::unique_ptr<Pipeline>> pipelines_;
  std::map<std::tuple<KernelKey, PipelineOptions>, std::unique_ptr<Pipeline>> weight_pipelines_;
  std::map<std::pair<uint32_t, uint32_t>, std::pair<VkDescriptorSetLayout, VkPipelineLayout>> layouts_;
};

}  // namespace veloce::vk
