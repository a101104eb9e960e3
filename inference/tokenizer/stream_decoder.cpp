#include "inference/tokenizer/tokenizer.h"
#include "inference/tokenizer/utf8.h"

namespace veloce {

// Emits every whole character in pending_; an ill-formed sequence can never become whole, so it
// goes out at once as U+FFFD rather than stalling the stream. Only a valid but incomplete
// sequence at the very end is held back for the next token.
std::string StreamDecoder::push(int32_t id) {
  pending_ += tokenizer_->token_bytes(id);
  std::string out;
  size_t pos = 0;
  while (pos < pending_.size()) {
    const utf8::Scan sc = utf8::scan(pending_, pos);
    if (sc.kind == utf8::Scan::Incomplete) break;
    if (sc.kind == utf8::Scan::Whole) out.append(pending_, pos, sc.length);
    else out.append(utf8::kReplacement);
    pos += sc.length;
  }
  pending_.erase(0, pos);
  return out;
}

std::string StreamDecoder::flush() {
  std::string out = utf8::sanitize(pending_);
  pending_.clear();
  return out;
}

}  // namespace veloce
