// The tiny fixtures carry Phi-4's tokenizer cut to 4096 tokens (the first 4000 cl100k ranks, then
// the 96 added tokens): their ids and greedy.json's prompt ids pin the whole load-and-render path.
#include <gtest/gtest.h>

#include "inference/tokenizer/chat_format.h"
#include "tests/tokenizer/json_reader.h"
#include "tests/tokenizer/test_vocab.h"

namespace veloce::test {
namespace {

TEST(TinyFixture, AddedTokenIds) {
  const Tokenizer& t = tiny_vocab();
  EXPECT_EQ(t.vocab_size(), 4096u);
  EXPECT_EQ(t.endoftext_id(), 4001);
  EXPECT_EQ(t.im_end_id(), 4009);
  EXPECT_EQ(t.special_id("<|im_start|>"), 4008);
  EXPECT_EQ(t.special_id("<|im_sep|>"), 4010);
  EXPECT_EQ(t.special_id("<|endofprompt|>"), 4020);
  EXPECT_FALSE(t.is_special(3999));
  EXPECT_TRUE(t.is_special(4000));  // <|dummy_0|>
}

// greedy.json: the chat prompt llama.cpp fed each tiny model, and the ids it made of it.
TEST(TinyFixture, GreedyPromptIdsEqualRenderedChat) {
  const Json greedy = Json::parse(read_file(data_path("reference/greedy.json")));
  const std::vector<ChatMessage> chat = {
      {ChatRole::System, "You are a helpful assistant."},
      {ChatRole::User, "Write a short poem about the sea."},
  };
  size_t models = 0;
  for (const auto& [name, entry] : greedy.as_object()) {
    if (name.starts_with("_")) continue;
    SCOPED_TRACE(name);
    ++models;
    const Tokenizer t = load_tokenizer(name + ".gguf");
    const std::string& prompt = entry["prompt"].as_string();
    const std::vector<int32_t> expected = entry["prompt_ids"].as_int32_array();
    EXPECT_EQ(render_chat_text(chat), prompt);
    EXPECT_EQ(render_chat(t, chat), expected);
    EXPECT_EQ(t.encode(prompt, true), expected);
    EXPECT_EQ(t.decode(expected), prompt);
    EXPECT_EQ(static_cast<long long>(t.vocab_size()), entry["n_vocab"].as_int());
  }
  EXPECT_EQ(models, 14u);
}

}  // namespace
}  // namespace veloce::test
