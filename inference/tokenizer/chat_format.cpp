#include "inference/tokenizer/chat_format.h"

#include <stdexcept>

#include "inference/tokenizer/tokenizer.h"

namespace veloce {
namespace {

constexpr std::string_view kStart = "<|im_start|>";
constexpr std::string_view kSep = "<|im_sep|>";
constexpr std::string_view kEnd = "<|im_end|>";

std::string_view role_name(ChatRole role) {
  switch (role) {
    case ChatRole::System: return "system";
    case ChatRole::User: return "user";
    case ChatRole::Assistant: return "assistant";
  }
  throw std::invalid_argument("unknown chat role");
}

int32_t require_special(const Tokenizer& tokenizer, std::string_view text) {
  const int32_t id = tokenizer.special_id(text);
  if (id < 0) throw std::runtime_error("the vocabulary has no " + std::string(text) + " token (not a Phi-4 tokenizer)");
  return id;
}

}  // namespace

std::vector<int32_t> render_chat(const Tokenizer& tokenizer, std::span<const ChatMessage> messages,
                                 bool add_generation_prompt) {
  const int32_t start = require_special(tokenizer, kStart);
  const int32_t sep = require_special(tokenizer, kSep);
  const int32_t end = require_special(tokenizer, kEnd);
  std::vector<int32_t> ids;
  auto append_text = [&](std::string_view text) {
    // Never parse specials here: a message that contains "<|im_end|>" must stay text.
    const auto part = tokenizer.encode(text, false);
    ids.insert(ids.end(), part.begin(), part.end());
  };
  for (const ChatMessage& m : messages) {
    ids.push_back(start);
    append_text(role_name(m.role));
    ids.push_back(sep);
    append_text(m.content);
    ids.push_back(end);
  }
  if (add_generation_prompt) {
    ids.push_back(start);
    append_text(role_name(ChatRole::Assistant));
    ids.push_back(sep);
  }
  return ids;
}

std::string render_chat_text(std::span<const ChatMessage> messages, bool add_generation_prompt) {
  std::string out;
  for (const ChatMessage& m : messages) {
    out.append(kStart).append(role_name(m.role)).append(kSep).append(m.content).append(kEnd);
  }
  if (add_generation_prompt) out.append(kStart).append(role_name(ChatRole::Assistant)).append(kSep);
  return out;
}

}  // namespace veloce
