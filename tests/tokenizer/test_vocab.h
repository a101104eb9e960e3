#pragma once
// The fixture vocabularies, loaded once per test process through the real GGUF path.
#include <string>
#include <vector>

#include "inference/tokenizer/tokenizer.h"

namespace veloce::test {

std::string data_path(const std::string& name);  // under VELOCE_TEST_DATA
const Tokenizer& phi4_vocab();                   // tests/data/phi4-vocab.gguf (full Phi-4 vocabulary)
const Tokenizer& tiny_vocab();                   // tests/data/phi4-tiny-F32.gguf (4096 tokens)
Tokenizer load_tokenizer(const std::string& name);
// The 256 single-byte tokens in GPT-2 spelling, in byte order: the smallest valid vocabulary.
std::vector<std::string> spelled_byte_tokens();

}  // namespace veloce::test
