#include "tests/tokenizer/test_vocab.h"

#include <cstdlib>

#include "inference/gguf/gguf_file.h"
#include "inference/tokenizer/byte_alphabet.h"
#include "inference/tokenizer/utf8.h"

namespace veloce::test {

std::string data_path(const std::string& name) {
  const char* env = std::getenv("VELOCE_TEST_DATA");
  return std::string(env && *env ? env : VELOCE_TEST_DATA) + "/" + name;
}

Tokenizer load_tokenizer(const std::string& name) {
  const auto file = GgufFile::open(data_path(name));
  return Tokenizer::from_gguf(*file);
}

const Tokenizer& phi4_vocab() {
  static const Tokenizer t = load_tokenizer("phi4-vocab.gguf");
  return t;
}

const Tokenizer& tiny_vocab() {
  static const Tokenizer t = load_tokenizer("phi4-tiny-F32.gguf");
  return t;
}

std::vector<std::string> spelled_byte_tokens() {
  std::vector<std::string> tokens;
  for (int b = 0; b < 256; ++b) {
    std::string spelled;
    utf8::append(spelled, bytelevel::byte_to_codepoint(static_cast<unsigned char>(b)));
    tokens.push_back(spelled);
  }
  return tokens;
}

}  // namespace veloce::test
