#pragma once
// Reading tests/data/math/corpus.txt: one formula per line; "#" starts a comment line; a line
// beginning with "D " is a display formula (the rest of the line is the TeX).
#include <fstream>
#include <string>
#include <vector>

namespace veloce::math::test {

struct CorpusEntry {
  std::string tex;
  bool display;
  int line;
};

inline std::vector<CorpusEntry> read_corpus(const std::string& path) {
  std::ifstream in(path);
  std::vector<CorpusEntry> out;
  std::string s;
  int n = 0;
  while (std::getline(in, s)) {
    ++n;
    if (s.empty() || s[0] == '#') continue;
    const bool display = s.rfind("D ", 0) == 0;
    out.push_back({display ? s.substr(2) : s, display, n});
  }
  return out;
}

}  // namespace veloce::math::test
