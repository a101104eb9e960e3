// Generator: stop conditions, cancellation, prefix reuse and streaming, driven by a test double
// of a Session whose logits are scripted (random-weight models almost never emit <|im_end|>).
#include <gtest/gtest.h>

#include <atomic>
#include <map>
#include <string>
#include <vector>

#include "inference/generation/generator.h"
#include "inference/model/session.h"
#include "inference/tokenizer/tokenizer.h"

namespace veloce {
namespace {

// A byte-level vocabulary: id b is byte b (in GPT-2's byte-to-unicode spelling), then the two
// stop tokens. Enough for StreamDecoder and the stop ids without loading a model.
constexpr int32_t k_im_end = 256;
constexpr int32_t k_endoftext = 257;
constexpr int32_t k_dummy = 258;  // a control token that is not a stop token

std::string gpt2_spelling(int b) {
  const bool printable = (b >= 33 && b <= 126) || (b >= 161 && b <= 172) || (b >= 174 && b <= 255);
  int code = b;
  if (!printable) {
    int index = 0;  // the non-printable bytes map to U+0100, U+0101, ... in byte order
    for (int c = 0; c < b; ++c)
      if (!((c >= 33 && c <= 126) || (c >= 161 && c <= 172) || (c >= 174 && c <= 255))) ++index;
    code = 256 + index;
  }
  std::string out;  // UTF-8 of a code point below U+0800
  if (code < 0x80) {
    out += static_cast<char>(code);
  } else {
    out += static_cast<char>(0xC0 | (code >> 6));
    out += static_cast<char>(0x80 | (code & 0x3F));
  }
  return out;
}

Tokenizer byte_tokenizer() {
  std::vector<std::string> tokens;
  std::vector<int32_t> types;
  for (int b = 0; b < 256; ++b) {
    tokens.push_back(gpt2_spelling(b));
    types.push_back(1);
  }
  tokens.push_back("<|im_end|>");
  types.push_back(3);
  tokens.push_back("<|endoftext|>");
  types.push_back(3);
  tokens.push_back("<|dummy_0|>");
  types.push_back(3);
  return Tokenizer(std::move(tokens), {}, std::move(types));
}

std::vector<int32_t> bytes_of(const std::string& s) {
  std::vector<int32_t> ids;
  for (unsigned char c : s) ids.push_back(c);
  return ids;
}

// Test double: no model. After evaluating up to position p - 1 its logits make token
// script[p] the argmax (filler 'z' where the script is silent). It records every call.
class ScriptedSession final : public Session {
 public:
  explicit ScriptedSession(size_t n_ctx) : n_ctx_(n_ctx) {}
  std::map<size_t, int32_t> script;
  std::vector<std::vector<int32_t>> evaluated;  // each evaluate call's tokens
  std::vector<size_t> truncations;
  std::vector<int32_t> cache;  // what a real KV cache would hold
  std::function<void()> after_evaluate;
  bool fail_next = false;

  void evaluate(std::span<const int32_t> tokens, std::span<float> logits, bool all_logits) override {
    EXPECT_FALSE(all_logits);
    if (tokens.size() > n_ctx_ - cache.size()) throw ContextFullError("scripted session: context full");
    if (fail_next) {
      fail_next = false;
      cache.push_back(tokens[0]);  // a failing engine may leave anything behind
      throw EngineError("scripted session: device lost");
    }
    evaluated.emplace_back(tokens.begin(), tokens.end());
    cache.insert(cache.end(), tokens.begin(), tokens.end());
    std::fill(logits.begin(), logits.end(), 0.0f);
    auto it = script.find(cache.size());
    logits[static_cast<size_t>(it == script.end() ? int32_t{'z'} : it->second)] = 1.0f;
    if (after_evaluate) after_evaluate();
  }
  void truncate(size_t n) override {
    truncations.push_back(n);
    if (n < cache.size()) cache.resize(n);
  }
  size_t n_past() const override { return cache.size(); }
  size_t n_ctx() const override { return n_ctx_; }
  size_t n_vocab() const override { return 259; }

 private:
  size_t n_ctx_;
};

GenerateOptions greedy(int32_t max_tokens = 32) {
  GenerateOptions o;
  o.max_tokens = max_tokens;
  o.sampling.temperature = 0.0f;
  o.sampling.repeat_penalty = 1.0f;
  return o;
}

class GeneratorTest : public ::testing::Test {
 protected:
  Tokenizer tokenizer = byte_tokenizer();
};

TEST_F(GeneratorTest, StopsAtImEndAndExcludesIt) {
  ScriptedSession s(64);
  s.script = {{5, 'O'}, {6, 'K'}, {7, k_im_end}};
  Generator g(s, tokenizer);
  const auto r = g.generate(bytes_of("hello"), greedy());
  EXPECT_EQ(r.stop, StopReason::EndOfText);
  EXPECT_EQ(r.tokens, bytes_of("OK"));
  EXPECT_EQ(r.text, "OK");
  EXPECT_EQ(r.prompt_tokens, 5u);
  EXPECT_EQ(r.prompt_tokens_reused, 0u);
  EXPECT_EQ(s.cache, bytes_of("helloOK"));  // the stop token is never evaluated
  EXPECT_GE(r.time_to_first_token_ms, 0.0);
}

TEST_F(GeneratorTest, ControlTokensAreKeptAsIdsButNotShownAsText) {
  ScriptedSession s(64);
  s.script = {{2, k_dummy}, {3, 'A'}, {4, k_im_end}};
  std::string streamed;
  GenerateOptions o = greedy();
  o.on_text = [&](std::string_view t) { streamed += t; };
  Generator g(s, tokenizer);
  const auto r = g.generate(bytes_of("hi"), o);
  EXPECT_EQ(r.tokens, (std::vector<int32_t>{k_dummy, 'A'}));
  EXPECT_EQ(r.text, "A");
  EXPECT_EQ(streamed, "A");
}

TEST_F(GeneratorTest, StopsAtEndOfText) {
  ScriptedSession s(64);
  s.script = {{3, 'x'}, {4, k_endoftext}};
  Generator g(s, tokenizer);
  const auto r = g.generate(bytes_of("abc"), greedy());
  EXPECT_EQ(r.stop, StopReason::EndOfText);
  EXPECT_EQ(r.tokens, bytes_of("x"));
}

TEST_F(GeneratorTest, StopsAtMaxTokensWithoutEvaluatingTheLast) {
  ScriptedSession s(64);
  Generator g(s, tokenizer);
  const auto r = g.generate(bytes_of("abc"), greedy(3));
  EXPECT_EQ(r.stop, StopReason::MaxTokens);
  EXPECT_EQ(r.tokens, bytes_of("zzz"));
  ASSERT_EQ(s.evaluated.size(), 3u);  // the prompt, then two of the three sampled tokens
  EXPECT_EQ(s.cache, bytes_of("abczz"));
}

TEST_F(GeneratorTest, CancelFromAnotherCallbackStopsWithinOneToken) {
  ScriptedSession s(64);
  std::atomic<bool> cancel{false};
  GenerateOptions o = greedy(20);
  o.cancel = &cancel;
  std::vector<int32_t> seen;
  o.on_token = [&](int32_t id) {
    seen.push_back(id);
    if (seen.size() == 2) cancel = true;
  };
  Generator g(s, tokenizer);
  const auto r = g.generate(bytes_of("abc"), o);
  EXPECT_EQ(r.stop, StopReason::Cancelled);
  EXPECT_EQ(r.tokens.size(), 2u);
  EXPECT_EQ(seen, r.tokens);
}

TEST_F(GeneratorTest, CancelledBeforeStartEvaluatesNothing) {
  ScriptedSession s(64);
  std::atomic<bool> cancel{true};
  GenerateOptions o = greedy();
  o.cancel = &cancel;
  Generator g(s, tokenizer);
  const auto r = g.generate(bytes_of("abc"), o);
  EXPECT_EQ(r.stop, StopReason::Cancelled);
  EXPECT_TRUE(r.tokens.empty());
  EXPECT_TRUE(s.evaluated.empty());
}

TEST_F(GeneratorTest, PrefillsInChunksAndChecksCancelBetweenThem) {
  ScriptedSession s(1024);
  std::vector<int32_t> prompt(300, 'p');
  GenerateOptions o = greedy(1);
  o.prompt_chunk = 128;
  Generator g(s, tokenizer);
  g.generate(prompt, o);
  ASSERT_EQ(s.evaluated.size(), 3u);
  EXPECT_EQ(s.evaluated[0].size(), 128u);
  EXPECT_EQ(s.evaluated[1].size(), 128u);
  EXPECT_EQ(s.evaluated[2].size(), 44u);

  ScriptedSession s2(1024);
  std::atomic<bool> cancel{false};
  o.cancel = &cancel;
  s2.after_evaluate = [&] { cancel = true; };
  Generator g2(s2, tokenizer);
  const auto r = g2.generate(prompt, o);
  EXPECT_EQ(r.stop, StopReason::Cancelled);
  EXPECT_EQ(s2.evaluated.size(), 1u);
}

TEST_F(GeneratorTest, ReusesTheCachedPrefixOfTheNextTurn) {
  ScriptedSession s(64);
  s.script = {{5, 'O'}, {6, 'K'}, {7, k_im_end}};
  Generator g(s, tokenizer);
  g.generate(bytes_of("hello"), greedy());
  // Next turn: the previous prompt, the reply, the stop token and more text.
  std::vector<int32_t> next = bytes_of("helloOK");
  next.push_back(k_im_end);
  for (int32_t id : bytes_of("more")) next.push_back(id);
  s.evaluated.clear();
  s.truncations.clear();
  const auto r = g.generate(next, greedy(1));
  EXPECT_EQ(r.prompt_tokens_reused, 7u);
  ASSERT_FALSE(s.truncations.empty());
  EXPECT_EQ(s.truncations.front(), 7u);
  ASSERT_FALSE(s.evaluated.empty());
  std::vector<int32_t> suffix{k_im_end};
  for (int32_t id : bytes_of("more")) suffix.push_back(id);
  EXPECT_EQ(s.evaluated.front(), suffix);
}

TEST_F(GeneratorTest, TruncatesToTheCommonPrefixOfAnEditedPrompt) {
  ScriptedSession s(64);
  Generator g(s, tokenizer);
  g.generate(bytes_of("abcdef"), greedy(2));
  s.evaluated.clear();
  const auto r = g.generate(bytes_of("abcXYZ"), greedy(1));
  EXPECT_EQ(r.prompt_tokens_reused, 3u);
  ASSERT_EQ(s.evaluated.size(), 1u);
  EXPECT_EQ(s.evaluated[0], bytes_of("XYZ"));
  EXPECT_EQ(s.cache, bytes_of("abcXYZ"));
}

TEST_F(GeneratorTest, AFullyCachedPromptStillEvaluatesItsLastToken) {
  ScriptedSession s(64);
  Generator g(s, tokenizer);
  g.generate(bytes_of("abcd"), greedy(1));  // the sampled token is not evaluated: cache = abcd
  s.evaluated.clear();
  const auto r = g.generate(bytes_of("abcd"), greedy(1));
  EXPECT_EQ(r.prompt_tokens_reused, 3u);
  ASSERT_EQ(s.evaluated.size(), 1u);
  EXPECT_EQ(s.evaluated[0], bytes_of("d"));
  EXPECT_EQ(r.tokens, bytes_of("z"));
}

TEST_F(GeneratorTest, ContextFullKeepsWhatWasGenerated) {
  ScriptedSession s(8);
  Generator g(s, tokenizer);
  const auto r = g.generate(bytes_of("abcde"), greedy(100));
  EXPECT_EQ(r.stop, StopReason::ContextFull);
  // Positions 5, 6 and 7 are filled by generated tokens; the fourth one is sampled from the
  // logits of position 7 and kept, but cannot be evaluated.
  EXPECT_EQ(r.tokens, bytes_of("zzzz"));
  EXPECT_EQ(s.n_past(), 8u);
}

TEST_F(GeneratorTest, PromptLongerThanTheContextIsContextFull) {
  ScriptedSession s(8);
  GenerateOptions o = greedy();
  o.prompt_chunk = 4;
  Generator g(s, tokenizer);
  const auto r = g.generate(std::vector<int32_t>(10, 'a'), o);
  EXPECT_EQ(r.stop, StopReason::ContextFull);
  EXPECT_TRUE(r.tokens.empty());
}

TEST_F(GeneratorTest, StreamsOnlyWholeUtf8Characters) {
  ScriptedSession s(64);
  // U+00E9 is C3 A9 in UTF-8, one byte token each.
  s.script = {{2, 0xC3}, {3, 0xA9}, {4, 'a'}, {5, k_im_end}};
  GenerateOptions o = greedy();
  std::vector<std::string> pieces;
  o.on_text = [&](std::string_view piece) { pieces.emplace_back(piece); };
  Generator g(s, tokenizer);
  const auto r = g.generate(bytes_of("hi"), o);
  EXPECT_EQ(pieces, (std::vector<std::string>{"\xC3\xA9", "a"}));
  EXPECT_EQ(r.text,
            "\xC3\xA9"
            "a");
}

TEST_F(GeneratorTest, AnEngineFailurePropagatesAndTheNextCallStartsClean) {
  ScriptedSession s(64);
  Generator g(s, tokenizer);
  g.generate(bytes_of("abcd"), greedy(1));
  s.fail_next = true;
  EXPECT_THROW(g.generate(bytes_of("abcdef"), greedy(1)), EngineError);
  s.evaluated.clear();
  const auto r = g.generate(bytes_of("abcdef"), greedy(1));
  EXPECT_EQ(r.prompt_tokens_reused, 0u);
  ASSERT_EQ(s.evaluated.size(), 1u);
  EXPECT_EQ(s.evaluated[0], bytes_of("abcdef"));
}

TEST(StopReason, Names) {
  EXPECT_STREQ(stop_reason_name(StopReason::EndOfText), "end_of_text");
  EXPECT_STREQ(stop_reason_name(StopReason::MaxTokens), "max_tokens");
  EXPECT_STREQ(stop_reason_name(StopReason::Cancelled), "cancelled");
  EXPECT_STREQ(stop_reason_name(StopReason::ContextFull), "context_full");
}

}  // namespace
}  // namespace veloce
