#pragma once
// Math in model output ($...$, $$...$$, \(...\), \[...\]) is TeX source that Markdown must not
// touch: backslash escapes would eat "\(" and "\,", and "*" or "_" inside a formula would turn
// into emphasis. The prose renderer swaps each span for a placeholder before the Markdown parser
// runs and puts the exact source back afterwards. The spans are also what a math layout engine
// will later draw in place of the source (`display` says inline or on its own).
#include <QString>
#include <QStringList>
#include <vector>

class QTextDocument;

namespace veloce::app {

struct MathSpan {
  qsizetype start = 0;       // offset of the opening delimiter in the prose
  qsizetype length = 0;      // delimiters included
  bool display = false;      // $$...$$ or \[...\]
  qsizetype innerStart = 0;  // the TeX between the delimiters
  qsizetype innerLength = 0;
};

// Math spans of a prose run, in order, outside inline code spans (`...`). An escaped dollar
// (\$) opens nothing; a single $ opens inline math only when followed by a non-space and closes
// only after a non-space that is not followed by a digit, so "$5 and $10" stays text.
std::vector<MathSpan> findMathSpans(const QString& prose);

// `prose` with every math span replaced by a placeholder the Markdown parser leaves alone;
// `sources` receives the spans' exact text, in placeholder order.
QString protectMath(const QString& prose, QStringList& sources);

// The k-th placeholder protectMath() writes (private-use characters Markdown leaves alone).
QString mathPlaceholder(qsizetype k);

// Replaces the placeholders in a parsed document by the sources, as plain text in the format
// around them (line breaks inside a span stay line breaks of the same paragraph).
void restoreMath(QTextDocument& doc, const QStringList& sources);

}  // namespace veloce::app
