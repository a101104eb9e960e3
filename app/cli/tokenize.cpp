// veloce-cli tokenize: the ids Phi-4's tokenizer makes of a text, as one JSON array.
#include <cstdio>
#include <string>

#include "app/cli/command.h"
#include "app/cli/input_file.h"
#include "inference/gguf/gguf_file.h"
#include "inference/tokenizer/tokenizer.h"

namespace veloce::cli {
namespace {

int run(Args& args) {
  const std::string model = args.required({"-m", "--model"});
  const auto prompt = args.value({"-p", "--prompt"});
  const auto file = args.value({"-f", "--file"});
  const bool special = args.flag({"--special"});
  args.finish();
  if (prompt.has_value() == file.has_value()) throw UsageError("give exactly one of -p TEXT or -f FILE");
  const std::string text = prompt ? *prompt : read_input_file(*file);

  // Only the tokenizer metadata is needed, so a vocabulary-only GGUF works too.
  const auto gguf = GgufFile::open(model);
  const Tokenizer tokenizer = Tokenizer::from_gguf(*gguf);
  const auto ids = tokenizer.encode(text, special);

  std::string out = "[";
  for (size_t i = 0; i < ids.size(); ++i) {
    if (i) out += ", ";
    out += std::to_string(ids[i]);
  }
  out += "]\n";
  std::fputs(out.c_str(), stdout);
  return 0;
}

CommandRegistration reg{{"tokenize", "print the token ids of a text as a JSON array",
                         R"(usage: veloce-cli tokenize -m MODEL (-p TEXT | -f FILE) [--special]

Tokenizes TEXT (or the bytes of FILE) with the tokenizer of MODEL, a Phi-4 GGUF (a
vocabulary-only GGUF is enough), and prints the ids as one JSON array on one line.
No BOS token is added (Phi-4 uses none).

options:
  -m, --model MODEL   GGUF file whose tokenizer.ggml.* metadata is used
  -p, --prompt TEXT   the text to tokenize
  -f, --file FILE     tokenize the contents of FILE instead (bytes as they are; a regular
                      file of at most 64 MiB)
  --special           recognise special-token text such as <|im_start|> (by default it is
                      tokenized as plain text, as user text always is)
)",
                         run}};

}  // namespace
}  // namespace veloce::cli
