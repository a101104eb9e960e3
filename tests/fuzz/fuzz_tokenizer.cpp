// libFuzzer target: any bytes through Phi-4's tokenizer (tests/data/phi4-vocab.gguf), as user text
// and as template text (special tokens parsed). The tokenizer promises that any bytes encode and
// that decode(encode(s)) == s; a difference aborts, so the fuzzer reports it with the input.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>

#include "inference/gguf/gguf_file.h"
#include "inference/tokenizer/tokenizer.h"

namespace {

std::unique_ptr<veloce::Tokenizer> g_tokenizer;

void round_trip(std::string_view text, bool parse_special) {
  const std::vector<int32_t> ids = g_tokenizer->encode(text, parse_special);
  if (g_tokenizer->decode(ids) != text) {
    std::fprintf(stderr, "decode(encode(s)) != s (parse_special=%d, %zu bytes, %zu ids)\n", parse_special ? 1 : 0,
                 text.size(), ids.size());
    std::abort();
  }
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  const char* dir = std::getenv("VELOCE_TEST_DATA");
  const std::string path = std::string(dir && *dir ? dir : VELOCE_TEST_DATA) + "/phi4-vocab.gguf";
  auto file = veloce::GgufFile::open(path);
  g_tokenizer = std::make_unique<veloce::Tokenizer>(veloce::Tokenizer::from_gguf(*file));
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  round_trip(text, false);
  round_trip(text, true);
  return 0;
}
