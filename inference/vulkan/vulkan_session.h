#pragma once
// A conversation's state on the GPU: the fp16 KV cache of n_ctx positions and the scratch
// buffers; evaluate() runs the forward pass in batches of at most kMaxBatch tokens, replaying a
// decode command buffer recorded once for single tokens.
#include <memory>
#include <vector>

#include "inference/model/session.h"
#include "inference/vulkan/gpu_model.h"
#include "inference/vulkan/recorder.h"

namespace veloce::vk {

class VulkanSession : public Session {
 public:
  VulkanSession(std::shared_ptr<GpuModel> gpu, size_t n_ctx);
  ~VulkanSession() override;

  void evaluate(std::span<const int32_t> tokens, std::span<float> logits, bool all_logits) override;
  void truncate(size_t n) override;
  size_t n_past() const override { return n_past_; }
  size_t n_ctx() const override { return n_ctx_; }
  size_t n_vocab() const override { return n_vocab_; }

 private:
  // Records the forward pass of n tokens starting at the step buffer's n_past; attention splits
  // cover n_kv_max positions. With all_logits every token's logits, else the last one's; with
  // no_logits (an intermediate prompt chunk) none.
  void record_forward(Recorder& r, uint32_t n, uint32_t n_kv_max, bool decode, bool all_logits, bool no_logits);
  void run_batch(std::span<const int32_t> tokens, bool all_logits, bool want_logits);

  std::shared_ptr<GpuModel> gpu_;
  const Device& dev_;
  Kernels kernels_;
  size_t n_ctx_;
  size_t n_vocab_;
  size_t n_past_ = 0;
  bool broken_ = false;
  ScratchSizes sizes_;

  std::vector<Buffer> kv_buffers_;
  std::vector<BufferRange> k_cache_, v_cache_;  // per layer
  Buffer h_, xn_, attn_, tmp_, qkv_, gate_up_, ffn_, partial_, logits_, ids_, step_;

  CommandBuffer decode_cmd_, prompt_cmd_;
  Fence fence_;
  DescriptorArena decode_sets_, prompt_sets_;
  bool decode_recorded_ = false;
};

}  // namespace veloce::vk
