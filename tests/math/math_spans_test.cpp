// find_math_spans: which parts of a Markdown text are math, with prices, code and escapes left alone.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "app/math/math_spans.h"

namespace veloce::math {
namespace {

// "T:text" "I:tex" "D:tex" for each span: readable expectations.
std::vector<std::string> describe(std::string_view s) {
  std::vector<std::string> out;
  for (const MathSpan& sp : find_math_spans(s)) {
    const char k = sp.kind == SpanKind::Text ? 'T' : sp.kind == SpanKind::InlineMath ? 'I' : 'D';
    out.push_back(std::string(1, k) + ":" + std::string(s.substr(sp.tex_begin, sp.tex_end - sp.tex_begin)));
  }
  return out;
}

using V = std::vector<std::string>;

TEST(MathSpans, SpansCoverTheTextExactlyInOrder) {
  const std::string texts[] = {"a $x$ b $$y$$ c \\(z\\) d \\[w\\] e",   "$5 and $10",         "`$x$` $y$", "", "$", "$$",
                               "\\begin{align} a&=b \\end{align} tail", "```\n$x$\n```\n$y$", "\\$5 $a$"};
  for (const std::string& t : texts) {
    std::string joined;
    size_t at = 0;
    for (const MathSpan& sp : find_math_spans(t)) {
      EXPECT_EQ(sp.begin, at) << t;
      joined += t.substr(sp.begin, sp.end - sp.begin);
      at = sp.end;
    }
    EXPECT_EQ(joined, t);
  }
}

TEST(MathSpans, AllFourDelimiters) {
  EXPECT_EQ(describe("a $x^2$ b"), (V{"T:a ", "I:x^2", "T: b"}));
  EXPECT_EQ(describe("$$\\sum_k k$$"), (V{"D:\\sum_k k"}));
  EXPECT_EQ(describe("so \\(a+b\\)."), (V{"T:so ", "I:a+b", "T:."}));
  EXPECT_EQ(describe("\\[\n\\frac{1}{2}\n\\]"), (V{"D:\n\\frac{1}{2}\n"}));
}

TEST(MathSpans, PricesAreNotMath) {
  EXPECT_EQ(describe("It costs $5 and $10 today."), (V{"T:It costs $5 and $10 today."}));
  EXPECT_EQ(describe("between $5 and $6"), (V{"T:between $5 and $6"}));
  EXPECT_EQ(describe("$ x$"), (V{"T:$ x$"}));  // space after the opening $
  EXPECT_EQ(describe("$x $"), (V{"T:$x $"}));  // space before the closing $
  EXPECT_EQ(describe("$x$5"), (V{"T:$x$5"}));  // digit right after the closing $
  EXPECT_EQ(describe("costs $3.50 (or $4)"), (V{"T:costs $3.50 (or $4)"}));
  EXPECT_EQ(describe("US$ 20"), (V{"T:US$ 20"}));
}

TEST(MathSpans, DollarRuleDetails) {
  EXPECT_EQ(describe("$a$, $b$"), (V{"I:a", "T:, ", "I:b"}));
  EXPECT_EQ(describe("$a$b"), (V{"I:a", "T:b"}));  // a letter after the closing $ is fine
  EXPECT_EQ(describe("$\\$5$"), (V{"I:\\$5"}));    // an escaped dollar inside math
  EXPECT_EQ(describe("\\$5 and $x$"), (V{"T:\\$5 and ", "I:x"}));
  EXPECT_EQ(describe("$a\n\nb$"), (V{"T:$a\n\nb$"}));  // never across a paragraph break
  EXPECT_EQ(describe("$a\nb$"), (V{"I:a\nb"}));
  EXPECT_EQ(describe("$$ a $$"), (V{"D: a "}));  // $$ allows spaces inside
  EXPECT_EQ(describe("$$$$"), (V{"T:$$$$"}));
  EXPECT_EQ(describe("$$x"), (V{"T:$$x"}));
  EXPECT_EQ(describe("unclosed $x"), (V{"T:unclosed $x"}));
}

TEST(MathSpans, CodeIsNeverMath) {
  EXPECT_EQ(describe("`$x$` and $y$"), (V{"T:`$x$` and ", "I:y"}));
  EXPECT_EQ(describe("``a ` $x$`` $y$"), (V{"T:``a ` $x$`` ", "I:y"}));
  EXPECT_EQ(describe("```python\nprint('$x$')\n```\nthen $y$"), (V{"T:```python\nprint('$x$')\n```\nthen ", "I:y"}));
  EXPECT_EQ(describe("~~~\n\\[x\\]\n~~~"), (V{"T:~~~\n\\[x\\]\n~~~"}));
  EXPECT_EQ(describe("```\n$x$"), (V{"T:```\n$x$"}));            // an unclosed fence runs to the end
  EXPECT_EQ(describe("a ``` b $x$"), (V{"T:a ``` b ", "I:x"}));  // not at a line start: a code span opener with no close
}

TEST(MathSpans, Environments) {
  EXPECT_EQ(describe("\\begin{align}a&=b\\\\c&=d\\end{align}"), (V{"D:\\begin{align}a&=b\\\\c&=d\\end{align}"}));
  EXPECT_EQ(describe("x \\begin{cases}1\\end{cases} y"), (V{"T:x ", "D:\\begin{cases}1\\end{cases}", "T: y"}));
  EXPECT_EQ(describe("\\begin{equation*}E=mc^2\\end{equation*}"), (V{"D:\\begin{equation*}E=mc^2\\end{equation*}"}));
  EXPECT_EQ(describe("\\begin{itemize}x\\end{itemize}"), (V{"T:\\begin{itemize}x\\end{itemize}"}));
  EXPECT_EQ(describe("\\begin{align} no end"), (V{"T:\\begin{align} no end"}));
  // Nested environments of the same name are counted.
  EXPECT_EQ(describe("\\begin{gather}\\begin{gather}a\\end{gather}\\end{gather}"),
            (V{"D:\\begin{gather}\\begin{gather}a\\end{gather}\\end{gather}"}));
  // Inside \[...\] an environment is part of that math, not a span of its own.
  EXPECT_EQ(describe("\\[\\begin{aligned}a\\end{aligned}\\]"), (V{"D:\\begin{aligned}a\\end{aligned}"}));
}

TEST(MathSpans, BackslashDelimitersAndEscapes) {
  EXPECT_EQ(describe("\\(x"), (V{"T:\\(x"}));
  EXPECT_EQ(describe("\\(\\)"), (V{"T:\\(\\)"}));
  EXPECT_EQ(describe("a \\[x\\] b \\(y\\)"), (V{"T:a ", "D:x", "T: b ", "I:y"}));
  EXPECT_EQ(describe("\\\\(x\\\\)"), (V{"T:\\\\(x\\\\)"}));  // an escaped backslash starts nothing
  EXPECT_EQ(describe("$\\text{a \\$ b}$"), (V{"I:\\text{a \\$ b}"}));
  EXPECT_EQ(describe("100% sure, $50%$"), (V{"T:100% sure, ", "I:50%"}));
  EXPECT_EQ(describe("$x$$y$"), (V{"I:x", "I:y"}));
}

}  // namespace
}  // namespace veloce::math
