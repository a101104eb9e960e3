#include "app/export/export_types.h"

#include <map>

#include "app/storage/conversation_store.h"

namespace veloce::exporting {

std::optional<ExportFormat> format_from_name(const QString& name) {
  const QString n = name.toLower();
  if (n == QLatin1String("md") || n == QLatin1String("markdown")) return ExportFormat::Markdown;
  if (n == QLatin1String("json")) return ExportFormat::Json;
  if (n == QLatin1String("html")) return ExportFormat::Html;
  if (n == QLatin1String("txt") || n == QLatin1String("text")) return ExportFormat::Text;
  if (n == QLatin1String("pdf")) return ExportFormat::Pdf;
  return std::nullopt;
}

QString file_extension(ExportFormat format) {
  switch (format) {
    case ExportFormat::Markdown: return QStringLiteral("md");
    case ExportFormat::Json: return QStringLiteral("json");
    case ExportFormat::Html: return QStringLiteral("html");
    case ExportFormat::Text: return QStringLiteral("txt");
    case ExportFormat::Pdf: return QStringLiteral("pdf");
  }
  return QStringLiteral("txt");
}

ConversationExport load_for_export(const storage::ConversationStore& store, qint64 conversation_id) {
  auto conversation = store.conversation(conversation_id);
  if (!conversation)
    throw storage::StoreError(
        QStringLiteral("%1: no conversation with id %2").arg(store.path()).arg(conversation_id).toStdString());
  return {*conversation, store.all_messages(conversation_id)};
}

std::vector<ShownMessage> shown_branch(const ConversationExport& conversation) {
  std::map<QString, std::vector<const storage::Message*>> children;  // parent uuid ("" = roots)
  for (const auto& m : conversation.messages) children[m.parent_uuid].push_back(&m);
  std::vector<ShownMessage> out;
  QString parent;
  for (auto it = children.find(parent); it != children.end(); it = children.find(parent)) {
    const auto& group = it->second;
    size_t shown = group.size() - 1;
    for (size_t i = 0; i < group.size(); ++i)
      if (group[i]->active) shown = i;
    out.push_back({group[shown], static_cast<int>(shown) + 1, static_cast<int>(group.size())});
    parent = group[shown]->uuid;
  }
  return out;
}

QString export_date(const QDateTime& time) { return time.toUTC().toString(Qt::ISODateWithMs); }

}  // namespace veloce::exporting
