#include "app/math/math_spans.h"

#include <array>
#include <string>

namespace veloce::math {
namespace {

// Environments that are display math on their own, outside any $ or \[.
constexpr std::array<std::string_view, 16> kDisplayEnvironments = {
    "align", "align*",  "equation", "equation*", "gather",  "gather*", "multline", "multline*",
    "cases", "aligned", "gathered", "matrix",    "pmatrix", "bmatrix", "vmatrix",  "array"};

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Length of the code fence ("```" or "~~~", three or more) that line `pos` opens, or 0. Up to three
// spaces of indentation are allowed, as in CommonMark.
size_t fence_at(std::string_view s, size_t pos, char* fence_char) {
  size_t i = pos, indent = 0;
  while (i < s.size() && s[i] == ' ' && indent < 4) ++i, ++indent;
  if (indent > 3 || i >= s.size() || (s[i] != '`' && s[i] != '~')) return 0;
  const char c = s[i];
  size_t n = 0;
  while (i + n < s.size() && s[i + n] == c) ++n;
  if (n < 3) return 0;
  *fence_char = c;
  return n;
}

size_t line_end(std::string_view s, size_t pos) {
  const size_t e = s.find('\n', pos);
  return e == std::string_view::npos ? s.size() : e + 1;
}

// Where the inline code span starting at `pos` (a run of backticks) ends, or npos if unclosed.
size_t code_span_end(std::string_view s, size_t pos, size_t* run_out) {
  size_t run = 0;
  while (pos + run < s.size() && s[pos + run] == '`') ++run;
  *run_out = run;
  for (size_t i = pos + run; i < s.size();) {
    if (s[i] != '`') {
      ++i;
      continue;
    }
    size_t r = 0;
    while (i + r < s.size() && s[i + r] == '`') ++r;
    if (r == run) return i + r;
    i += r;
  }
  return std::string_view::npos;
}

// A blank line ends a paragraph; inline math never crosses one.
bool has_blank_line(std::string_view s) {
  for (size_t i = 0; (i = s.find('\n', i)) != std::string_view::npos; ++i) {
    size_t j = i + 1;
    while (j < s.size() && (s[j] == ' ' || s[j] == '\t' || s[j] == '\r')) ++j;
    if (j < s.size() && s[j] == '\n') return true;
  }
  return false;
}

struct Found {
  SpanKind kind;
  size_t end, tex_begin, tex_end;
};

// The closing single $ for an opening one at `pos`, following Pandoc's rule.
bool single_dollar(std::string_view s, size_t pos, Found* f) {
  if (pos + 1 >= s.size() || is_space(s[pos + 1]) || s[pos + 1] == '$') return false;
  for (size_t i = pos + 1; i < s.size(); ++i) {
    if (s[i] == '\\') {
      ++i;
      continue;
    }  // \$ inside math is a dollar sign, not the end
    if (s[i] != '$') continue;
    if (is_space(s[i - 1])) continue;
    if (i + 1 < s.size() && is_digit(s[i + 1])) continue;
    if (has_blank_line(s.substr(pos, i - pos))) return false;
    *f = {SpanKind::InlineMath, i + 1, pos + 1, i};
    return true;
  }
  return false;
}

bool closed_by(std::string_view s, size_t pos, std::string_view open, std::string_view close, SpanKind kind, Found* f) {
  const size_t start = pos + open.size();
  for (size_t i = start; i + close.size() <= s.size(); ++i) {
    if (s.compare(i, close.size(), close) == 0) {
      if (i == start) return false;  // "$$$$" or "\(\)": nothing to render
      if (kind == SpanKind::InlineMath && has_blank_line(s.substr(start, i - start))) return false;
      *f = {kind, i + close.size(), start, i};
      return true;
    }
    if (s[i] == '\\' && close[0] == '$') ++i;  // an escaped \$ does not close $$
  }
  return false;
}

// \begin{env} ... \end{env} for a display environment, nested ones of the same name counted.
bool environment(std::string_view s, size_t pos, Found* f) {
  constexpr std::string_view kBegin = "\\begin{";
  if (s.compare(pos, kBegin.size(), kBegin) != 0) return false;
  const size_t name_begin = pos + kBegin.size();
  const size_t close = s.find('}', name_begin);
  if (close == std::string_view::npos) return false;
  const std::string_view name = s.substr(name_begin, close - name_begin);
  bool known = false;
  for (std::string_view e : kDisplayEnvironments) known = known || e == name;
  if (!known) return false;
  const std::string begin_tag = "\\begin{" + std::string(name) + "}";
  const std::string end_tag = "\\end{" + std::string(name) + "}";
  int depth = 1;
  for (size_t i = close + 1; i < s.size(); ++i) {
    if (s.compare(i, begin_tag.size(), begin_tag) == 0) ++depth;
    if (s.compare(i, end_tag.size(), end_tag) == 0 && --depth == 0) {
      *f = {SpanKind::DisplayMath, i + end_tag.size(), pos, i + end_tag.size()};
      return true;
    }
  }
  return false;
}

}  // namespace

std::vector<MathSpan> find_math_spans(std::string_view s) {
  std::vector<MathSpan> out;
  size_t text_begin = 0;
  auto flush_text = [&](size_t upto) {
    if (upto > text_begin) out.push_back({SpanKind::Text, text_begin, upto, text_begin, upto});
  };
  bool at_line_start = true;
  size_t i = 0;
  while (i < s.size()) {
    if (at_line_start) {
      char fc = 0;
      if (const size_t n = fence_at(s, i, &fc)) {
        // Skip to the closing fence (same character, at least as long) or to the end.
        size_t j = line_end(s, i);
        while (j < s.size()) {
          char cc = 0;
          const size_t m = fence_at(s, j, &cc);
          j = line_end(s, j);
          if (m >= n && cc == fc) break;
        }
        i = j;
        continue;
      }
    }
    const char c = s[i];
    at_line_start = c == '\n';
    Found f{};
    bool hit = false;
    if (c == '`') {
      size_t run = 0;
      const size_t e = code_span_end(s, i, &run);
      i = e == std::string_view::npos ? i + run : e;
      continue;
    }
    if (c == '\\' && i + 1 < s.size()) {
      const char n = s[i + 1];
      if (n == '(') hit = closed_by(s, i, "\\(", "\\)", SpanKind::InlineMath, &f);
      else if (n == '[') hit = closed_by(s, i, "\\[", "\\]", SpanKind::DisplayMath, &f);
      else if (n == 'b') hit = environment(s, i, &f);
      if (!hit) {
        i += 2;  // an escaped character ("\$") is text and starts nothing
        continue;
      }
    } else if (c == '$') {
      if (i + 1 < s.size() && s[i + 1] == '$') hit = closed_by(s, i, "$$", "$$", SpanKind::DisplayMath, &f);
      else hit = single_dollar(s, i, &f);
      if (!hit) {
        // A $$ that does not close is two literal dollars; skip both so the second starts nothing.
        i += (i + 1 < s.size() && s[i + 1] == '$') ? 2 : 1;
        continue;
      }
    }
    if (!hit) {
      ++i;
      continue;
    }
    flush_text(i);
    out.push_back({f.kind, i, f.end, f.tex_begin, f.tex_end});
    text_begin = i = f.end;
  }
  flush_text(s.size());
  return out;
}

}  // namespace veloce::math
