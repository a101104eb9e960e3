// Sampler::sample_top draws from the best logits alone (Session::evaluate_top): whenever it
// answers, it must give what sample() gives on the full logits with the same seed and history,
// and for greedy and top-k it must always answer; Generator must give the same tokens either way.
#include <gtest/gtest.h>

#include <random>
#include <vector>

#include "inference/model/session.h"
#include "inference/sampling/sampler.h"

namespace veloce {
namespace {

std::vector<float> random_logits(size_t n, std::mt19937& rng) {
  std::normal_distribution<float> d(0.0f, 3.0f);
  std::vector<float> v(n);
  for (float& x : v) x = d(rng);
  return v;
}

// Runs both paths over many steps; returns how often sample_top answered.
int compare(const SamplerParams& p, size_t n_vocab, int steps, bool must_answer) {
  Sampler full(p), top(p);
  std::mt19937 rng(1234);
  std::vector<int32_t> history;
  int answered = 0;
  for (int step = 0; step < steps; ++step) {
    std::vector<float> logits = random_logits(n_vocab, rng);
    // Recent tokens near the top so that a penalty moves candidates.
    if (!history.empty()) logits[static_cast<size_t>(history.back())] += 6.0f;
    TopLogits t;
    top_logits(logits, top.top_wanted(), t);
    int32_t id = top.sample_top(t, history, n_vocab);
    if (id >= 0) {
      ++answered;
    } else {
      id = top.sample(logits, history);
    }
    EXPECT_EQ(id, full.sample(logits, history)) << "step " << step;
    if (must_answer) {
      EXPECT_GE(answered, step + 1) << "step " << step;
    }
    history.push_back(id);
  }
  return answered;
}

TEST(SamplerTop, GreedyAlwaysAnswersWithTheArgmax) {
  SamplerParams p;
  p.temperature = 0;
  EXPECT_EQ(compare(p, 5000, 50, true), 50);
  p.repeat_penalty = 1.3f;  // the penalised best may fall behind the next candidate
  EXPECT_EQ(compare(p, 5000, 50, true), 50);
}

TEST(SamplerTop, TopKDrawsMatchTheFullSampler) {
  SamplerParams p;  // defaults: top-k 40, top-p 0.95, min-p 0.05, temperature 0.7
  EXPECT_EQ(compare(p, 5000, 200, true), 200);
  p.repeat_penalty = 1.2f;
  EXPECT_EQ(compare(p, 5000, 200, true), 200);
  p.top_k = 256;  // as many as the candidates: a penalty can leave fewer certain ones
  compare(p, 5000, 100, false);
}

TEST(SamplerTop, TopPOverTheWholeVocabularyUsesTheLogSumExp) {
  SamplerParams p;
  p.top_k = 0;
  p.top_p = 0.5f;
  p.min_p = 0;
  compare(p, 2000, 100, false);  // answered when the top-p prefix ends within the candidates
  p.repeat_penalty = 1.1f;       // the penalty changes the total: always the full logits
  EXPECT_EQ(compare(p, 2000, 20, false), 0);
  EXPECT_EQ(Sampler(p).top_wanted(), 0u);
}

TEST(SamplerTop, SmallVocabulariesAreComplete) {
  SamplerParams p;
  p.top_k = 0;
  p.top_p = 1.0f;
  p.min_p = 0;
  // 100 tokens: all are candidates, so even a draw over the whole vocabulary is answered.
  EXPECT_EQ(compare(p, 100, 50, true), 50);
}

}  // namespace
}  // namespace veloce
