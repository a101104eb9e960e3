#pragma once
// GPT-2's byte-to-unicode alphabet: byte-level BPE vocabularies spell every byte as a printable
// code point so that tokens are readable text. Veloce works on raw bytes internally and converts
// the spelled tokens and merges back to bytes once, at load.
#include <optional>
#include <string>
#include <string_view>

namespace veloce::bytelevel {

// The code point that spells byte b.
char32_t byte_to_codepoint(unsigned char b);
// Raw bytes of a spelled token; nullopt if it is not valid UTF-8 or uses a code point outside
// the alphabet.
std::optional<std::string> spelled_to_bytes(std::string_view spelled);

}  // namespace veloce::bytelevel
