#pragma once
// A reply's Markdown as HTML for the exports (HTML, and PDF through it), rendered like the chat
// view and under its rules for untrusted Markdown: the chat view's renderer does the prose (raw
// HTML stays text, images become a placeholder and are never loaded), code blocks become <pre>
// in monospace under their language. Links are not clickable: their address is printed after
// the text, since an exported file has no "ask first" dialog. The result is a well-formed XML
// fragment with inline styles only. Needs a QGuiApplication (fonts).
#include <QString>

namespace veloce::exporting {

QString markdown_to_export_html(const QString& markdown);

// text with &, <, >, " and ' escaped and characters XML forbids replaced by U+FFFD.
QString html_escaped(const QString& text);

}  // namespace veloce::exporting
