#pragma once
// Recognises the chat template a GGUF carries (tokenizer.chat_template) without evaluating it:
// Veloce renders Phi-4's format itself (chat_format.h), so the template is only compared, as data
// (RELIABILITY.md item 10), to warn when a file expects a different conversation format.
#include <optional>
#include <string_view>

namespace veloce {

enum class ChatTemplateMatch {
  Exact,       // the template of Microsoft's Phi-4 release (whitespace aside)
  Compatible,  // built from the same <|im_start|>role<|im_sep|>...<|im_end|> pieces, yet different
               // (e.g. Phi-4-reasoning's default system prompt and thinking section)
  Unknown,     // another format: chat_format.h's rendering may not be what the model was trained on
  Absent,      // no template in the file
};

ChatTemplateMatch classify_chat_template(std::optional<std::string_view> chat_template);

}  // namespace veloce
