#pragma once
// Math in model output ($...$, $$...$$, \(...\), \[...\], \begin{align}...) is TeX source that
// Markdown must not touch: backslash escapes would eat "\(" and "\,", and "*" or "_" inside a
// formula would turn into emphasis. The prose renderer swaps each span for a placeholder before
// the Markdown parser runs, then puts back either the exact source or a drawing of the formula
// (inline_math.h; the exports: app/export/html_markdown.h). `display` says inline or on its own.
#include <QString>
#include <QStringList>
#include <vector>

class QTextCursor;
class QTextDocument;

namespace veloce::app {

struct MathSpan {
  qsizetype start = 0;       // offset of the opening delimiter in the prose
  qsizetype length = 0;      // delimiters included
  bool display = false;      // $$...$$ or \[...\]
  qsizetype innerStart = 0;  // the TeX between the delimiters
  qsizetype innerLength = 0;
};

// Math spans of a prose run, in order, outside inline code spans (`...`), found by the math
// library's rules (app/math/math_spans.h) with offsets in UTF-16 units: $...$, $$...$$, \(...\),
// \[...\] and bare display environments (\begin{align}...\end{align}: display, the TeX keeps the
// \begin and \end). An escaped dollar (\$) opens nothing; a single $ opens inline math only when
// followed by a non-space and closes only after a non-space that is not followed by a digit, so
// "$5 and $10" stays text.
std::vector<MathSpan> findMathSpans(const QString& prose);

// `prose` with every math span replaced by a placeholder the Markdown parser leaves alone;
// `sources` receives the spans' exact text, in placeholder order.
QString protectMath(const QString& prose, QStringList& sources);

// The k-th placeholder protectMath() writes (private-use characters Markdown leaves alone).
QString mathPlaceholder(qsizetype k);

// Replaces the placeholders in a parsed document by the sources, as plain text in the format
// around them (line breaks inside a span stay line breaks of the same paragraph).
void restoreMath(QTextDocument& doc, const QStringList& sources);

// One formula's source as protectMath() collected it ("$x$", "\\[x\\]", "\\begin{align}..."):
// the TeX to lay out and whether it is displayed. Empty `tex` when `source` holds no formula.
struct Formula {
  QString tex;
  bool display = false;
};
Formula formulaOf(const QString& source);

// Puts `source` at `cursor` (replacing its selection) as text in monospace, in the format around
// it: how a formula the engine cannot lay out is shown, with its line breaks kept inside the
// paragraph.
void insertFormulaSource(QTextCursor& cursor, const QString& source);

}  // namespace veloce::app
