#pragma once
// The one small interface every backend implements (reference CPU, Vulkan).
// A Session owns a KV cache of n_ctx positions; tokens are appended at n_past().
#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace veloce {

class Model;

// A failure of the engine that the caller can recover from (out of memory, device lost,
// context full, fence timeout). The message is written for a user.
class EngineError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class ContextFullError : public EngineError {
 public:
  using EngineError::EngineError;
};

// The k highest logits of one token, best first (higher logit, then lower id; NaN counts as
// -inf), and of all n_vocab logits their maximum and log(sum(exp(logit))), which a sampler
// needs for top-p over the whole vocabulary. Enough for greedy, top-k and most top-p draws.
struct TopLogits {
  std::vector<std::pair<float, int32_t>> top;
  float max_logit = 0;
  float log_sum_exp = 0;
};

// The k best of logits into out (the reference for every backend's own top-k).
void top_logits(std::span<const float> logits, size_t k, TopLogits& out);

class Session {
 public:
  virtual ~Session() = default;
  // Processes tokens at positions [n_past, n_past + tokens.size()) and advances n_past.
  // logits receives n_vocab floats for the last token, or tokens.size() * n_vocab (row per
  // token, in order) when all_logits is true. Throws ContextFullError when they do not fit;
  // callers bound the batch size (the Generator chunks prompts).
  virtual void evaluate(std::span<const int32_t> tokens, std::span<float> logits, bool all_logits) = 0;
  // As evaluate() for the last token, but gives only its k best logits (TopLogits, k at most
  // kMaxTopLogits for the GPU path). A backend may select them where the logits are (the Vulkan
  // one does it on the GPU, so a token copies a few KB instead of n_vocab floats); this default
  // takes them from evaluate()'s full logits.
  static constexpr size_t kMaxTopLogits = 256;
  virtual void evaluate_top(std::span<const int32_t> tokens, size_t k, TopLogits& out);
  // The full logits of the last token of the last evaluate_top() call, for a sampler whose
  // settings the top k do not serve (a repetition penalty, top-p beyond them).
  virtual void last_logits(std::span<float> out);
  // Appends tokens whose logits nobody reads (a prompt's earlier chunks), advancing n_past as
  // evaluate() does. A backend may return before the work is done: the Vulkan one leaves the last
  // batch running on the GPU, so that the caller's next chunk is recorded meanwhile. A failure of
  // that work is thrown by this call or by the next call that waits for it. Default: evaluate().
  virtual void prefill(std::span<const int32_t> tokens);
  // Keeps the first n cached positions and forgets the rest (regenerate, edit, new turn).
  virtual void truncate(size_t n) = 0;
  virtual size_t n_past() const = 0;
  virtual size_t n_ctx() const = 0;
  virtual size_t n_vocab() const = 0;

 private:
  std::vector<float> top_scratch_;  // the default evaluate_top()'s logits
};

class Engine {
 public:
  virtual ~Engine() = default;
  virtual std::unique_ptr<Session> create_session(size_t n_ctx) = 0;
  virtual std::string name() const = 0;         // "reference" or "vulkan"
  virtual std::string device_name() const = 0;  // "CPU (fp32 reference)" or the GPU name
  virtual const Model& model() const = 0;
};

}  // namespace veloce
