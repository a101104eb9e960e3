#include "inference/tokenizer/utf8.h"

namespace veloce::utf8 {
namespace {

// Expected length of a sequence from its lead byte (0: cannot start one) and the allowed range of
// its second byte, which is where overlongs, surrogates and values above U+10FFFF are excluded.
struct Lead {
  size_t length;
  unsigned char lo, hi;
};
Lead lead_of(unsigned char b) {
  if (b < 0x80) return {1, 0, 0};
  if (b >= 0xC2 && b <= 0xDF) return {2, 0x80, 0xBF};
  if (b == 0xE0) return {3, 0xA0, 0xBF};
  if (b == 0xED) return {3, 0x80, 0x9F};
  if (b >= 0xE1 && b <= 0xEF) return {3, 0x80, 0xBF};
  if (b == 0xF0) return {4, 0x90, 0xBF};
  if (b >= 0xF1 && b <= 0xF3) return {4, 0x80, 0xBF};
  if (b == 0xF4) return {4, 0x80, 0x8F};
  return {0, 0, 0};
}

}  // namespace

Scan scan(std::string_view text, size_t pos) {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  const Lead lead = lead_of(s[pos]);
  if (lead.length == 0) return {Scan::Invalid, 1};
  if (lead.length == 1) return {Scan::Whole, 1};
  for (size_t i = 1; i < lead.length; ++i) {
    if (pos + i >= text.size()) return {Scan::Incomplete, i};
    const unsigned char lo = i == 1 ? lead.lo : 0x80, hi = i == 1 ? lead.hi : 0xBF;
    if (s[pos + i] < lo || s[pos + i] > hi) return {Scan::Invalid, i};
  }
  return {Scan::Whole, lead.length};
}

std::optional<char32_t> decode_one(std::string_view text, size_t& pos) {
  if (pos >= text.size()) return std::nullopt;
  const Scan sc = scan(text, pos);
  if (sc.kind != Scan::Whole) return std::nullopt;
  const auto* s = reinterpret_cast<const unsigned char*>(text.data()) + pos;
  static constexpr unsigned char kLeadMask[5] = {0, 0x7F, 0x1F, 0x0F, 0x07};
  char32_t cp = s[0] & kLeadMask[sc.length];
  for (size_t i = 1; i < sc.length; ++i) cp = (cp << 6) | (s[i] & 0x3Fu);
  pos += sc.length;
  return cp;
}

void append(std::string& out, char32_t cp) {
  auto put = [&](unsigned v) { out.push_back(static_cast<char>(static_cast<unsigned char>(v))); };
  if (cp < 0x80) {
    put(cp);
  } else if (cp < 0x800) {
    put(0xC0 | (cp >> 6));
    put(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    put(0xE0 | (cp >> 12));
    put(0x80 | ((cp >> 6) & 0x3F));
    put(0x80 | (cp & 0x3F));
  } else {
    put(0xF0 | (cp >> 18));
    put(0x80 | ((cp >> 12) & 0x3F));
    put(0x80 | ((cp >> 6) & 0x3F));
    put(0x80 | (cp & 0x3F));
  }
}

std::string sanitize(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  size_t pos = 0;
  while (pos < text.size()) {
    const Scan sc = scan(text, pos);
    if (sc.kind == Scan::Whole) out.append(text.substr(pos, sc.length));
    else out.append(kReplacement);
    pos += sc.length;
  }
  return out;
}

}  // namespace veloce::utf8
