#pragma once
// Private state of Tokenizer, shared by its .cpp files.
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "inference/tokenizer/flat_maps.h"
#include "inference/tokenizer/pretokenizer.h"
#include "inference/tokenizer/tokenizer.h"

namespace veloce {

// GGUF token types.
enum TokenType : int32_t { kNormal = 1, kUnknown = 2, kControl = 3, kUserDefined = 4, kUnused = 5, kByte = 6 };

// Bounds for untrusted vocabularies (RELIABILITY.md item 9): generous next to real ones
// (Phi-4: 100352 tokens, the longest 256 bytes) while keeping the tables' size tied to the file.
inline constexpr size_t kMaxVocab = size_t{1} << 24;
inline constexpr size_t kMaxTokenBytes = 1024;

struct Tokenizer::Impl {
  std::vector<std::string> bytes;  // what each id decodes to (a special token: its own text)
  std::vector<bool> special;
  bpe_detail::TokenIndex normal_index;  // bytes of a normal token -> id
  bpe_detail::MergeIndex merges;
  std::array<int32_t, 256> byte_id{};  // the single-byte token of each byte
  // Specials, longest text first, for leftmost-longest matching when parse_special is on.
  std::vector<int32_t> specials_longest_first;
  std::array<bool, 256> special_first_byte{};
  PreTokenizer pre;

  void encode_plain(std::string_view text, std::vector<int32_t>& out) const;
  int32_t match_special(std::string_view text, size_t pos) const;  // id or -1
};

}  // namespace veloce
