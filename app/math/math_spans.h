#pragma once
// Finding the math in a Markdown text: splits it into plain-text, inline-math and display-math
// spans. Delimiters: $...$, $$...$$, \(...\), \[...\] and bare \begin{env}...\end{env} for the
// display environments models write. Code spans and fenced code blocks are never searched.
// A single $ follows Pandoc's rule so that prices ("$5 and $10") stay text: the opening $ has a
// non-space right after it, the closing $ a non-space right before it and no digit right after it.
#include <cstddef>
#include <string_view>
#include <vector>

namespace veloce::math {

enum class SpanKind { Text, InlineMath, DisplayMath };

struct MathSpan {
  SpanKind kind = SpanKind::Text;
  size_t begin = 0, end = 0;          // the whole span in the source, delimiters included
  size_t tex_begin = 0, tex_end = 0;  // the TeX inside the delimiters (a \begin..\end keeps both)
};

// The spans cover the text exactly, in order: concatenating [begin, end) of each gives `text`
// back, so the source is kept exactly as written. An unclosed delimiter is text.
std::vector<MathSpan> find_math_spans(std::string_view text);

}  // namespace veloce::math
