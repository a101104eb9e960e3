// The CPU side of TopLogits: the selection every backend must match, and Session's default
// evaluate_top() / last_logits() for backends that have the full logits on the host anyway.
#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

#include "inference/model/session.h"

namespace veloce {

void top_logits(std::span<const float> logits, size_t k, TopLogits& out) {
  const float neg_inf = -std::numeric_limits<float>::infinity();
  auto value = [&](size_t i) { return std::isnan(logits[i]) ? neg_inf : logits[i]; };
  std::vector<std::pair<float, int32_t>> all(logits.size());
  float m = neg_inf;
  for (size_t i = 0; i < logits.size(); ++i) {
    all[i] = {value(i), static_cast<int32_t>(i)};
    m = std::max(m, all[i].first);
  }
  k = std::min(k, all.size());
  std::partial_sort(all.begin(), all.begin() + static_cast<std::ptrdiff_t>(k), all.end(), [](const auto& a, const auto& b) {
    return a.first != b.first ? a.first > b.first : a.second < b.second;
  });
  out.top.assign(all.begin(), all.begin() + static_cast<std::ptrdiff_t>(k));
  double sum = 0;
  if (m != neg_inf)
    for (const auto& [v, id] : all) sum += std::exp(static_cast<double>(v) - m);
  out.max_logit = m;
  out.log_sum_exp = m == neg_inf ? neg_inf : static_cast<float>(m + std::log(sum));
}

void Session::evaluate_top(std::span<const int32_t> tokens, size_t k, TopLogits& out) {
  top_scratch_.resize(n_vocab());
  evaluate(tokens, top_scratch_, false);
  top_logits(top_scratch_, k, out);
}

void Session::prefill(std::span<const int32_t> tokens) {
  top_scratch_.resize(n_vocab());
  evaluate(tokens, top_scratch_, false);
}

void Session::last_logits(std::span<float> out) {
  if (top_scratch_.empty() || out.size() < top_scratch_.size())
    throw std::invalid_argument("Session::last_logits: no evaluate_top() before, or the span is too small");
  std::copy(top_scratch_.begin(), top_scratch_.end(), out.begin());
}

}  // namespace veloce
