#include "app/cli/sampling_args.h"

#include <string>

namespace veloce::cli {
namespace {

// The largest top-k and penalty window accepted: far beyond any vocabulary, and small enough
// for the int32 the sampler keeps them in.
constexpr long long kMaxCount = 1 << 24;
// Temperatures and penalties beyond this are no longer sampling, only noise.
constexpr double kMaxFactor = 100;

}  // namespace

SamplerParams sampling_args(Args& args) {
  SamplerParams sp;
  const double temp = args.number({"--temp"}, sp.temperature);
  if (temp < 0 || temp > kMaxFactor)
    throw UsageError("--temp must be between 0 (greedy) and " + number_text(kMaxFactor) + ", not " + number_text(temp));
  const long long top_k = args.integer({"--top-k"}, sp.top_k);
  if (top_k < 0 || top_k > kMaxCount)
    throw UsageError("--top-k must be between 0 (off) and " + std::to_string(kMaxCount) + ", not " + std::to_string(top_k));
  const double top_p = args.number({"--top-p"}, sp.top_p);
  if (!(top_p > 0 && top_p <= 1))
    throw UsageError("--top-p must be above 0 and at most 1 (1: off), not " + number_text(top_p));
  const double min_p = args.number({"--min-p"}, sp.min_p);
  if (min_p < 0 || min_p > 1) throw UsageError("--min-p must be between 0 (off) and 1, not " + number_text(min_p));
  const double penalty = args.number({"--repeat-penalty"}, sp.repeat_penalty);
  if (!(penalty > 0 && penalty <= kMaxFactor))
    throw UsageError("--repeat-penalty must be above 0 and at most " + number_text(kMaxFactor) + " (1: off), not " +
                     number_text(penalty));
  const long long last_n = args.integer({"--repeat-last-n"}, sp.repeat_last_n);
  if (last_n < -1 || last_n > kMaxCount)
    throw UsageError("--repeat-last-n must be -1 (all) or between 0 and " + std::to_string(kMaxCount) + ", not " +
                     std::to_string(last_n));
  sp.temperature = static_cast<float>(temp);
  sp.top_k = static_cast<int32_t>(top_k);
  sp.top_p = static_cast<float>(top_p);
  sp.min_p = static_cast<float>(min_p);
  sp.repeat_penalty = static_cast<float>(penalty);
  sp.repeat_last_n = static_cast<int32_t>(last_n);
  return sp;
}

}  // namespace veloce::cli
