// Every line of tests/data/reference/tokenizer_ref.jsonl: llama.cpp's ids for the string on
// phi4-vocab.gguf, with and without special-token parsing.
#include <gtest/gtest.h>

#include <sstream>

#include "tests/tokenizer/json_reader.h"
#include "tests/tokenizer/test_vocab.h"

namespace veloce::test {
namespace {

struct RefLine {
  std::string text;
  std::vector<int32_t> ids;
  bool has_no_parse = false;
  std::vector<int32_t> ids_no_parse_special;
};

std::vector<RefLine> reference_lines() {
  std::istringstream in(read_file(data_path("reference/tokenizer_ref.jsonl")));
  std::vector<RefLine> lines;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    const Json j = Json::parse(line);
    RefLine r;
    r.text = j["text"].as_string();
    r.ids = j["ids"].as_int32_array();
    if (j.has("ids_no_parse_special")) {
      r.has_no_parse = true;
      r.ids_no_parse_special = j["ids_no_parse_special"].as_int32_array();
    }
    lines.push_back(std::move(r));
  }
  return lines;
}

TEST(ReferenceIds, EveryLineMatchesLlamaCpp) {
  const auto lines = reference_lines();
  ASSERT_EQ(lines.size(), 62u);  // the fixture's line count: a short read must not pass quietly
  size_t with_no_parse = 0;
  for (const RefLine& r : lines) {
    SCOPED_TRACE("text: " + r.text);
    EXPECT_EQ(phi4_vocab().encode(r.text, true), r.ids);
    if (r.has_no_parse) {
      ++with_no_parse;
      EXPECT_EQ(phi4_vocab().encode(r.text, false), r.ids_no_parse_special);
    }
    EXPECT_EQ(phi4_vocab().decode(r.ids), r.text);
    EXPECT_EQ(phi4_vocab().decode(phi4_vocab().encode(r.text, false)), r.text);
  }
  EXPECT_GE(with_no_parse, 8u);
}

TEST(ReferenceIds, Phi4SpecialTokens) {
  const Tokenizer& t = phi4_vocab();
  EXPECT_EQ(t.vocab_size(), 100352u);
  EXPECT_EQ(t.endoftext_id(), 100257);
  EXPECT_EQ(t.im_end_id(), 100265);
  EXPECT_EQ(t.special_id("<|fim_prefix|>"), 100258);
  EXPECT_EQ(t.special_id("<|fim_middle|>"), 100259);
  EXPECT_EQ(t.special_id("<|fim_suffix|>"), 100260);
  EXPECT_EQ(t.special_id("<|im_start|>"), 100264);
  EXPECT_EQ(t.special_id("<|im_sep|>"), 100266);
  EXPECT_EQ(t.special_id("<|endofprompt|>"), 100276);
  EXPECT_EQ(t.special_id("<|dummy_87|>"), 100351);
  EXPECT_EQ(t.special_id("<|im_end"), -1);
  EXPECT_EQ(t.special_id("hello"), -1);
  for (int32_t id = 100256; id < 100352; ++id) EXPECT_TRUE(t.is_special(id)) << id;
  EXPECT_FALSE(t.is_special(100255));
  EXPECT_FALSE(t.is_special(0));
  EXPECT_FALSE(t.is_special(-1));
  EXPECT_FALSE(t.is_special(100352));
  EXPECT_EQ(t.token_bytes(100265), "<|im_end|>");
  EXPECT_EQ(t.token_bytes(220), " ");   // spelled "Ġ" in the file
  EXPECT_EQ(t.token_bytes(198), "\n");  // spelled "Ċ"
  EXPECT_THROW(t.token_bytes(100352), std::out_of_range);
  EXPECT_THROW(t.token_bytes(-1), std::out_of_range);
  const int32_t bad[] = {9906, 100352};
  EXPECT_THROW(t.decode(bad), std::out_of_range);
}

}  // namespace
}  // namespace veloce::test
