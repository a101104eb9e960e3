#pragma once
// Parses and validates the JSON body of /v1/chat/completions and /v1/completions into what the
// generation queue needs. Everything a client may get wrong throws ApiError (400), naming the field.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "inference/tokenizer/chat_format.h"

class QByteArray;

namespace veloce::server {

struct Limits {
  size_t max_messages = 256;     // messages per request
  size_t max_stop_strings = 4;   // as OpenAI
  size_t max_stop_length = 256;  // bytes of one stop string
};

struct CompletionRequest {
  bool chat = true;  // false: /v1/completions (raw prompt)
  std::string model;
  std::vector<ChatMessage> messages;  // chat
  std::string prompt;                 // raw completions
  std::optional<int64_t> max_tokens;  // nullopt: until the context is full
  float temperature = 1.0f;           // OpenAI's defaults
  float top_p = 1.0f;
  std::optional<uint64_t> seed;
  std::vector<std::string> stop;
  bool stream = false;
  bool include_usage = false;  // stream_options.include_usage
};

// Throws ApiError(400) for malformed JSON, wrong types, out-of-range values, too many messages.
CompletionRequest parse_completion_request(const QByteArray& body, bool chat, const Limits& limits = {});

}  // namespace veloce::server
