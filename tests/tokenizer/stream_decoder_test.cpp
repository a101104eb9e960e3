// StreamDecoder: text for the screen while tokens arrive, never half a UTF-8 character.
#include <gtest/gtest.h>

#include "inference/tokenizer/utf8.h"
#include "tests/tokenizer/test_vocab.h"

namespace veloce::test {
namespace {

bool whole_utf8(const std::string& s) {
  size_t pos = 0;
  while (pos < s.size()) {
    const utf8::Scan sc = utf8::scan(s, pos);
    if (sc.kind != utf8::Scan::Whole) return false;
    pos += sc.length;
  }
  return true;
}

TEST(StreamDecoder, SplitCharactersAreHeldBackAndConcatenationEqualsDecode) {
  const Tokenizer& t = phi4_vocab();
  const std::string texts[] = {
      "🚀🔥👍🏽 ok 👨\u200d👩\u200d👧\u200d👦 🦙🦙🦙",
      "我想在apple工作, 日本語のテキストです。한국어 문장입니다.",
      "Perché è già così difficile? Più caffè, però! ÀÈÉÌÒÙ",
      "😶\u200d🌫️ កាន់តែពិសេសអាច😁 нещо на Български",
  };
  size_t split_tokens = 0;  // tokens that are not whole characters on their own
  for (const std::string& text : texts) {
    SCOPED_TRACE(text);
    const auto ids = t.encode(text, false);
    StreamDecoder stream(t);
    std::string streamed;
    for (int32_t id : ids) {
      if (!whole_utf8(t.token_bytes(id))) ++split_tokens;
      const std::string piece = stream.push(id);
      EXPECT_TRUE(whole_utf8(piece)) << "token " << id;
      streamed += piece;
    }
    streamed += stream.flush();
    EXPECT_EQ(streamed, t.decode(ids));
    EXPECT_EQ(streamed, text);
  }
  EXPECT_GT(split_tokens, 10u);  // the texts really do split characters across tokens
}

TEST(StreamDecoder, EmitsNothingUntilTheCharacterIsComplete) {
  const Tokenizer& t = phi4_vocab();
  // "🚀" is F0 9F 9A 80; llama.cpp makes it three tokens (tokenizer_ref.jsonl, last line).
  const auto ids = t.encode("🚀", false);
  ASSERT_EQ(ids, (std::vector<int32_t>{9468, 248, 222}));
  StreamDecoder stream(t);
  std::string out;
  for (size_t i = 0; i + 1 < ids.size(); ++i) EXPECT_EQ(stream.push(ids[i]), "");
  EXPECT_EQ(stream.push(ids.back()), "🚀");
  EXPECT_EQ(stream.flush(), "");
}

TEST(StreamDecoder, InvalidBytesBecomeReplacementCharacters) {
  const Tokenizer& t = phi4_vocab();
  const auto byte_token = [&](unsigned char b) {
    const auto ids = t.encode(std::string(1, static_cast<char>(b)), false);
    EXPECT_EQ(ids.size(), 1u);
    return ids.at(0);
  };
  StreamDecoder stream(t);
  // A lone continuation byte can never complete: out at once, as U+FFFD.
  EXPECT_EQ(stream.push(byte_token(0x80)), "\xEF\xBF\xBD");
  // A lead byte waits; a non-continuation after it makes it invalid, then 'a' goes out.
  EXPECT_EQ(stream.push(byte_token(0xE2)), "");
  EXPECT_EQ(stream.push(byte_token('a')),
            "\xEF\xBF\xBD"
            "a");
  // A truncated character at the end of the stream is flushed as one U+FFFD.
  EXPECT_EQ(stream.push(byte_token(0xF0)), "");
  EXPECT_EQ(stream.push(byte_token(0x9F)), "");
  EXPECT_EQ(stream.flush(), "\xEF\xBF\xBD");
  EXPECT_EQ(stream.flush(), "");
  EXPECT_THROW(stream.push(-5), std::out_of_range);
}

}  // namespace
}  // namespace veloce::test
