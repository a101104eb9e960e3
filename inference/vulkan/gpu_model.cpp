#include "inference/vulkan/gpu_model.h"

#include <algorithm>
#include <cstdio>
#include <map>

#include "inference/model/session.h"
#include "inference/vulkan/memory_budget.h"

namespace veloce::vk {

GpuModel::~GpuModel() {
  if (device) device->wait_idle();  // nothing may still read the weights being freed
}

std::shared_ptr<GpuModel> GpuModel::load(std::shared_ptr<const Model> model, const EngineOptions& options) {
  auto g = std::make_shared<GpuModel>();
  g->model = model;
  auto info = [&](const std::string& line) {
    if (options.on_info) options.on_info(line);
  };
  std::string warning;
  g->device = Device::create(options.device, &warning);
  if (!warning.empty()) info(warning);
  const Device& dev = *g->device;
  const ModelConfig& c = model->config();
  if (c.head_dim > kMaxHeadDim || c.head_dim % 2 || c.n_rot > c.head_dim || c.n_rot % 2)
    throw EngineError("the Vulkan engine does not support head size " + std::to_string(c.head_dim));
  info("device: " + dev.info().name + " (" + device_kind_name(dev.info().kind) + ", " + dev.info().driver + ")");

  uint32_t n_ctx = static_cast<uint32_t>(std::min<size_t>(options.n_ctx ? options.n_ctx : 4096, 1u << 20));
  if (c.n_ctx_train) n_ctx = std::min(n_ctx, c.n_ctx_train);
  g->planned_ctx = n_ctx;
  if (const std::string why = kv_type_unsupported(c, options.kv_type); !why.empty()) throw EngineError(why);
  g->kv_type = options.kv_type;
  const ModelWeights& w = model->weights();
  const MemoryBudget budget = device_memory_budget(dev);
  PlanRequest req;
  req.n_ctx = n_ctx;
  req.kv_type = options.kv_type;
  req.budget = budget.bytes;
  req.budget_source = budget.source;
  req.limits = dev.limits();
  // Q6_K tensors read only by mat-vecs go packed where the packed kernel serves them.
  req.pack_q6k = Kernels::packs_q6k(dev.info());
  req.host_is_device_memory = dev.info().kind == DeviceKind::Cpu || dev.info().kind == DeviceKind::Integrated;
  std::vector<const TensorInfo*> list;
  g->plan = make_memory_plan(c, w, req, &list);
  MemoryPlan& plan = g->plan;
  g->submissions = submission_budget(c, w.bytes_read_per_token(), dev.info().kind);
  std::map<const TensorInfo*, size_t> index;
  for (size_t i = 0; i < list.size(); ++i) index.emplace(list[i], i);
  ArenaPlan arena = plan.arena;
  const std::string plan_text = plan.describe(dev.info().name);
  info(plan_text);
  if (!plan.fits()) {
    const uint64_t fixed = plan.kv_cache + plan.activations;
    throw EngineError("not enough GPU memory: the KV cache for " + std::to_string(n_ctx) + " tokens (" +
                      format_bytes(plan.kv_cache) + ") and activations (" + format_bytes(plan.activations) +
                      ") alone need " + format_bytes(fixed) + ", and with the weights (" + format_bytes(plan.weights) +
                      ") " + format_bytes(fixed + plan.weights) + ", but '" + dev.info().name + "' has a budget of " +
                      format_bytes(plan.budget) + "; try a smaller context or a smaller quantization");
  }
  if (plan.weights_spilled)
    info("warning: " + format_bytes(plan.weights_spilled) + " of weights (" + std::to_string(plan.spilled_tensors.size()) +
         " tensors) do not fit in GPU memory and are spilled to system memory; generation will be slower "
         "(a smaller context or quantization would keep everything on the GPU)");

  try {
    g->arena = std::make_unique<WeightArena>(dev, std::move(arena), options.on_progress);
  } catch (const EngineError& e) {
    throw EngineError(std::string(e.what()) + " (" + plan_text + ")");
  }
  const double secs = g->arena->upload_seconds();
  char line[160];
  std::snprintf(line, sizeof line, "loaded %s of weights in %.2f s (%.2f GB/s)",
                format_bytes(g->arena->uploaded_bytes()).c_str(), secs,
                secs > 0 ? static_cast<double>(g->arena->uploaded_bytes()) / secs / 1e9 : 0.0);
  info(line);

  auto get = [&](const TensorInfo* t) { return &g->arena->tensor(index.at(t)); };
  g->token_embd = get(w.token_embd);
  g->output_norm = get(w.output_norm);
  g->output = get(w.output);
  for (const auto& l : w.layers)
    g->layers.push_back(
        {get(l.attn_norm), get(l.attn_qkv), get(l.attn_output), get(l.ffn_norm), get(l.ffn_up), get(l.ffn_down)});
  g->pipelines = std::make_unique<Pipelines>(g->device);
  return g;
}

}  // namespace veloce::vk
