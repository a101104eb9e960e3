#pragma once
// Plain text: the metadata, the system prompt, then the shown branch, each message under a
// "User:" / "Assistant:" line. Nothing is escaped or reformatted.
#include <QByteArray>

#include "app/export/export_types.h"

namespace veloce::exporting {
QByteArray export_text(const ConversationExport& conversation);
}
