#pragma once
// Strict UTF-8 (Unicode 15, table 3-7: no overlongs, no surrogates, nothing above U+10FFFF).
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace veloce::utf8 {

// Decodes the character at pos and advances pos past it; nullopt (pos unchanged) if the bytes at
// pos are not one whole valid character.
std::optional<char32_t> decode_one(std::string_view text, size_t& pos);

void append(std::string& out, char32_t cp);

inline constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

// How the bytes at pos begin: a whole character of `length` bytes, the valid start of a character
// that needs more bytes than are left (`incomplete`), or an ill-formed subsequence of `length`
// bytes (the "maximal subpart" that one U+FFFD replaces).
struct Scan {
  enum Kind { Whole, Incomplete, Invalid } kind;
  size_t length;
};
Scan scan(std::string_view text, size_t pos);

// text with every ill-formed subsequence replaced by U+FFFD.
std::string sanitize(std::string_view text);

}  // namespace veloce::utf8
