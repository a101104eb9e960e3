// A GGUF's tokenizer metadata is untrusted (RELIABILITY.md item 9): every defect is a GgufError
// naming the file and the field, never a crash.
#include <gtest/gtest.h>

#include <algorithm>
#include <string_view>

#include "inference/gguf/gguf_file.h"
#include "inference/gguf/gguf_writer.h"
#include "tests/tokenizer/test_vocab.h"

namespace veloce::test {
namespace {

// A small valid vocabulary: the 256 bytes, "he" (merge "h e"), and <|im_end|> as a control token.
struct Vocab {
  std::vector<std::string> tokens = spelled_byte_tokens();
  std::vector<std::string> merges = {"h e"};
  std::vector<int32_t> types;
  Vocab() {
    tokens.push_back("he");
    tokens.push_back("<|im_end|>");
    types.assign(tokens.size(), 1);
    types.back() = 3;
  }
};

// GgufWriter appends keys, so a test that changes one names it here and sets it itself.
GgufWriter writer_for(const Vocab& v, std::initializer_list<std::string_view> skip = {}) {
  auto keep = [&](std::string_view key) { return std::find(skip.begin(), skip.end(), key) == skip.end(); };
  GgufWriter w;
  w.set_string("general.architecture", "phi3");
  if (keep("tokenizer.ggml.model")) w.set_string("tokenizer.ggml.model", "gpt2");
  if (keep("tokenizer.ggml.pre")) w.set_string("tokenizer.ggml.pre", "dbrx");
  if (keep("tokenizer.ggml.tokens")) w.set_string_array("tokenizer.ggml.tokens", v.tokens);
  if (keep("tokenizer.ggml.merges")) w.set_string_array("tokenizer.ggml.merges", v.merges);
  w.set_i32_array("tokenizer.ggml.token_type", v.types);
  if (keep("tokenizer.ggml.eos_token_id")) w.set_u32("tokenizer.ggml.eos_token_id", 257);
  return w;
}

Tokenizer load(const GgufWriter& w) {
  const auto bytes = w.to_bytes();
  const auto file = GgufFile::from_bytes("crafted.gguf", bytes);
  return Tokenizer::from_gguf(*file);
}

// Expects a GgufError whose message names the file and contains every fragment.
void expect_error(const GgufWriter& w, std::initializer_list<std::string> fragments) {
  try {
    load(w);
    ADD_FAILURE() << "loaded without error";
  } catch (const GgufError& e) {
    const std::string msg = e.what();
    EXPECT_NE(msg.find("crafted.gguf"), std::string::npos) << msg;
    for (const auto& f : fragments) EXPECT_NE(msg.find(f), std::string::npos) << "'" << f << "' not in: " << msg;
  }
}

TEST(VocabValidation, TheValidVocabularyLoadsAndWorks) {
  const Tokenizer t = load(writer_for(Vocab{}));
  EXPECT_EQ(t.vocab_size(), 258u);
  EXPECT_EQ(t.encode("hehe", false), (std::vector<int32_t>{256, 256}));
  EXPECT_EQ(t.encode("the", false), (std::vector<int32_t>{'t', 256}));  // byte tokens are in byte order
  EXPECT_EQ(t.encode("<|im_end|>", true), std::vector<int32_t>{257});
  EXPECT_EQ(t.im_end_id(), 257);
  EXPECT_EQ(t.endoftext_id(), -1);
  EXPECT_EQ(t.encode(" ", false), std::vector<int32_t>{' '});
}

TEST(VocabValidation, WrongModelOrPreTokenizer) {
  auto w = writer_for(Vocab{}, {"tokenizer.ggml.model"});
  w.set_string("tokenizer.ggml.model", "llama");
  expect_error(w, {"tokenizer.ggml.model", "llama"});
  auto w2 = writer_for(Vocab{}, {"tokenizer.ggml.pre"});
  w2.set_string("tokenizer.ggml.pre", "gpt-4o");
  expect_error(w2, {"tokenizer.ggml.pre", "gpt-4o"});
  GgufWriter none;
  none.set_string_array("tokenizer.ggml.tokens", Vocab{}.tokens);
  expect_error(none, {"tokenizer.ggml.model", "missing"});
}

TEST(VocabValidation, MissingOrMistypedArrays) {
  GgufWriter w;
  w.set_string("tokenizer.ggml.model", "gpt2");
  w.set_string_array("tokenizer.ggml.merges", {"h e"});
  expect_error(w, {"tokenizer.ggml.tokens", "missing"});
  GgufWriter w2;
  w2.set_string("tokenizer.ggml.model", "gpt2");
  w2.set_string_array("tokenizer.ggml.tokens", Vocab{}.tokens);
  expect_error(w2, {"tokenizer.ggml.merges", "missing"});
  auto w3 = writer_for(Vocab{}, {"tokenizer.ggml.tokens"});
  w3.set_string("tokenizer.ggml.tokens", "not an array");
  expect_error(w3, {"tokenizer.ggml.tokens"});
}

TEST(VocabValidation, ArraysOfUnequalLength) {
  Vocab v;
  v.types.pop_back();
  expect_error(writer_for(v), {"tokenizer.ggml.token_type", "257 entries for 258 tokens"});
}

TEST(VocabValidation, UnknownTokenType) {
  Vocab v;
  v.types[10] = 9;
  expect_error(writer_for(v), {"tokenizer.ggml.token_type", "token 10", "unknown type 9"});
}

TEST(VocabValidation, OverlongToken) {
  Vocab v;
  v.tokens[256] = std::string(5000, 'a');
  expect_error(writer_for(v), {"tokenizer.ggml.tokens", "token 256", "5000 bytes"});
}

TEST(VocabValidation, EmptyToken) {
  Vocab v;
  v.tokens[256] = "";
  expect_error(writer_for(v), {"tokenizer.ggml.tokens", "token 256", "empty"});
}

TEST(VocabValidation, TokenOutsideTheByteAlphabet) {
  Vocab v;
  v.tokens[256] = "h e";  // a raw space is not part of GPT-2's spelling
  expect_error(writer_for(v), {"tokenizer.ggml.tokens", "token 256", "alphabet"});
  Vocab v2;
  v2.tokens[256] = "h\xC3";  // ill-formed UTF-8
  expect_error(writer_for(v2), {"tokenizer.ggml.tokens", "token 256"});
}

TEST(VocabValidation, MissingByteToken) {
  Vocab v;
  v.tokens[33] = "h!";  // byte '!' no longer has a token
  expect_error(writer_for(v), {"tokenizer.ggml.tokens", "byte 33"});
}

TEST(VocabValidation, BadMerges) {
  Vocab v;
  v.merges = {"he"};
  expect_error(writer_for(v), {"tokenizer.ggml.merges", "merge 0", "one space"});
  Vocab v2;
  v2.merges = {"h e", "e h"};  // "eh" is not a token
  expect_error(writer_for(v2), {"tokenizer.ggml.merges", "merge 1", "does not join"});
  Vocab v3;
  v3.merges = {"h e", "he he"};
  expect_error(writer_for(v3), {"tokenizer.ggml.merges", "merge 1"});
  Vocab v4;
  v4.merges.assign(300, "h e");  // more merges than tokens
  expect_error(writer_for(v4), {"tokenizer.ggml.merges", "300 merges"});
}

TEST(VocabValidation, SpecialIdsInsideTheVocabulary) {
  auto w = writer_for(Vocab{}, {"tokenizer.ggml.eos_token_id"});
  w.set_u32("tokenizer.ggml.eos_token_id", 258);
  expect_error(w, {"tokenizer.ggml.eos_token_id", "258", "outside"});
  auto w2 = writer_for(Vocab{});
  w2.set_i32("tokenizer.ggml.padding_token_id", -1);
  expect_error(w2, {"tokenizer.ggml.padding_token_id", "-1"});
  auto w3 = writer_for(Vocab{});
  w3.set_u64("tokenizer.ggml.bos_token_id", 1ull << 40);
  expect_error(w3, {"tokenizer.ggml.bos_token_id", "outside"});
}

TEST(VocabValidation, TheRealVocabularyPasses) {
  EXPECT_NO_THROW(load_tokenizer("phi4-vocab.gguf"));
  EXPECT_NO_THROW(load_tokenizer("phi4-tiny-Q4_K_M.gguf"));
}

}  // namespace
}  // namespace veloce::test
