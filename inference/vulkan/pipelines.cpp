#include "inference/vulkan/pipelines.h"

#include "inference/model/session.h"
#include "inference/vulkan/vk_check.h"
#include "shader_table.h"

namespace veloce::vk {

bool Pipelines::exists(const std::string& name) { return !veloce::shaders::find(name).empty(); }
bool Pipelines::exists(const KernelKey& key) { return exists(shader_name(key)); }

namespace {

void check_bindings(const Pipeline& p, uint32_t n_bindings) {
  if (p.n_bindings != n_bindings)
    throw EngineError("pipeline '" + p.name + "' requested with " + std::to_string(n_bindings) + " bindings, built with " +
                      std::to_string(p.n_bindings));
}

}  // namespace

const Pipeline& Pipelines::get(const std::string& name, uint32_t n_bindings, std::initializer_list<uint32_t> spec,
                               uint32_t uniform_mask) {
  std::lock_guard lock(mutex_);
  std::string key = name;
  for (uint32_t v : spec) {
    key += '@';
    key += std::to_string(v);
  }
  key += '#';
  key += std::to_string(uniform_mask);
  if (auto it = pipelines_.find(key); it != pipelines_.end()) {
    check_bindings(*it->second, n_bindings);
    return *it->second;
  }
  PipelineOptions options;
  options.spec = spec;
  options.uniform_mask = uniform_mask;
  return *(pipelines_[key] = build(name, n_bindings, options));
}

const Pipeline& Pipelines::get(const KernelKey& key, uint32_t n_bindings, const PipelineOptions& options) {
  std::lock_guard lock(mutex_);
  auto& slot = weight_pipelines_[{key, options}];
  if (!slot) slot = build(shader_name(key), n_bindings, options);
  check_bindings(*slot, n_bindings);
  return *slot;
}

std::unique_ptr<Pipeline> Pipelines::build(const std::string& name, uint32_t n_bindings, const PipelineOptions& options) {
  const auto spirv = veloce::shaders::find(name);
  if (spirv.empty()) throw EngineError("internal error: no compiled shader named '" + name + "'");
  VkDevice dev = device_->handle();
  const uint32_t uniform_mask = options.uniform_mask;

  auto& lay = layouts_[{n_bindings, uniform_mask}];
  if (lay.first == VK_NULL_HANDLE) {
    std::vector<VkDescriptorSetLayoutBinding> b(n_bindings);
    for (uint32_t i = 0; i < n_bindings; ++i) {
      b[i].binding = i;
      b[i].descriptorType = (uniform_mask >> i) & 1 ? VK_DESCRIPTOR_TYPE_UNIFORM_BUFFER : VK_DESCRIPTOR_TYPE_STORAGE_BUFFER;
      b[i].descriptorCount = 1;
      b[i].stageFlags = VK_SHADER_STAGE_COMPUTE_BIT;
    }
    VkDescriptorSetLayoutCreateInfo dci{};
    dci.sType = VK_STRUCTURE_TYPE_DESCRIPTOR_SET_LAYOUT_CREATE_INFO;
    dci.bindingCount = n_bindings;
    dci.pBindings = b.data();
    check(vkCreateDescriptorSetLayout(dev, &dci, nullptr, &lay.first), "vkCreateDescriptorSetLayout");
    VkPushConstantRange pcr{VK_SHADER_STAGE_COMPUTE_BIT, 0, kPushConstantBytes};
    VkPipelineLayoutCreateInfo lci{};
    lci.sType = VK_STRUCTURE_TYPE_PIPELINE_LAYOUT_CREATE_INFO;
    lci.setLayoutCount = 1;
    lci.pSetLayouts = &lay.first;
    lci.pushConstantRangeCount = 1;
    lci.pPushConstantRanges = &pcr;
    check(vkCreatePipelineLayout(dev, &lci, nullptr, &lay.second), "vkCreatePipelineLayout");
  }

  auto p = std::make_unique<Pipeline>();
  p->name = name;
  p->n_bindings = n_bindings;
  p->uniform_mask = uniform_mask;
  p->set_layout = lay.first;
  p->layout = lay.second;
  VkShaderModuleCreateInfo sci{};
  sci.sType = VK_STRUCTURE_TYPE_SHADER_MODULE_CREATE_INFO;
  sci.codeSize = spirv.size() * 4;
  sci.pCode = spirv.data();
  VkShaderModule module = VK_NULL_HANDLE;
  check(vkCreateShaderModule(dev, &sci, nullptr, &module), "vkCreateShaderModule");
  VkComputePipelineCreateInfo cci{};
  cci.sType = VK_STRUCTURE_TYPE_COMPUTE_PIPELINE_CREATE_INFO;
  cci.stage.sType = VK_STRUCTURE_TYPE_PIPELINE_SHADER_STAGE_CREATE_INFO;
  cci.stage.stage = VK_SHADER_STAGE_COMPUTE_BIT;
  cci.stage.module = module;
  cci.stage.pName = "main";
  const std::vector<uint32_t>& values = options.spec;
  std::vector<VkSpecializationMapEntry> entries;
  for (uint32_t i = 0; i < values.size(); ++i) entries.push_back({i, i * 4, sizeof(uint32_t)});
  const VkSpecializationInfo spec_info{static_cast<uint32_t>(entries.size()), entries.data(), values.size() * 4,
                                       values.data()};
  if (!values.empty()) cci.stage.pSpecializationInfo = &spec_info;
  // Pinned subgroup size (Vulkan 1.3 subgroupSizeControl, computeFullSubgroups; Device enables both).
  VkPipelineShaderStageRequiredSubgroupSizeCreateInfo required{};
  required.sType = VK_STRUCTURE_TYPE_PIPELINE_SHADER_STAGE_REQUIRED_SUBGROUP_SIZE_CREATE_INFO;
  required.requiredSubgroupSize = options.required_subgroup_size;
  if (options.required_subgroup_size) {
    if (!device_->info().subgroup_size_control)
      throw EngineError("internal error: '" + name + "' asks for a subgroup size the device cannot pin");
    cci.stage.pNext = &required;
    cci.stage.flags = VK_PIPELINE_SHADER_STAGE_CREATE_REQUIRE_FULL_SUBGROUPS_BIT;
  }
  cci.layout = p->layout;
  const VkResult r = vkCreateComputePipelines(dev, VK_NULL_HANDLE, 1, &cci, nullptr, &p->pipeline);
  vkDestroyShaderModule(dev, module, nullptr);
  check(r, ("vkCreateComputePipelines(" + name + ")").c_str());
  return p;
}

Pipelines::~Pipelines() {
  VkDevice dev = device_->handle();
  for (auto& [name, p] : pipelines_) vkDestroyPipeline(dev, p->pipeline, nullptr);
  for (auto& [key, p] : weight_pipelines_)
    if (p) vkDestroyPipeline(dev, p->pipeline, nullptr);
  for (auto& [n, l] : layouts_) {
    vkDestroyPipelineLayout(dev, l.second, nullptr);
    vkDestroyDescriptorSetLayout(dev, l.first, nullptr);
  }
}

}  // namespace veloce::vk
