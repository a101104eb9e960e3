#include "app/server/openai_json.h"

#include <QJsonArray>
#include <QJsonDocument>

#include "app/common/utf8_text.h"

namespace veloce::server {
namespace {

QJsonValue string_or_null(const std::string& s) {
  return s.empty() ? QJsonValue(QJsonValue::Null) : QJsonValue(QString::fromStdString(s));
}

QJsonObject base(const ReplyMeta& meta, const char* object) {
  QJsonObject o;
  o["id"] = QString::fromStdString(meta.id);
  o["object"] = object;
  o["created"] = meta.created;
  o["model"] = QString::fromStdString(meta.model);
  o["system_fingerprint"] = QJsonValue::Null;
  return o;
}

QByteArray compact(const QJsonObject& o) { return QJsonDocument(o).toJson(QJsonDocument::Compact); }

}  // namespace

QByteArray error_json(const ApiError& error) {
  QJsonObject e;
  e["message"] = QString::fromUtf8(error.what());
  e["type"] = QString::fromStdString(error.type);
  e["param"] = string_or_null(error.param);
  e["code"] = string_or_null(error.code);
  return compact(QJsonObject{{"error", e}});
}

QByteArray models_json(const std::string& model_id, qint64 created) {
  QJsonObject m;
  m["id"] = QString::fromStdString(model_id);
  m["object"] = "model";
  m["created"] = created;
  m["owned_by"] = "veloce";
  return compact(QJsonObject{{"object", "list"}, {"data", QJsonArray{m}}});
}

QJsonObject usage_json(const JobResult& r) {
  QJsonObject u;
  u["prompt_tokens"] = static_cast<qint64>(r.prompt_tokens);
  u["completion_tokens"] = static_cast<qint64>(r.completion_tokens);
  u["total_tokens"] = static_cast<qint64>(r.prompt_tokens + r.completion_tokens);
  // OpenAI reports prompt tokens served from its cache here; ours is the reused KV prefix.
  u["prompt_tokens_details"] = QJsonObject{{"cached_tokens", static_cast<qint64>(r.prompt_tokens_reused)}};
  return u;
}

QByteArray completion_json(const ReplyMeta& meta, const std::string& text, const JobResult& result) {
  QJsonObject choice;
  choice["index"] = 0;
  choice["finish_reason"] = string_or_null(result.finish_reason);
  choice["logprobs"] = QJsonValue::Null;
  if (meta.chat) {
    choice["message"] = QJsonObject{{"role", "assistant"}, {"content", app_text::from_model_utf8(text)}};
  } else {
    choice["text"] = app_text::from_model_utf8(text);
  }
  QJsonObject o = base(meta, meta.chat ? "chat.completion" : "text_completion");
  o["choices"] = QJsonArray{choice};
  o["usage"] = usage_json(result);
  return compact(o);
}

QByteArray chunk_json(const ReplyMeta& meta, const std::optional<std::string>& content, bool with_role,
                      const std::string& finish_reason) {
  QJsonObject choice;
  choice["index"] = 0;
  choice["finish_reason"] = string_or_null(finish_reason);
  choice["logprobs"] = QJsonValue::Null;
  if (meta.chat) {
    QJsonObject delta;
    if (with_role) delta["role"] = "assistant";
    if (content) delta["content"] = app_text::from_model_utf8(*content);
    choice["delta"] = delta;
  } else {
    choice["text"] = app_text::from_model_utf8(content.value_or(std::string()));
  }
  QJsonObject o = base(meta, meta.chat ? "chat.completion.chunk" : "text_completion");
  o["choices"] = QJsonArray{choice};
  return compact(o);
}

QByteArray usage_chunk_json(const ReplyMeta& meta, const JobResult& result) {
  QJsonObject o = base(meta, meta.chat ? "chat.completion.chunk" : "text_completion");
  o["choices"] = QJsonArray{};
  o["usage"] = usage_json(result);
  return compact(o);
}

}  // namespace veloce::server
