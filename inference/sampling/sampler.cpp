// The sampling chain in llama.cpp's default order: repetition penalty, top-k, top-p, min-p,
// temperature, then a draw. top-p and min-p look at the distribution before temperature, as
// llama.cpp does, so a given (top_p, min_p) keeps the same tokens at any temperature.
#include "inference/sampling/sampler.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace veloce {
namespace {

// Highest logit first; equal logits by lower id so the order never depends on the sort.
bool higher(const std::pair<float, int32_t>& a, const std::pair<float, int32_t>& b) {
  return a.first != b.first ? a.first > b.first : a.second < b.second;
}

// Uniform in [0, 1) from the top 53 bits: the same on every standard library, unlike
// std::uniform_real_distribution.
double uniform01(std::mt19937_64& rng) { return static_cast<double>(rng() >> 11) * 0x1.0p-53; }

}  // namespace

Sampler::Sampler(const SamplerParams& params) : params_(params), rng_(params.seed) {}

int32_t Sampler::sample(std::span<const float> logits, std::span<const int32_t> history) {
  if (logits.empty()) throw std::invalid_argument("Sampler::sample: no logits");
  const size_t n_vocab = logits.size();
  candidates_.resize(n_vocab);
  for (size_t i = 0; i < n_vocab; ++i) {
    // A NaN would break the ordering the filters rely on; it can never be a sensible choice.
    const float l = std::isnan(logits[i]) ? -std::numeric_limits<float>::infinity() : logits[i];
    candidates_[i] = {l, static_cast<int32_t>(i)};
  }

  // Repetition penalty on every distinct token of the window (once, however often it occurs):
  // positive logits are divided, negative ones multiplied, so the token always becomes less likely.
  if (params_.repeat_penalty != 1.0f && params_.repeat_last_n != 0 && !history.empty()) {
    const size_t window = params_.repeat_last_n < 0
                              ? history.size()
                              : std::min(history.size(), static_cast<size_t>(params_.repeat_last_n));
    std::vector<int32_t> recent(history.end() - static_cast<std::ptrdiff_t>(window), history.end());
    std::sort(recent.begin(), recent.end());
    recent.erase(std::unique(recent.begin(), recent.end()), recent.end());
    for (int32_t id : recent) {
      if (id < 0 || static_cast<size_t>(id) >= n_vocab) continue;
      float& l = candidates_[static_cast<size_t>(id)].first;
      l = l <= 0.0f ? l * params_.repeat_penalty : l / params_.repeat_penalty;
    }
  }

  if (params_.temperature <= 0.0f)
    return std::min_element(candidates_.begin(), candidates_.end(), higher)->second;

  // top-k
  size_t keep = n_vocab;
  if (params_.top_k > 0 && static_cast<size_t>(params_.top_k) < n_vocab) {
    keep = static_cast<size_t>(params_.top_k);
    std::partial_sort(candidates_.begin(), candidates_.begin() + static_cast<std::ptrdiff_t>(keep),
                      candidates_.end(), higher);
  } else {
    std::sort(candidates_.begin(), candidates_.end(), higher);
  }
  const float max_logit = candidates_[0].first;
  if (!std::isfinite(max_logit)) return candidates_[0].second;  // nothing to weigh: take the best

  // top-p: the smallest prefix whose probability reaches top_p (always at least one token)
  if (params_.top_p < 1.0f) {
    double total = 0.0;
    for (size_t i = 0; i < keep; ++i) total += std::exp(static_cast<double>(candidates_[i].first - max_logit));
    double cumulative = 0.0;
    for (size_t i = 0; i < keep; ++i) {
      cumulative += std::exp(static_cast<double>(candidates_[i].first - max_logit)) / total;
      if (cumulative >= static_cast<double>(params_.top_p)) {
        keep = i + 1;
        break;
      }
    }
  }

  // min-p: drop tokens less likely than min_p times the most likely one
  if (params_.min_p > 0.0f) {
    const double threshold = static_cast<double>(max_logit) + std::log(static_cast<double>(params_.min_p));
    size_t i = 1;
    while (i < keep && static_cast<double>(candidates_[i].first) >= threshold) ++i;
    keep = i;
  }

  // temperature, then one draw from what is left
  std::vector<double> weights(keep);
  double total = 0.0;
  for (size_t i = 0; i < keep; ++i) {
    weights[i] = std::exp(static_cast<double>(candidates_[i].first - max_logit) / params_.temperature);
    total += weights[i];
  }
  const double target = uniform01(rng_) * total;
  double cumulative = 0.0;
  for (size_t i = 0; i < keep; ++i) {
    cumulative += weights[i];
    if (target < cumulative) return candidates_[i].second;
  }
  return candidates_[keep - 1].second;  // rounding left target at the very top
}

}  // namespace veloce
