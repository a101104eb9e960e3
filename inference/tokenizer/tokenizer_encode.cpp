// Encoding: special-token splitting, then pre-tokenizer pieces, then BPE per piece.
#include <cstring>
#include <unordered_map>

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
  static constexpr size_t kMaxEntries = size_t{1} << 16;

  bool append_cached(std::string_view piece, std::vector<int32_t>& out) const {
    const auto it = map_.find(piece);
    if (it == map_.end()) return false;
    out.insert(out.end(), ids_.begin() + it->second.first, ids_.begin() + it->second.first + it->second.second);
    return true;
  }
  void remember(std::string_view piece, const int32_t* ids, size_t count) {
    if (piece.size() > kMaxPieceBytes) return;
    if (map_.size() >= kMaxEntries) {
      map_.clear();
      ids_.clear();
    }
    map_.emplace(piece, std::pair<std::ptrdiff_t, std::ptrdiff_t>(static_cast<std::ptrdiff_t>(ids_.size()),
                                                                  static_cast<std::ptrdiff_t>(count)));
    ids_.insert(ids_.end(), ids, ids + count);
  }

 private:
  // Keys view the text being encoded, which outlives the cache.
  std::unordered_map<std::string_view, std::pair<std::ptrdiff_t, std::ptrdiff_t>> map_;
  std::vector<int32_t> ids_;
};

}  // namespace

void Tokenizer::Impl::encode_plain(std::string_view text, std::vector<int32_t>& out) const {
  PieceCache cache;
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
