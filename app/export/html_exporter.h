#pragma once
// Standalone HTML: one file, styles inline, nothing loaded from anywhere (no script, no external
// URL, and a Content-Security-Policy that forbids every load should anything slip in). All text,
// titles included, is escaped; message text is shown as written (pre-wrap), never interpreted
// as HTML or Markdown. The output is also well-formed XML, so tests can parse it strictly.
#include <QByteArray>

#include "app/export/export_types.h"

namespace veloce::exporting {
QByteArray export_html(const ConversationExport& conversation);
}
