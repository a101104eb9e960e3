// The reference backend against llama.cpp's results on the 14 fixture models: last-position
// logits, KL divergence over a scored chunk (an independent check of every dequantizer) and
// teacher-forced greedy tokens.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "inference/generation/perplexity.h"
#include "inference/model/model.h"
#include "inference/reference/reference_engine.h"
#include "reference_data.h"

namespace veloce {
namespace {

// Greedy steps whose reference top-1 margin is below this are near-ties that flip between
// llama.cpp's own backends (fixtures/README.md); they are not compared. For quantized weights
// llama.cpp's CPU backend also rounds the activations to 8 bits, which moves logits by up to
// ~0.25 (its CPU and Vulkan results differ by 0.26 at most, and its Vulkan backend flips
// Q3_K_M's step 13 at a margin of 0.103), so there a clear margin is 0.2.
double clear_margin(const std::string& model) {
  return model == "phi4-tiny-F32" || model == "phi4-tiny-F16" || model == "phi4-tiny-BF16" ? 0.1 : 0.2;
}

class ReferenceModel : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    model_ = Model::load(test::model_path(GetParam()));
    engine_ = make_reference_engine(model_);
  }
  std::shared_ptr<const Model> model_;
  std::unique_ptr<Engine> engine_;
};

TEST_P(ReferenceModel, LastPromptLogitsMatchLlamaCpp) {
  const auto ref = test::greedy_ref(GetParam(), "cpu");
  const auto expected = test::last_logits_ref(GetParam(), "cpu");
  auto session = engine_->create_session(512);
  ASSERT_EQ(session->n_vocab(), expected.size());
  std::vector<float> logits(session->n_vocab());
  session->evaluate(ref.prompt_ids, logits, false);
  float max_diff = 0;
  for (size_t i = 0; i < logits.size(); ++i) max_diff = std::max(max_diff, std::fabs(logits[i] - expected[i]));
  std::printf("%s: last logits max |diff| %.5f\n", GetParam().c_str(), static_cast<double>(max_diff));
  EXPECT_LE(max_diff, test::tolerance_for(GetParam()).logits_max_abs);
  // The top token of the prompt is the reference's first greedy token.
  EXPECT_EQ(std::max_element(logits.begin(), logits.end()) - logits.begin(), ref.generated_ids[0]);
}

TEST_P(ReferenceModel, KlDivergenceOverAChunkIsWithinTolerance) {
  const auto base = test::kld_base(GetParam());
  auto session = engine_->create_session(base.n_ctx);
  ASSERT_EQ(session->n_vocab(), base.n_vocab);
  std::vector<float> logits(base.n_ctx * base.n_vocab);
  session->evaluate(base.tokens, logits, true);
  double sum = 0, worst = 0;
  size_t top1_agree = 0;
  for (size_t i = 0; i < base.log_probs.size(); ++i) {
    const size_t pos = base.n_ctx / 2 + i;
    const std::span<const float> row(logits.data() + pos * base.n_vocab, base.n_vocab);
    const double kld = test::kl_divergence(base.log_probs[i], row);
    sum += kld;
    worst = std::max(worst, kld);
    const auto& lp = base.log_probs[i];
    if (std::max_element(row.begin(), row.end()) - row.begin() == std::max_element(lp.begin(), lp.end()) - lp.begin())
      ++top1_agree;
  }
  const double mean = sum / static_cast<double>(base.log_probs.size());
  std::printf("%s: KL mean %.3g max %.3g, top-1 agreement %zu/%zu\n", GetParam().c_str(), mean, worst, top1_agree,
              base.log_probs.size());
  EXPECT_LE(mean, test::tolerance_for(GetParam()).kld_mean);
}

// The full perplexity comparison (every chunk of both texts) is reference_perplexity_test.cpp;
// this one scores the first two chunks of seed_it so that the sanitizer build, which skips
// slow tests, still runs the perplexity code against the reference.
TEST(ReferencePerplexity, FirstTwoChunksMatchLlamaCppRunningPerplexity) {
  const std::string name = "phi4-tiny-Q4_K_M";
  const auto ref = test::perplexity_ref(name, "seed_it", "cpu");
  auto model = Model::load(test::model_path(name));
  auto engine = make_reference_engine(model);
  const auto tokens = perplexity_tokens(model->tokenizer(), test::read_data_file("text/seed_it.txt"));
  auto session = engine->create_session(128);
  PerplexityOptions options;
  options.n_ctx = 128;
  options.max_chunks = 2;
  options.batch = 48;  // three evaluate calls per chunk: batching must not change the result
  std::vector<double> seen;
  options.on_chunk = [&](size_t chunk, size_t n_chunks, double running) {
    EXPECT_EQ(chunk, seen.size());
    EXPECT_EQ(n_chunks, 2u);
    seen.push_back(running);
  };
  const PerplexityResult r = compute_perplexity(*session, tokens, options);
  ASSERT_EQ(r.n_chunks, 2u);
  EXPECT_EQ(r.n_scored, 2u * 63u);
  EXPECT_EQ(seen, r.running_ppl);
  EXPECT_EQ(r.ppl, r.running_ppl.back());
  // Per-chunk running values rest on few predictions: llama.cpp's own backends differ by up to
  // 1.55% there, hence 2%.
  for (size_t c = 0; c < 2; ++c) EXPECT_LE(std::fabs(r.running_ppl[c] / ref.running_ppl[c] - 1.0), 0.02) << c;
}

TEST(ReferencePerplexity, TooShortTextIsAClearError) {
  auto model = Model::load(test::model_path("phi4-tiny-F32"));
  auto session = make_reference_engine(model)->create_session(128);
  const std::vector<int32_t> tokens(255, 100);
  PerplexityOptions options;
  options.n_ctx = 128;
  EXPECT_THROW(compute_perplexity(*session, tokens, options), std::invalid_argument);
  options.n_ctx = 256;
  const std::vector<int32_t> enough(512, 100);
  EXPECT_THROW(compute_perplexity(*session, enough, options), std::invalid_argument);  // session too small
}

// Feeds the reference's own greedy continuation (teacher forcing) and checks that at every
// step where the reference's top-1 margin is clear, the argmax is the reference's token.
TEST_P(ReferenceModel, TeacherForcedGreedyTokensMatch) {
  const auto ref = test::greedy_ref(GetParam(), "cpu");
  std::vector<int32_t> tokens = ref.prompt_ids;
  tokens.insert(tokens.end(), ref.generated_ids.begin(), ref.generated_ids.end() - 1);
  auto session = engine_->create_session(512);
  const size_t vocab = session->n_vocab();
  std::vector<float> logits(tokens.size() * vocab);
  session->evaluate(tokens, logits, true);  // 65 tokens: also crosses the internal batch slicing
  const double k_clear_margin = clear_margin(GetParam());
  size_t checked = 0, agree = 0;
  for (size_t k = 0; k < ref.generated_ids.size(); ++k) {
    const float* row = &logits[(ref.prompt_ids.size() - 1 + k) * vocab];
    const int32_t top = static_cast<int32_t>(std::max_element(row, row + vocab) - row);
    if (ref.top1_margin[k] < k_clear_margin) continue;
    ++checked;
    agree += top == ref.generated_ids[k];
    EXPECT_EQ(top, ref.generated_ids[k]) << "step " << k << ", reference margin " << ref.top1_margin[k];
  }
  std::printf("%s: teacher-forced greedy agreement %zu/%zu at margin >= %.2f\n", GetParam().c_str(), agree, checked,
              k_clear_margin);
}

std::string model_name(const ::testing::TestParamInfo<std::string>& info) {
  std::string name = info.param.substr(std::string("phi4-tiny-").size());
  return name;
}

INSTANTIATE_TEST_SUITE_P(AllTypes, ReferenceModel, ::testing::ValuesIn(test::tiny_models()), model_name);

}  // namespace
}  // namespace veloce
