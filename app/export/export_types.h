#pragma once
// What every exporter works from: one conversation with every message of every branch, read
// from the store in one go so the exporters never touch the database.
#include <QString>

#include <optional>
#include <vector>

#include "app/storage/records.h"

namespace veloce::storage {
class ConversationStore;
}

namespace veloce::exporting {

enum class ExportFormat { Markdown, Json, Html, Text, Pdf };

// "md", "json", "html", "txt", "pdf" (also accepts "markdown", "text"); nullopt otherwise.
std::optional<ExportFormat> format_from_name(const QString& name);
QString file_extension(ExportFormat format);  // without the dot

struct ConversationExport {
  storage::Conversation conversation;
  std::vector<storage::Message> messages;  // every branch, parents before children
};

// Throws StoreError when the conversation does not exist.
ConversationExport load_for_export(const storage::ConversationStore& store, qint64 conversation_id);

// The branch the user sees (root first, following each shown child), taken from
// export.messages; the human-readable formats print this one.
struct ShownMessage {
  const storage::Message* message;
  int version;   // 1-based position among its siblings
  int versions;  // number of siblings (alternative versions) including itself
};
std::vector<ShownMessage> shown_branch(const ConversationExport& conversation);

// Dates as written in every export: ISO 8601, UTC, milliseconds ("2024-05-01T10:00:00.000Z").
QString export_date(const QDateTime& time);

}  // namespace veloce::exporting
