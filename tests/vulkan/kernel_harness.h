#pragma once
// Runs single kernels on the default device for the kernel tests: host-visible buffers filled
// from vectors, one recorded submission, results read back.
#include <functional>
#include <memory>
#include <random>
#include <vector>

#include "inference/gguf/ggml_type.h"
#include "inference/vulkan/buffer.h"
#include "inference/vulkan/device.h"
#include "inference/vulkan/kernels.h"
#include "inference/vulkan/pipelines.h"
#include "inference/vulkan/recorder.h"
#include "inference/vulkan/weight_arena.h"

namespace veloce::test {

class KernelHarness {
 public:
  KernelHarness();
  vk::Buffer buffer(const void* data, size_t bytes);  // host-visible, usable as storage
  template <class T>
  vk::Buffer buffer(const std::vector<T>& v) {
    return buffer(v.data(), v.size() * sizeof(T));
  }
  vk::Buffer zeros(size_t bytes);
  void run(const std::function<void(vk::Recorder&, vk::Kernels&)>& record);
  std::vector<float> floats(const vk::Buffer& b, size_t n) const;
  // A weight tensor of nrows x ncols from raw bytes, split into parts of at most rows_per_part rows
  // (each its own buffer, as the arena would bind it); packed: Q6_K in the layout of
  // inference/vulkan/q6k_pack.h, repacked as the arena does at upload.
  vk::GpuTensor tensor(GgmlType type, uint32_t ncols, uint32_t nrows, const std::vector<uint8_t>& bytes,
                       uint32_t rows_per_part = 0, bool packed = false);
  const vk::Device& device() const { return *device_; }
  vk::Pipelines& pipelines() { return *pipelines_; }  // for kernels recorded outside vk::Kernels

 private:
  std::shared_ptr<vk::Device> device_;
  std::unique_ptr<vk::Pipelines> pipelines_;
  std::unique_ptr<vk::Kernels> kernels_;
  std::vector<vk::Buffer> owned_;  // buffers behind tensors
};

// Random bytes that form valid blocks of the type (sane fp16 scales), n_values a multiple of the block.
std::vector<uint8_t> random_weights(GgmlType type, uint64_t n_values, std::mt19937& rng);
std::vector<float> random_floats(size_t n, std::mt19937& rng, float lo = -1.0f, float hi = 1.0f);
// sum (a-b)^2 / sum a^2, a being the reference.
double nmse(const std::vector<float>& ref, const std::vector<float>& got);

}  // namespace veloce::test
