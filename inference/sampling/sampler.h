#pragma once
// Picks the next token from logits: repetition penalty, then top-k, top-p, min-p, temperature.
// temperature <= 0 means greedy (argmax). The same seed gives the same choices.
#include <cstdint>
#include <random>
#include <span>
#include <vector>

namespace veloce {

struct SamplerParams {
  float temperature = 0.7f;
  int32_t top_k = 40;            // <= 0: off
  float top_p = 0.95f;           // >= 1: off
  float min_p = 0.05f;           // <= 0: off
  float repeat_penalty = 1.0f;   // 1: off
  int32_t repeat_last_n = 64;    // window of recent tokens the penalty looks at
  uint64_t seed = 0;
};

class Sampler {
 public:
  explicit Sampler(const SamplerParams& params);
  // history: tokens so far (prompt and generated); only its last repeat_last_n are penalised.
  int32_t sample(std::span<const float> logits, std::span<const int32_t> history);
  const SamplerParams& params() const { return params_; }

 private:
  SamplerParams params_;
  std::mt19937_64 rng_;
  std::vector<std::pair<float, int32_t>> candidates_;  // reused between calls
};

}  // namespace veloce
