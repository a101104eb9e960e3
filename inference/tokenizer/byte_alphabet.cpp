#include "inference/tokenizer/byte_alphabet.h"

#include <array>
#include <cstdint>

#include "inference/tokenizer/utf8.h"

namespace veloce::bytelevel {
namespace {

// Bytes that are printable Latin-1 ('!'..'~', '¡'..'¬', '®'..'ÿ') spell themselves; the other 68
// bytes (controls, space, DEL, NBSP, soft hyphen) take code points 256, 257, ... in byte order.
struct Alphabet {
  std::array<char32_t, 256> to_cp{};
  std::array<int16_t, 256 + 68> to_byte{};  // -1: not in the alphabet
  Alphabet() {
    to_byte.fill(-1);
    char32_t next = 256;
    for (int b = 0; b < 256; ++b) {
      const bool printable = (b >= 0x21 && b <= 0x7E) || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
      const char32_t cp = printable ? static_cast<char32_t>(b) : next++;
      to_cp[static_cast<size_t>(b)] = cp;
      to_byte[cp] = static_cast<int16_t>(b);
    }
  }
};

const Alphabet& alphabet() {
  static const Alphabet a;
  return a;
}

}  // namespace

char32_t byte_to_codepoint(unsigned char b) { return alphabet().to_cp[b]; }

std::optional<std::string> spelled_to_bytes(std::string_view spelled) {
  const Alphabet& a = alphabet();
  std::string out;
  out.reserve(spelled.size());
  size_t pos = 0;
  while (pos < spelled.size()) {
    const auto cp = utf8::decode_one(spelled, pos);
    if (!cp || *cp >= a.to_byte.size() || a.to_byte[*cp] < 0) return std::nullopt;
    out.push_back(static_cast<char>(static_cast<unsigned char>(a.to_byte[*cp])));
  }
  return out;
}

}  // namespace veloce::bytelevel
