// Layout geometry against TeX's rules: where things land, not just "no error".
#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "app/math/math_render.h"
#include "app/math/math_symbols.h"

namespace veloce::math {
namespace {

const MathFont& font() {
  static const std::shared_ptr<MathFont> f = MathFont::default_font();
  return *f;
}

DisplayList lay(const std::string& tex, bool display = false) {
  MathResult r = layout_math(tex, display, font());
  EXPECT_TRUE(r.ok) << tex << ": " << r.error;
  return r.list;
}

float em() { return static_cast<float>(font().units_per_em()); }

// The nth placed glyph for a character in any size (its script forms included), or nullptr.
const PlacedGlyph* find(const DisplayList& l, char32_t cp, int nth = 0) {
  const uint32_t g[3] = {font().glyph_for(cp), font().glyph_for(cp, 1), font().glyph_for(cp, 2)};
  for (const PlacedGlyph& p : l.glyphs)
    if ((p.glyph == g[0] || p.glyph == g[1] || p.glyph == g[2]) && nth-- == 0) return &p;
  return nullptr;
}
char32_t italic(char c) { return map_alphabet(static_cast<char32_t>(c), Alphabet::Italic); }

float ink_top(const PlacedGlyph& p) { return p.y + static_cast<float>(font().metrics(p.glyph).ymax) * p.scale; }
float ink_bottom(const PlacedGlyph& p) { return p.y + static_cast<float>(font().metrics(p.glyph).ymin) * p.scale; }
float centre_x(const PlacedGlyph& p) { return p.x + static_cast<float>(font().metrics(p.glyph).advance) * p.scale / 2; }
float italic_correction(const PlacedGlyph& p) { return static_cast<float>(font().metrics(p.glyph).italic) * p.scale; }
float total_size(const PlacedGlyph& p) {
  const GlyphMetrics& m = font().metrics(p.glyph);
  return static_cast<float>(m.ymax - m.ymin) * p.scale;
}

TEST(MathLayout, FontIsLatinModernMathWithAMathTable) {
  EXPECT_EQ(font().units_per_em(), 1000);
  EXPECT_GT(font().constant(HB_OT_MATH_CONSTANT_AXIS_HEIGHT), 0);
  EXPECT_NE(font().glyph_for(0x1D44E), 0u);  // math italic a
}

TEST(MathLayout, FractionNumeratorAboveRuleDenominatorBelowBothCentred) {
  for (bool display : {false, true}) {
    const DisplayList l = lay("\\frac{a}{bbb}", display);
    ASSERT_EQ(l.rules.size(), 1u);
    const PlacedRule& bar = l.rules[0];
    const PlacedGlyph* a = find(l, italic('a'));
    ASSERT_NE(a, nullptr);
    EXPECT_GT(ink_bottom(*a), bar.y + bar.height) << "numerator above the bar";
    const float bar_centre = bar.x + bar.width / 2;
    // Centred as boxes: a letter's box includes its italic correction (TeX adds it after the letter).
    EXPECT_NEAR(centre_x(*a) + italic_correction(*a) / 2, bar_centre, 0.5f);
    const PlacedGlyph* b0 = find(l, italic('b'), 0);
    const PlacedGlyph* b2 = find(l, italic('b'), 2);
    ASSERT_NE(b2, nullptr);
    EXPECT_LT(ink_top(*b0), bar.y) << "denominator below the bar";
    EXPECT_NEAR(
        (b0->x + b2->x + static_cast<float>(font().metrics(b2->glyph).advance) * b2->scale + italic_correction(*b2)) / 2,
        bar_centre, 0.5f);
    // The bar sits on the math axis and is as wide as the wider part.
    EXPECT_NEAR(bar.y + bar.height / 2, static_cast<float>(font().constant(HB_OT_MATH_CONSTANT_AXIS_HEIGHT)), 0.5f);
    EXPECT_GT(bar.width, 3 * static_cast<float>(font().metrics(b0->glyph).advance) * b0->scale - 1);
  }
  // Display style puts the numerator higher than text style does.
  EXPECT_GT(find(lay("\\frac{a}{b}", true), italic('a'))->y, find(lay("\\frac{a}{b}", false), italic('a'))->y);
}

TEST(MathLayout, ScriptsUseTheFontsScriptSizeForms) {
  // Latin Modern Math's ssty forms: the optically sized letters TeX's 7 pt and 5 pt fonts had.
  EXPECT_NE(font().glyph_for('2', 1), font().glyph_for('2'));
  EXPECT_NE(font().glyph_for('2', 2), font().glyph_for('2', 1));
  const DisplayList l = lay("2^{2^2}");
  ASSERT_EQ(l.glyphs.size(), 3u);
  EXPECT_EQ(l.glyphs[0].glyph, font().glyph_for('2'));
  EXPECT_EQ(l.glyphs[1].glyph, font().glyph_for('2', 1));
  EXPECT_EQ(l.glyphs[2].glyph, font().glyph_for('2', 2));
}

TEST(MathLayout, SuperscriptIsRaisedAndSmaller) {
  const DisplayList l = lay("x^2");
  const PlacedGlyph* x = find(l, italic('x'));
  const PlacedGlyph* two = find(l, '2');
  ASSERT_TRUE(x && two);
  EXPECT_GT(two->y, 0.3f * em());
  const float script = static_cast<float>(font().constant(HB_OT_MATH_CONSTANT_SCRIPT_PERCENT_SCALE_DOWN)) / 100;
  EXPECT_FLOAT_EQ(two->scale, script);
  EXPECT_LT(two->scale, x->scale);
  EXPECT_GE(two->x, x->x + static_cast<float>(font().metrics(x->glyph).advance));
  // A subscript is lowered; with both, the superscript stays above the subscript.
  const DisplayList s = lay("x_i^2");
  EXPECT_LT(find(s, italic('i'))->y, 0);
  EXPECT_GT(ink_bottom(*find(s, '2')), ink_top(*find(s, italic('i'))));
  // Second-level scripts use the scriptscript size.
  const DisplayList ss = lay("e^{x^2}");
  const float sscript = static_cast<float>(font().constant(HB_OT_MATH_CONSTANT_SCRIPT_SCRIPT_PERCENT_SCALE_DOWN)) / 100;
  EXPECT_FLOAT_EQ(find(ss, '2')->scale, sscript);
}

TEST(MathLayout, SumLimitsAboveAndBelowInDisplayAtTheSideInText) {
  const DisplayList d = lay("\\sum_{k=1}^{n} k", true);
  const PlacedGlyph& sum = d.glyphs[0];  // the operator comes first in the list
  const PlacedGlyph* n = find(d, italic('n'));
  const PlacedGlyph* k = find(d, italic('k'));
  ASSERT_TRUE(n && k);
  EXPECT_GT(ink_bottom(*n), ink_top(sum)) << "upper limit above the sum";
  EXPECT_LT(ink_top(*k), ink_bottom(sum)) << "lower limit below the sum";
  EXPECT_NEAR(centre_x(*n), centre_x(sum), 0.25f * em());
  EXPECT_GE(total_size(sum), static_cast<float>(font().constant(HB_OT_MATH_CONSTANT_DISPLAY_OPERATOR_MIN_HEIGHT)));
  const DisplayList t = lay("\\sum_{k=1}^{n} k", false);
  const PlacedGlyph& tsum = t.glyphs[0];
  EXPECT_LT(total_size(tsum), total_size(sum)) << "the text-style sum is the smaller variant";
  EXPECT_GT(find(t, italic('n'))->x, tsum.x + static_cast<float>(font().metrics(tsum.glyph).advance) * 0.9f);
  // \lim takes limits in display style too; \int keeps its scripts at the side.
  const DisplayList lim = lay("\\lim_{x\\to 0} x", true);
  EXPECT_LT(find(lim, italic('x'))->y, -0.3f * em());
  const DisplayList integral = lay("\\int_0^1 x", true);
  EXPECT_GT(find(integral, '1')->x, integral.glyphs[0].x + 0.3f * em());
}

TEST(MathLayout, LeftRightAroundFractionUsesTallerDelimiter) {
  const DisplayList big = lay("\\left( \\frac{a}{b} \\right)");
  const DisplayList small = lay("(a)");
  const PlacedGlyph& open_big =
      *std::min_element(big.glyphs.begin(), big.glyphs.end(), [](auto& p, auto& q) { return p.x < q.x; });
  const PlacedGlyph* open_small = find(small, '(');
  ASSERT_NE(open_small, nullptr);
  // In text style the fraction is 1.06 em tall around the axis: TeX's rule (90.1%, 5 pt short)
  // asks for 1.087 em, so the next larger variant; in display style a much taller one.
  EXPECT_GT(total_size(open_big), total_size(*open_small) + 0.05f * em());
  const DisplayList dbig = lay("\\left( \\frac{a}{b} \\right)", true);
  EXPECT_GT(total_size(dbig.glyphs[0]), 1.5f * em());
  // The taller delimiter covers the fraction.
  EXPECT_GE(ink_top(open_big), ink_top(*find(big, italic('a'))) - 0.05f * em());
  // \bigl( is taller than ( and \Bigl( taller still.
  const float s1 = total_size(lay("\\bigl( x").glyphs[0]), s2 = total_size(lay("\\Bigl( x").glyphs[0]);
  EXPECT_GT(s1, total_size(*open_small));
  EXPECT_GT(s2, s1);
  // A very tall \left( is assembled from parts (several glyphs for one delimiter).
  const DisplayList tall = lay("\\left( \\begin{matrix} 1 \\\\ 2 \\\\ 3 \\\\ 4 \\\\ 5 \\\\ 6 \\end{matrix} \\right)");
  EXPECT_GT(tall.height + tall.depth, 5 * em());
}

TEST(MathLayout, MatrixCellsAlignInColumns) {
  const DisplayList l = lay("\\begin{pmatrix} 1 & 2 \\\\ 333 & 4 \\end{pmatrix}");
  const PlacedGlyph* one = find(l, '1');
  const PlacedGlyph* three0 = find(l, '3', 0);
  const PlacedGlyph* three2 = find(l, '3', 2);
  const PlacedGlyph* two = find(l, '2');
  const PlacedGlyph* four = find(l, '4');
  ASSERT_TRUE(one && three0 && three2 && two && four);
  const float adv3 = static_cast<float>(font().metrics(three2->glyph).advance);
  EXPECT_NEAR(centre_x(*one), (three0->x + three2->x + adv3) / 2, 0.5f) << "column 1 centred";
  EXPECT_NEAR(centre_x(*two), centre_x(*four), 0.5f) << "column 2 centred";
  EXPECT_NEAR(one->y, two->y, 0.01f) << "same row, same baseline";
  EXPECT_LT(three0->y, one->y - 0.8f * em()) << "second row below the first";
  // array{lr}: left edges equal in column 1, right edges in column 2.
  const DisplayList a = lay("\\begin{array}{lr} 1 & 2 \\\\ 333 & 444 \\end{array}");
  EXPECT_NEAR(find(a, '1')->x, find(a, '3', 0)->x, 0.01f);
  EXPECT_NEAR(find(a, '2')->x, find(a, '4', 2)->x, 0.01f);
  // array{c|c}: one vertical rule, between the columns, as tall as the rows.
  const DisplayList ruled = lay("\\begin{array}{c|c} 1 & 2 \\\\ 3 & 4 \\end{array}");
  ASSERT_EQ(ruled.rules.size(), 1u);
  const PlacedRule& rule = ruled.rules[0];
  EXPECT_GT(rule.x, find(ruled, '1')->x + static_cast<float>(font().metrics(find(ruled, '1')->glyph).advance));
  EXPECT_LT(rule.x + rule.width, find(ruled, '2')->x);
  EXPECT_LT(rule.y, ink_bottom(*find(ruled, '3')));
  EXPECT_GT(rule.y + rule.height, ink_top(*find(ruled, '1')));
  // align: the = signs of both lines line up.
  const DisplayList al = lay("\\begin{aligned} x &= 1 \\\\ yyy &= 22 \\end{aligned}", true);
  EXPECT_NEAR(find(al, '=', 0)->x, find(al, '=', 1)->x, 0.01f);
}

TEST(MathLayout, SpacingCommandsAddTheTeXAmounts) {
  const float base = lay("ab").width;
  EXPECT_NEAR(lay("a\\,b").width - base, 3.0f / 18 * em(), 0.01f);
  EXPECT_NEAR(lay("a\\:b").width - base, 4.0f / 18 * em(), 0.01f);
  EXPECT_NEAR(lay("a\\;b").width - base, 5.0f / 18 * em(), 0.01f);
  EXPECT_NEAR(lay("a\\quad b").width - base, 1.0f * em(), 0.01f);
  EXPECT_NEAR(lay("a\\qquad b").width - base, 2.0f * em(), 0.01f);
  EXPECT_NEAR(lay("a\\!b").width - base, -3.0f / 18 * em(), 0.01f);
}

TEST(MathLayout, AtomSpacingFollowsTheClassTable) {
  auto adv = [](char32_t c) { return static_cast<float>(font().metrics(font().glyph_for(c)).advance); };
  const float a = lay("a").width, b = lay("b").width;
  // Bin: medium space (4 mu) each side; Rel: thick (5 mu); a leading minus is unary (no space).
  EXPECT_NEAR(lay("a+b").width, a + b + adv('+') + 2 * 4.0f / 18 * em(), 0.5f);
  EXPECT_NEAR(lay("a=b").width, a + b + adv('=') + 2 * 5.0f / 18 * em(), 0.5f);
  EXPECT_NEAR(lay("-b").width, adv(0x2212) + b, 0.5f);
  // Punctuation: thin space after a comma.
  EXPECT_NEAR(lay("a,b").width, a + b + adv(',') + 3.0f / 18 * em(), 0.5f);
  // In script style the Bin space is dropped.
  EXPECT_LT(lay("x^{a+b}").width, lay("x^{a\\,+\\,b}").width);
}

TEST(MathLayout, RadicalCoversItsBody) {
  const DisplayList l = lay("\\sqrt{x}");
  ASSERT_EQ(l.rules.size(), 1u);
  const PlacedGlyph* x = find(l, italic('x'));
  EXPECT_GT(l.rules[0].y, ink_top(*x));
  EXPECT_LE(l.rules[0].x, x->x + 0.01f);
  EXPECT_GE(l.rules[0].x + l.rules[0].width, x->x + static_cast<float>(font().metrics(x->glyph).advance) - 0.01f);
  // A taller body gets a taller sign; an index is small and to the left.
  EXPECT_GT(lay("\\sqrt{\\frac{a}{b}}").height, lay("\\sqrt{x}").height);
  const DisplayList n = lay("\\sqrt[3]{x}");
  EXPECT_LT(find(n, '3')->x, find(n, italic('x'))->x);
  EXPECT_LT(find(n, '3')->scale, 0.6f);
}

TEST(MathLayout, AccentSitsAboveItsBase) {
  const DisplayList l = lay("\\hat{a}");
  ASSERT_EQ(l.glyphs.size(), 2u);
  const PlacedGlyph* a = find(l, italic('a'));
  const PlacedGlyph& hat = l.glyphs[1];
  EXPECT_GT(ink_bottom(hat), ink_top(*a) - 0.05f * em());
  EXPECT_NEAR(centre_x(hat), a->x + static_cast<float>(font().metrics(a->glyph).top_accent), 0.3f * em());
  // \overline draws a rule above; \widehat stretches over a wide base.
  EXPECT_EQ(lay("\\overline{AB}").rules.size(), 1u);
  const DisplayList w = lay("\\widehat{ABC}");
  const GlyphMetrics& wm = font().metrics(w.glyphs.back().glyph);
  EXPECT_GT(static_cast<float>(wm.xmax - wm.xmin), 1.5f * em());
}

TEST(MathLayout, AlphabetsMapToTheirUnicodeLetters) {
  struct Case {
    const char* tex;
    char32_t cp;
  };
  const Case cases[] = {{"x", 0x1D465},           {"h", 0x210E},
                        {"\\mathrm{d}", 'd'},     {"{\\rm d}", 'd'},
                        {"\\mathbb{R}", 0x211D},  {"\\mathbb{E}", 0x1D53C},
                        {"\\mathbf{v}", 0x1D42F}, {"\\boldsymbol{\\alpha}", 0x1D736},
                        {"\\mathcal{F}", 0x2131}, {"\\mathfrak{g}", 0x1D524},
                        {"\\alpha", 0x1D6FC},     {"\\Gamma", 0x393},
                        {"\\varphi", 0x1D711},    {"7", '7'}};
  for (const Case& c : cases) {
    const DisplayList l = lay(c.tex);
    ASSERT_EQ(l.glyphs.size(), 1u) << c.tex;
    EXPECT_EQ(l.glyphs[0].glyph, font().glyph_for(c.cp)) << c.tex;
  }
}

TEST(MathLayout, BoxedCancelAndTag) {
  EXPECT_EQ(lay("\\boxed{x=1}").rules.size(), 4u);
  EXPECT_EQ(lay("\\cancel{x}").lines.size(), 1u);
  EXPECT_EQ(lay("\\xcancel{x}").lines.size(), 2u);
  EXPECT_GT(lay("x \\tag{1}", true).width, lay("x", true).width + em());
  EXPECT_EQ(lay("a \\not= b").glyphs.size(), 3u);  // the single character U+2260
}

TEST(MathLayout, ErrorsComeBackWithPositionAndNeverThrow) {
  struct Case {
    const char* tex;
    const char* message;
    size_t pos;
  };
  const Case cases[] = {
      {"x + \\foo", "unknown command \\foo", 4},
      {"\\frac{a}", "\\frac needs an argument", 8},
      {"{x", "missing }", 0},
      {"x}", "unmatched }", 1},
      {"x^", "^ needs an argument", 2},
      {"x^1^2", "double superscript", 3},
      {"\\left( x", "\\left without \\right", 0},
      {"\\begin{foo}x\\end{foo}", "unknown environment foo", 0},
      {"\\begin{matrix}x\\end{pmatrix}", "\\begin{matrix} ended by \\end{pmatrix}", 0},
      {"\\sqrt[3{x}", "\\sqrt[: missing ]", 5},
  };
  for (const Case& c : cases) {
    const MathResult r = layout_math(c.tex, false, font());
    EXPECT_FALSE(r.ok) << c.tex;
    EXPECT_EQ(r.error, c.message) << c.tex;
    EXPECT_EQ(r.error_pos, c.pos) << c.tex;
  }
  // Pathological input: refused, not a stack overflow.
  EXPECT_FALSE(layout_math(std::string(5000, '{'), false, font()).ok);
  EXPECT_FALSE(layout_math(std::string("\xff\xfe"), false, font()).ok);
  EXPECT_FALSE(layout_math("\\", false, font()).ok);
  // Nested \middle pairs: laid out in bounded time, not 2^depth.
  std::string nested;
  for (int i = 0; i < 100; ++i) nested += "\\left( a \\middle| ";
  for (int i = 0; i < 100; ++i) nested += " b \\right)";
  EXPECT_TRUE(layout_math(nested, false, font()).ok);
}

}  // namespace
}  // namespace veloce::math
