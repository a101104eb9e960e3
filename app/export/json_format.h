#pragma once
// The JSON export format (docs/export-format.md): every conversation with every branch, uuids
// for conversations and messages, parents by uuid. The importer validates the whole file before
// anything is written, and names the field and the reason of the first problem it finds.
#include <QByteArray>
#include <QDateTime>
#include <QString>

#include <vector>

#include "app/export/export_types.h"
#include "app/storage/conversation_store.h"

namespace veloce::exporting {

inline constexpr const char* kJsonFormatName = "veloce-conversations";
inline constexpr int kJsonFormatVersion = 1;

// Conversations in the order given (the exporter sorts them by creation date, then uuid).
QByteArray export_json(const std::vector<ConversationExport>& conversations, const QDateTime& exported_at);

// Parses and validates; throws ExportError "<source>: <json path>: <reason>".
std::vector<ConversationExport> parse_json_export(const QByteArray& data, const QString& source);

// Reads path, validates it, and imports everything in one transaction (all or nothing).
// Conversations and messages already in the store (same uuid) are not added again.
storage::ImportResult import_json_file(storage::ConversationStore& store, const QString& path);

}  // namespace veloce::exporting
