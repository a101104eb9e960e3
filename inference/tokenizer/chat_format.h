#pragma once
// Phi-4's chat format: <|im_start|>role<|im_sep|>content<|im_end|> ... with no newlines.
// Only the template pieces are special tokens; message content is always plain text.
#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace veloce {
class Tokenizer;

enum class ChatRole { System, User, Assistant };

struct ChatMessage {
  ChatRole role;
  std::string content;
};

// Ids for the conversation, ending with "<|im_start|>assistant<|im_sep|>" when add_generation_prompt.
std::vector<int32_t> render_chat(const Tokenizer& tokenizer, std::span<const ChatMessage> messages,
                                 bool add_generation_prompt = true);
// The same rendering as text (for display and tests).
std::string render_chat_text(std::span<const ChatMessage> messages, bool add_generation_prompt = true);

}  // namespace veloce
