// Session::evaluate checks its input once (inference/model/session_input.h) for both backends:
// the same bad call must fail with the same exception type and the same text on the reference
// and on the Vulkan session, and leave the session usable.
#include <gtest/gtest.h>

#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

#include "inference/model/model.h"
#include "inference/reference/reference_engine.h"
#include "inference/vulkan/vulkan_engine.h"
#include "tests/vulkan/vk_test_support.h"

namespace veloce {
namespace {

constexpr size_t kCtx = 8;

struct Outcome {
  std::string kind, text;
};

// What one call throws: the most derived of the types the contract names, and what().
Outcome outcome_of(const std::function<void()>& call) {
  try {
    call();
  } catch (const ContextFullError& e) {
    return {"ContextFullError", e.what()};
  } catch (const EngineError& e) {
    return {"EngineError", e.what()};
  } catch (const std::invalid_argument& e) {
    return {"invalid_argument", e.what()};
  }
  return {"none", ""};
}

class SessionInputTest : public test::ValidatedTest {
 protected:
  void SetUp() override {
    ValidatedTest::SetUp();
    auto model = Model::load(test::data_path("phi4-tiny-F32.gguf"));
    EngineOptions opts;
    opts.n_ctx = kCtx;
    engines_.push_back(make_reference_engine(model));
    engines_.push_back(make_vulkan_engine(model, opts));
  }
  // Runs the same call on a fresh session of each backend after `before` tokens were evaluated;
  // expects both to give `kind` with the same text, and returns the text.
  std::string expect_same(size_t before, const std::vector<int32_t>& tokens, size_t logits_size, bool all_logits,
                          const std::string& kind) {
    std::vector<Outcome> got;
    for (auto& engine : engines_) {
      auto s = engine->create_session(kCtx);
      std::vector<float> logits(s->n_vocab());
      const std::vector<int32_t> prefix(before, 1);
      if (before) s->evaluate(prefix, logits, false);
      std::vector<float> out(logits_size);
      got.push_back(outcome_of([&] { s->evaluate(tokens, out, all_logits); }));
      // The failed call changed nothing: the session still takes a token.
      EXPECT_EQ(s->n_past(), before) << engine->name();
      s->evaluate(std::vector<int32_t>{2}, logits, false);
      EXPECT_EQ(s->n_past(), before + 1) << engine->name();
    }
    EXPECT_EQ(got[0].kind, kind);
    EXPECT_EQ(got[1].kind, kind);
    EXPECT_EQ(got[0].text, got[1].text);
    return got[0].text;
  }
  std::vector<std::unique_ptr<Engine>> engines_;
};

constexpr size_t kVocab = 4096;  // the tiny fixtures' vocabulary

TEST_F(SessionInputTest, EmptyInputIsRefusedTheSameWay) {
  EXPECT_EQ(expect_same(0, {}, kVocab, false, "invalid_argument"), "Session::evaluate: no tokens");
}

TEST_F(SessionInputTest, ShortLogitsBufferIsRefusedTheSameWay) {
  EXPECT_EQ(expect_same(0, {1, 2}, kVocab - 1, false, "invalid_argument"),
            "Session::evaluate: logits span of 4095 floats, need 1 x 4096");
  EXPECT_EQ(expect_same(0, {1, 2}, kVocab, true, "invalid_argument"),
            "Session::evaluate: logits span of 4096 floats, need 2 x 4096");
}

TEST_F(SessionInputTest, FullContextIsRefusedTheSameWay) {
  EXPECT_EQ(expect_same(6, {1, 2, 3}, kVocab, false, "ContextFullError"),
            "the context is full: 6 of 8 positions used, 3 more do not fit");
}

TEST_F(SessionInputTest, TokenOutsideTheVocabularyIsRefusedTheSameWay) {
  EXPECT_EQ(expect_same(0, {1, 4096}, kVocab, false, "EngineError"),
            "token id 4096 is outside the vocabulary of 4096 tokens");
  EXPECT_EQ(expect_same(1, {-1}, kVocab, false, "EngineError"), "token id -1 is outside the vocabulary of 4096 tokens");
}

}  // namespace
}  // namespace veloce
