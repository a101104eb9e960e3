#include "inference/tokenizer/chat_template.h"

#include <string>

namespace veloce {
namespace {

// tokenizer.chat_template as llama.cpp's converter writes it for microsoft/phi-4.
constexpr std::string_view kPhi4Template =
    "{% for message in messages %}{% if (message['role'] == 'system') %}"
    "{{'<|im_start|>system<|im_sep|>' + message['content'] + '<|im_end|>'}}"
    "{% elif (message['role'] == 'user') %}{{'<|im_start|>user<|im_sep|>' + message['content'] + '<|im_end|>'}}"
    "{% elif (message['role'] == 'assistant') %}"
    "{{'<|im_start|>assistant<|im_sep|>' + message['content'] + '<|im_end|>'}}{% endif %}{% endfor %}"
    "{% if add_generation_prompt %}{{ '<|im_start|>assistant<|im_sep|>' }}{% endif %}";

// Templates are re-indented and re-wrapped by hand and by tools; whitespace outside the string
// literals does not change what they render, and the literals here contain none that matters.
std::string without_whitespace(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s)
    if (c != ' ' && c != '\n' && c != '\r' && c != '\t') out += c;
  return out;
}

bool contains(std::string_view s, std::string_view part) { return s.find(part) != std::string_view::npos; }

}  // namespace

ChatTemplateMatch classify_chat_template(std::optional<std::string_view> chat_template) {
  if (!chat_template || chat_template->empty()) return ChatTemplateMatch::Absent;
  const std::string t = without_whitespace(*chat_template);
  if (t == without_whitespace(kPhi4Template)) return ChatTemplateMatch::Exact;
  for (std::string_view piece : {"<|im_start|>", "<|im_sep|>", "<|im_end|>", "system", "user", "assistant"})
    if (!contains(t, piece)) return ChatTemplateMatch::Unknown;
  return ChatTemplateMatch::Compatible;
}

}  // namespace veloce
