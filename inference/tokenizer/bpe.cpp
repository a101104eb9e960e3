#include "inference/tokenizer/bpe.h"

#include <algorithm>
#include <climits>
#include <queue>

namespace veloce::bpe_detail {
namespace {
constexpr int32_t kNoMerge = INT32_MAX;
}  // namespace

// Short pieces (nearly all of them): keep the rank of every adjacent pair in an array, merge the
// minimum, and re-rank only the two pairs that changed. Quadratic, but n is a word's length.
void merge_short(const MergeIndex& merges, std::vector<int32_t>& sym, std::vector<int32_t>& out) {
  size_t n = sym.size();
  int32_t rank[kShortPiece], result[kShortPiece];
  auto rerank = [&](size_t i) {
    const Merge* m = merges.find(sym[i], sym[i + 1]);
    rank[i] = m ? m->rank : kNoMerge;
    result[i] = m ? m->result : -1;
  };
  for (size_t i = 0; i + 1 < n; ++i) rerank(i);
  while (n > 1) {
    size_t best = 0;
    for (size_t i = 1; i + 1 < n; ++i)
      if (rank[i] < rank[best]) best = i;
    if (rank[best] == kNoMerge) break;
    sym[best] = result[best];
    // Drop symbol best+1 and pair best+1 (pair best is re-ranked below).
    for (size_t i = best + 1; i + 1 < n; ++i) {
      sym[i] = sym[i + 1];
      if (i + 1 < n - 1) {
        rank[i] = rank[i + 1];
        result[i] = result[i + 1];
      }
    }
    --n;
    if (best > 0) rerank(best - 1);
    if (best + 1 < n) rerank(best);
  }
  out.insert(out.end(), sym.begin(), sym.begin() + static_cast<std::ptrdiff_t>(n));
}

// Long pieces (a run of thousands of letters or spaces): a doubly linked list of symbols and a
// min-heap of candidate pairs ordered by (rank, position); entries made stale by an earlier merge
// are recognised on pop and skipped. O(n log n).
void merge_long(const MergeIndex& merges, std::vector<int32_t>& sym, std::vector<int32_t>& out) {
  const size_t n = sym.size();
  std::vector<int32_t> prev(n), next(n);
  for (size_t i = 0; i < n; ++i) {
    prev[i] = static_cast<int32_t>(i) - 1;
    next[i] = i + 1 < n ? static_cast<int32_t>(i + 1) : -1;
  }
  struct Candidate {
    int32_t rank, left, right_id, left_id;
    bool operator>(const Candidate& o) const { return rank != o.rank ? rank > o.rank : left > o.left; }
  };
  std::priority_queue<Candidate, std::vector<Candidate>, std::greater<>> heap;
  auto consider = [&](int32_t left) {
    if (left < 0 || next[left] < 0) return;
    const Merge* m = merges.find(sym[left], sym[next[left]]);
    if (m) heap.push({m->rank, left, sym[next[left]], sym[left]});
  };
  for (size_t i = 0; i + 1 < n; ++i) consider(static_cast<int32_t>(i));
  std::vector<bool> dead(n, false);
  while (!heap.empty()) {
    const Candidate c = heap.top();
    heap.pop();
    const int32_t right = next[c.left];
    // Stale if either side has been merged away or changed since the entry was made.
    if (dead[c.left] || right < 0 || sym[c.left] != c.left_id || sym[right] != c.right_id) continue;
    const Merge* m = merges.find(c.left_id, c.right_id);
    sym[c.left] = m->result;
    dead[right] = true;
    next[c.left] = next[right];
    if (next[right] >= 0) prev[next[right]] = c.left;
    consider(prev[c.left]);
    consider(c.left);
  }
  for (int32_t i = 0; i >= 0; i = next[i]) out.push_back(sym[i]);
}

}  // namespace veloce::bpe_detail

namespace veloce {

void bpe_merge(const bpe_detail::MergeIndex& merges, std::vector<int32_t>& symbols, std::vector<int32_t>& out) {
  if (symbols.size() <= bpe_detail::kShortPiece) bpe_detail::merge_short(merges, symbols, out);
  else bpe_detail::merge_long(merges, symbols, out);
}

}  // namespace veloce
