// Tokenizer construction (vocabulary checks and lookup tables) and decoding. Encoding is in
// tokenizer_encode.cpp, loading from a GGUF in tokenizer_gguf.cpp.
#include <algorithm>
#include <stdexcept>

#include "inference/gguf/gguf_file.h"
#include "inference/tokenizer/byte_alphabet.h"
#include "inference/tokenizer/tokenizer_impl.h"

namespace veloce {
namespace {

// Token text in an error message: bounded, with control bytes escaped.
std::string quoted(std::string_view s) {
  std::string out = "'";
  for (char c : s.substr(0, 64)) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7F) {
      static constexpr char kHex[] = "0123456789abcdef";
      out += "\\x";
      out += kHex[u >> 4];
      out += kHex[u & 15];
    } else {
      out += c;
    }
  }
  return out + (s.size() > 64 ? "...'" : "'");
}

// Added tokens that a converter left typed "normal" are still recognised by their <|...|> shape.
bool looks_like_added_token(std::string_view s) {
  return s.size() > 4 && s.substr(0, 2) == "<|" && s.substr(s.size() - 2) == "|>";
}

}  // namespace

Tokenizer::Tokenizer(std::vector<std::string> tokens, std::vector<std::string> merges, std::vector<int32_t> token_types)
    : impl_(std::make_unique<Impl>()) {
  Impl& im = *impl_;
  const size_t n = tokens.size();
  if (n == 0) throw GgufError("tokenizer.ggml.tokens: empty vocabulary");
  if (n > kMaxVocab)
    throw GgufError("tokenizer.ggml.tokens: " + std::to_string(n) + " tokens, more than the limit of " +
                    std::to_string(kMaxVocab));
  if (!token_types.empty() && token_types.size() != n)
    throw GgufError("tokenizer.ggml.token_type: " + std::to_string(token_types.size()) + " entries for " +
                    std::to_string(n) + " tokens");
  if (merges.size() > n)
    throw GgufError("tokenizer.ggml.merges: " + std::to_string(merges.size()) + " merges for only " + std::to_string(n) +
                    " tokens");

  im.bytes.resize(n);
  im.special.assign(n, false);
  std::vector<bool> normal(n, false);
  for (size_t id = 0; id < n; ++id) {
    const std::string& text = tokens[id];
    const int32_t type = token_types.empty() ? kNormal : token_types[id];
    // Built only on failure: the constructor runs over 100k tokens.
    auto where = [&] { return "tokenizer.ggml.tokens: token " + std::to_string(id) + " " + quoted(text); };
    if (type < kNormal || type > kByte)
      throw GgufError("tokenizer.ggml.token_type: token " + std::to_string(id) + " has unknown type " +
                      std::to_string(type));
    if (text.empty() && (type == kNormal || type == kControl || type == kUserDefined)) throw GgufError(where() + ": empty");
    if (text.size() > kMaxTokenBytes)
      throw GgufError(where() + ": " + std::to_string(text.size()) + " bytes, more than the limit of " +
                      std::to_string(kMaxTokenBytes));
    if (type == kControl || type == kUserDefined || (type == kNormal && looks_like_added_token(text))) {
      im.special[id] = true;
      im.bytes[id] = text;  // added tokens are stored as plain text, not in the byte alphabet
    } else if (type == kNormal) {
      auto raw = bytelevel::spelled_to_bytes(text);
      if (!raw) throw GgufError(where() + ": not in the GPT-2 byte-level alphabet");
      im.bytes[id] = std::move(*raw);
      normal[id] = true;
    } else {
      im.bytes[id] = text;  // unknown/unused/byte tokens: never produced by encode
    }
  }
  im.normal_index.build(im.bytes, normal);

  for (int b = 0; b < 256; ++b) {
    const char c = static_cast<char>(static_cast<unsigned char>(b));
    im.byte_id[static_cast<size_t>(b)] = im.normal_index.find(std::string_view(&c, 1));
    if (im.byte_id[static_cast<size_t>(b)] < 0)
      throw GgufError("tokenizer.ggml.tokens: no token for byte " + std::to_string(b) +
                      " (a byte-level vocabulary needs all 256)");
  }

  im.merges.reserve(merges.size());
  for (size_t rank = 0; rank < merges.size(); ++rank) {
    const std::string& m = merges[rank];
    auto where = [&] { return "tokenizer.ggml.merges: merge " + std::to_string(rank) + " " + quoted(m); };
    const size_t space = m.find(' ', 1);
    if (space == std::string::npos || space + 1 >= m.size() || m.find(' ', space + 1) != std::string::npos)
      throw GgufError(where() + ": not two tokens separated by one space");
    const auto left = bytelevel::spelled_to_bytes(std::string_view(m).substr(0, space));
    const auto right = bytelevel::spelled_to_bytes(std::string_view(m).substr(space + 1));
    if (!left || !right) throw GgufError(where() + ": not in the GPT-2 byte-level alphabet");
    const int32_t l = im.normal_index.find(*left), r = im.normal_index.find(*right);
    const int32_t result = im.normal_index.find(*left + *right);
    if (l < 0 || r < 0 || result < 0) throw GgufError(where() + ": does not join two tokens into a token");
    im.merges.insert(l, r, {static_cast<int32_t>(rank), result});  // a repeated pair keeps its first rank
  }

  for (size_t id = 0; id < n; ++id) {
    if (!im.special[id]) continue;
    im.specials_longest_first.push_back(static_cast<int32_t>(id));
    im.special_first_byte[static_cast<unsigned char>(im.bytes[id][0])] = true;
  }
  // Longest first so that a special whose text starts with another special's text wins; on equal
  // length the lower id (the first listed) wins.
  std::stable_sort(im.specials_longest_first.begin(), im.specials_longest_first.end(),
                   [&](int32_t a, int32_t b) { return im.bytes[a].size() > im.bytes[b].size(); });

  endoftext_id_ = special_id("<|endoftext|>");
  im_end_id_ = special_id("<|im_end|>");
}

Tokenizer::Tokenizer(Tokenizer&&) noexcept = default;
Tokenizer& Tokenizer::operator=(Tokenizer&&) noexcept = default;
Tokenizer::~Tokenizer() = default;

size_t Tokenizer::vocab_size() const { return impl_->bytes.size(); }

bool Tokenizer::is_special(int32_t id) const {
  return id >= 0 && static_cast<size_t>(id) < impl_->bytes.size() && impl_->special[static_cast<size_t>(id)];
}

int32_t Tokenizer::special_id(std::string_view text) const {
  for (int32_t id : impl_->specials_longest_first)
    if (impl_->bytes[static_cast<size_t>(id)] == text) return id;
  return -1;
}

std::string Tokenizer::token_bytes(int32_t id) const {
  if (id < 0 || static_cast<size_t>(id) >= impl_->bytes.size())
    throw std::out_of_range("token id " + std::to_string(id) + " is outside the vocabulary of " +
                            std::to_string(impl_->bytes.size()));
  return impl_->bytes[static_cast<size_t>(id)];
}

std::string Tokenizer::decode(std::span<const int32_t> ids) const {
  std::string out;
  for (int32_t id : ids) {
    if (id < 0 || static_cast<size_t>(id) >= impl_->bytes.size()) token_bytes(id);  // throws
    out += impl_->bytes[static_cast<size_t>(id)];
  }
  return out;
}

}  // namespace veloce
