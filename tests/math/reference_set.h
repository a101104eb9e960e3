#pragma once
// Which 30 corpus formulas have reference PNGs: every tenth one, named ref_NN.png (for the test
// and for math_make_references, which writes them).
#include <cstdio>
#include <string>
#include <utility>
#include <vector>

#include "tests/math/corpus_io.h"

namespace veloce::math::test {

constexpr float kReferencePxPerEm = 24;

inline std::vector<std::pair<std::string, CorpusEntry>> reference_picks(const std::vector<CorpusEntry>& corpus) {
  std::vector<std::pair<std::string, CorpusEntry>> out;
  for (size_t i = 0; i < corpus.size() && out.size() < 30; i += 10) {
    char name[32];
    std::snprintf(name, sizeof name, "ref_%02zu.png", out.size());
    out.emplace_back(name, corpus[i]);
  }
  return out;
}

}  // namespace veloce::math::test
