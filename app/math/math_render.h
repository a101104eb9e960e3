#pragma once
// The library's front door: TeX source in, a display list (or an error with its position) out.
// Never throws for any input: parse errors, unknown commands and glyphs the font lacks all come
// back as an error result, and the caller shows the source instead.
#include <string>
#include <string_view>

#include "app/math/display_list.h"
#include "app/math/math_ast.h"
#include "app/math/math_font.h"

namespace veloce::math {

struct MathResult {
  bool ok = false;
  DisplayList list;  // font units of the base size, y up, origin on the baseline
  int32_t units_per_em = 1000;
  std::string error;     // when !ok: one line, e.g. "unknown command \foo"
  size_t error_pos = 0;  // byte offset of the problem in the TeX source
};

MathResult layout_math(std::string_view tex, bool display, const MathFont& font);

}  // namespace veloce::math
