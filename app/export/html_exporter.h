#pragma once
// Standalone HTML: one file, semantic HTML (a heading per message, replies' Markdown as <h2>,
// <strong>, <blockquote>, <table>..., semantic_html.h) styled by one small stylesheet in its
// <head>; nothing loaded from anywhere (no script, no external URL, and a Content-Security-Policy
// that forbids every load should anything slip in). All text, titles included, is escaped; what
// the user wrote is shown as written (pre-wrap). Dates are in the reader's locale and time zone;
// each reply carries its own figures. Formulas are MathML. The output is also well-formed XML,
// so tests can parse it strictly. Needs a QGuiApplication.
#include <QByteArray>

#include "app/export/export_types.h"

namespace veloce::exporting {
QByteArray export_html(const ConversationExport& conversation);
}
