// The writers: SVG (outlines as paths), PNG (rasterised coverage) and MathML (with the TeX).
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <string>

#include "app/math/math_mathml.h"
#include "app/math/math_raster.h"
#include "app/math/math_render.h"
#include "app/math/math_svg.h"

namespace veloce::math {
namespace {

const MathFont& font() {
  static const std::shared_ptr<MathFont> f = MathFont::default_font();
  return *f;
}

size_t count(const std::string& s, const std::string& what) {
  size_t n = 0;
  for (size_t i = s.find(what); i != std::string::npos; i = s.find(what, i + 1)) ++n;
  return n;
}

TEST(MathOutput, SvgHasOnePathPerDistinctGlyphAndOneUsePerPlacedGlyph) {
  const MathResult r = layout_math("\\frac{a+a}{2}", false, font());
  ASSERT_TRUE(r.ok);
  const std::string svg = to_svg(r.list, font(), 20);
  EXPECT_EQ(count(svg, "<use "), r.list.glyphs.size());
  EXPECT_EQ(count(svg, "<path "), 3u);  // a, +, 2
  EXPECT_EQ(count(svg, "<rect "), 1u);  // the fraction bar
  EXPECT_NE(svg.find(" d=\"M"), std::string::npos);
  EXPECT_NE(svg.find("scale(0.7"), std::string::npos);  // numerator and denominator in script size
}

TEST(MathOutput, PngCoverageIsInkWhereTheGlyphsAre) {
  const MathResult r = layout_math("\\frac{1}{2}", true, font());
  ASSERT_TRUE(r.ok);
  Coverage c;
  std::string error;
  ASSERT_TRUE(rasterize(r.list, font(), 40, &c, &error, 2)) << error;
  EXPECT_EQ(c.width, static_cast<int>(std::ceil(r.list.width * 40 / 1000)) + 4);
  // The fraction bar is a full-ink row crossing the middle at the axis.
  const float axis_px = static_cast<float>(font().constant(HB_OT_MATH_CONSTANT_AXIS_HEIGHT)) * 40 / 1000;
  const int bar_row = c.baseline - static_cast<int>(std::lround(axis_px));
  int dark = 0;
  for (int x = 0; x < c.width; ++x) dark += c.alpha[static_cast<size_t>(bar_row * c.width + x)] > 128;
  EXPECT_GT(dark, c.width / 2);
  // The corners are empty; the whole image has some ink but is mostly paper.
  EXPECT_EQ(c.alpha[0], 0);
  size_t ink = 0;
  for (uint8_t a : c.alpha) ink += a;
  EXPECT_GT(ink, 0u);
  EXPECT_LT(ink, c.alpha.size() * 255 / 3);
  // Written and read back, the pixels are the same.
  const std::string path = (std::filesystem::temp_directory_path() / "veloce_math_test.png").string();
  ASSERT_TRUE(write_png(path, c, 0, false, &error)) << error;
  Coverage back;
  ASSERT_TRUE(read_png_coverage(path, &back, &error)) << error;
  EXPECT_EQ(back.width, c.width);
  EXPECT_EQ(back.alpha, c.alpha);
  std::filesystem::remove(path);
  EXPECT_FALSE(write_png("/nonexistent-dir/x.png", c, 0, false, &error));
  EXPECT_NE(error.find("/nonexistent-dir/x.png"), std::string::npos);
}

// A matrix of `n` x `n` cells (each "x_{ij}").
std::string matrix(int n) {
  std::string tex = "\\begin{pmatrix}";
  for (int r = 0; r < n; ++r) {
    for (int c = 0; c < n; ++c) tex += (c ? " & x_{" : "x_{") + std::to_string(r) + std::to_string(c) + "}";
    tex += " \\\\ ";
  }
  return tex + "\\end{pmatrix}";
}

TEST(MathOutput, ARasterOverTheSizeLimitIsRefusedUpFrontWithTheReason) {
  const MathResult r = layout_math(matrix(40), true, font());
  ASSERT_TRUE(r.ok) << r.error;
  Coverage c;
  std::string error;
  // At 256 px per em the image would be tens of thousands of pixels on each side.
  EXPECT_FALSE(rasterize(r.list, font(), 256, &c, &error));
  EXPECT_EQ(error.rfind("formula too large to rasterise: ", 0), 0u) << error;
  EXPECT_NE(error.find(" at 256 px/em, over the limit of 16777216 pixels (4096 x 4096); use a smaller size"),
            std::string::npos)
      << error;
  EXPECT_TRUE(c.alpha.empty());  // nothing allocated, nothing cut
  EXPECT_EQ(c.width, 0);
  // The same matrix small enough is drawn whole: its box, padding included, not clipped.
  ASSERT_TRUE(rasterize(r.list, font(), 8, &c, &error)) << error;
  EXPECT_EQ(c.width, static_cast<int>(std::ceil(r.list.width * 8 / 1000)) + 4);
  EXPECT_EQ(c.alpha.size(), static_cast<size_t>(c.width) * static_cast<size_t>(c.height));
}

TEST(MathOutput, MathmlWritesANumberAsOneMn) {
  const std::string n = to_mathml("541", false);
  EXPECT_NE(n.find("<mrow><mn>541</mn></mrow>"), std::string::npos) << n;
  EXPECT_EQ(count(n, "<mn>"), 1u) << n;
  // With a decimal point, and inside a script.
  const std::string pi = to_mathml("\\pi \\approx 3.14159", false);
  EXPECT_NE(pi.find("<mn>3.14159</mn>"), std::string::npos) << pi;
  const std::string sub = to_mathml("x_{12}", false);
  EXPECT_NE(sub.find("<mrow><mn>12</mn></mrow></msub>"), std::string::npos) << sub;
  // A script binds to the last digit in TeX; in MathML it goes on the whole number.
  const std::string power = to_mathml("10^5", false);
  EXPECT_NE(power.find("<msup><mn>10</mn><mrow><mn>5</mn></mrow></msup>"), std::string::npos) << power;
  // Not numbers: a comma between digits (a list or a thousands separator: TeX spaces it as
  // punctuation), a second point, and a point that no digit follows.
  const std::string list = to_mathml("1,2", false);
  EXPECT_NE(list.find("<mn>1</mn>"), std::string::npos) << list;
  EXPECT_NE(list.find("<mn>2</mn>"), std::string::npos) << list;
  const std::string two_points = to_mathml("1.2.3", false);
  EXPECT_NE(two_points.find("<mn>1.2</mn>"), std::string::npos) << two_points;
  EXPECT_NE(two_points.find("<mn>3</mn>"), std::string::npos) << two_points;
  const std::string end = to_mathml("x = 3.", false);
  EXPECT_NE(end.find("<mn>3</mn>"), std::string::npos) << end;
}

TEST(MathOutput, MathmlIsPresentationMarkupWithTheTexAnnotation) {
  const std::string m = to_mathml("\\frac{a}{b} < \\sqrt[3]{x^2}", true);
  EXPECT_EQ(m.rfind("<math xmlns=\"http://www.w3.org/1998/Math/MathML\" display=\"block\">", 0), 0u);
  EXPECT_NE(m.find("<mfrac><mrow><mi>\xF0\x9D\x91\x8E</mi></mrow>"), std::string::npos);  // italic a
  EXPECT_NE(m.find("<mo>&lt;</mo>"), std::string::npos);
  EXPECT_NE(m.find("<mroot>"), std::string::npos);
  EXPECT_NE(m.find("<msup>"), std::string::npos);
  EXPECT_NE(m.find("<annotation encoding=\"application/x-tex\">\\frac{a}{b} &lt; \\sqrt[3]{x^2}</annotation>"),
            std::string::npos);
  const std::string sum = to_mathml("\\sum_{k=1}^n k", false);
  EXPECT_NE(sum.find("<munderover><mo largeop=\"true\" movablelimits=\"true\">\xE2\x88\x91</mo>"), std::string::npos);
  EXPECT_NE(to_mathml("\\begin{pmatrix}1&2\\end{pmatrix}", false).find("<mtable"), std::string::npos);
  // Delimiters carry their TeX class, so a browser gives "f(x)" and "|x|" no operator space.
  const std::string f = to_mathml("f(x) = |x|", false);
  EXPECT_NE(f.find("<mo form=\"prefix\" stretchy=\"false\">(</mo>"), std::string::npos) << f;
  EXPECT_NE(f.find("<mo form=\"postfix\" stretchy=\"false\">)</mo>"), std::string::npos) << f;
  EXPECT_NE(f.find("<mo lspace=\"0\" rspace=\"0\" stretchy=\"false\">|</mo>"), std::string::npos) << f;
  EXPECT_NE(f.find("<mo>=</mo>"), std::string::npos) << f;
  // A unary minus takes no infix space (TeX's rule 5), nor do relations in limits and scripts.
  const std::string u = to_mathml("(-1)^k - \\sum_{k=0}^{n} a", true);
  EXPECT_NE(u.find("<mo form=\"prefix\">\xE2\x88\x92</mo><mn>1</mn>"), std::string::npos) << u;
  EXPECT_NE(u.find("<mo>\xE2\x88\x92</mo>"), std::string::npos) << u;  // the binary one after ^k
  EXPECT_NE(u.find("<mi>\xF0\x9D\x91\x98</mi><mo lspace=\"0\" rspace=\"0\">=</mo>"), std::string::npos) << u;
  // align's cells say their alignment in CSS too (browsers ignore columnalign), with no gap.
  const std::string al = to_mathml("\\begin{align} x &= 1 \\\\ y &= 2 \\end{align}", true);
  EXPECT_NE(al.find("<mtd style=\"text-align: right; text-align: -webkit-right; padding-left: 0; padding-right: 0\">"),
            std::string::npos)
      << al;
  // A formula that does not parse keeps its source, as an error.
  const std::string bad = to_mathml("\\foo{x}", false);
  EXPECT_NE(bad.find("<merror><mtext>\\foo{x}</mtext></merror>"), std::string::npos);
}

}  // namespace
}  // namespace veloce::math
