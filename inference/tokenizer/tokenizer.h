#pragma once
// Byte-level BPE (GPT-2 byte alphabet) as Phi-4 uses it: cl100k merges plus added tokens.
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace veloce {
class GgufFile;

class Tokenizer {
 public:
  // From tokenizer.ggml.{model,pre,tokens,merges,token_type} and the special ids; throws GgufError.
  static Tokenizer from_gguf(const GgufFile& file);
  // tokens in GPT-2 byte-to-unicode spelling; merges as "a b"; token_types as in GGUF
  // (1 normal, 3 control, 4 user-defined ...). Control/user-defined tokens are the specials.
  Tokenizer(std::vector<std::string> tokens, std::vector<std::string> merges, std::vector<int32_t> token_types);
  Tokenizer(Tokenizer&&) noexcept;
  Tokenizer& operator=(Tokenizer&&) noexcept;
  ~Tokenizer();

  // parse_special: recognise special-token text (only for template text, never user text);
  // the longest special starting at the leftmost position wins. Any bytes encode (invalid UTF-8
  // included, see pretokenizer.h) and decode(encode(s)) == s. Thread-safe (const, no shared state).
  std::vector<int32_t> encode(std::string_view text, bool parse_special) const;
  // The exact bytes of the ids (special tokens as their text); may end inside a UTF-8 character,
  // so text for display goes through StreamDecoder. Throws std::out_of_range for a bad id.
  std::string decode(std::span<const int32_t> ids) const;
  // The raw bytes a token stands for (may be part of a UTF-8 character).
  std::string token_bytes(int32_t id) const;
  // Id of a special token's exact text ("<|im_end|>"), or -1.
  int32_t special_id(std::string_view text) const;
  bool is_special(int32_t id) const;
  size_t vocab_size() const;

  int32_t endoftext_id() const { return endoftext_id_; }  // <|endoftext|>
  int32_t im_end_id() const { return im_end_id_; }        // <|im_end|>

  // Impl is defined in tokenizer_impl.h, for the tokenizer's own files and tests.
  struct Impl;
  const Impl& impl() const { return *impl_; }

 private:
  std::unique_ptr<Impl> impl_;
  int32_t endoftext_id_ = -1;
  int32_t im_end_id_ = -1;
};

// Turns a stream of ids into text without ever emitting half a UTF-8 character.
class StreamDecoder {
 public:
  explicit StreamDecoder(const Tokenizer& tokenizer) : tokenizer_(&tokenizer) {}
  std::string push(int32_t id);  // whole characters completed by this token (may be empty)
  std::string flush();           // what is left at the end (invalid bytes become U+FFFD)

 private:
  const Tokenizer* tokenizer_;
  std::string pending_;
};

}  // namespace veloce
