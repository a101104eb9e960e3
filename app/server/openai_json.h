#pragma once
// The JSON shapes OpenAI's API returns: errors, the model list, completions and their streamed
// chunks (chat.completion, chat.completion.chunk, text_completion).
#include <QByteArray>
#include <QJsonObject>
#include <optional>
#include <string>

#include "app/server/api_error.h"
#include "app/server/generation_queue.h"

namespace veloce::server {

struct ReplyMeta {
  std::string id;      // "chatcmpl-..." or "cmpl-..."
  qint64 created = 0;  // Unix seconds
  std::string model;
  bool chat = true;
};

QByteArray error_json(const ApiError& error);
QByteArray models_json(const std::string& model_id, qint64 created);
QJsonObject usage_json(const JobResult& result);
// The whole reply of a non-streamed request.
QByteArray completion_json(const ReplyMeta& meta, const std::string& text, const JobResult& result);
// One streamed chunk. content: nullopt for none; role only in the first chat chunk;
// finish_reason empty: null; usage: the last chunk of stream_options.include_usage (no choices).
QByteArray chunk_json(const ReplyMeta& meta, const std::optional<std::string>& content, bool with_role,
                      const std::string& finish_reason);
QByteArray usage_chunk_json(const ReplyMeta& meta, const JobResult& result);

}  // namespace veloce::server
