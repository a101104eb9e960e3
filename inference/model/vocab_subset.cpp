#include "inference/model/vocab_subset.h"

#include <string>
#include <unordered_set>
#include <vector>

#include "inference/gguf/gguf_file.h"
#include "inference/gguf/gguf_writer.h"

namespace veloce {

namespace {
constexpr int64_t k_normal_token = 1;    // GGUF token_type NORMAL; added/control tokens are not
constexpr uint32_t k_byte_tokens = 256;  // a byte-level BPE needs every byte as a token
}  // namespace

uint32_t copy_vocabulary(const GgufFile& src, uint32_t n_vocab, GgufWriter& out) {
  const std::string& path = src.path();
  const auto tokens = src.get_string_array("tokenizer.ggml.tokens");
  if (!tokens || tokens->empty()) throw GgufError(path + ": tokenizer.ggml.tokens: missing: not a vocabulary source");
  const auto n_src = static_cast<uint32_t>(tokens->size());
  if (n_vocab == 0 || n_vocab == n_src) {
    for (const std::string& k : src.keys())
      if (k.rfind("tokenizer.", 0) == 0) out.copy_key(src, k);
    return n_src;
  }
  if (n_vocab > n_src)
    throw GgufError(path + ": tokenizer.ggml.tokens: has " + std::to_string(n_src) + " tokens, fewer than the " +
                    std::to_string(n_vocab) + " asked for");
  const auto types = src.get_int_array("tokenizer.ggml.token_type");
  if (!types || types->size() != n_src)
    throw GgufError(path + ": tokenizer.ggml.token_type: needed (one per token) to cut the vocabulary down");

  // The added tokens are the run of non-normal tokens that ends the vocabulary.
  uint32_t n_added = 0;
  while (n_added < n_src && (*types)[n_src - 1 - n_added] != k_normal_token) ++n_added;
  if (n_vocab < n_added + k_byte_tokens)
    throw GgufError(path + ": tokenizer.ggml.tokens: a vocabulary of " + std::to_string(n_vocab) +
                    " cannot hold the 256 byte tokens and the " + std::to_string(n_added) + " added tokens");
  const uint32_t n_ranks = n_vocab - n_added;    // kept from the start
  const uint32_t first_added = n_src - n_added;  // moves to n_ranks
  auto kept = [&](uint32_t i) { return i < n_ranks || i >= first_added; };

  std::vector<std::string> new_tokens;
  std::vector<int32_t> new_types;
  new_tokens.reserve(n_vocab);
  for (uint32_t i = 0; i < n_src; ++i) {
    if (!kept(i)) continue;
    new_tokens.emplace_back((*tokens)[i]);
    new_types.push_back(static_cast<int32_t>((*types)[i]));
  }
  // A merge survives when both halves and the result are kept ranks.
  std::unordered_set<std::string_view> ranks(tokens->begin(), tokens->begin() + n_ranks);
  std::vector<std::string> new_merges;
  if (const auto merges = src.get_string_array("tokenizer.ggml.merges")) {
    for (std::string_view m : *merges) {
      const size_t sp = m.find(' ');
      if (sp == std::string_view::npos) continue;
      const std::string_view a = m.substr(0, sp), b = m.substr(sp + 1);
      if (ranks.count(a) && ranks.count(b) && ranks.count(std::string(a) + std::string(b))) new_merges.emplace_back(m);
    }
  }
  for (const std::string& k : src.keys()) {
    if (k.rfind("tokenizer.", 0) != 0) continue;
    if (k == "tokenizer.ggml.tokens") {
      out.set_string_array(k, new_tokens);
    } else if (k == "tokenizer.ggml.token_type") {
      out.set_i32_array(k, new_types);
    } else if (k == "tokenizer.ggml.merges") {
      out.set_string_array(k, new_merges);
    } else if (k == "tokenizer.ggml.scores") {
      const auto scores = src.get_float_array(k);
      std::vector<float> s;
      for (uint32_t i = 0; i < n_src && scores && i < scores->size(); ++i)
        if (kept(i)) s.push_back((*scores)[i]);
      out.set_f32_array(k, s);
    } else if (k.size() > 9 && k.compare(k.size() - 9, 9, "_token_id") == 0) {
      const int64_t id = *src.get_int(k);
      if (id < 0 || static_cast<uint64_t>(id) >= n_src || !kept(static_cast<uint32_t>(id)))
        continue;  // dropped with its token
      out.set_u32(k, static_cast<uint32_t>(id < n_ranks ? id : id - first_added + n_ranks));
    } else {
      out.copy_key(src, k);
    }
  }
  return n_vocab;
}

}  // namespace veloce
