#pragma once
// GPU time per kernel class from timestamp queries, for `veloce-cli bench` only: a timestamp
// after every dispatch of a recorded decode step (Recorder::after_dispatch), the time between
// one and the one before it charged to the dispatch's class. Dispatches that overlap (no barrier
// between them) share their time in order of completion; the sum is the step's GPU time.
#include <vulkan/vulkan.h>

#include <map>
#include <string>
#include <vector>

#include "inference/vulkan/device.h"
#include "inference/vulkan/pipelines.h"

namespace veloce::vk {

// "matvec q4_k", "attention", "embedding", "norms and elementwise", "readback" from a pipeline name.
std::string kernel_class(const std::string& pipeline_name);

class GpuTimer {
 public:
  // Throws EngineError when the device's compute queue has no timestamps.
  GpuTimer(const Device& device, uint32_t max_dispatches);
  ~GpuTimer();
  GpuTimer(const GpuTimer&) = delete;
  GpuTimer& operator=(const GpuTimer&) = delete;

  // Recorded into the command buffer: begin() first, after_dispatch() after every dispatch,
  // end() last (after the barrier to the host: what remains is charged to "readback").
  void begin(VkCommandBuffer cmd);
  void after_dispatch(VkCommandBuffer cmd, const Pipeline& p);
  void end(VkCommandBuffer cmd);
  // After the fence of a submission of cmd: adds its intervals to the totals.
  void collect(VkCommandBuffer cmd);

  struct Class {
    std::string name;
    double seconds = 0;  // summed over every collected submission
    uint64_t dispatches = 0;
  };
  const std::vector<Class>& classes() const { return classes_; }
  double total_seconds() const { return total_; }
  void reset_totals() {
    for (auto& c : classes_) c.seconds = 0, c.dispatches = 0;
    total_ = 0, submissions_ = 0;
  }
  uint64_t submissions() const { return submissions_; }

 private:
  size_t class_index(const std::string& name);
  const Device& device_;
  VkQueryPool pool_ = VK_NULL_HANDLE;
  uint32_t capacity_ = 0;
  double period_ns_ = 1;
  uint64_t valid_mask_ = ~0ull;
  // Per recorded command buffer: the class of the interval ending at query i + 1.
  std::map<VkCommandBuffer, std::vector<size_t>> slots_;
  std::vector<size_t>* current_ = nullptr;  // of the command buffer being recorded
  std::vector<Class> classes_;
  double total_ = 0;
  uint64_t submissions_ = 0;
};

}  // namespace veloce::vk
