#pragma once
// A conversation's state on the GPU: the fp16 KV cache of n_ctx positions and the scratch
// buffers; evaluate() runs the forward pass in batches of at most kMaxBatch tokens, replaying a
// decode command buffer recorded once for single tokens.
#include <functional>
#include <memory>
#include <vector>

#include "inference/model/session.h"
#include "inference/vulkan/gpu_model.h"
#include "inference/vulkan/gpu_timer.h"
#include "inference/vulkan/recorder.h"

namespace veloce::vk {

// What a session has done since it was made (or reset_counters()), for `veloce-cli bench`:
// divide by tokens for per-token figures.
struct SessionCounters {
  uint64_t tokens = 0;          // evaluated
  uint64_t submissions = 0;     // command buffers submitted
  uint64_t dispatches = 0;      // kernel dispatches executed (a replayed command buffer counts again)
  uint64_t barriers = 0;        // barriers between dispatches executed (Recorder::barrier_count)
  uint64_t readback_bytes = 0;  // bytes copied from GPU-written memory to the caller (logits, top-k)
};

struct PromptSlot;  // vulkan_session.cpp

class VulkanSession : public Session {
 public:
  VulkanSession(std::shared_ptr<GpuModel> gpu, size_t n_ctx);
  ~VulkanSession() override;

  void evaluate(std::span<const int32_t> tokens, std::span<float> logits, bool all_logits) override;
  // On GPUs the top kTopKMax logits are selected on the GPU (inference/vulkan/top_k.h): a decode
  // step reads back (k + 1) * 8 bytes; the full logits stay on the GPU until last_logits() asks.
  // CPU devices read the full logits and select on the host (see the constructor).
  void evaluate_top(std::span<const int32_t> tokens, size_t k, TopLogits& out) override;
  void last_logits(std::span<float> out) override;
  // Submits the batches and returns with the last one still running (see PromptSlot).
  void prefill(std::span<const int32_t> tokens) override;
  const SessionCounters& counters() const { return counters_; }
  void reset_counters() { counters_ = {}; }
  // Bench only: the replayed decode steps are recorded again with the timer's timestamps after
  // every dispatch (nullptr: without them, as normal decode always runs). Collected after each step.
  void set_gpu_timer(GpuTimer* timer);
  // Seconds spent waiting for fences since the session was made (the rest of a token is host time).
  double fence_wait_seconds() const { return wait_seconds_; }
  void truncate(size_t n) override;
  size_t n_past() const override { return n_past_; }
  size_t n_ctx() const override { return n_ctx_; }
  size_t n_vocab() const override { return n_vocab_; }

 private:
  // Records the forward pass of n tokens starting at the step buffer's n_past; attention splits
  // cover n_kv_max positions. With all_logits every token's logits, else the last one's; with
  // no_logits (an intermediate prompt chunk) none.
  // With top, the last token's logits stay on the GPU (logits_dev_) and only their top-k goes to
  // logits_ (evaluate_top).
  void record_forward(Recorder& r, const BufferRange& ids, const BufferRange& step, uint32_t n, uint32_t n_kv_max,
                      bool decode, bool all_logits, bool no_logits, bool top = false);
  // One batch: the decode step (one token with logits) replayed and waited for; a prompt batch
  // recorded into the next PromptSlot and submitted, waited for when wait is set.
  void run_batch(std::span<const int32_t> tokens, bool all_logits, bool want_logits, bool top = false, bool wait = true);
  // Splits tokens into batches bounded by the submission budget, calls batch(tokens, done, last)
  // for each and advances n_past after it; a GPU error marks the session broken before it goes on.
  void in_batches(std::span<const int32_t> tokens, const std::function<void(std::span<const int32_t>, size_t, bool)>& batch);
  void wait_slot(PromptSlot& slot);
  void drain();  // waits for every prompt batch in flight

  std::shared_ptr<GpuModel> gpu_;
  const Device& dev_;
  Kernels kernels_;
  size_t n_ctx_;
  size_t n_vocab_;
  size_t n_past_ = 0;
  bool broken_ = false;
  // Fused add + RMSNorm and RoPE + KV write (fused_ops.h); VELOCE_VK_FUSE=0 records the separate
  // kernels, to compare.
  bool fuse_ = true;
  ScratchSizes sizes_;

  std::vector<Buffer> kv_buffers_;
  std::vector<BufferRange> k_cache_, v_cache_;  // per layer
  // Activations of one batch of up to kMaxBatch tokens (n_tokens), row per token; sizes from ScratchSizes.
  Buffer h_;        // residual stream                    (n_tokens, n_embd) f32
  Buffer xn_;       // normalised residual                (n_tokens, n_embd) f32
  Buffer attn_;     // attention output, heads in a row   (n_tokens, n_embd) f32
  Buffer tmp_;      // a projection back to the residual  (n_tokens, n_embd) f32
  Buffer qkv_;      // Q | K | V, rotated in place        (n_tokens, n_embd + 2 n_embd_kv) f32
  Buffer gate_up_;  // gate | up                          (n_tokens, 2 n_ff) f32
  Buffer ffn_;      // silu(gate) * up                    (n_tokens, n_ff) f32
  Buffer partial_;  // per split: outputs, max, sum      (n_tokens, n_head, n_splits, head_dim + 2) f32
  Buffer logits_;   // host-visible                       (n_tokens, n_vocab) f32
  Buffer ids_;      // host-written token ids             (kMaxBatch) i32
  Buffer step_;     // host-written n_past                (4) u32

  // GPU-side top-k (evaluate_top): the last token's logits in the free gate_up_ buffer after the
  // layers, the stages in ffn_ / qkv_ / attn_, the result at the start of logits_. top_ok_: they fit.
  BufferRange logits_dev_, top_ping_, top_pong_, top_partials_, top_result_;
  bool top_ok_ = false;
  // Greedy (k = 1) takes argmax.h's one reduction instead, on every device (a record per slice
  // at the start of logits_); argmax_: the next top selection is that one.
  bool argmax_ok_ = false, argmax_ = false;
  bool last_was_top_ = false;      // the last evaluation left its logits in logits_dev_
  bool last_was_default_ = false;  // ... or in Session's default evaluate_top()

  // Prompt batches alternate between two slots, each with its own command buffer, descriptor sets,
  // fence, token ids and step, so that a batch is recorded while the one before it runs: a slot
  // is reused only after its fence, and anything that reads results (logits, the decode step,
  // last_logits) drains both first. Consecutive batches are ordered on the GPU by the queue and
  // each command buffer's leading barrier.
  std::unique_ptr<PromptSlot> slots_[2];
  unsigned next_slot_ = 0;
  CommandBuffer decode_cmd_, decode_top_cmd_, prompt_cmd_;
  Fence fence_;                 // the decode step's and last_logits()'s
  bool fence_pending_ = false;  // fence_ submitted and not yet waited for
  DescriptorArena decode_sets_, decode_top_sets_, prompt_sets_;
  bool decode_recorded_ = false, decode_top_recorded_ = false;
  bool decode_top_argmax_ = false;  // decode_top_cmd_ was recorded with the argmax
  struct Recorded {
    uint64_t dispatches = 0, barriers = 0;
  } decode_counts_, decode_top_counts_;
  SessionCounters counters_;
  GpuTimer* timer_ = nullptr;
  double wait_seconds_ = 0;
};

}  // namespace veloce::vk
