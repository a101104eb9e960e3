#pragma once
// The output of the layout: positioned glyphs, rules and lines, in font units of the base size
// (1 em = MathFont::units_per_em()), with the origin on the baseline at the left edge and y up.
#include <cstdint>
#include <vector>

namespace veloce::math {

struct PlacedGlyph {
  uint32_t glyph;
  float x, y;   // glyph origin
  float scale;  // 1 in display and text style, the font's script percentages below
};
struct PlacedRule {           // a filled rectangle: fraction bars, radical overbars, \overline, \boxed sides
  float x, y, width, height;  // (x, y) is the bottom-left corner
};
struct PlacedLine {  // a stroked segment: \cancel
  float x0, y0, x1, y1, thickness;
};

struct DisplayList {
  float width = 0, height = 0, depth = 0;  // ascent above and descent below the baseline
  std::vector<PlacedGlyph> glyphs;
  std::vector<PlacedRule> rules;
  std::vector<PlacedLine> lines;
};

}  // namespace veloce::math
