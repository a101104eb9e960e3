#pragma once
// The reference backend's Session: Phi-4's forward pass in fp32 on the CPU, a layer at a time,
// with the KV cache held at fp16 like llama.cpp's default cache (the fixtures were made so).
#include <cstdint>
#include <memory>
#include <span>
#include <vector>

#include "inference/model/session.h"

namespace veloce {
class Model;
struct ModelConfig;
struct ModelWeights;
}  // namespace veloce

namespace veloce::reference {

class ReferenceSession final : public Session {
 public:
  // Throws EngineError when n_ctx is zero or the cache cannot be allocated.
  ReferenceSession(std::shared_ptr<const Model> model, size_t n_ctx);

  void evaluate(std::span<const int32_t> tokens, std::span<float> logits, bool all_logits) override;
  void truncate(size_t n) override;
  size_t n_past() const override { return n_past_; }
  size_t n_ctx() const override { return n_ctx_; }
  size_t n_vocab() const override;

 private:
  // Runs tokens (at most k_max_batch) at positions n_past_...; writes logits for the rows
  // selected by logits_from (index of the first token whose logits are wanted) into out.
  void forward(std::span<const int32_t> tokens, size_t logits_from, float* out);
  void attention(size_t layer, size_t n_tokens);
  void resize_scratch(size_t n_tokens);

  std::shared_ptr<const Model> model_;
  const ModelConfig& config_;
  const ModelWeights& weights_;
  size_t n_ctx_;
  size_t n_past_ = 0;

  // Norm weights, converted once (always tiny).
  std::vector<std::vector<float>> attn_norm_, ffn_norm_;
  std::vector<float> output_norm_;

  // KV cache: [layer][position][n_embd_kv] as IEEE fp16 bits.
  std::vector<uint16_t> k_cache_, v_cache_;

  // Activations of the current batch, one row per token.
  std::vector<float> h_;     // residual stream      (n_tokens, n_embd)
  std::vector<float> x_;     // normalised input      (n_tokens, n_embd)
  std::vector<float> qkv_;   // Q | K | V             (n_tokens, n_embd + 2 * n_embd_kv)
  std::vector<float> attn_;  // attention output     (n_tokens, n_embd)
  std::vector<float> proj_;  // a projection back     (n_tokens, n_embd)
  std::vector<float> gu_;    // gate | up             (n_tokens, 2 * n_ff)
  std::vector<float> act_;   // silu(gate) * up       (n_tokens, n_ff)
};

}  // namespace veloce::reference
