#pragma once
// Phi-4 hyperparameters (GGUF architecture "phi3"), read from metadata and validated.
#include <cstdint>
#include <string>

namespace veloce {
class GgufFile;

struct ModelConfig {
  std::string architecture;  // "phi3"
  std::string name;          // general.name, may be empty
  uint32_t n_embd = 0;       // hidden size (5120)
  uint32_t n_layer = 0;      // 40
  uint32_t n_head = 0;       // 40 query heads
  uint32_t n_head_kv = 0;    // 10 KV heads
  uint32_t head_dim = 0;     // n_embd / n_head (128)
  uint32_t n_rot = 0;        // rotary dims (== head_dim for Phi-4)
  uint32_t n_ff = 0;         // 17920
  uint32_t n_vocab = 0;      // from tokenizer.ggml.tokens (100352)
  uint32_t n_ctx_train = 0;  // 16384
  float rope_freq_base = 10000.0f;
  float rms_eps = 1e-5f;

  uint32_t n_embd_kv() const { return n_head_kv * head_dim; }
  // Throws GgufError (file, field, reason) when a key is missing, zero or inconsistent.
  static ModelConfig from_gguf(const GgufFile& file);
};

}  // namespace veloce
