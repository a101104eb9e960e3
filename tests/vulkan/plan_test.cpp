// The Vulkan memory plan against what the engine allocates: the context given at load is what
// the KV cache is counted for, the embedding table stays in host memory, and a session with a
// longer context than the plan counted is refused instead of allocating memory nobody planned.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "inference/generation/engine_factory.h"
#include "inference/model/model.h"
#include "inference/vulkan/memory_plan.h"
#include "inference/vulkan/vulkan_engine.h"
#include "inference/vulkan/vulkan_session.h"
#include "tests/vulkan/vk_test_support.h"

namespace veloce {
namespace {

class PlanTest : public test::ValidatedTest {};

std::unique_ptr<Engine> load(size_t n_ctx, std::vector<std::string>* info = nullptr) {
  EngineOptions opts;
  opts.n_ctx = n_ctx;
  opts.on_info = [info](const std::string& line) {
    if (info) info->push_back(line);
  };
  return make_vulkan_engine(Model::load(test::data_path("phi4-tiny-Q4_K_M.gguf")), opts);
}

TEST_F(PlanTest, TheContextGivenAtLoadIsWhatTheKvCacheIsCountedFor) {
  std::vector<std::string> info;
  auto engine = load(256, &info);
  const vk::MemoryPlan* plan = vulkan_memory_plan(*engine);
  ASSERT_NE(plan, nullptr);
  // The tiny model: 2 layers, 1 KV head of 64 values, K and V in f16.
  EXPECT_EQ(plan->n_ctx, 256u);
  EXPECT_EQ(plan->kv_cache, 2ull * 2 * 256 * 64 * 2);
  bool said = false;
  for (const auto& l : info) said |= l.find("for 256 tokens") != std::string::npos;
  EXPECT_TRUE(said) << "the plan printed must name the context";
  // The embedding table is separate from the output matrix here: it stays in host memory whole.
  const Model& m = engine->model();
  EXPECT_EQ(plan->embedding_host, m.weights().token_embd->n_bytes);
  EXPECT_EQ(plan->weights_spilled, 0u);
  // Every weight byte, Q6_K counted in the layout the device reads (CPU devices repack it larger).
  EXPECT_GE(plan->weights, m.weights().total_bytes());
  EXPECT_LE(plan->weights, m.weights().total_bytes() * 11 / 10);
  EXPECT_EQ(plan->weights_device + plan->embedding_host, plan->weights);
  // The plan's lines are data for the app: every part, the total and the budget.
  std::vector<std::string> keys;
  for (const auto& l : plan->lines()) keys.push_back(l.key);
  EXPECT_EQ(keys, (std::vector<std::string>{"weights_device", "weights_spilled", "embedding_host", "kv_cache", "activations",
                                            "host_buffers", "device_total", "budget"}));
  // The session of the planned context runs (reading the embedding from host memory).
  auto session = engine->create_session(256);
  std::vector<float> logits(session->n_vocab());
  const int32_t ids[3] = {1, 2, 3};
  session->evaluate(ids, logits, false);
  EXPECT_EQ(session->n_past(), 3u);
}

TEST_F(PlanTest, ASessionLargerThanThePlanIsRefused) {
  auto engine = load(256);
  EXPECT_NO_THROW(engine->create_session(128));
  try {
    engine->create_session(257);
    FAIL() << "expected EngineError";
  } catch (const EngineError& e) {
    const std::string msg = e.what();
    EXPECT_NE(msg.find("larger than the 256 the memory plan counted"), std::string::npos) << msg;
  }
}

TEST_F(PlanTest, SpilledWeightsAreNamedAndTheRestStaysOnTheDevice) {
  // Room for the activations, the KV cache of 256 tokens and part of the weights.
  test::ScopedEnv budget("VELOCE_VK_DEVICE_BUDGET", "3584K");
  auto engine = load(256);
  const vk::MemoryPlan* plan = vulkan_memory_plan(*engine);
  ASSERT_NE(plan, nullptr);
  EXPECT_EQ(plan->budget_source, "VELOCE_VK_DEVICE_BUDGET");
  EXPECT_GT(plan->weights_spilled, 0u);
  EXPECT_LE(plan->device_total(), plan->budget);
  ASSERT_FALSE(plan->spilled_tensors.empty());
  // Spilled from the end: the output matrix first.
  EXPECT_EQ(plan->spilled_tensors.back(), "output.weight");
}

TEST(SubmissionBudget, LongPromptsAreSplitByCostNotByCount) {
  // Full Phi-4 on a discrete GPU (estimated at 150 GB/s and 2 TFLOP/s): ~8.8 GB of weights.
  ModelConfig c;
  c.n_embd = 5120, c.n_layer = 40, c.n_head = 40, c.n_head_kv = 10, c.head_dim = 128, c.n_ff = 17920;
  c.n_vocab = 100352;
  const vk::SubmissionBudget b = vk::submission_budget(c, 8'760'000'000ull, vk::DeviceKind::Discrete);
  ASSERT_TRUE(b.bounded);
  const uint32_t early = b.tokens(0, 4096), late = b.tokens(15000, 4096);
  EXPECT_LE(b.seconds(0, early), 0.5);
  EXPECT_GT(b.seconds(0, early + 1), 0.5);
  EXPECT_LE(b.seconds(15000, late), 0.5);
  EXPECT_GT(b.seconds(15000, late + 1), 0.5);
  EXPECT_LT(late, early) << "attention over 15000 positions makes each token dearer";
  EXPECT_GE(late, 1u);
  EXPECT_EQ(b.tokens(0, 3), std::min<uint32_t>(3, early));
  // A CPU device (no watchdog) keeps whole batches.
  const vk::SubmissionBudget cpu = vk::submission_budget(c, 8'760'000'000ull, vk::DeviceKind::Cpu);
  EXPECT_EQ(cpu.tokens(0, 4096), vk::kMaxBatch);
}

TEST_F(PlanTest, ASubmissionBoundGivesTheSameLogitsInMoreSubmissions) {
  const int32_t ids[24] = {5, 9, 100, 7, 300, 2, 11, 400, 8, 1000, 3, 12, 6, 70, 800, 4, 90, 10, 200, 13, 14, 15, 16, 17};
  auto run = [&](const char* submit_ms, uint64_t* submissions) {
    std::optional<test::ScopedEnv> env;
    if (submit_ms) env.emplace("VELOCE_VK_SUBMIT_MS", submit_ms);
    auto engine = load(256);
    auto session = engine->create_session(256);
    std::vector<float> logits(session->n_vocab());
    session->evaluate(ids, logits, false);
    *submissions = dynamic_cast<vk::VulkanSession&>(*session).counters().submissions;
    return logits;
  };
  uint64_t whole = 0, split = 0;
  const auto a = run(nullptr, &whole);
  const auto b = run("0", &split);  // every token is over a zero budget: one per submission
  EXPECT_EQ(whole, 1u);
  EXPECT_EQ(split, 24u);
  float diff = 0;
  for (size_t i = 0; i < a.size(); ++i) diff = std::max(diff, std::fabs(a[i] - b[i]));
  EXPECT_LE(diff, 2e-3f);
}

// prefill() leaves its last batch running and the next call records while it runs: with one
// token per submission (a zero budget) the two prompt slots take turns many times, across calls,
// and the logits after prefill + prefill + evaluate are the one-call evaluate's. A decode step
// and truncate() right after a prefill see everything it wrote.
TEST_F(PlanTest, PrefillLeftRunningGivesTheSameLogits) {
  const int32_t ids[24] = {5, 9, 100, 7, 300, 2, 11, 400, 8, 1000, 3, 12, 6, 70, 800, 4, 90, 10, 200, 13, 14, 15, 16, 17};
  auto engine = load(256);
  auto whole = engine->create_session(256);
  std::vector<float> want(whole->n_vocab()), got(whole->n_vocab()), step(whole->n_vocab());
  whole->evaluate(ids, want, false);
  const std::span<const int32_t> all(ids);
  for (const char* submit_ms : {"0", static_cast<const char*>(nullptr)}) {
    std::optional<test::ScopedEnv> env;
    if (submit_ms) env.emplace("VELOCE_VK_SUBMIT_MS", submit_ms);
    auto e = load(256);
    auto s = e->create_session(256);
    s->prefill(all.subspan(0, 7));
    EXPECT_EQ(s->n_past(), 7u);
    s->prefill(all.subspan(7, 10));
    s->evaluate(all.subspan(17), got, false);
    float diff = 0;
    for (size_t i = 0; i < want.size(); ++i) diff = std::max(diff, std::fabs(want[i] - got[i]));
    EXPECT_LE(diff, 2e-3f) << (submit_ms ? "one token per submission" : "one submission per call");
    if (submit_ms) {
      EXPECT_EQ(dynamic_cast<vk::VulkanSession&>(*s).counters().submissions, 24u);
    }
    // Truncated back to 23 right after a prefill of the last token, then the last token decoded.
    s->truncate(17);
    s->prefill(all.subspan(17, 6));
    s->evaluate(all.subspan(23), step, false);
    diff = 0;
    for (size_t i = 0; i < want.size(); ++i) diff = std::max(diff, std::fabs(want[i] - step[i]));
    EXPECT_LE(diff, 2e-3f) << "decode after a prefill";
  }
}

}  // namespace
}  // namespace veloce
