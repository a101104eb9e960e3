#pragma once
// Splits text into the pieces that BPE then encodes one by one, with Phi-4's (cl100k's)
// pre-tokenizer regex run by PCRE2 in UTF + Unicode-property mode (JIT-compiled when available).
//
// Invalid UTF-8: the pattern is compiled with PCRE2_MATCH_INVALID_UTF, so ill-formed bytes never
// match and never abort the search. Any bytes the regex leaves between two matches (which only
// ill-formed bytes can be: every valid character matches some alternative) become a piece of
// their own. BPE is byte-level, so such pieces still encode, and decode(encode(s)) == s holds for
// every byte string. (llama.cpp instead replaces them with U+FFFD before encoding.)
#include <functional>
#include <memory>
#include <string_view>

namespace veloce {

class PreTokenizer {
 public:
  PreTokenizer();  // throws std::runtime_error if the pattern does not compile (a build defect)
  ~PreTokenizer();
  PreTokenizer(const PreTokenizer&) = delete;
  PreTokenizer& operator=(const PreTokenizer&) = delete;

  // Calls on_piece for each piece of text, in order; the pieces concatenate to text.
  // Safe to call from several threads at once.
  void split(std::string_view text, const std::function<void(std::string_view)>& on_piece) const;

  bool jit() const;

  static const char* pattern();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace veloce
