// The constructions of Appendix G beyond plain lists: fractions (rule 15), radicals (rule 11),
// delimiters (rule 19, variants and assemblies), accents (rule 12), over/underbars, arrays.
#include <algorithm>
#include <cmath>

#include "app/math/layout_engine.h"
#include "app/math/math_error.h"
#include "app/math/math_symbols.h"

namespace veloce::math::detail {
namespace {

// The placement of an extensible glyph built from parts, along its stretch direction.
struct Assembled {
  Box box;
  bool ok = false;
};

Assembled assemble(const Engine& e, uint32_t g, float target, float s, bool vertical) {
  const std::vector<AssemblyPart> parts = e.font_.assembly(g, vertical);
  Assembled out;
  if (parts.empty()) return out;
  const float min_overlap = static_cast<float>(e.font_.min_connector_overlap(vertical)) * s;
  bool has_ext = std::any_of(parts.begin(), parts.end(), [](const AssemblyPart& p) { return p.extender; });
  std::vector<AssemblyPart> seq;
  for (int reps = 0; reps < 200; ++reps) {
    seq.clear();
    for (const AssemblyPart& p : parts) {
      const int n = p.extender ? reps : 1;
      for (int i = 0; i < n; ++i) seq.push_back(p);
    }
    float full = 0;
    for (const AssemblyPart& p : seq) full += static_cast<float>(p.full_advance) * s;
    const float longest = full - static_cast<float>(seq.size() > 0 ? seq.size() - 1 : 0) * min_overlap;
    if (longest >= target || !has_ext) break;
  }
  if (seq.empty()) return out;
  float full = 0, max_overlap = 1e9f;
  for (size_t i = 0; i < seq.size(); ++i) {
    full += static_cast<float>(seq[i].full_advance) * s;
    if (i + 1 < seq.size())
      max_overlap =
          std::min(max_overlap, static_cast<float>(std::min(seq[i].end_connector, seq[i + 1].start_connector)) * s);
  }
  float overlap = 0;
  if (seq.size() > 1) {
    overlap = (full - target) / static_cast<float>(seq.size() - 1);
    overlap = std::max(min_overlap, std::min(overlap, std::max(min_overlap, max_overlap)));
  }
  float cur = 0;
  Box& b = out.box;
  // A horizontal assembly's box is its ink's vertical extent (a brace's ink may start above the
  // baseline: then the depth is negative, and what stacks on it comes closer).
  if (!vertical) b.height = b.depth = -1e9f;
  for (size_t i = 0; i < seq.size(); ++i) {
    const GlyphMetrics& m = e.font_.metrics(seq[i].glyph);
    if (vertical) {
      // Each part's ink starts where the previous one's ends, less the overlap.
      b.glyphs.push_back({seq[i].glyph, 0, cur - static_cast<float>(m.ymin) * s, s});
      b.width = std::max(b.width, static_cast<float>(m.advance) * s);
    } else {
      b.glyphs.push_back({seq[i].glyph, cur, 0, s});
      b.height = std::max(b.height, static_cast<float>(m.ymax) * s);
      b.depth = std::max(b.depth, static_cast<float>(-m.ymin) * s);
    }
    cur += static_cast<float>(seq[i].full_advance) * s - (i + 1 < seq.size() ? overlap : 0);
  }
  if (vertical) b.height = cur;
  else b.width = cur;
  out.ok = true;
  return out;
}

}  // namespace

float Engine::delimiter_size(float height, float depth, Style s) const {
  const float a = axis(s);
  const float delta = std::max(height - a, depth + a);
  return std::max(delta * 2 * 901.0f / 1000.0f, 2 * delta - 0.5f * em(s));
}

Box Engine::vertical_delimiter(char32_t cp, float size, Style s, size_t pos) {
  const float sc = scale(s);
  if (cp == ' ') {  // "\left." : \nulldelimiterspace (1.2 pt)
    Box b;
    b.width = 0.12f * em(s);
    return b;
  }
  const uint32_t g0 = glyph(cp, pos);
  Box b;
  bool done = false;
  uint32_t best = g0;
  for (const GlyphVariant& v : font_.variants(g0, true)) {
    best = v.glyph;
    if (static_cast<float>(v.advance) * sc >= size) {
      done = true;
      break;
    }
  }
  if (done) {
    b = glyph_box(best, sc);
  } else {
    // Taller than the largest variant: build it from the assembly's parts, if the font has one.
    Assembled a = assemble(*this, g0, size, sc, true);
    b = a.ok ? std::move(a.box) : glyph_box(best, sc);
  }
  if (b.glyphs.size() == 1 && b.glyphs[0].y == 0) {
    const GlyphMetrics& m = font_.metrics(b.glyphs[0].glyph);
    b.height = static_cast<float>(m.ymax) * sc;
    b.depth = static_cast<float>(-m.ymin) * sc;
  }
  // Centre the ink on the axis.
  const float shift = axis(s) - (b.height - b.depth) / 2;
  Box out;
  out.width = b.width;
  out.height = b.height + shift;
  out.depth = b.depth - shift;
  append(out, b, 0, shift);
  return out;
}

Box Engine::horizontal_stretch(char32_t cp, float width, Style s, size_t pos) {
  const float sc = scale(s);
  const uint32_t g0 = glyph(cp, pos);
  uint32_t best = g0;
  for (const GlyphVariant& v : font_.variants(g0, false)) {
    best = v.glyph;
    if (static_cast<float>(v.advance) * sc >= width) return glyph_box(best, sc);
  }
  Assembled a = assemble(*this, g0, width, sc, false);
  if (a.ok) return std::move(a.box);
  return glyph_box(best, sc);
}

Box Engine::wrap_in_delimiters(Box inner, char32_t left, char32_t right, Style s, size_t pos) {
  const float size = delimiter_size(inner.height, inner.depth, s);
  Box out;
  float x = 0;
  auto add = [&](const Box& b) {
    append(out, b, x, 0);
    x += b.width;
    out.height = std::max(out.height, b.height);
    out.depth = std::max(out.depth, b.depth);
  };
  if (left) add(vertical_delimiter(left, size, s, pos));
  add(inner);
  if (right) add(vertical_delimiter(right, size, s, pos));
  out.width = x;
  return out;
}

Box Engine::left_right(const Node& n, Style s) {
  const float saved = middle_size_;
  // \middle delimiters take the size of the pair around them: lay the body out again with it.
  // Only a few such levels deep: each doubles the work of everything inside it, so nested
  // \middle pairs would otherwise cost 2^depth; deeper ones keep their natural size.
  const bool has_middle = std::any_of(n.body->begin(), n.body->end(),
                                      [](const Node& x) { return x.kind == NodeKind::BigDelim && x.style == 0; });
  const bool relayout = has_middle && middle_relayouts_ < 3;
  if (has_middle) ++middle_relayouts_;  // seen by nested pairs in both passes
  Box inner = list(*n.body, s);
  const float size = delimiter_size(inner.height, inner.depth, s);
  if (relayout) {
    middle_size_ = size;
    inner = list(*n.body, s);
  }
  if (has_middle) --middle_relayouts_;
  middle_size_ = saved;
  Box out;
  float x = 0;
  for (int part = 0; part < 3; ++part) {
    const Box b = part == 1 ? inner : vertical_delimiter(part == 0 ? n.cp : n.cp2, size, s, n.source_pos);
    append(out, b, x, 0);
    x += b.width;
    out.height = std::max(out.height, b.height);
    out.depth = std::max(out.depth, b.depth);
  }
  out.width = x;
  return out;
}

Box Engine::big_delimiter(const Node& n, Style s) {
  if (n.style == 0) {
    const float size = middle_size_ > 0 ? middle_size_ : 0;
    return vertical_delimiter(n.cp, size, s, n.source_pos);
  }
  // plain.tex: \big is \left with a strut 8.5 pt tall, \Big 11.5, \bigg 14.5, \Bigg 17.5 (10 pt font).
  static constexpr float kStrut[] = {0, 0.85f, 1.15f, 1.45f, 1.75f};
  const float h = kStrut[std::clamp<int>(n.style, 1, 4)] * em(s);
  return vertical_delimiter(n.cp, delimiter_size(h, 0, s), s, n.source_pos);
}

Box Engine::fraction(const Node& n, Style s) {
  Style fs = s;
  if (n.frac == FracKind::Display) fs.level = 0;
  if (n.frac == FracKind::Text) fs.level = 1;
  const Box num = list(*n.body, fs.num());
  const Box den = list(*n.body2, fs.den());
  const bool display = fs.level == 0;
  const float a = axis(fs);
  const float w = std::max(num.width, den.width);
  float u, v;
  Box out;
  if (n.rule) {
    const float t = k(HB_OT_MATH_CONSTANT_FRACTION_RULE_THICKNESS, fs);
    u = k(display ? HB_OT_MATH_CONSTANT_FRACTION_NUMERATOR_DISPLAY_STYLE_SHIFT_UP
                  : HB_OT_MATH_CONSTANT_FRACTION_NUMERATOR_SHIFT_UP,
          fs);
    v = k(display ? HB_OT_MATH_CONSTANT_FRACTION_DENOMINATOR_DISPLAY_STYLE_SHIFT_DOWN
                  : HB_OT_MATH_CONSTANT_FRACTION_DENOMINATOR_SHIFT_DOWN,
          fs);
    const float num_gap =
        k(display ? HB_OT_MATH_CONSTANT_FRACTION_NUM_DISPLAY_STYLE_GAP_MIN : HB_OT_MATH_CONSTANT_FRACTION_NUMERATOR_GAP_MIN,
          fs);
    const float den_gap = k(display ? HB_OT_MATH_CONSTANT_FRACTION_DENOM_DISPLAY_STYLE_GAP_MIN
                                    : HB_OT_MATH_CONSTANT_FRACTION_DENOMINATOR_GAP_MIN,
                            fs);
    u = std::max(u, a + t / 2 + num_gap + num.depth);
    v = std::max(v, den.height + den_gap - (a - t / 2));
    out.rules.push_back({0, a - t / 2, w, t});
  } else {
    u = k(display ? HB_OT_MATH_CONSTANT_STACK_TOP_DISPLAY_STYLE_SHIFT_UP : HB_OT_MATH_CONSTANT_STACK_TOP_SHIFT_UP, fs);
    v = k(display ? HB_OT_MATH_CONSTANT_STACK_BOTTOM_DISPLAY_STYLE_SHIFT_DOWN : HB_OT_MATH_CONSTANT_STACK_BOTTOM_SHIFT_DOWN,
          fs);
    const float min_gap =
        k(display ? HB_OT_MATH_CONSTANT_STACK_DISPLAY_STYLE_GAP_MIN : HB_OT_MATH_CONSTANT_STACK_GAP_MIN, fs);
    const float gap = (u - num.depth) - (den.height - v);
    if (gap < min_gap) {
      u += (min_gap - gap) / 2;
      v += (min_gap - gap) / 2;
    }
  }
  append(out, num, (w - num.width) / 2, u);
  append(out, den, (w - den.width) / 2, -v);
  out.width = w;
  out.height = u + num.height;
  out.depth = v + den.depth;
  if (n.cp_open || n.cp2) return wrap_in_delimiters(std::move(out), n.cp_open, n.cp2, fs, n.source_pos);
  // \nulldelimiterspace (1.2 pt) on both sides, as TeX puts around every fraction.
  const float pad = 0.12f * em(fs);
  Box padded;
  append(padded, out, pad, 0);
  padded.width = w + 2 * pad;
  padded.height = out.height;
  padded.depth = out.depth;
  return padded;
}

Box Engine::radical(const Node& n, Style s) {
  const Box body = list(*n.body, s.crampedv());
  const bool display = s.level == 0;
  const float t = k(HB_OT_MATH_CONSTANT_RADICAL_RULE_THICKNESS, s);
  float gap =
      k(display ? HB_OT_MATH_CONSTANT_RADICAL_DISPLAY_STYLE_VERTICAL_GAP : HB_OT_MATH_CONSTANT_RADICAL_VERTICAL_GAP, s);
  const float target = body.height + body.depth + gap + t;
  // The radical sign: first variant (or assembly) at least as tall as body + gap + rule.
  const float sc = scale(s);
  const uint32_t g0 = glyph(0x221A, n.source_pos);
  Box sign;
  bool found = false;
  for (const GlyphVariant& v : font_.variants(g0, true)) {
    sign = glyph_box(v.glyph, sc);
    if (static_cast<float>(v.advance) * sc >= target) {
      found = true;
      break;
    }
  }
  if (!found) {
    Assembled a = assemble(*this, g0, target, sc, true);
    if (a.ok) sign = std::move(a.box), sign.depth = 0;
    else if (sign.glyphs.empty()) sign = glyph_box(g0, sc);
  }
  const float sign_total = sign.height + sign.depth;
  // Extra length is shared out as extra gap (rule 11: "clearance").
  if (sign_total > target) gap += (sign_total - target) / 2;
  // The sign's top is the top of the rule.
  const float top = body.height + gap + t;
  const float sign_dy = top - sign.height;
  Box out;
  float x = 0;
  if (n.body2) {
    const Box index = list(*n.body2, {3, false});
    const float before = k(HB_OT_MATH_CONSTANT_RADICAL_KERN_BEFORE_DEGREE, s);
    const float after = k(HB_OT_MATH_CONSTANT_RADICAL_KERN_AFTER_DEGREE, s);
    const float raise = static_cast<float>(font_.constant(HB_OT_MATH_CONSTANT_RADICAL_DEGREE_BOTTOM_RAISE_PERCENT)) / 100.0f;
    const float bottom = sign_dy - sign.depth;
    const float y = bottom + raise * sign_total + index.depth;
    append(out, index, before, y);
    out.height = std::max(out.height, y + index.height);
    x = std::max(0.0f, before + index.width + after);
  }
  append(out, sign, x, sign_dy);
  x += sign.width;
  append(out, body, x, 0);
  out.rules.push_back({x, top - t, body.width, t});
  out.width = x + body.width;
  out.height = std::max(out.height, top + k(HB_OT_MATH_CONSTANT_RADICAL_EXTRA_ASCENDER, s));
  out.depth = std::max(body.depth, sign.depth - sign_dy);
  return out;
}

Box Engine::accent(const Node& n, Style s, Atom* a) {
  const float sc = scale(s);
  Box base = list(*n.body, s.crampedv());
  Box out;
  switch (n.accent) {
    case AccentKind::Overline: {
      const float gap = k(HB_OT_MATH_CONSTANT_OVERBAR_VERTICAL_GAP, s);
      const float t = k(HB_OT_MATH_CONSTANT_OVERBAR_RULE_THICKNESS, s);
      out = std::move(base);
      out.rules.push_back({0, out.height + gap, out.width, t});
      out.height += gap + t + k(HB_OT_MATH_CONSTANT_OVERBAR_EXTRA_ASCENDER, s);
      return out;
    }
    case AccentKind::Underline: {
      const float gap = k(HB_OT_MATH_CONSTANT_UNDERBAR_VERTICAL_GAP, s);
      const float t = k(HB_OT_MATH_CONSTANT_UNDERBAR_RULE_THICKNESS, s);
      out = std::move(base);
      out.rules.push_back({0, -(out.depth + gap + t), out.width, t});
      out.depth += gap + t + k(HB_OT_MATH_CONSTANT_UNDERBAR_EXTRA_DESCENDER, s);
      return out;
    }
    case AccentKind::OverBrace:
    case AccentKind::UnderBrace: {
      const bool over = n.accent == AccentKind::OverBrace;
      const Box brace = horizontal_stretch(n.cp, base.width, s, n.source_pos);
      const float gap =
          k(over ? HB_OT_MATH_CONSTANT_STRETCH_STACK_GAP_BELOW_MIN : HB_OT_MATH_CONSTANT_STRETCH_STACK_GAP_ABOVE_MIN, s);
      const float w = std::max(base.width, brace.width);
      append(out, base, (w - base.width) / 2, 0);
      const float y = over ? base.height + gap + brace.depth : -(base.depth + gap + brace.height);
      append(out, brace, (w - brace.width) / 2, y);
      out.width = w;
      out.height = over ? y + brace.height : base.height;
      out.depth = over ? base.depth : -y + brace.depth;
      a->limits = true;  // the label (^ or _) goes above / below, as \mathop\limits in amsmath
      return out;
    }
    case AccentKind::Top:
    case AccentKind::WideTop: break;
  }
  const uint32_t g0 = glyph(n.cp, n.source_pos);
  // The base's attachment point: its glyph's top accent attachment, or the middle of a group.
  float base_attach = base.width / 2;
  const MathList& body = *n.body;
  if (body.size() == 1 && body[0].kind == NodeKind::Symbol && !body[0].sub && !body[0].sup)
    base_attach = static_cast<float>(font_.metrics(base.glyphs[0].glyph).top_accent) * sc;
  Box acc;
  if (n.accent == AccentKind::WideTop) {
    acc = horizontal_stretch(n.cp, base.width, s, n.source_pos);
  } else {
    acc = glyph_box(g0, sc);
  }
  const uint32_t ag = acc.glyphs.size() == 1 ? acc.glyphs[0].glyph : 0;
  const float acc_attach =
      ag && n.accent == AccentKind::Top ? static_cast<float>(font_.metrics(ag).top_accent) * sc : acc.width / 2;
  const float delta = std::min(base.height, k(HB_OT_MATH_CONSTANT_ACCENT_BASE_HEIGHT, s));
  const float y = base.height - delta;
  out = std::move(base);
  const float x = base_attach - acc_attach;
  append(out, acc, x, y);
  out.height = std::max(out.height, y + acc.height);
  return out;
}

Box Engine::text(const std::string& s8, int variant, Style s, size_t pos) {
  const float sc = scale(s);
  Box out;
  float x = 0;
  for (size_t i = 0; i < s8.size();) {
    // UTF-8 decoding (the parser already rejected malformed input in math, \text keeps raw bytes).
    const auto b = static_cast<unsigned char>(s8[i]);
    size_t len = b < 0x80 ? 1 : (b >> 5) == 6 ? 2 : (b >> 4) == 14 ? 3 : (b >> 3) == 30 ? 4 : 1;
    char32_t cp = len == 1 ? b : (b & (0x7F >> len));
    for (size_t j = 1; j < len && i + j < s8.size(); ++j) cp = (cp << 6) | (static_cast<unsigned char>(s8[i + j]) & 0x3F);
    i += len;
    if (variant == 1) cp = map_alphabet(cp, Alphabet::Bold);
    if (variant == 2) cp = map_alphabet(cp, Alphabet::Italic);
    const uint32_t g = glyph(cp, s, pos);
    const GlyphMetrics& m = font_.metrics(g);
    out.glyphs.push_back({g, x, 0, sc});
    out.height = std::max(out.height, static_cast<float>(m.ymax) * sc);
    out.depth = std::max(out.depth, static_cast<float>(-m.ymin) * sc);
    x += static_cast<float>(m.advance) * sc;
  }
  out.width = x;
  return out;
}

Box Engine::op_name(const std::string& name, Style s, size_t pos) {
  // "lim sup": the words of a compound operator are a thin space apart (amsmath's \qopname).
  Box out;
  float x = 0;
  size_t start = 0;
  while (start <= name.size()) {
    size_t sp = name.find(' ', start);
    if (sp == std::string::npos) sp = name.size();
    const Box word = text(name.substr(start, sp - start), 0, s, pos);
    append(out, word, x, 0);
    x += word.width;
    out.height = std::max(out.height, word.height);
    out.depth = std::max(out.depth, word.depth);
    if (sp < name.size()) x += 3 * em(s) / 18;
    start = sp + 1;
  }
  out.width = x;
  return out;
}

Box Engine::array(const Node& n, Style s) {
  const std::string& env = n.text;
  const bool alignlike = env.rfind("align", 0) == 0 || env == "split" || env.rfind("eqnarray", 0) == 0;
  const bool displaylike = alignlike || env.rfind("gather", 0) == 0 || env.rfind("equation", 0) == 0 ||
                           env.rfind("multline", 0) == 0 || env == "dcases";
  const bool small = env == "smallmatrix" || env == "substack" || env == "subarray";
  const bool cases = env.find("cases") != std::string::npos;
  Style cs = displaylike ? Style{0, false}
             : small     ? (s.level <= 1 ? Style{2, false} : s)
                         : Style{s.level == 0 ? 1 : s.level, false};
  if (env == "substack" || env == "subarray") cs = s;
  const float e1 = em(cs);
  size_t ncols = 0;
  for (const auto& r : n.rows) ncols = std::max(ncols, r.size());
  std::vector<std::vector<Box>> cells(n.rows.size());
  std::vector<float> col_w(ncols, 0);
  for (size_t r = 0; r < n.rows.size(); ++r) {
    for (size_t c = 0; c < n.rows[r].size(); ++c) {
      // In align, a right-hand cell begins as if an Ord stood before it ("&= b" spaces the =).
      cells[r].push_back(list(n.rows[r][c], cs, alignlike && c % 2 == 1));
      col_w[c] = std::max(col_w[c], cells[r][c].width);
    }
  }
  // Column separations: \arraycolsep 5 pt each side in arrays and matrices, a \quad in cases,
  // nothing inside an align pair and 2 em between pairs (amsmath's defaults at 10 pt).
  std::vector<float> col_x(ncols, 0);
  const float edge = env == "array" ? 0.5f * e1 : 0;
  float x = edge;
  for (size_t c = 0; c < ncols; ++c) {
    col_x[c] = x;
    x += col_w[c];
    if (c + 1 < ncols) {
      if (alignlike) x += (c % 2 == 1) ? 2 * e1 : 0;
      else if (cases) x += e1;
      else x += small ? 0.5f * e1 : e1;
    }
  }
  const float width = x + edge;
  // Rows: \baselineskip 12 pt struts (70% above, 30% below), \arraystretch 1.2 in cases, and
  // \jot (3 pt) between align lines.
  const float stretch = cases ? 1.2f : 1.0f;
  const float strut_h = small ? 0 : 0.7f * 1.2f * stretch * e1, strut_d = small ? 0 : 0.3f * 1.2f * stretch * e1;
  const float row_gap = displaylike ? 0.3f * e1 : small ? 0.1f * e1 : 0;
  Box table;
  float y = 0;
  float total = 0;
  for (size_t r = 0; r < cells.size(); ++r) {
    float h = strut_h, d = strut_d;
    for (const Box& b : cells[r]) h = std::max(h, b.height), d = std::max(d, b.depth);
    if (r > 0) y -= row_gap;
    y -= h;
    for (size_t c = 0; c < cells[r].size(); ++c) {
      const char align = c < n.columns.size() ? n.columns[c] : 'c';
      const float slack = col_w[c] - cells[r][c].width;
      const float dx = align == 'l' ? 0 : align == 'r' ? slack : slack / 2;
      append(table, cells[r][c], col_x[c] + dx, y);
    }
    y -= d;
  }
  total = -y;
  // Vertical rules of an array spec ("{cc|c}"): \arrayrulewidth 0.4 pt, midway between columns.
  for (size_t c = 0; c < n.column_rules.size() && c <= ncols; ++c) {
    if (!n.column_rules[c]) continue;
    const float t = 0.04f * e1;
    const float rx = c == 0 ? 0 : c == ncols ? width - t : (col_x[c - 1] + col_w[c - 1] + col_x[c]) / 2 - t / 2;
    table.rules.push_back({rx, y, t, total});
  }
  // Centre the whole table on the math axis (\vcenter).
  const float shift = axis(s) + total / 2;
  Box out;
  append(out, table, 0, shift);
  out.width = width;
  out.height = shift;
  out.depth = total - shift;
  char32_t left = 0, right = 0;
  if (env == "pmatrix") left = '(', right = ')';
  else if (env == "bmatrix") left = '[', right = ']';
  else if (env == "Bmatrix") left = '{', right = '}';
  else if (env == "vmatrix") left = right = '|';
  else if (env == "Vmatrix") left = right = 0x2016;
  else if (env == "cases" || env == "dcases") left = '{';
  else if (env == "rcases") right = '}';
  if (left || right) {
    Box wrapped = wrap_in_delimiters(std::move(out), left, right, s, n.source_pos);
    if (cases && !right) wrapped.width += 0.12f * em(s);  // the null delimiter on the right
    return wrapped;
  }
  return out;
}

}  // namespace veloce::math::detail
