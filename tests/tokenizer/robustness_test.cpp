// Inputs a user (or a pasted file) can produce: invalid UTF-8, NUL bytes, huge runs. Nothing may
// crash, and byte-level BPE must give the bytes back exactly.
#include <gtest/gtest.h>

#include <random>

#include "tests/tokenizer/test_vocab.h"

namespace veloce::test {
namespace {

TEST(Robustness, InvalidUtf8RoundTripsByteExactly) {
  const Tokenizer& t = phi4_vocab();
  const std::string cases[] = {
      std::string("abc\xFF\xFE def"),
      std::string("\xE2\x82"),           // truncated €
      std::string("caf\xC3"),            // truncated é at the end
      std::string("\xC0\xAF overlong"),  // overlong '/'
      std::string("\xED\xA0\x80 surrogate"),
      std::string("\x80\x80\x80"),
      std::string("x\xF4\x90\x80\x80y"),  // above U+10FFFF
      std::string("nul\0byte\0", 9),
      std::string("<|im_\xFFstart|>"),
  };
  for (const std::string& s : cases) {
    for (bool special : {false, true}) {
      const auto ids = t.encode(s, special);
      EXPECT_EQ(t.decode(ids), s);
      for (int32_t id : ids) EXPECT_FALSE(t.is_special(id));
    }
  }
}

// Valid text around an invalid byte splits exactly as it would at that point anyway.
TEST(Robustness, InvalidByteSplitsLikeABoundary) {
  const Tokenizer& t = phi4_vocab();
  auto ids = t.encode("Hello", false);
  const auto tail = t.encode(" world", false);
  const auto bad = t.encode("\xFF", false);
  ASSERT_EQ(bad.size(), 1u);
  ids.insert(ids.end(), bad.begin(), bad.end());
  ids.insert(ids.end(), tail.begin(), tail.end());
  EXPECT_EQ(t.encode("Hello\xFF world", false), ids);
}

TEST(Robustness, RandomBytesRoundTrip) {
  const Tokenizer& t = phi4_vocab();
  std::mt19937 rng(42);
  for (int trial = 0; trial < 200; ++trial) {
    std::string s(1 + rng() % 300, '\0');
    for (char& c : s) c = static_cast<char>(rng() % 256);
    ASSERT_EQ(t.decode(t.encode(s, true)), s);
  }
}

TEST(Robustness, HugeRuns) {
  const Tokenizer& t = phi4_vocab();
  for (const std::string& s : {std::string(1 << 18, 'a'), std::string(1 << 18, ' '), std::string(1 << 18, '\n'),
                               std::string(1 << 18, '7'), std::string(1 << 18, '!')}) {
    const auto ids = t.encode(s, false);
    EXPECT_EQ(t.decode(ids), s);
  }
  std::string mixed;
  for (int i = 0; i < 100000; ++i) mixed += "a \n";
  EXPECT_EQ(t.decode(t.encode(mixed, false)), mixed);
}

TEST(Robustness, EmptyText) {
  EXPECT_TRUE(phi4_vocab().encode("", true).empty());
  EXPECT_TRUE(phi4_vocab().encode("", false).empty());
  EXPECT_EQ(phi4_vocab().decode({}), "");
}

}  // namespace
}  // namespace veloce::test
