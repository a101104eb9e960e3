#pragma once
// A reply's Markdown as Qt rich text for the PDF export (pdf_html.h), rendered like the chat
// view and under its rules for untrusted Markdown: the chat view's renderer does the prose (raw
// HTML stays text, images become a placeholder and are never loaded), code blocks become <pre>
// in monospace under their language. Links are not clickable: their address is printed after
// the text, since an exported file has no "ask first" dialog. The result is a well-formed XML
// fragment with inline styles only. The standalone HTML export writes semantic HTML instead
// (semantic_html.h). Needs a QGuiApplication (fonts).
//
// Formulas ($...$, \[...\] and the rest, app/models/math_spans.h) keep their exact source. With
// no `math_sources` they become presentation MathML, which browsers render natively, with the
// TeX in an <annotation encoding="application/x-tex">. Qt's rich text cannot show MathML, so the
// PDF export passes `math_sources` instead: each formula stays a placeholder (mathPlaceholder(k),
// k counting on across calls) and its source is appended there, for pdf_math.h to draw once Qt
// has parsed the page.
#include <QString>
#include <QStringList>

namespace veloce::exporting {

QString markdown_to_export_html(const QString& markdown, QStringList* math_sources = nullptr);

// text with &, <, >, " and ' escaped and characters XML forbids replaced by U+FFFD.
QString html_escaped(const QString& text);

// One formula's source as protectMath() collected it ("$x$", "\\[x\\]") as presentation MathML
// with the TeX in an annotation; the source itself, escaped, when it holds no formula.
QString formula_mathml(const QString& source);

}  // namespace veloce::exporting
