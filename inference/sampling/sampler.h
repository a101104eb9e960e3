#pragma once
// Picks the next token from logits: repetition penalty, then top-k, top-p, min-p, temperature.
// temperature <= 0 means greedy (argmax). The same seed gives the same choices.
#include <cstdint>
#include <random>
#include <span>
#include <vector>

#include "inference/model/session.h"

namespace veloce {

struct SamplerParams {
  float temperature = 0.7f;
  int32_t top_k = 40;           // <= 0: off
  float top_p = 0.95f;          // >= 1: off
  float min_p = 0.05f;          // <= 0: off
  float repeat_penalty = 1.0f;  // 1: off
  int32_t repeat_last_n = 64;   // window of recent tokens the penalty looks at
  uint64_t seed = 0;
};

class Sampler {
 public:
  explicit Sampler(const SamplerParams& params);
  // history: tokens so far (prompt and generated); only its last repeat_last_n are penalised.
  int32_t sample(std::span<const float> logits, std::span<const int32_t> history);
  // How many of the best logits sample_top() wants (Session::evaluate_top); 0 when these settings
  // always need every logit (a repetition penalty with top-k off and top-p on, top-k above the
  // GPU's limit).
  size_t top_wanted() const;
  // The same draw as sample() when the best logits alone decide it, else -1 having drawn nothing
  // (the caller then passes the full logits to sample()). Exact for greedy and top-k; top-p with
  // top-k off weighs against the whole vocabulary through top.log_sum_exp (f32).
  int32_t sample_top(const TopLogits& top, std::span<const int32_t> history, size_t n_vocab);
  const SamplerParams& params() const { return params_; }

 private:
  // Penalises the recent tokens among candidates_; true when any logit changed.
  bool penalise(std::span<const int32_t> history, size_t n_vocab);
  // Temperature, then one draw from candidates_[0, keep) (sorted best first).
  int32_t draw(size_t keep, float max_logit);
  SamplerParams params_;
  std::mt19937_64 rng_;
  std::vector<std::pair<float, int32_t>> candidates_;  // reused between calls
};

}  // namespace veloce
