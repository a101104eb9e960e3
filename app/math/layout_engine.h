#pragma once
// Internal to the layout: the state shared by math_layout.cpp (lists, spacing, scripts) and
// layout_parts.cpp (fractions, radicals, delimiters, accents, arrays).
#include "app/math/display_list.h"
#include "app/math/math_ast.h"
#include "app/math/math_font.h"

namespace veloce::math::detail {

using Box = DisplayList;

// A TeX math style: 0 D, 1 T, 2 S, 3 SS, cramped or not.
struct Style {
  int level = 1;
  bool cramped = false;
  Style sup() const { return {level <= 1 ? 2 : 3, cramped}; }
  Style sub() const { return {level <= 1 ? 2 : 3, true}; }
  Style num() const { return {level == 0 ? 1 : level == 1 ? 2 : 3, cramped}; }
  Style den() const { return {level == 0 ? 1 : level == 1 ? 2 : 3, true}; }
  Style crampedv() const { return {level, true}; }
};

// One laid-out atom before spacing: its class, box and what scripts need to know of the nucleus.
struct Atom {
  AtomClass cls = AtomClass::Ord;
  Box box;
  uint32_t glyph = 0;            // the nucleus is this single glyph (for kerning and accents)
  float italic = 0;              // its italic correction at this size
  bool big_op = false;           // a large operator symbol (scripts: sub moved left by the italic correction)
  bool limits = false;           // scripts go above and below
  bool italic_in_width = false;  // the italic correction is already added to box.width
};

// Appends src's items to dst, moved by (dx, dy); dst's dimensions are the caller's business.
void append(Box& dst, const Box& src, float dx, float dy);

class Engine {
 public:
  explicit Engine(const MathFont& f);

  Box list(const MathList& l, Style s, bool leading_ord = false);
  Atom atom(const Node& n, Style s);

  // Parts (layout_parts.cpp)
  Box fraction(const Node& n, Style s);
  Box radical(const Node& n, Style s);
  Box left_right(const Node& n, Style s);
  Box big_delimiter(const Node& n, Style s);
  Box accent(const Node& n, Style s, Atom* out);
  Box array(const Node& n, Style s);
  Box text(const std::string& utf8, int variant, Style s, size_t pos);
  Box op_name(const std::string& name, Style s, size_t pos);
  // A delimiter at least `size` tall (height + depth), centred on the math axis.
  Box vertical_delimiter(char32_t cp, float size, Style s, size_t pos);
  // The \left...\right size rule (TeX's \delimiterfactor 901 and \delimitershortfall 5pt).
  float delimiter_size(float height, float depth, Style s) const;
  Box horizontal_stretch(char32_t cp, float width, Style s, size_t pos);
  Box wrap_in_delimiters(Box inner, char32_t left, char32_t right, Style s, size_t pos);

  float scale(Style s) const { return s.level <= 1 ? 1.0f : s.level == 2 ? script_ : scriptscript_; }
  float k(hb_ot_math_constant_t c, Style s) const { return static_cast<float>(font_.constant(c)) * scale(s); }
  float em(Style s) const { return static_cast<float>(font_.units_per_em()) * scale(s); }
  float axis(Style s) const { return k(HB_OT_MATH_CONSTANT_AXIS_HEIGHT, s); }
  uint32_t glyph(char32_t cp, size_t pos) const;
  // The glyph for cp in style s: the script-size form in S and SS styles.
  uint32_t glyph(char32_t cp, Style s, size_t pos) const;
  Box glyph_box(uint32_t g, float scale) const;

  const MathFont& font_;
  float script_, scriptscript_;
  float middle_size_ = 0;     // \middle delimiters: the size of the enclosing \left...\right
  int middle_relayouts_ = 0;  // \left...\right bodies being laid out a second time, nested
};

}  // namespace veloce::math::detail
