#pragma once
// TeX's math layout (The TeXbook, Appendix G) on an OpenType MATH font: styles D/T/S/SS and their
// cramped forms, atom classes and the inter-atom spacing table, and the placement rules for
// scripts, limits, fractions, radicals, delimiters, accents and arrays, with every dimension taken
// from the font's MATH table (constants, glyph variants, assemblies, italic corrections, kerning).
#include "app/math/display_list.h"
#include "app/math/math_ast.h"
#include "app/math/math_error.h"
#include "app/math/math_font.h"

namespace veloce::math {

// Lays out a parsed formula in display style (display = true) or text style. Throws MathError
// (with the source offset of the node) when the font lacks a glyph the formula needs.
DisplayList layout_formula(const Formula& formula, const MathFont& font, bool display);

}  // namespace veloce::math
