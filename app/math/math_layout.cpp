#include "app/math/math_layout.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "app/math/layout_engine.h"

namespace veloce::math {
namespace detail {
namespace {

// TeX's spacing between atoms (The TeXbook, chapter 18, p. 170): 0 none, 1 thin (3 mu),
// 2 medium (4 mu), 3 thick (5 mu); +4 means "only in display and text style". Rows: left atom.
constexpr uint8_t kSpacing[8][8] = {
    //        Ord Op Bin Rel Open Close Punct Inner
    /*Ord*/ {0, 1, 6, 7, 0, 0, 0, 5},
    /*Op*/ {1, 1, 0, 7, 0, 0, 0, 5},
    /*Bin*/ {6, 6, 0, 0, 6, 0, 0, 6},
    /*Rel*/ {7, 7, 0, 0, 7, 0, 0, 7},
    /*Open*/ {0, 0, 0, 0, 0, 0, 0, 0},
    /*Close*/ {0, 1, 6, 7, 0, 0, 0, 5},
    /*Punct*/ {5, 5, 0, 5, 5, 5, 5, 5},
    /*Inner*/ {5, 1, 6, 7, 5, 0, 5, 5},
};

float spacing_mu(AtomClass left, AtomClass right, int level) {
  const uint8_t v = kSpacing[static_cast<int>(left)][static_cast<int>(right)];
  if (v >= 4 && level > 1) return 0;
  static constexpr float kMu[] = {0, 3, 4, 5};
  return kMu[v & 3];
}

}  // namespace

void append(Box& dst, const Box& src, float dx, float dy) {
  for (const PlacedGlyph& g : src.glyphs) dst.glyphs.push_back({g.glyph, g.x + dx, g.y + dy, g.scale});
  for (const PlacedRule& r : src.rules) dst.rules.push_back({r.x + dx, r.y + dy, r.width, r.height});
  for (const PlacedLine& l : src.lines) dst.lines.push_back({l.x0 + dx, l.y0 + dy, l.x1 + dx, l.y1 + dy, l.thickness});
}

Engine::Engine(const MathFont& f)
    : font_(f), script_(static_cast<float>(f.constant(HB_OT_MATH_CONSTANT_SCRIPT_PERCENT_SCALE_DOWN)) / 100.0f),
      scriptscript_(static_cast<float>(f.constant(HB_OT_MATH_CONSTANT_SCRIPT_SCRIPT_PERCENT_SCALE_DOWN)) / 100.0f) {
  if (script_ <= 0) script_ = 0.7f;  // a MATH table without them: TeX's own 7/10 and 5/10 pt fonts
  if (scriptscript_ <= 0) scriptscript_ = 0.5f;
}

uint32_t Engine::glyph(char32_t cp, size_t pos) const {
  const uint32_t g = font_.glyph_for(cp);
  if (g == 0) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "the math font has no glyph for U+%04X", static_cast<unsigned>(cp));
    throw MathError(buf, pos);
  }
  return g;
}

uint32_t Engine::glyph(char32_t cp, Style s, size_t pos) const {
  const uint32_t g = glyph(cp, pos);
  return s.level >= 2 ? font_.glyph_for(cp, s.level - 1) : g;
}

Box Engine::glyph_box(uint32_t g, float s) const {
  const GlyphMetrics& m = font_.metrics(g);
  Box b;
  b.width = static_cast<float>(m.advance) * s;
  b.height = static_cast<float>(m.ymax) * s;
  b.depth = static_cast<float>(-m.ymin) * s;
  b.glyphs.push_back({g, 0, 0, s});
  return b;
}

// Rule 18 of Appendix G, with the OpenType MATH constants for each TeX font dimension.
static void attach_scripts(Engine& e, Atom& a, const Node& n, Style s) {
  const bool has_sup = n.sup != nullptr, has_sub = n.sub != nullptr;
  if (!has_sup && !has_sub) return;
  Box sup, sub;
  if (has_sup) sup = e.list(*n.sup, s.sup());
  if (has_sub) sub = e.list(*n.sub, s.sub());
  Box& base = a.box;
  Box out;
  out.glyphs = std::move(base.glyphs);
  out.rules = std::move(base.rules);
  out.lines = std::move(base.lines);

  if (a.limits) {
    // Limits (rule 13a): centred above and below, shifted by half the italic correction.
    const float w = std::max({base.width, sup.width, sub.width});
    const float shift_base = (w - base.width) / 2;
    Box moved;
    append(moved, out, shift_base, 0);
    out = std::move(moved);
    out.width = w;
    out.height = base.height;
    out.depth = base.depth;
    if (has_sup) {
      const float rise = std::max(e.k(HB_OT_MATH_CONSTANT_UPPER_LIMIT_BASELINE_RISE_MIN, s),
                                  e.k(HB_OT_MATH_CONSTANT_UPPER_LIMIT_GAP_MIN, s) + sup.depth);
      const float y = base.height + rise;
      append(out, sup, (w - sup.width) / 2 + a.italic / 2, y);
      out.height = y + sup.height;
    }
    if (has_sub) {
      const float drop = std::max(e.k(HB_OT_MATH_CONSTANT_LOWER_LIMIT_BASELINE_DROP_MIN, s),
                                  e.k(HB_OT_MATH_CONSTANT_LOWER_LIMIT_GAP_MIN, s) + sub.height);
      const float y = -(base.depth + drop);
      append(out, sub, (w - sub.width) / 2 - a.italic / 2, y);
      out.depth = -y + sub.depth;
    }
    a.box = std::move(out);
    return;
  }

  const bool char_nucleus = a.glyph != 0 && !a.big_op;
  float u = char_nucleus ? 0 : base.height - e.k(HB_OT_MATH_CONSTANT_SUPERSCRIPT_BASELINE_DROP_MAX, s.sup());
  float v = char_nucleus ? 0 : base.depth + e.k(HB_OT_MATH_CONSTANT_SUBSCRIPT_BASELINE_DROP_MIN, s.sub());
  if (has_sup) {
    u = std::max(
        {u, e.k(s.cramped ? HB_OT_MATH_CONSTANT_SUPERSCRIPT_SHIFT_UP_CRAMPED : HB_OT_MATH_CONSTANT_SUPERSCRIPT_SHIFT_UP, s),
         sup.depth + e.k(HB_OT_MATH_CONSTANT_SUPERSCRIPT_BOTTOM_MIN, s)});
  }
  if (has_sub && !has_sup) {
    v = std::max(
        {v, e.k(HB_OT_MATH_CONSTANT_SUBSCRIPT_SHIFT_DOWN, s), sub.height - e.k(HB_OT_MATH_CONSTANT_SUBSCRIPT_TOP_MAX, s)});
  }
  if (has_sub && has_sup) {
    v = std::max(v, e.k(HB_OT_MATH_CONSTANT_SUBSCRIPT_SHIFT_DOWN, s));
    const float gap = (u - sup.depth) - (sub.height - v);
    const float min_gap = e.k(HB_OT_MATH_CONSTANT_SUB_SUPERSCRIPT_GAP_MIN, s);
    if (gap < min_gap) v += min_gap - gap;
    const float psi = e.k(HB_OT_MATH_CONSTANT_SUPERSCRIPT_BOTTOM_MAX_WITH_SUBSCRIPT, s) - (u - sup.depth);
    if (psi > 0) {
      u += psi;
      v -= psi;
    }
  }
  // Horizontal: the superscript after the italic correction; a large operator's subscript moved
  // left by it (MathML Core's rule for OpenType fonts); math kerning at the nucleus's corners.
  const float sc = e.scale(s);
  float x_sup = base.width + (a.big_op || a.italic_in_width ? 0 : a.italic);
  float x_sub = base.width - (a.big_op ? a.italic : 0);
  if (a.glyph) {
    if (has_sup)
      x_sup += static_cast<float>(e.font_.kerning(a.glyph, HB_OT_MATH_KERN_TOP_RIGHT, static_cast<int32_t>(u / sc))) * sc;
    if (has_sub)
      x_sub +=
          static_cast<float>(e.font_.kerning(a.glyph, HB_OT_MATH_KERN_BOTTOM_RIGHT, static_cast<int32_t>(-v / sc))) * sc;
  }
  out.width = base.width;
  out.height = base.height;
  out.depth = base.depth;
  if (has_sup) {
    append(out, sup, x_sup, u);
    out.width = std::max(out.width, x_sup + sup.width);
    out.height = std::max(out.height, u + sup.height);
    out.depth = std::max(out.depth, sup.depth - u);
  }
  if (has_sub) {
    append(out, sub, x_sub, -v);
    out.width = std::max(out.width, x_sub + sub.width);
    out.height = std::max(out.height, sub.height - v);
    out.depth = std::max(out.depth, v + sub.depth);
  }
  out.width += e.k(HB_OT_MATH_CONSTANT_SPACE_AFTER_SCRIPT, s);
  a.box = std::move(out);
}

Atom Engine::atom(const Node& n, Style s) {
  Atom a;
  a.cls = n.cls;
  const float sc = scale(s);
  switch (n.kind) {
    case NodeKind::Symbol: {
      const uint32_t g = glyph(n.cp, s, n.source_pos);
      a.box = glyph_box(g, sc);
      a.glyph = g;
      a.italic = static_cast<float>(font_.metrics(g).italic) * sc;
      // TeX adds a character's italic correction after it unless a subscript follows (tex.web
      // section 755): "f(" does not collide, and a superscript starts after the correction.
      if (!n.sub) {
        a.box.width += a.italic;
        a.italic_in_width = true;
      }
      break;
    }
    case NodeKind::Group: {
      a.box = list(*n.body, s);
      if (!n.text.empty()) {  // \phantom family: the space without the ink
        a.box.glyphs.clear();
        a.box.rules.clear();
        a.box.lines.clear();
        if (n.text == "vphantom") a.box.width = 0;
        if (n.text == "hphantom") a.box.height = a.box.depth = 0;
      }
      break;
    }
    case NodeKind::Operator: {
      if (n.cp) {
        uint32_t g = glyph(n.cp, n.source_pos);
        if (s.level == 0) {
          // Display style: the first variant at least DisplayOperatorMinHeight tall.
          const float min_h = static_cast<float>(font_.constant(HB_OT_MATH_CONSTANT_DISPLAY_OPERATOR_MIN_HEIGHT));
          for (const GlyphVariant& v : font_.variants(g, true)) {
            g = v.glyph;
            if (static_cast<float>(v.advance) >= min_h) break;
          }
        }
        Box b = glyph_box(g, sc);
        // Centre the operator on the math axis (rule 13).
        const float shift = (b.height - b.depth) / 2 - axis(s);
        a.box.width = b.width;
        a.box.height = b.height - shift;
        a.box.depth = b.depth + shift;
        append(a.box, b, 0, -shift);
        a.glyph = g;
        a.italic = static_cast<float>(font_.metrics(g).italic) * sc;
        a.big_op = true;
        // An integral's italic correction is part of its width when no subscript pulls it back.
        if (!n.sub) a.box.width += a.italic;
      } else {
        a.box = op_name(n.text, s, n.source_pos);
      }
      const bool limits =
          n.limits == LimitsMode::Limits || (n.limits == LimitsMode::Default && n.limits_in_display && s.level == 0);
      a.limits = limits && n.cls == AtomClass::Op;
      break;
    }
    case NodeKind::Fraction:
      a.box = fraction(n, s);
      a.cls = AtomClass::Inner;
      break;
    case NodeKind::Radical: a.box = radical(n, s); break;
    case NodeKind::LeftRight:
      a.box = left_right(n, s);
      a.cls = AtomClass::Inner;
      break;
    case NodeKind::BigDelim: a.box = big_delimiter(n, s); break;
    case NodeKind::Accent: a.box = accent(n, s, &a); break;
    case NodeKind::Text: a.box = text(n.text, n.style, s, n.source_pos); break;
    case NodeKind::Array:
      a.box = array(n, s);
      a.cls = n.text == "substack" ? AtomClass::Ord : AtomClass::Inner;
      break;
    case NodeKind::Boxed: {
      // \fbox: \fboxsep 3 pt of space and a \fboxrule 0.4 pt frame (LaTeX's defaults at 10 pt).
      const Box in = list(*n.body, s);
      const float sep = 0.3f * em(s), t = 0.04f * em(s);
      Box& b = a.box;
      b.width = in.width + 2 * (sep + t);
      b.height = in.height + sep + t;
      b.depth = in.depth + sep + t;
      append(b, in, sep + t, 0);
      b.rules.push_back({0, -b.depth, b.width, t});
      b.rules.push_back({0, b.height - t, b.width, t});
      b.rules.push_back({0, -b.depth, t, b.height + b.depth});
      b.rules.push_back({b.width - t, -b.depth, t, b.height + b.depth});
      break;
    }
    case NodeKind::Cancel: {
      a.box = list(*n.body, s);
      Box& b = a.box;
      const float t = k(HB_OT_MATH_CONSTANT_OVERBAR_RULE_THICKNESS, s);
      if (n.cancel & 1) b.lines.push_back({0, -b.depth, b.width, b.height, t});
      if (n.cancel & 2) b.lines.push_back({0, b.height, b.width, -b.depth, t});
      break;
    }
    case NodeKind::Not: {
      a.box = list(*n.body, s);
      const Box slash = glyph_box(glyph('/', n.source_pos), sc);
      append(a.box, slash, (a.box.width - slash.width) / 2, 0);
      break;
    }
    case NodeKind::Stack: {
      a.box = list(*n.body, s);
      a.limits = true;
      break;
    }
    case NodeKind::Space:
    case NodeKind::StyleChange: break;
  }
  attach_scripts(*this, a, n, s);
  return a;
}

Box Engine::list(const MathList& l, Style s, bool leading_ord) {
  // First pass: atoms (and spaces) with their classes.
  struct Item {
    bool is_atom;
    Atom atom;
    float space;
    int level;
  };
  std::vector<Item> items;
  items.reserve(l.size());
  Style cur = s;
  for (const Node& n : l) {
    if (n.kind == NodeKind::StyleChange) {
      cur = {n.style, cur.cramped};
      continue;
    }
    if (n.kind == NodeKind::Space) {
      float width;
      if (n.text == " ") {
        width = static_cast<float>(font_.metrics(glyph(' ', n.source_pos)).advance) * scale(cur);
      } else {
        float mu = n.mu;
        if (n.text == "pmod" && cur.level != 0) mu = 8;
        if (n.text == "mod" && cur.level != 0) mu = 12;
        width = mu * em(cur) / 18;
      }
      items.push_back({false, {}, width, cur.level});
      continue;
    }
    items.push_back({true, atom(n, cur), 0, cur.level});
  }
  // Rule 5 and 6: a Bin that cannot be binary becomes an Ord.
  AtomClass prev = leading_ord ? AtomClass::Ord : AtomClass::Open;  // Open: "nothing before"
  bool have_prev = leading_ord;
  Atom* prev_atom = nullptr;
  for (Item& it : items) {
    if (!it.is_atom) continue;
    AtomClass& c = it.atom.cls;
    if (c == AtomClass::Bin && (!have_prev || prev == AtomClass::Bin || prev == AtomClass::Op || prev == AtomClass::Rel ||
                                prev == AtomClass::Open || prev == AtomClass::Punct))
      c = AtomClass::Ord;
    if ((c == AtomClass::Rel || c == AtomClass::Close || c == AtomClass::Punct) && prev_atom &&
        prev_atom->cls == AtomClass::Bin)
      prev_atom->cls = AtomClass::Ord;
    prev = c;
    have_prev = true;
    prev_atom = &it.atom;
  }
  if (prev_atom && prev_atom->cls == AtomClass::Bin) prev_atom->cls = AtomClass::Ord;
  // Second pass: place boxes left to right with the spacing table between atoms.
  Box out;
  float x = 0;
  bool first = !leading_ord;
  AtomClass left = AtomClass::Ord;
  for (Item& it : items) {
    if (!it.is_atom) {
      x += it.space;
      continue;
    }
    if (!first) x += spacing_mu(left, it.atom.cls, it.level) * em({it.level, false}) / 18;
    append(out, it.atom.box, x, 0);
    x += it.atom.box.width;
    out.height = std::max(out.height, it.atom.box.height);
    out.depth = std::max(out.depth, it.atom.box.depth);
    left = it.atom.cls;
    first = false;
  }
  out.width = x;
  return out;
}

}  // namespace detail

DisplayList layout_formula(const Formula& formula, const MathFont& font, bool display) {
  detail::Engine e(font);
  const detail::Style s{display ? 0 : 1, false};
  DisplayList out = e.list(formula.list, s);
  if (formula.has_tag) {
    // \tag: "(tag)" in upright text, a quad after the formula.
    const detail::Box tag = e.text("(" + formula.tag + ")", 0, s, 0);
    const float x = out.width + e.em(s);
    detail::append(out, tag, x, 0);
    out.width = x + tag.width;
    out.height = std::max(out.height, tag.height);
    out.depth = std::max(out.depth, tag.depth);
  }
  return out;
}

}  // namespace veloce::math
