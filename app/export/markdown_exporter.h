#pragma once
// Markdown: a metadata list, the system prompt as a quote, then the shown branch, one heading per
// message. Message text is written as it is, since it already is Markdown.
#include <QByteArray>

#include "app/export/export_types.h"

namespace veloce::exporting {
QByteArray export_markdown(const ConversationExport& conversation);
}
