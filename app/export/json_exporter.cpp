#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include "app/export/json_format.h"

namespace veloce::exporting {
namespace {

QJsonObject message_json(const storage::Message& m) {
  QJsonObject o{
      {QStringLiteral("uuid"), m.uuid},
      {QStringLiteral("parent_uuid"), m.parent_uuid.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(m.parent_uuid)},
      {QStringLiteral("role"), storage::role_name(m.role)},
      {QStringLiteral("content"), m.content},
      {QStringLiteral("created_at"), export_date(m.created_at)},
      {QStringLiteral("state"), storage::state_name(m.state)},
      {QStringLiteral("active"), m.active},
  };
  QJsonObject stats;
  if (m.stats.prompt_tokens) stats.insert(QStringLiteral("prompt_tokens"), *m.stats.prompt_tokens);
  if (m.stats.completion_tokens) stats.insert(QStringLiteral("completion_tokens"), *m.stats.completion_tokens);
  if (m.stats.time_to_first_token_ms)
    stats.insert(QStringLiteral("time_to_first_token_ms"), *m.stats.time_to_first_token_ms);
  if (m.stats.tokens_per_second) stats.insert(QStringLiteral("tokens_per_second"), *m.stats.tokens_per_second);
  if (m.stats.stop) stats.insert(QStringLiteral("stop_reason"), storage::reply_stop_name(*m.stats.stop));
  if (!stats.isEmpty()) o.insert(QStringLiteral("stats"), stats);
  return o;
}

QJsonObject conversation_json(const ConversationExport& c) {
  const auto& conv = c.conversation;
  QJsonArray messages;
  for (const auto& m : c.messages) messages.append(message_json(m));
  return QJsonObject{
      {QStringLiteral("uuid"), conv.uuid},
      {QStringLiteral("title"), conv.title},
      {QStringLiteral("created_at"), export_date(conv.created_at)},
      {QStringLiteral("updated_at"), export_date(conv.updated_at)},
      {QStringLiteral("pinned"), conv.pinned},
      {QStringLiteral("system_prompt"), conv.system_prompt},
      {QStringLiteral("model"),
       QJsonObject{{QStringLiteral("file"), conv.model_file}, {QStringLiteral("quantization"), conv.model_quant}}},
      {QStringLiteral("settings"), conv.settings.to_json()},
      {QStringLiteral("messages"), messages},
  };
}

}  // namespace

QByteArray export_json(const std::vector<ConversationExport>& conversations, const QDateTime& exported_at) {
  QJsonArray list;
  for (const auto& c : conversations) list.append(conversation_json(c));
  const QJsonObject root{
      {QStringLiteral("format"), QLatin1String(kJsonFormatName)},
      {QStringLiteral("version"), kJsonFormatVersion},
      {QStringLiteral("exported_at"), export_date(exported_at)},
      {QStringLiteral("conversations"), list},
  };
  return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

}  // namespace veloce::exporting
