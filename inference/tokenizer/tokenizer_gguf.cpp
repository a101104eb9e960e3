// Tokenizer::from_gguf: reads and checks the tokenizer.ggml.* metadata (RELIABILITY.md item 9).
#include <string>
#include <vector>

#include "inference/gguf/gguf_file.h"
#include "inference/tokenizer/tokenizer_impl.h"

namespace veloce {
namespace {

constexpr std::string_view kPrefix = "tokenizer.ggml.";
constexpr std::string_view kIdSuffix = "_token_id";

[[noreturn]] void fail(const GgufFile& file, const std::string& what) { throw GgufError(file.path() + ": " + what); }

std::vector<std::string> strings(const GgufFile& file, std::string_view key, bool required) {
  const auto values = file.get_string_array(key);  // throws GgufError on a wrong type
  if (!values) {
    if (required) fail(file, std::string(key) + ": missing");
    return {};
  }
  return {values->begin(), values->end()};
}

}  // namespace

Tokenizer Tokenizer::from_gguf(const GgufFile& file) {
  const auto model = file.get_string("tokenizer.ggml.model");
  if (!model) fail(file, "tokenizer.ggml.model: missing");
  if (*model != "gpt2")
    fail(file, "tokenizer.ggml.model: '" + std::string(*model) + "' is not supported (Phi-4 uses 'gpt2', byte-level BPE)");
  // The pre-tokenizer regex is Phi-4's (cl100k); a vocabulary made for another split would
  // tokenize silently wrong, so it is refused instead.
  if (const auto pre = file.get_string("tokenizer.ggml.pre"); pre && *pre != "dbrx")
    fail(file, "tokenizer.ggml.pre: '" + std::string(*pre) + "' is not supported (Phi-4 uses 'dbrx', the cl100k split)");

  std::vector<std::string> tokens = strings(file, "tokenizer.ggml.tokens", true);
  std::vector<std::string> merges = strings(file, "tokenizer.ggml.merges", true);
  std::vector<int32_t> types;
  if (const auto t = file.get_int_array("tokenizer.ggml.token_type")) {
    types.reserve(t->size());
    for (size_t i = 0; i < t->size(); ++i) {
      const int64_t v = (*t)[i];
      if (v < kNormal || v > kByte)
        fail(file, "tokenizer.ggml.token_type: token " + std::to_string(i) + " has unknown type " + std::to_string(v));
      types.push_back(static_cast<int32_t>(v));
    }
  }

  std::optional<Tokenizer> tok;
  try {
    tok.emplace(std::move(tokens), std::move(merges), std::move(types));
  } catch (const GgufError& e) {
    fail(file, e.what());
  }

  // Every special id the file names (bos, eos, padding, ...) must be a token.
  for (const std::string& key : file.keys()) {
    if (key.size() <= kPrefix.size() + kIdSuffix.size() || !key.starts_with(kPrefix) || !key.ends_with(kIdSuffix)) continue;
    const auto id = file.get_int(key);
    if (!id || *id < 0 || static_cast<uint64_t>(*id) >= tok->vocab_size())
      fail(file, key + ": " + (id ? std::to_string(*id) : file.describe(key)) + " is outside the vocabulary of " +
                     std::to_string(tok->vocab_size()) + " tokens");
  }
  return std::move(*tok);
}

}  // namespace veloce
