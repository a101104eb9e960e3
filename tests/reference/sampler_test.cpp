// Sampler: exact expectations on handcrafted logits, and statistical checks of the draws.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <map>
#include <vector>

#include "inference/sampling/sampler.h"

namespace veloce {
namespace {

SamplerParams plain(float temperature, uint64_t seed = 1) {
  SamplerParams p;
  p.temperature = temperature;
  p.top_k = 0;
  p.top_p = 1.0f;
  p.min_p = 0.0f;
  p.repeat_penalty = 1.0f;
  p.seed = seed;
  return p;
}

// Logits whose softmax (at temperature 1) is exactly the given probabilities.
std::vector<float> logits_for(const std::vector<double>& probs) {
  std::vector<float> out;
  for (double p : probs) out.push_back(static_cast<float>(std::log(p)));
  return out;
}

std::map<int32_t, int> histogram(Sampler& s, const std::vector<float>& logits, int draws) {
  std::map<int32_t, int> counts;
  for (int i = 0; i < draws; ++i) ++counts[s.sample(logits, {})];
  return counts;
}

TEST(Sampler, GreedyIsArgmaxWithLowestIdOnTies) {
  Sampler s(plain(0.0f));
  EXPECT_EQ(s.sample(std::vector<float>{0.1f, 3.0f, -2.0f, 2.9f}, {}), 1);
  EXPECT_EQ(s.sample(std::vector<float>{1.0f, 5.0f, 5.0f, 2.0f}, {}), 1);
  Sampler negative(plain(-1.0f));
  EXPECT_EQ(negative.sample(std::vector<float>{-3.0f, -1.0f, -2.0f}, {}), 1);
}

TEST(Sampler, TopKOneIsArgmaxAtAnyTemperature) {
  const std::vector<float> logits{0.5f, 1.0f, 0.9f, 0.95f, -1.0f};
  for (uint64_t seed = 0; seed < 200; ++seed) {
    SamplerParams p = plain(5.0f, seed);
    p.top_k = 1;
    Sampler s(p);
    ASSERT_EQ(s.sample(logits, {}), 1) << "seed " << seed;
  }
}

TEST(Sampler, TopKKeepsOnlyTheKBest) {
  SamplerParams p = plain(10.0f);  // a flat distribution: every kept token gets drawn
  p.top_k = 2;
  Sampler s(p);
  const auto counts = histogram(s, {3.0f, 1.0f, 2.9f, 0.0f, 2.8f}, 5000);
  EXPECT_EQ(counts.size(), 2u);
  EXPECT_GT(counts.at(0), 0);
  EXPECT_GT(counts.at(2), 0);
}

TEST(Sampler, TopPNeverLeavesTheNucleus) {
  // probabilities 0.5, 0.3, 0.15, 0.05: top_p 0.75 keeps exactly {0, 1} (0.5 < 0.75 <= 0.8)
  const auto logits = logits_for({0.5, 0.3, 0.15, 0.05});
  SamplerParams p = plain(1.0f, 7);
  p.top_p = 0.75f;
  Sampler s(p);
  const auto counts = histogram(s, logits, 10000);
  EXPECT_EQ(counts.count(2), 0u);
  EXPECT_EQ(counts.count(3), 0u);
  // Within the nucleus the renormalised probabilities are 0.625 / 0.375.
  const double f0 = counts.at(0) / 10000.0;
  EXPECT_NEAR(f0, 0.625, 5 * std::sqrt(0.625 * 0.375 / 10000.0));
}

TEST(Sampler, TopPAlwaysKeepsOneToken) {
  SamplerParams p = plain(1.0f);
  p.top_p = 0.01f;
  Sampler s(p);
  const auto counts = histogram(s, logits_for({0.2, 0.5, 0.3}), 2000);
  ASSERT_EQ(counts.size(), 1u);
  EXPECT_EQ(counts.begin()->first, 1);
}

TEST(Sampler, MinPDropsTokensBelowTheFractionOfTheBest) {
  // p_max = 0.5 and min_p = 0.2: the threshold is 0.1, so 0.05 goes and 0.15 stays.
  const auto logits = logits_for({0.5, 0.3, 0.15, 0.05});
  SamplerParams p = plain(1.0f, 11);
  p.min_p = 0.2f;
  Sampler s(p);
  const auto counts = histogram(s, logits, 10000);
  EXPECT_EQ(counts.count(3), 0u);
  EXPECT_GT(counts.at(2), 0);
  EXPECT_NEAR(counts.at(2) / 10000.0, 0.15 / 0.95, 5 * std::sqrt(0.158 * 0.842 / 10000.0));
}

TEST(Sampler, SameSeedSameChoicesOtherSeedOtherChoices) {
  const auto logits = logits_for({0.2, 0.2, 0.2, 0.2, 0.2});
  Sampler a(plain(1.0f, 42)), b(plain(1.0f, 42)), c(plain(1.0f, 43));
  std::vector<int32_t> sa, sb, sc;
  for (int i = 0; i < 1000; ++i) {
    sa.push_back(a.sample(logits, {}));
    sb.push_back(b.sample(logits, {}));
    sc.push_back(c.sample(logits, {}));
  }
  EXPECT_EQ(sa, sb);
  EXPECT_NE(sa, sc);
}

TEST(Sampler, TemperatureDrawsFollowTheSoftmax) {
  const std::vector<float> logits{0.0f, 1.0f, 2.0f, 3.0f};
  const float temperature = 1.5f;
  std::vector<double> expected;
  double total = 0;
  for (float l : logits) total += std::exp(l / temperature);
  for (float l : logits) expected.push_back(std::exp(l / temperature) / total);

  Sampler s(plain(temperature, 5));
  const int draws = 40000;
  const auto counts = histogram(s, logits, draws);
  double chi2 = 0;
  for (size_t i = 0; i < logits.size(); ++i) {
    const double observed = counts.count(static_cast<int32_t>(i)) ? counts.at(static_cast<int32_t>(i)) : 0;
    const double e = expected[i] * draws;
    chi2 += (observed - e) * (observed - e) / e;
    EXPECT_NEAR(observed / draws, expected[i], 5 * std::sqrt(expected[i] * (1 - expected[i]) / draws)) << i;
  }
  // 3 degrees of freedom: P(chi2 > 16.27) = 0.001.
  EXPECT_LT(chi2, 16.27);
}

TEST(Sampler, RepetitionPenaltyDividesPositiveAndMultipliesNegative) {
  SamplerParams p = plain(0.0f);
  p.repeat_penalty = 1.5f;
  p.repeat_last_n = 64;
  {
    Sampler s(p);
    // 2.0 / 1.5 = 1.33 falls below 1.9
    EXPECT_EQ(s.sample(std::vector<float>{2.0f, 1.9f}, std::vector<int32_t>{0}), 1);
    EXPECT_EQ(s.sample(std::vector<float>{2.0f, 1.9f}, std::vector<int32_t>{}), 0);
  }
  {
    Sampler s(p);
    // -1.0 * 1.5 = -1.5 falls below -1.2 (dividing would have raised it)
    EXPECT_EQ(s.sample(std::vector<float>{-1.0f, -1.2f}, std::vector<int32_t>{0}), 1);
  }
  {
    Sampler s(p);
    // A token repeated many times is penalised once: 1.9 / 1.5 = 1.27 stays above 1.2.
    EXPECT_EQ(s.sample(std::vector<float>{1.9f, 1.2f}, std::vector<int32_t>{0, 0, 0, 0, 0}), 0);
  }
}

TEST(Sampler, RepetitionPenaltyLooksOnlyAtTheWindow) {
  SamplerParams p = plain(0.0f);
  p.repeat_penalty = 1.5f;
  p.repeat_last_n = 1;
  Sampler s(p);
  // Only the last token (1) is in the window, so 0 keeps its lead.
  EXPECT_EQ(s.sample(std::vector<float>{2.0f, 1.9f}, std::vector<int32_t>{0, 0, 1}), 0);
  // Now 0 is the last one.
  EXPECT_EQ(s.sample(std::vector<float>{2.0f, 1.9f}, std::vector<int32_t>{1, 1, 0}), 1);
}

TEST(Sampler, NaNLogitsAreNeverChosen) {
  const float nan = std::numeric_limits<float>::quiet_NaN();
  Sampler greedy(plain(0.0f));
  EXPECT_EQ(greedy.sample(std::vector<float>{nan, 0.5f, nan, 0.2f}, {}), 1);
  SamplerParams p = plain(1.0f);
  p.top_k = 3;
  p.top_p = 0.9f;
  Sampler s(p);
  for (int i = 0; i < 1000; ++i) {
    const int32_t id = s.sample(std::vector<float>{nan, 0.5f, nan, 0.2f}, {});
    ASSERT_TRUE(id == 1 || id == 3) << id;
  }
}

}  // namespace
}  // namespace veloce
