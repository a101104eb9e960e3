#include "app/server/openai_request.h"

#include <QByteArray>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <cmath>

#include "app/server/api_error.h"

namespace veloce::server {
namespace {

ApiError invalid(const std::string& param, const std::string& message) {
  return ApiError(400, message, "invalid_request_error", param, param.empty() ? "" : "invalid_value");
}

double number(const QJsonObject& o, const char* key, double lo, double hi) {
  const QJsonValue v = o.value(key);
  if (!v.isDouble()) throw invalid(key, std::string("'") + key + "' must be a number");
  const double d = v.toDouble();
  if (!std::isfinite(d) || d < lo || d > hi)
    throw invalid(key, std::string("'") + key + "' must be between " + std::to_string(lo) + " and " + std::to_string(hi));
  return d;
}

// JSON numbers are doubles: an integer field must be integral and within 2^53.
int64_t integer(const QJsonObject& o, const char* key, double lo, double hi) {
  const double d = number(o, key, lo, hi);
  if (std::floor(d) != d) throw invalid(key, std::string("'") + key + "' must be an integer");
  return static_cast<int64_t>(d);
}

bool present(const QJsonObject& o, const char* key) { return o.contains(key) && !o.value(key).isNull(); }

ChatRole role_of(const QString& role, size_t index) {
  if (role == "system" || role == "developer") return ChatRole::System;
  if (role == "user") return ChatRole::User;
  if (role == "assistant") return ChatRole::Assistant;
  throw invalid("messages[" + std::to_string(index) + "].role",
                "unsupported role '" + role.toStdString() + "' (system, user or assistant)");
}

// A message's content: a string, or an array of {"type":"text","text":...} parts.
std::string content_of(const QJsonValue& v, size_t index) {
  const std::string param = "messages[" + std::to_string(index) + "].content";
  if (v.isString()) return v.toString().toStdString();
  if (v.isNull() || v.isUndefined()) return {};
  if (!v.isArray()) throw invalid(param, "'content' must be a string or an array of text parts");
  std::string text;
  for (const QJsonValue part : v.toArray()) {
    const QJsonObject p = part.toObject();
    if (p.value("type").toString() != "text" || !p.value("text").isString())
      throw invalid(param, "only text content parts are supported");
    text += p.value("text").toString().toStdString();
  }
  return text;
}

}  // namespace

CompletionRequest parse_completion_request(const QByteArray& body, bool chat, const Limits& limits) {
  QJsonParseError error{};
  const QJsonDocument doc = QJsonDocument::fromJson(body, &error);
  if (error.error != QJsonParseError::NoError)
    throw ApiError(400, "the request body is not valid JSON: " + error.errorString().toStdString() + " at offset " +
                            std::to_string(error.offset));
  if (!doc.isObject()) throw ApiError(400, "the request body must be a JSON object");
  const QJsonObject o = doc.object();

  CompletionRequest r;
  r.chat = chat;
  if (!o.value("model").isString() || o.value("model").toString().isEmpty())
    throw invalid("model", "'model' is required (a string; see GET /v1/models)");
  r.model = o.value("model").toString().toStdString();

  if (chat) {
    const QJsonValue messages = o.value("messages");
    if (!messages.isArray() || messages.toArray().isEmpty())
      throw invalid("messages", "'messages' must be a non-empty array");
    const QJsonArray array = messages.toArray();
    if (static_cast<size_t>(array.size()) > limits.max_messages)
      throw invalid("messages", "at most " + std::to_string(limits.max_messages) + " messages per request");
    for (qsizetype i = 0; i < array.size(); ++i) {
      const auto index = static_cast<size_t>(i);
      if (!array[i].isObject()) throw invalid("messages[" + std::to_string(index) + "]", "each message must be an object");
      const QJsonObject m = array[i].toObject();
      if (!m.value("role").isString()) throw invalid("messages[" + std::to_string(index) + "].role", "'role' is required");
      r.messages.push_back({role_of(m.value("role").toString(), index), content_of(m.value("content"), index)});
    }
  } else {
    const QJsonValue prompt = o.value("prompt");
    if (prompt.isString()) {
      r.prompt = prompt.toString().toStdString();
    } else if (prompt.isArray() && prompt.toArray().size() == 1 && prompt.toArray()[0].isString()) {
      r.prompt = prompt.toArray()[0].toString().toStdString();
    } else {
      throw invalid("prompt", "'prompt' must be a string (one prompt per request)");
    }
    if (r.prompt.empty()) throw invalid("prompt", "'prompt' is empty");
  }

  // max_completion_tokens is the newer name; either is accepted, the newer one wins.
  for (const char* key : {"max_tokens", "max_completion_tokens"})
    if (present(o, key)) r.max_tokens = integer(o, key, 0, 1 << 24);
  if (present(o, "temperature")) r.temperature = static_cast<float>(number(o, "temperature", 0, 2));
  if (present(o, "top_p")) r.top_p = static_cast<float>(number(o, "top_p", 0, 1));
  if (present(o, "seed")) r.seed = static_cast<uint64_t>(integer(o, "seed", -9007199254740991.0, 9007199254740991.0));
  if (present(o, "n") && integer(o, "n", 1, 1) != 1) throw invalid("n", "only n=1 is supported");
  if (present(o, "stream")) {
    if (!o.value("stream").isBool()) throw invalid("stream", "'stream' must be a boolean");
    r.stream = o.value("stream").toBool();
  }
  if (present(o, "stream_options")) {
    const QJsonValue so = o.value("stream_options");
    if (!so.isObject()) throw invalid("stream_options", "'stream_options' must be an object");
    r.include_usage = so.toObject().value("include_usage").toBool(false);
  }
  if (present(o, "stop")) {
    const QJsonValue stop = o.value("stop");
    QJsonArray list;
    if (stop.isString()) list.append(stop);
    else if (stop.isArray()) list = stop.toArray();
    else throw invalid("stop", "'stop' must be a string or an array of strings");
    if (static_cast<size_t>(list.size()) > limits.max_stop_strings)
      throw invalid("stop", "at most " + std::to_string(limits.max_stop_strings) + " stop strings");
    for (const QJsonValue s : list) {
      if (!s.isString()) throw invalid("stop", "'stop' must be a string or an array of strings");
      std::string text = s.toString().toStdString();
      if (text.size() > limits.max_stop_length) throw invalid("stop", "a stop string is too long");
      if (!text.empty()) r.stop.push_back(std::move(text));
    }
  }
  return r;
}

}  // namespace veloce::server
