#include "app/math/math_render.h"

#include "app/math/math_layout.h"
#include "app/math/math_parser.h"

namespace veloce::math {

MathResult layout_math(std::string_view tex, bool display, const MathFont& font) {
  MathResult r;
  r.units_per_em = font.units_per_em();
  try {
    const Formula f = parse_math(tex);
    r.list = layout_formula(f, font, display);
    r.ok = true;
  } catch (const MathError& e) {
    r.error = e.what();
    r.error_pos = e.pos;
  }
  return r;
}

}  // namespace veloce::math
