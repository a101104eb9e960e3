// Reads and validates Phi-4's hyperparameters (RELIABILITY.md item 8, and the vocabulary
// metadata of item 9). Everything the kernels size buffers from is checked here, once.
#include "inference/model/model_config.h"

#include <cmath>

#include "inference/gguf/gguf_file.h"

namespace veloce {

namespace {

// Bounds far above Phi-4 (5120 hidden, 40 layers, 40 heads, 17920 FFN, 100352 vocab, 16K
// context) that still keep every derived size well inside 64 bits and GPU limits.
constexpr uint64_t k_max_embd = 1u << 16;
constexpr uint64_t k_max_layers = 512;
constexpr uint64_t k_max_heads = 1024;
constexpr uint64_t k_max_ff = 1u << 20;
constexpr uint64_t k_max_vocab = 1u << 22;
constexpr uint64_t k_max_ctx = 1u << 24;

class Reader {
 public:
  explicit Reader(const GgufFile& f) : f_(f) {}

  [[noreturn]] void fail(const std::string& key, const std::string& reason) const {
    throw GgufError(f_.path() + ": key '" + key + "': " + reason);
  }

  uint32_t required(const std::string& key, uint64_t max) const {
    const auto v = f_.get_uint(key);
    if (!v) fail(key, "missing (a required hyperparameter)");
    return in_range(key, *v, max);
  }
  uint32_t optional(const std::string& key, uint64_t fallback, uint64_t max) const {
    const auto v = f_.get_uint(key);
    return in_range(key, v ? *v : fallback, max);
  }
  uint32_t in_range(const std::string& key, uint64_t v, uint64_t max) const {
    if (v == 0 || v > max) fail(key, std::to_string(v) + " is outside 1.." + std::to_string(max));
    return static_cast<uint32_t>(v);
  }
  float positive_float(const std::string& key, std::optional<double> v, double max) const {
    if (!v) fail(key, "missing (a required hyperparameter)");
    if (!std::isfinite(*v) || *v <= 0 || *v > max)
      fail(key, std::to_string(*v) + " is outside (0, " + std::to_string(max) + "]");
    return static_cast<float>(*v);
  }

 private:
  const GgufFile& f_;
};

void check_vocabulary(const GgufFile& f, const Reader& r, uint32_t n_vocab) {
  // Every per-token array must have one entry per token (item 9).
  for (const char* key : {"tokenizer.ggml.token_type", "tokenizer.ggml.scores"}) {
    const auto n = f.array_size(key);
    if (n && *n != n_vocab)
      r.fail(key, "has " + std::to_string(*n) + " entries but tokenizer.ggml.tokens has " + std::to_string(n_vocab));
  }
  for (const char* key :
       {"tokenizer.ggml.bos_token_id", "tokenizer.ggml.eos_token_id", "tokenizer.ggml.padding_token_id",
        "tokenizer.ggml.unknown_token_id", "tokenizer.ggml.seperator_token_id", "tokenizer.ggml.eot_token_id"}) {
    if (!f.has(key)) continue;
    const auto id = f.get_int(key);
    if (*id < 0 || *id >= static_cast<int64_t>(n_vocab))
      r.fail(key,
             "token id " + std::to_string(*id) + " is outside the vocabulary of " + std::to_string(n_vocab) + " tokens");
  }
}

}  // namespace

ModelConfig ModelConfig::from_gguf(const GgufFile& f) {
  const Reader r(f);
  ModelConfig c;
  const auto arch = f.get_string("general.architecture");
  if (!arch) r.fail("general.architecture", "missing: not a model file");
  c.architecture = std::string(*arch);
  if (c.architecture != "phi3")
    r.fail("general.architecture",
           "unsupported architecture '" + c.architecture + "' (Veloce runs Phi-4, architecture phi3)");
  c.name = std::string(f.get_string("general.name").value_or(""));

  c.n_embd = r.required("phi3.embedding_length", k_max_embd);
  c.n_layer = r.required("phi3.block_count", k_max_layers);
  c.n_head = r.required("phi3.attention.head_count", k_max_heads);
  c.n_head_kv = r.optional("phi3.attention.head_count_kv", c.n_head, k_max_heads);  // absent means no GQA
  c.n_ff = r.required("phi3.feed_forward_length", k_max_ff);
  c.n_ctx_train = r.required("phi3.context_length", k_max_ctx);

  if (c.n_embd % c.n_head != 0)
    r.fail("phi3.embedding_length", "hidden size " + std::to_string(c.n_embd) + " is not a multiple of the " +
                                        std::to_string(c.n_head) + " attention heads");
  c.head_dim = c.n_embd / c.n_head;
  // Some writers store the head size explicitly; it must agree with hidden = heads x head dim.
  for (const char* key : {"phi3.attention.key_length", "phi3.attention.value_length"}) {
    const auto v = f.get_uint(key);
    if (v && *v != c.head_dim)
      r.fail(key, "head dim " + std::to_string(*v) + " but hidden size " + std::to_string(c.n_embd) +
                      " != " + std::to_string(c.n_head) + " heads x " + std::to_string(*v));
  }
  if (c.head_dim % 2 != 0)
    r.fail("phi3.embedding_length", "head dim " + std::to_string(c.head_dim) + " is odd; RoPE needs pairs");
  if (c.n_head_kv > c.n_head || c.n_head % c.n_head_kv != 0)
    r.fail("phi3.attention.head_count_kv",
           std::to_string(c.n_head) + " query heads are not divisible by " + std::to_string(c.n_head_kv) + " KV heads");
  c.n_rot = r.optional("phi3.rope.dimension_count", c.head_dim, k_max_embd);
  if (c.n_rot != c.head_dim)
    r.fail("phi3.rope.dimension_count", "rotary dims " + std::to_string(c.n_rot) + " != head dim " +
                                            std::to_string(c.head_dim) + ": partial rotary (Phi-4-mini) is not supported");
  if (const auto scaling = f.get_string("phi3.rope.scaling.type"); scaling && *scaling != "none")
    r.fail("phi3.rope.scaling.type", "RoPE scaling '" + std::string(*scaling) + "' is not supported");
  if (const auto window = f.get_uint("phi3.attention.sliding_window"); window && *window != 0)
    r.fail("phi3.attention.sliding_window",
           std::to_string(*window) + ": sliding-window attention is not supported (Phi-4 uses 0)");

  c.rope_freq_base = r.positive_float("phi3.rope.freq_base",
                                      f.has("phi3.rope.freq_base") ? f.get_float("phi3.rope.freq_base") : 10000.0, 1e9);
  c.rms_eps =
      r.positive_float("phi3.attention.layer_norm_rms_epsilon", f.get_float("phi3.attention.layer_norm_rms_epsilon"), 0.1);

  const auto n_vocab = f.array_size("tokenizer.ggml.tokens");
  if (!n_vocab) r.fail("tokenizer.ggml.tokens", "missing: the file has no vocabulary");
  if (f.array_type_of("tokenizer.ggml.tokens") != GgufValueType::STRING)
    r.fail("tokenizer.ggml.tokens", "expected an array of string");
  c.n_vocab = r.in_range("tokenizer.ggml.tokens", *n_vocab, k_max_vocab);
  check_vocabulary(f, r, c.n_vocab);
  return c;
}

}  // namespace veloce
