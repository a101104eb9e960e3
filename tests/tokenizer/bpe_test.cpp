// Properties of the BPE core that the reference ids alone would not pin down.
#include <gtest/gtest.h>

#include <random>

#include "inference/tokenizer/bpe.h"
#include "inference/tokenizer/tokenizer_impl.h"
#include "tests/tokenizer/test_vocab.h"

namespace veloce::test {
namespace {

std::vector<int32_t> byte_symbols(const Tokenizer::Impl& im, std::string_view s) {
  std::vector<int32_t> sym;
  for (char c : s) sym.push_back(im.byte_id[static_cast<unsigned char>(c)]);
  return sym;
}

// The encoder returns a piece that is a whole token without merging it. That shortcut is only
// faithful to rank-ordered merging (what llama.cpp runs) if merging each token's own bytes ends
// in that token: check it for every normal token of Phi-4's vocabulary.
TEST(Bpe, EveryTokenMergesToItself) {
  const Tokenizer::Impl& im = phi4_vocab().impl();
  size_t checked = 0;
  std::vector<int32_t> out;
  for (size_t id = 0; id < im.bytes.size(); ++id) {
    if (im.special[id]) continue;
    auto sym = byte_symbols(im, im.bytes[id]);
    out.clear();
    bpe_merge(im.merges, sym, out);
    ASSERT_EQ(out, std::vector<int32_t>{static_cast<int32_t>(id)}) << "token " << id;
    ++checked;
  }
  EXPECT_EQ(checked, 100256u);
}

// The array algorithm (short pieces) and the heap algorithm (long pieces) must merge alike.
TEST(Bpe, ShortAndLongAlgorithmsAgree) {
  const Tokenizer::Impl& im = phi4_vocab().impl();
  std::mt19937 rng(1234);
  const std::string alphabet = "aaabeeinorsttthl ";  // skewed so that many merges apply
  for (int trial = 0; trial < 3000; ++trial) {
    std::string s;
    const size_t len = 1 + rng() % bpe_detail::kShortPiece;
    for (size_t i = 0; i < len; ++i) s += alphabet[rng() % alphabet.size()];
    auto a = byte_symbols(im, s), b = a;
    std::vector<int32_t> out_short, out_long;
    bpe_detail::merge_short(im.merges, a, out_short);
    bpe_detail::merge_long(im.merges, b, out_long);
    ASSERT_EQ(out_short, out_long) << "'" << s << "'";
    EXPECT_EQ(phi4_vocab().decode(out_short), s);
  }
}

// Pieces longer than kShortPiece (a long run of letters or spaces) go through the heap.
TEST(Bpe, LongPieceRoundTrips) {
  const Tokenizer& t = phi4_vocab();
  std::string word;
  for (int i = 0; i < 200; ++i) word += "abcdefghij"[i % 10];
  const auto ids = t.encode(word, false);
  EXPECT_EQ(t.decode(ids), word);
  EXPECT_LT(ids.size(), word.size() / 2);  // it merged
  const std::string spaces(5000, ' ');
  EXPECT_EQ(t.decode(t.encode(spaces, false)), spaces);
}

}  // namespace
}  // namespace veloce::test
