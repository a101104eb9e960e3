#pragma once
// PDF through Qt's own PDF writer: the conversation as rich text (pdf_html.h) laid out by
// QTextDocument on A4 pages.
// Needs a QGuiApplication (fonts); works under QT_QPA_PLATFORM=offscreen. QTextDocument is given
// no resource loader, so nothing outside the document is ever read.
#include <QIODevice>

#include "app/export/export_types.h"

namespace veloce::exporting {
// Throws ExportError when there is no QGuiApplication.
void export_pdf(const ConversationExport& conversation, QIODevice& out);
}  // namespace veloce::exporting
