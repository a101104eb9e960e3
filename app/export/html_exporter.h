#pragma once
// Standalone HTML: one file, styles inline, nothing loaded from anywhere (no script, no external
// URL, and a Content-Security-Policy that forbids every load should anything slip in). All text,
// titles included, is escaped; what the user wrote is shown as written (pre-wrap), replies are
// Markdown rendered as in the chat (html_markdown.h: never raw HTML, never a remote image, links
// as text). Dates are in the reader's locale and time zone; each reply carries its own figures.
// The output is also well-formed XML, so tests can parse it strictly. Needs a QGuiApplication.
// Formulas in replies are MathML (html_markdown.h).
#include <QByteArray>

#include "app/export/export_types.h"

namespace veloce::exporting {
QByteArray export_html(const ConversationExport& conversation);
}
