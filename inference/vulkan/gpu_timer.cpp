#include "inference/vulkan/gpu_timer.h"

#include <vector>

#include "inference/model/session.h"
#include "inference/vulkan/physical_device.h"
#include "inference/vulkan/vk_check.h"

namespace veloce::vk {

std::string kernel_class(const std::string& name) {
  auto has = [&](const char* s) { return name.find(s) != std::string::npos; };
  if (has("matvec") || has("matmul") || has("mul_mat")) {
    // The weight type is the name's suffix (matvec_sg_q6_k, matvec_q4_k_u, matmul_bf16...).
    static const char* const kTypes[] = {"bf16", "f16",  "f32",  "q2_k", "q3_k", "q4_k", "q5_k",
                                         "q6_k", "q8_0", "q4_0", "q4_1", "q5_0", "q5_1"};
    for (const char* t : kTypes)
      if (has(t)) return std::string(has("matmul") ? "matmul " : "matvec ") + t;
    return "matvec other";
  }
  if (has("attention") || has("flash") || has("softmax")) return "attention";
  if (has("get_rows")) return "embedding";
  if (has("top_k") || has("topk") || has("argmax")) return "sampling";
  return "norms and elementwise";
}

GpuTimer::GpuTimer(const Device& device, uint32_t max_dispatches) : device_(device), capacity_(max_dispatches + 2) {
  const uint32_t family = compute_queue_family(device.physical());
  uint32_t n = 0;
  vkGetPhysicalDeviceQueueFamilyProperties(device.physical(), &n, nullptr);
  std::vector<VkQueueFamilyProperties> families(n);
  vkGetPhysicalDeviceQueueFamilyProperties(device.physical(), &n, families.data());
  const uint32_t bits = family < n ? families[family].timestampValidBits : 0;
  if (bits == 0) throw EngineError("this device's compute queue has no timestamps (timestampValidBits is 0)");
  valid_mask_ = bits >= 64 ? ~0ull : (1ull << bits) - 1;
  VkPhysicalDeviceProperties props{};
  vkGetPhysicalDeviceProperties(device.physical(), &props);
  period_ns_ = props.limits.timestampPeriod;
  VkQueryPoolCreateInfo ci{};
  ci.sType = VK_STRUCTURE_TYPE_QUERY_POOL_CREATE_INFO;
  ci.queryType = VK_QUERY_TYPE_TIMESTAMP;
  ci.queryCount = capacity_;
  check(vkCreateQueryPool(device.handle(), &ci, nullptr, &pool_), "vkCreateQueryPool");
}

GpuTimer::~GpuTimer() {
  if (pool_ != VK_NULL_HANDLE) vkDestroyQueryPool(device_.handle(), pool_, nullptr);
}

size_t GpuTimer::class_index(const std::string& name) {
  for (size_t i = 0; i < classes_.size(); ++i)
    if (classes_[i].name == name) return i;
  classes_.push_back({name, 0, 0});
  return classes_.size() - 1;
}

void GpuTimer::begin(VkCommandBuffer cmd) {
  current_ = &slots_[cmd];
  current_->clear();
  vkCmdResetQueryPool(cmd, pool_, 0, capacity_);
  // Written once everything before it in the queue has finished: the step's start.
  vkCmdWriteTimestamp(cmd, VK_PIPELINE_STAGE_BOTTOM_OF_PIPE_BIT, pool_, 0);
}

void GpuTimer::after_dispatch(VkCommandBuffer cmd, const Pipeline& p) {
  if (!current_ || current_->size() + 2 >= capacity_)
    throw EngineError("internal error: more dispatches than the GPU timer holds");
  current_->push_back(class_index(kernel_class(p.name)));
  vkCmdWriteTimestamp(cmd, VK_PIPELINE_STAGE_BOTTOM_OF_PIPE_BIT, pool_, static_cast<uint32_t>(current_->size()));
}

void GpuTimer::end(VkCommandBuffer cmd) {
  if (!current_) return;
  current_->push_back(class_index("readback"));
  vkCmdWriteTimestamp(cmd, VK_PIPELINE_STAGE_BOTTOM_OF_PIPE_BIT, pool_, static_cast<uint32_t>(current_->size()));
  current_ = nullptr;
}

void GpuTimer::collect(VkCommandBuffer cmd) {
  const auto it = slots_.find(cmd);
  if (it == slots_.end() || it->second.empty()) return;  // recorded without the timer
  const std::vector<size_t>& slots = it->second;
  const uint32_t n = static_cast<uint32_t>(slots.size() + 1);
  std::vector<uint64_t> ts(n);
  check(vkGetQueryPoolResults(device_.handle(), pool_, 0, n, n * sizeof(uint64_t), ts.data(), sizeof(uint64_t),
                              VK_QUERY_RESULT_64_BIT | VK_QUERY_RESULT_WAIT_BIT),
        "vkGetQueryPoolResults");
  for (uint32_t i = 1; i < n; ++i) {
    const uint64_t d = (ts[i] - ts[i - 1]) & valid_mask_;
    const double s = static_cast<double>(d) * period_ns_ * 1e-9;
    Class& c = classes_[slots[i - 1]];
    c.seconds += s;
    ++c.dispatches;
    total_ += s;
  }
  ++submissions_;
}

}  // namespace veloce::vk
