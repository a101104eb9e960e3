// Vulkan fault sweep: with the engine's own fault injection (inference/vulkan/fault_injection.h),
// the Nth memory allocation, queue submit, fence wait and memory map fails, for every N the
// scenario reaches, during load, prompt and decode. Each must end in a clear EngineError (never a
// crash, a hang or a validation error), the tokens decoded before it must be the reference's
// prefix (the partial reply is kept), and a reload afterwards must give the reference output.
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "inference/generation/engine_factory.h"
#include "inference/model/model.h"
#include "inference/vulkan/fault_injection.h"
#include "inference/vulkan/vk_check.h"
#include "inference/vulkan/vulkan_engine.h"
#include "tests/vulkan/vk_test_support.h"

namespace veloce {
namespace {

namespace fault = vk::fault;
using test::data_path;

constexpr size_t kCtx = 32;
constexpr int kDecodeTokens = 3;
const std::array<VkResult, 4> kResults = {VK_ERROR_OUT_OF_DEVICE_MEMORY, VK_ERROR_OUT_OF_HOST_MEMORY, VK_ERROR_DEVICE_LOST,
                                          VK_TIMEOUT};
const std::array<fault::Kind, 4> kKindsList = {fault::Kind::Alloc, fault::Kind::Submit, fault::Kind::Wait, fault::Kind::Map};
enum Phase { Load, Prompt, Decode, kPhases };
const char* const kPhaseNames[] = {"load", "prompt", "decode"};

struct Outcome {
  std::vector<int32_t> tokens;                                  // greedy ids decoded before the end or the error
  std::array<std::array<uint64_t, 4>, kPhases> calls_at_end{};  // hooked calls seen when each phase ended
  std::string error;                                            // empty: the run finished
};

std::array<uint64_t, 4> snapshot() {
  std::array<uint64_t, 4> s{};
  for (size_t k = 0; k < 4; ++k) s[k] = fault::calls(kKindsList[k]);
  return s;
}

int32_t argmax(const std::vector<float>& v) {
  return static_cast<int32_t>(std::max_element(v.begin(), v.end()) - v.begin());
}

std::unique_ptr<Engine> load() {
  EngineOptions opts;
  opts.n_ctx = kCtx;
  return make_vulkan_engine(Model::load(data_path("phi4-tiny-Q4_0.gguf")), opts);
}

// A fresh session on `engine`: 12-token prompt, then kDecodeTokens greedy steps.
void generate(Engine& engine, Outcome& run) {
  auto session = engine.create_session(kCtx);
  std::vector<float> logits(session->n_vocab());
  // The first tokens of the reference chat prompt (tests/data/reference/greedy.json).
  const std::vector<int32_t> prompt = {4008, 82, 615, 4010, 2675, 527, 264, 1520, 1285, 1089, 380, 519};
  session->evaluate(prompt, logits, false);
  run.calls_at_end[Prompt] = snapshot();
  for (int i = 0; i < kDecodeTokens; ++i) {
    const int32_t id = argmax(logits);
    run.tokens.push_back(id);
    session->evaluate(std::span<const int32_t>(&id, 1), logits, false);
  }
  run.calls_at_end[Decode] = snapshot();
}

// Runs `body` and records how it ended: EngineError is the expected failure, anything else
// (another exception) fails the test; a crash or a hang ends the test program.
template <class F>
Outcome attempt(F&& body) {
  Outcome run;
  try {
    body(run);
  } catch (const ContextFullError& e) {
    ADD_FAILURE() << "a fault must not look like a full context: " << e.what();
    run.error = e.what();
  } catch (const EngineError& e) {
    run.error = e.what();
    if (run.error.empty()) run.error = "(empty message)";
  }
  return run;
}

class FaultSweep : public test::ValidatedTest {
 protected:
  void TearDown() override {
    fault::reset();
    test::ValidatedTest::TearDown();
  }
};

TEST(FaultPlan, ParsesTheEnvironmentSyntaxAndRefusesTheRest) {
  auto p = fault::parse("alloc:3:oom_device");
  ASSERT_TRUE(p);
  EXPECT_EQ(p->kind, fault::Kind::Alloc);
  EXPECT_EQ(p->nth, 3u);
  EXPECT_EQ(p->result, VK_ERROR_OUT_OF_DEVICE_MEMORY);
  p = fault::parse("wait:12:timeout");
  ASSERT_TRUE(p);
  EXPECT_EQ(p->kind, fault::Kind::Wait);
  EXPECT_EQ(p->result, VK_TIMEOUT);
  EXPECT_EQ(fault::parse("submit:1:device_lost")->result, VK_ERROR_DEVICE_LOST);
  EXPECT_EQ(fault::parse("map:2:oom_host")->result, VK_ERROR_OUT_OF_HOST_MEMORY);
  for (const char* bad : {"", "alloc", "alloc:3", "alloc:0:oom_device", "alloc:x:oom_device", "free:1:timeout",
                          "alloc:1:boom", "alloc:-1:timeout"}) {
    std::string error;
    EXPECT_FALSE(fault::parse(bad, &error)) << bad;
    EXPECT_FALSE(error.empty()) << bad;
  }
}

TEST_F(FaultSweep, EveryAllocSubmitWaitAndMapFailureIsAClearErrorAndAReloadWorks) {
  fault::reset();
  std::unique_ptr<Engine> engine;
  const Outcome ref = attempt([&](Outcome& run) {
    engine = load();
    run.calls_at_end[Load] = snapshot();
    generate(*engine, run);
  });
  ASSERT_TRUE(ref.error.empty()) << ref.error;
  ASSERT_EQ(ref.tokens.size(), static_cast<size_t>(kDecodeTokens));
  std::printf("hooked calls (load / +prompt / +decode):");
  for (size_t k = 0; k < 4; ++k)
    std::printf(" %s %llu/%llu/%llu", fault::kind_name(kKindsList[k]),
                static_cast<unsigned long long>(ref.calls_at_end[Load][k]),
                static_cast<unsigned long long>(ref.calls_at_end[Prompt][k] - ref.calls_at_end[Load][k]),
                static_cast<unsigned long long>(ref.calls_at_end[Decode][k] - ref.calls_at_end[Prompt][k]));
  std::printf("\n");

  std::array<std::array<int, kPhases>, 4> covered{};
  int points = 0, errors = 0;
  for (size_t k = 0; k < 4; ++k) {
    const uint64_t in_load = ref.calls_at_end[Load][k];
    const uint64_t total = ref.calls_at_end[Decode][k];
    for (uint64_t n = 1; n <= total; ++n) {
      const bool during_load = n <= in_load;
      // Each point gets one result, in turn, so every result is tried in every phase over the sweep.
      const VkResult result = kResults[(n + k) % kResults.size()];
      Outcome got;
      const auto started = std::chrono::steady_clock::now();
      if (during_load) {
        // A fresh load that fails part way (it never gets to the slow pipeline creation).
        fault::configure({kKindsList[k], n, result});
        got = attempt([&](Outcome& run) {
          auto e = load();
          generate(*e, run);
        });
      } else {
        // The loaded engine, a fresh session: the count starts where the load's calls ended.
        fault::configure({kKindsList[k], n - in_load, result});
        got = attempt([&](Outcome& run) { generate(*engine, run); });
      }
      const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
      const bool fired = fault::fired();
      fault::reset();
      int phase = Load;
      while (phase < Decode && n > ref.calls_at_end[phase][k]) ++phase;
      const std::string where = std::string(fault::kind_name(kKindsList[k])) + ":" + std::to_string(n) + ":" +
                                vk::result_name(result) + " (" + kPhaseNames[phase] + ")";
      ASSERT_TRUE(fired) << where << ": the scenario no longer reaches this point";
      // No hang: a trial takes about a second here; a wait for work that never comes takes minutes.
      EXPECT_LT(seconds, 30.0) << where << ": took " << seconds << " s";
      ++points;
      ++covered[k][static_cast<size_t>(phase)];
      if (!got.error.empty()) {
        ++errors;
        // Clear: it names what failed in words a user can act on, not only a code.
        const bool names_it = got.error.find(vk::result_name(result)) != std::string::npos ||
                              got.error.find("did not finish") != std::string::npos;
        EXPECT_TRUE(names_it) << where << ": " << got.error;
        EXPECT_EQ(got.error.find('\n'), std::string::npos) << where << ": one line expected: " << got.error;
      }
      // What was decoded before the fault is what the reference decoded (nothing garbled).
      ASSERT_LE(got.tokens.size(), ref.tokens.size()) << where;
      EXPECT_TRUE(std::equal(got.tokens.begin(), got.tokens.end(), ref.tokens.begin())) << where;
      if (got.error.empty()) {
        EXPECT_EQ(got.tokens, ref.tokens) << where << ": no error, so the whole output";
      }
      if (!during_load) {
        // The failed session is gone; a new one on the same engine works (what a reload needs of
        // the parts that were not lost).
        const Outcome again = attempt([&](Outcome& run) { generate(*engine, run); });
        EXPECT_TRUE(again.error.empty()) << where << ": then " << again.error;
        EXPECT_EQ(again.tokens, ref.tokens) << where;
      }
    }
  }
  // After all of that, a reload gives the reference output again.
  engine.reset();
  const Outcome after = attempt([&](Outcome& run) {
    engine = load();
    generate(*engine, run);
  });
  EXPECT_TRUE(after.error.empty()) << after.error;
  EXPECT_EQ(after.tokens, ref.tokens);
  std::printf("Vulkan fault sweep (engine): %d injection points, %d ended in an error\n", points, errors);
  for (size_t k = 0; k < 4; ++k)
    std::printf("  %-6s load %d, prompt %d, decode %d\n", fault::kind_name(kKindsList[k]), covered[k][Load],
                covered[k][Prompt], covered[k][Decode]);
  EXPECT_GT(points, 0);
  for (size_t k : {size_t{1}, size_t{2}})  // submits and waits happen in every phase
    for (int ph = 0; ph < kPhases; ++ph)
      EXPECT_GT(covered[k][static_cast<size_t>(ph)], 0) << fault::kind_name(kKindsList[k]) << " " << kPhaseNames[ph];
}

}  // namespace
}  // namespace veloce
