#pragma once
// Byte-pair merging of one pre-tokenized piece: start from one token per byte and repeatedly merge
// the adjacent pair with the lowest merge rank (the leftmost on ties) until no pair merges.
// Works on token ids, since every merge joins two vocabulary tokens into a third (checked at load).
#include <cstdint>
#include <span>
#include <vector>

#include "inference/tokenizer/flat_maps.h"

namespace veloce {

// Appends the ids of the merged piece to out. symbols holds one id per byte on entry and is
// used as scratch.
void bpe_merge(const bpe_detail::MergeIndex& merges, std::vector<int32_t>& symbols, std::vector<int32_t>& out);

namespace bpe_detail {
// The two strategies bpe_merge picks between by length; exposed so that tests can check that
// they agree. merge_short takes at most kShortPiece symbols.
inline constexpr size_t kShortPiece = 64;
void merge_short(const MergeIndex& merges, std::vector<int32_t>& symbols, std::vector<int32_t>& out);
void merge_long(const MergeIndex& merges, std::vector<int32_t>& symbols, std::vector<int32_t>& out);
}  // namespace bpe_detail

}  // namespace veloce
