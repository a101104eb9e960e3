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

// top-p over sorted candidates: the length of the shortest prefix of the first n whose probability
// (exp(logit - max_logit) / total) reaches top_p, or `none` when no prefix of them does.
size_t top_p_prefix(const std::vector<std::pair<float, int32_t>>& c, size_t n, float max_logit, double total, float top_p,
                    size_t none) {
  double cumulative = 0.0;
  for (size_t i = 0; i < n; ++i) {
    cumulative += std::exp(static_cast<double>(c[i].first - max_logit)) / total;
    if (cumulative >= static_cast<double>(top_p)) return i + 1;
  }
  return none;
}

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

  penalise(history, n_vocab);

  if (params_.temperature <= 0.0f) return std::min_element(candidates_.begin(), candidates_.end(), higher)->second;

  // top-k
  size_t keep = n_vocab;
  if (params_.top_k > 0 && static_cast<size_t>(params_.top_k) < n_vocab) {
    keep = static_cast<size_t>(params_.top_k);
    std::partial_sort(candidates_.begin(), candidates_.begin() + static_cast<std::ptrdiff_t>(keep), candidates_.end(),
                      higher);
  } else {
    std::sort(candidates_.begin(), candidates_.end(), higher);
  }
  const float max_logit = candidates_[0].first;
  if (!std::isfinite(max_logit)) return candidates_[0].second;  // nothing to weigh: take the best

  // top-p: the smallest prefix whose probability reaches top_p (always at least one token)
  if (params_.top_p < 1.0f) {
    double total = 0.0;
    for (size_t i = 0; i < keep; ++i) total += std::exp(static_cast<double>(candidates_[i].first - max_logit));
    keep = top_p_prefix(candidates_, keep, max_logit, total, params_.top_p, keep);
  }

  // min-p: drop tokens less likely than min_p times the most likely one
  if (params_.min_p > 0.0f) {
    const double threshold = static_cast<double>(max_logit) + std::log(static_cast<double>(params_.min_p));
    size_t i = 1;
    while (i < keep && static_cast<double>(candidates_[i].first) >= threshold) ++i;
    keep = i;
  }

  return draw(keep, max_logit);
}

bool Sampler::penalise(std::span<const int32_t> history, size_t n_vocab) {
  // Repetition penalty on every distinct token of the window (once, however often it occurs):
  // positive logits are divided, negative ones multiplied, so the token always becomes less likely.
  // candidates_ holds either every token at its own index or the best few (then looked up).
  if (params_.repeat_penalty == 1.0f || params_.repeat_last_n == 0 || history.empty()) return false;
  const size_t window =
      params_.repeat_last_n < 0 ? history.size() : std::min(history.size(), static_cast<size_t>(params_.repeat_last_n));
  std::vector<int32_t> recent(history.end() - static_cast<std::ptrdiff_t>(window), history.end());
  std::sort(recent.begin(), recent.end());
  recent.erase(std::unique(recent.begin(), recent.end()), recent.end());
  const bool full = candidates_.size() == n_vocab;
  bool changed = false;
  for (int32_t id : recent) {
    if (id < 0 || static_cast<size_t>(id) >= n_vocab) continue;
    float* l = nullptr;
    if (full) {
      l = &candidates_[static_cast<size_t>(id)].first;
    } else {
      for (auto& c : candidates_)
        if (c.second == id) l = &c.first;
      if (!l) continue;
    }
    *l = *l <= 0.0f ? *l * params_.repeat_penalty : *l / params_.repeat_penalty;
    changed = true;
  }
  return changed;
}

int32_t Sampler::draw(size_t keep, float max_logit) {
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

size_t Sampler::top_wanted() const {
  const bool penalty = params_.repeat_penalty != 1.0f && params_.repeat_last_n != 0;
  if (params_.temperature > 0.0f) {
    if (params_.top_k > static_cast<int32_t>(Session::kMaxTopLogits)) return 0;
    if (params_.top_k <= 0 && penalty && params_.top_p < 1.0f) return 0;  // the total needs every logit
  } else if (!penalty) {
    return 1;  // greedy: the best alone (a backend may take it with one reduction, argmax.h)
  }
  return Session::kMaxTopLogits;
}

int32_t Sampler::sample_top(const TopLogits& top, std::span<const int32_t> history, size_t n_vocab) {
  if (top.top.empty()) return -1;
  const float boundary = top.top.back().first;  // no token outside top is above it
  candidates_.assign(top.top.begin(), top.top.end());
  const bool complete = candidates_.size() >= n_vocab;
  const bool penalised = penalise(history, n_vocab);
  // How many leading candidates are certainly the true best in order: all of them unless the
  // penalty moved some, then those still above every token outside top.
  size_t certain = candidates_.size();
  if (penalised) {
    std::sort(candidates_.begin(), candidates_.end(), higher);
    if (!complete) {
      certain = 0;
      while (certain < candidates_.size() && candidates_[certain].first > boundary) ++certain;
    }
  }
  if (certain == 0) return -1;
  if (params_.temperature <= 0.0f) return candidates_[0].second;
  const float max_logit = candidates_[0].first;
  if (!std::isfinite(max_logit)) return candidates_[0].second;

  size_t keep;
  const bool top_k_on = params_.top_k > 0 && static_cast<size_t>(params_.top_k) < n_vocab;
  if (top_k_on) {
    if (static_cast<size_t>(params_.top_k) > certain) return -1;
    keep = static_cast<size_t>(params_.top_k);
    // top-p over the top-k, exactly as sample() computes it
    if (params_.top_p < 1.0f) {
      double total = 0.0;
      for (size_t i = 0; i < keep; ++i) total += std::exp(static_cast<double>(candidates_[i].first - max_logit));
      keep = top_p_prefix(candidates_, keep, max_logit, total, params_.top_p, keep);
    }
  } else {
    keep = complete ? certain : n_vocab;  // n_vocab: not yet cut within the candidates
    if (params_.top_p < 1.0f) {
      if (penalised) return -1;  // the penalty changed the total over the whole vocabulary
      // sum over all logits of exp(v - max) from the log-sum-exp
      const double total = std::exp(static_cast<double>(top.log_sum_exp) - static_cast<double>(top.max_logit));
      keep = top_p_prefix(candidates_, certain, max_logit, total, params_.top_p, keep);
    }
  }
  if (params_.min_p > 0.0f) {
    const double threshold = static_cast<double>(max_logit) + std::log(static_cast<double>(params_.min_p));
    size_t i = 1;
    while (i < keep) {
      if (i >= certain) return -1;  // min-p would look past the candidates
      if (static_cast<double>(candidates_[i].first) < threshold) break;
      ++i;
    }
    keep = std::min(keep, i);
  }
  if (keep > certain) return -1;
  return draw(keep, max_logit);
}

}  // namespace veloce
