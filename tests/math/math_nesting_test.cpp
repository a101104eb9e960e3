// Nesting: every construct that can hold another is bounded by the parser's depth limit, so a
// chain of thousands (the red team's 41 KB "\sqrt\sqrt...\sqrt2") is a one-line error, never a
// stack overflow; and a formula nested just within the limit goes through every pass (layout,
// MathML, SVG, PNG) without running out of stack either.
#include <gtest/gtest.h>

#include <string>
#include <vector>

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

std::string repeat(const std::string& s, int n) {
  std::string out;
  out.reserve(s.size() * static_cast<size_t>(n));
  for (int i = 0; i < n; ++i) out += s;
  return out;
}

struct Chain {
  const char* name;
  std::string tex;
};

// Each construct chained `n` deep, most of them without braces (an unbraced argument is parsed
// as one atom, which is how the depth limit used to be bypassed).
std::vector<Chain> chains(int n) {
  return {
      {"\\sqrt", repeat("\\sqrt", n) + "2"},
      {"\\sqrt[...]", repeat("\\sqrt[", n) + "2" + repeat("]x", n)},
      {"\\frac", repeat("\\frac1", n) + "2"},
      {"\\hat", repeat("\\hat", n) + " x"},
      {"\\mathbf", repeat("\\mathbf", n) + " x"},
      {"\\boxed", repeat("\\boxed", n) + " x"},
      {"\\not", repeat("\\not", n) + "="},
      {"\\underset", repeat("\\underset a", n) + " x"},
      {"\\stackrel", repeat("\\stackrel a", n) + "="},
      {"superscript", "x^" + repeat("\\hat", n) + " y"},
      {"subscript", "x_" + repeat("\\sqrt", n) + "2"},
      {"braced superscripts", repeat("x^{", n) + "2" + repeat("}", n)},
      {"\\left", repeat("\\left(", n) + "x" + repeat("\\right)", n)},
      {"matrices", repeat("\\begin{matrix}", n) + "x" + repeat("\\end{matrix}", n)},
  };
}

TEST(MathNesting, EveryConstructChainedFarBeyondTheLimitIsAClearError) {
  // 25,000 deep: an unbounded parser overflows an 8 MB stack on any of them.
  for (const Chain& c : chains(25000)) {
    for (bool display : {false, true}) {
      const MathResult r = layout_math(c.tex, display, font());
      EXPECT_FALSE(r.ok) << c.name;
      EXPECT_EQ(r.error, "formula nested too deeply (more than 120 levels)") << c.name;
      EXPECT_LT(r.error_pos, c.tex.size()) << c.name;
    }
    // The HTML export's writer keeps the source, as an error.
    const std::string m = to_mathml(c.tex, true);
    EXPECT_NE(m.find("<merror><mtext>"), std::string::npos) << c.name;
  }
}

TEST(MathNesting, AFormulaNestedWithinTheLimitGoesThroughEveryPass) {
  for (const Chain& c : chains(100)) {
    const MathResult r = layout_math(c.tex, true, font());
    ASSERT_TRUE(r.ok) << c.name << ": " << r.error;
    EXPECT_FALSE(r.list.glyphs.empty()) << c.name;
    EXPECT_EQ(to_mathml(c.tex, true).find("<merror>"), std::string::npos) << c.name;
    EXPECT_NE(to_svg(r.list, font(), 4).find("<svg "), std::string::npos) << c.name;
    Coverage png;
    std::string error;
    // At a small size: what matters here is the walk over the tree, not the pixels.
    EXPECT_TRUE(rasterize(r.list, font(), 4, &png, &error)) << c.name << ": " << error;
  }
}

}  // namespace
}  // namespace veloce::math
