#include "app/download/model_fit.h"

#include <unistd.h>

#include "inference/model/random_model.h"
#include "inference/vulkan/memory_plan.h"
#include "inference/vulkan/preset_weights.h"

namespace veloce::app {
namespace {

std::unique_ptr<vk::PresetWeights> phi4(const std::string& mix) {
  RandomModelSpec spec = random_model_preset("phi-4");
  spec.mix = mix;
  return vk::preset_weights(spec);
}

}  // namespace

FitEstimate estimateFit(const std::string& mix, uint32_t n_ctx, const DeviceTarget& target, uint64_t systemMemory,
                        KvType kv) {
  const auto shapes = phi4(mix);
  vk::PlanRequest request;
  request.n_ctx = n_ctx;
  request.kv_type = kv;
  request.budget = target.deviceLocalBytes / 10 * 9;
  request.budget_source = "device memory less 10%";
  // A discrete GPU's usual limits (as `veloce-cli plan --vram` assumes): the layout, not the
  // verdict, depends on them.
  request.limits.max_allocation = request.limits.weight_allocation = 4ull << 30;
  request.limits.max_binding = request.limits.weight_binding = (4ull << 30) - 4;
  request.limits.offset_alignment = 64;
  request.host_is_device_memory = target.sharesSystemMemory || target.processor == Processor::Cpu;
  const vk::MemoryPlan plan = vk::make_memory_plan(shapes->config, shapes->weights, request);

  FitEstimate estimate;
  estimate.neededBytes = plan.weights + plan.kv_cache + plan.activations;
  estimate.spilledBytes = plan.weights_spilled;
  estimate.kvCacheBytes = plan.kv_cache;
  const uint64_t systemUsable = systemMemory / 5 * 4;
  if (target.processor == Processor::Cpu) {
    // A CPU driver reports a small heap, but the model lives in system memory all the same.
    estimate.fit = estimate.neededBytes <= systemUsable ? Fit::OnCpu : Fit::TooLarge;
  } else if (target.sharesSystemMemory) {
    estimate.fit = estimate.neededBytes <= systemUsable ? Fit::OnDevice : Fit::TooLarge;
  } else if (!plan.fits() || plan.weights_host() > systemUsable) {
    estimate.fit = Fit::TooLarge;
  } else {
    estimate.fit = plan.weights_spilled == 0 ? Fit::OnDevice : Fit::PartlyInSystemMemory;
  }
  return estimate;
}

bool recommendable(Fit fit) { return fit == Fit::OnDevice || fit == Fit::PartlyInSystemMemory; }

uint64_t presetWeightBytes(const std::string& mix) {
  // Held here: a range-for over phi4(mix)->tensors would outlive the temporary that owns them.
  const auto shapes = phi4(mix);
  uint64_t bytes = 0;
  for (const auto& t : shapes->tensors) bytes += t.n_bytes;
  return bytes;
}

uint64_t systemMemoryBytes() {
  const long pages = sysconf(_SC_PHYS_PAGES);
  const long pageSize = sysconf(_SC_PAGE_SIZE);
  return pages > 0 && pageSize > 0 ? static_cast<uint64_t>(pages) * static_cast<uint64_t>(pageSize) : 0;
}

}  // namespace veloce::app
