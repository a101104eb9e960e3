#pragma once
// SVG of a laid-out formula: each glyph's outline once in <defs>, then placed with <use>; rules as
// <rect>, \cancel strokes as <line>. Sized at px_per_em pixels per em; viewBox in font units.
#include <string>

#include "app/math/display_list.h"
#include "app/math/math_font.h"

namespace veloce::math {

std::string to_svg(const DisplayList& list, const MathFont& font, float px_per_em, const std::string& color = "#000");

}  // namespace veloce::math
