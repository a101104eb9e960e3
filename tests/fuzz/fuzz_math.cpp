// libFuzzer target: any byte string as TeX through the math span finder, the parser, the layout on
// Latin Modern Math and the MathML writer. A result (ok or an error with a position inside the
// input) is the only acceptable outcome; ASan and UBSan turn anything else into a crash report.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "app/math/math_mathml.h"
#include "app/math/math_render.h"
#include "app/math/math_spans.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const auto font = veloce::math::MathFont::default_font();
  const std::string_view tex(reinterpret_cast<const char*>(data), size);
  size_t covered = 0;
  for (const auto& s : veloce::math::find_math_spans(tex)) {
    if (s.begin != covered || s.end < s.begin || s.tex_begin < s.begin || s.tex_end > s.end) std::abort();
    covered = s.end;
  }
  if (covered != size) std::abort();
  for (bool display : {false, true}) {
    const auto r = veloce::math::layout_math(tex, display, *font);
    if (!r.ok && r.error_pos > size) std::abort();
  }
  (void)veloce::math::to_mathml(tex, true);
  return 0;
}
