#pragma once
// A reply's Markdown as semantic HTML for the standalone HTML export: headings are <h1>..<h6>,
// emphasis <strong>/<em>/<del>, quotes <blockquote>, code <code> and <pre><code>, lists
// <ul>/<ol>/<li>, tables <table> with <th> headers, so a browser's outline, a screen reader and
// a paste into another editor keep the structure. The look comes from the page's one stylesheet
// (html_exporter.cpp); no element here carries a style of its own, formulas aside.
//
// The chat's rules for untrusted Markdown hold (html_markdown.h): Qt's Markdown parser reads the
// text with raw HTML disabled, so markup in a reply stays text; every piece of text is escaped;
// an image becomes "[image not loaded: URL]"; a link becomes its text and its address, never a
// clickable <a>. Formulas are MathML with their TeX in an annotation, as in html_markdown.h.
// The result is a well-formed XML fragment. Needs a QGuiApplication (Qt's text document).
#include <QString>

namespace veloce::exporting {

QString markdown_to_semantic_html(const QString& markdown);

}  // namespace veloce::exporting
