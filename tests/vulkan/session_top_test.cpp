// The Vulkan session's GPU-side top-k (evaluate_top): the same candidates as the CPU selection of
// its own full logits, greedy ids equal to the reference's, a few KB read back per decode token,
// the full logits still there on request, and fewer barriers than dispatches.
#include <gtest/gtest.h>

#include <optional>
#include <vector>

#include "inference/model/model.h"
#include "inference/vulkan/vulkan_engine.h"
#include "inference/vulkan/vulkan_session.h"
#include "tests/tokenizer/json_reader.h"
#include "tests/vulkan/vk_test_support.h"

namespace veloce {
namespace {

using test::data_path;

class SessionTopTest : public test::ValidatedTest {
 protected:
  void SetUp() override {
    ValidatedTest::SetUp();
    gpu_topk_.emplace("VELOCE_VK_GPU_TOPK", "1");  // lavapipe would select on the host
    EngineOptions opts;
    opts.n_ctx = 512;
    engine_ = make_vulkan_engine(Model::load(data_path("phi4-tiny-F32.gguf")), opts);
    greedy_ = test::Json::parse(test::read_file(data_path("reference/greedy.json")));
  }
  std::optional<test::ScopedEnv> gpu_topk_;
  std::unique_ptr<Engine> engine_;
  test::Json greedy_;
};

TEST_F(SessionTopTest, CandidatesAreTheTopOfTheFullLogitsAndGreedyMatchesTheReference) {
  const test::Json& m = greedy_["phi4-tiny-F32"];
  const auto prompt = m["prompt_ids"].as_int32_array();
  const auto want = m["cpu"]["generated_ids"].as_int32_array();
  const auto& margins = m["cpu"]["top1_margin"].as_array();
  auto top_session = engine_->create_session(512);
  auto full_session = engine_->create_session(512);
  auto* vs = dynamic_cast<vk::VulkanSession*>(top_session.get());
  ASSERT_NE(vs, nullptr);
  std::vector<float> logits(full_session->n_vocab()), again(full_session->n_vocab());
  TopLogits top, expect;
  top_session->evaluate_top(prompt, Session::kMaxTopLogits, top);
  full_session->evaluate(prompt, logits, false);
  vs->reset_counters();
  size_t compared = 0;
  for (size_t step = 0; step < want.size(); ++step) {
    SCOPED_TRACE(step);
    top_logits(logits, Session::kMaxTopLogits, expect);
    ASSERT_EQ(top.top.size(), expect.top.size());
    for (size_t i = 0; i < top.top.size(); ++i) {
      ASSERT_EQ(top.top[i].second, expect.top[i].second) << "rank " << i;
      ASSERT_EQ(top.top[i].first, expect.top[i].first) << "rank " << i;
    }
    EXPECT_NEAR(top.log_sum_exp, expect.log_sum_exp, 1e-3);
    if (margins[step].as_double() >= 0.1 && compared == step) {
      EXPECT_EQ(top.top[0].second, want[step]);
      ++compared;
    }
    const int32_t next = want[step];  // teacher forcing keeps both sessions on the reference
    top_session->evaluate_top(std::span<const int32_t>(&next, 1), Session::kMaxTopLogits, top);
    full_session->evaluate(std::span<const int32_t>(&next, 1), logits, false);
  }
  EXPECT_GT(compared, 0u);
  const vk::SessionCounters c = vs->counters();
  EXPECT_EQ(c.tokens, want.size());
  const uint64_t per_token = c.readback_bytes / c.tokens;
  std::printf("per decode token: %llu bytes read back, %.1f dispatches, %.1f barriers\n",
              static_cast<unsigned long long>(per_token), static_cast<double>(c.dispatches) / static_cast<double>(c.tokens),
              static_cast<double>(c.barriers) / static_cast<double>(c.tokens));
  EXPECT_EQ(per_token, (Session::kMaxTopLogits + 1) * 8);  // 2 KB, far under 64 KB
  EXPECT_LT(c.barriers, c.dispatches);
  // The full logits of the last step are still on the GPU.
  top_session->last_logits(again);
  EXPECT_EQ(again, logits);
}

TEST_F(SessionTopTest, CpuDevicesSelectOnTheHostWithTheSameResult) {
  const auto prompt = greedy_["phi4-tiny-F32"]["prompt_ids"].as_int32_array();
  test::ScopedEnv host("VELOCE_VK_GPU_TOPK", "0");
  auto host_session = engine_->create_session(512);
  gpu_topk_.reset();
  gpu_topk_.emplace("VELOCE_VK_GPU_TOPK", "1");
  auto gpu_session = engine_->create_session(512);
  TopLogits a, b;
  host_session->evaluate_top(prompt, Session::kMaxTopLogits, a);
  gpu_session->evaluate_top(prompt, Session::kMaxTopLogits, b);
  EXPECT_EQ(a.top, b.top);
  EXPECT_NEAR(a.log_sum_exp, b.log_sum_exp, 1e-3);
  auto* vs = dynamic_cast<vk::VulkanSession*>(host_session.get());
  EXPECT_EQ(vs->counters().readback_bytes, host_session->n_vocab() * 4);  // the full logits
}

// Greedy (k = 1) takes the argmax reduction on every device, lavapipe's host selection included:
// the best of the real logits at each step, greedy ids equal to the reference's, 16 bytes per
// 1024 logits read back, and the full logits still there.
TEST_F(SessionTopTest, GreedyTakesTheArgmaxOnEveryDevice) {
  for (const char* gpu_topk : {"0", "1"}) {
    SCOPED_TRACE(gpu_topk);
    test::ScopedEnv env("VELOCE_VK_GPU_TOPK", gpu_topk);
    const test::Json& m = greedy_["phi4-tiny-F32"];
    const auto prompt = m["prompt_ids"].as_int32_array();
    const auto want = m["cpu"]["generated_ids"].as_int32_array();
    const auto& margins = m["cpu"]["top1_margin"].as_array();
    auto arg_session = engine_->create_session(512);
    auto full_session = engine_->create_session(512);
    auto* vs = dynamic_cast<vk::VulkanSession*>(arg_session.get());
    ASSERT_NE(vs, nullptr);
    std::vector<float> logits(full_session->n_vocab()), again(full_session->n_vocab());
    TopLogits top, expect;
    arg_session->evaluate_top(prompt, 1, top);
    full_session->evaluate(prompt, logits, false);
    vs->reset_counters();
    size_t compared = 0;
    for (size_t step = 0; step < want.size(); ++step) {
      SCOPED_TRACE(step);
      top_logits(logits, 1, expect);
      ASSERT_EQ(top.top, expect.top);
      EXPECT_EQ(top.max_logit, expect.max_logit);
      EXPECT_NEAR(top.log_sum_exp, expect.log_sum_exp, 1e-3);
      if (margins[step].as_double() >= 0.1 && compared == step) {
        EXPECT_EQ(top.top[0].second, want[step]);
        ++compared;
      }
      const int32_t next = want[step];
      arg_session->evaluate_top(std::span<const int32_t>(&next, 1), 1, top);
      full_session->evaluate(std::span<const int32_t>(&next, 1), logits, false);
    }
    EXPECT_GT(compared, 0u);
    const vk::SessionCounters c = vs->counters();
    EXPECT_EQ(c.readback_bytes / c.tokens, (arg_session->n_vocab() + 1023) / 1024 * 16);
    arg_session->last_logits(again);
    EXPECT_EQ(again, logits);
    // Switching to the top-k and back re-records the replayed step each time, with the same result.
    const int32_t next = top.top[0].second;
    TopLogits k3;
    arg_session->evaluate_top(std::span<const int32_t>(&next, 1), 3, k3);
    full_session->evaluate(std::span<const int32_t>(&next, 1), logits, false);
    top_logits(logits, 3, expect);
    EXPECT_EQ(k3.top, expect.top);
    const int32_t after = k3.top[0].second;
    arg_session->evaluate_top(std::span<const int32_t>(&after, 1), 1, top);
    full_session->evaluate(std::span<const int32_t>(&after, 1), logits, false);
    top_logits(logits, 1, expect);
    EXPECT_EQ(top.top, expect.top);
  }
}

TEST_F(SessionTopTest, FewerCandidatesThanKeptAndBackToFullLogits) {
  const auto prompt = greedy_["phi4-tiny-F32"]["prompt_ids"].as_int32_array();
  auto s = engine_->create_session(512);
  TopLogits top;
  s->evaluate_top(prompt, 3, top);
  ASSERT_EQ(top.top.size(), 3u);
  std::vector<float> logits(s->n_vocab());
  s->last_logits(logits);
  TopLogits expect;
  top_logits(logits, 3, expect);
  EXPECT_EQ(top.top, expect.top);
  // evaluate() after evaluate_top() continues the same sequence.
  const int32_t next = top.top[0].second;
  s->evaluate(std::span<const int32_t>(&next, 1), logits, false);
  EXPECT_EQ(s->n_past(), prompt.size() + 1);
  EXPECT_THROW(s->last_logits(logits), std::invalid_argument);  // not after a full evaluate()
}

}  // namespace
}  // namespace veloce
