// Encoding: special-token splitting, then pre-tokenizer pieces, then BPE per piece.
#include <algorithm>
#include <cstring>

#include "inference/tokenizer/bpe.h"
#include "inference/tokenizer/tokenizer_impl.h"

namespace veloce {
namespace {

// Natural text repeats its words, and a piece that is not a whole token needs a full BPE run,
// so one encode() call remembers the ids of such pieces. The cache lives only for the call: the
// Tokenizer stays immutable and safe to share between threads.
class PieceCache {
 public:
  static constexpr size_t kMaxPieceBytes = 48;

  // Sized to the text (about one slot per 16 bytes, at most 128K slots), so that encoding a short
  // prompt does not pay for a table made for megabytes.
  explicit PieceCache(size_t text_bytes) {
    size_t cap = 64;
    while (cap < text_bytes / 16 && cap < (size_t{1} << 17)) cap <<= 1;
    slots_.resize(cap);
    mask_ = cap - 1;
  }

  bool append_cached(std::string_view piece, std::vector<int32_t>& out) const {
    if (piece.size() > kMaxPieceBytes) return false;
    const uint64_t h = bpe_detail::hash_bytes(piece);
    for (size_t slot = h & mask_;; slot = (slot + 1) & mask_) {
      const Slot& e = slots_[slot];
      if (e.key.data() == nullptr) return false;
      if (e.hash == h && e.key == piece) {
        out.insert(out.end(), ids_.begin() + e.offset, ids_.begin() + e.offset + e.count);
        return true;
      }
    }
  }
  void remember(std::string_view piece, const int32_t* ids, size_t count) {
    if (piece.size() > kMaxPieceBytes) return;
    if (used_ * 2 >= slots_.size()) {  // full enough that probes get long: start over
      std::fill(slots_.begin(), slots_.end(), Slot{});
      ids_.clear();
      used_ = 0;
    }
    const uint64_t h = bpe_detail::hash_bytes(piece);
    size_t slot = h & mask_;
    while (slots_[slot].key.data() != nullptr) slot = (slot + 1) & mask_;
    slots_[slot] = Slot{h, piece, static_cast<std::ptrdiff_t>(ids_.size()), static_cast<std::ptrdiff_t>(count)};
    ids_.insert(ids_.end(), ids, ids + count);
    ++used_;
  }

 private:
  struct Slot {
    uint64_t hash = 0;
    std::string_view key;  // views the text being encoded, which outlives the cache
    std::ptrdiff_t offset = 0, count = 0;
  };
  std::vector<Slot> slots_;
  size_t mask_ = 0;
  size_t used_ = 0;
  std::vector<int32_t> ids_;
};

}  // namespace

void Tokenizer::Impl::encode_plain(std::string_view text, std::vector<int32_t>& out) const {
  PieceCache cache(text.size());
  std::vector<int32_t> symbols;
  pre.split(text, [&](std::string_view piece) {
    // Most pieces are whole tokens (a word with its leading space).
    const int32_t whole = normal_index.find(piece);
    if (whole >= 0) {
      out.push_back(whole);
      return;
    }
    if (cache.append_cached(piece, out)) return;
    symbols.clear();
    for (char c : piece) symbols.push_back(byte_id[static_cast<unsigned char>(c)]);
    const size_t before = out.size();
    bpe_merge(merges, symbols, out);
    cache.remember(piece, out.data() + before, out.size() - before);
  });
}

int32_t Tokenizer::Impl::match_special(std::string_view text, size_t pos) const {
  const std::string_view rest = text.substr(pos);
  for (int32_t id : specials_longest_first) {
    const std::string& s = bytes[static_cast<size_t>(id)];
    if (rest.size() >= s.size() && std::memcmp(rest.data(), s.data(), s.size()) == 0) return id;
  }
  return -1;
}

std::vector<int32_t> Tokenizer::encode(std::string_view text, bool parse_special) const {
  std::vector<int32_t> out;
  out.reserve(text.size() / 3 + 8);
  if (!parse_special || impl_->specials_longest_first.empty()) {
    impl_->encode_plain(text, out);
    return out;
  }
  // Leftmost-longest: scan for a byte that can start a special, and take the longest special
  // there. Text between specials is encoded on its own, as llama.cpp does.
  size_t plain_start = 0;
  for (size_t pos = 0; pos < text.size(); ++pos) {
    if (!impl_->special_first_byte[static_cast<unsigned char>(text[pos])]) continue;
    const int32_t id = impl_->match_special(text, pos);
    if (id < 0) continue;
    impl_->encode_plain(text.substr(plain_start, pos - plain_start), out);
    out.push_back(id);
    pos += impl_->bytes[static_cast<size_t>(id)].size() - 1;
    plain_start = pos + 1;
  }
  impl_->encode_plain(text.substr(plain_start), out);
  return out;
}

}  // namespace veloce
