#pragma once
// Random-weight models with Phi-4's exact GGUF layout (`veloce-cli make-model`): for benchmarks
// at real widths without downloading 9 GB, and for tests at tiny widths.
#include <cstdint>
#include <string>
#include <string_view>

#include "inference/gguf/gguf_writer.h"

namespace veloce {

struct RandomModelSpec {
  std::string preset;  // "phi-4" or "tiny"
  uint32_t n_embd = 0;
  uint32_t n_layer = 0;
  uint32_t n_head = 0;
  uint32_t n_head_kv = 0;
  uint32_t n_ff = 0;
  uint32_t n_vocab = 0;  // 0: the vocabulary source's full size
  uint32_t n_ctx = 0;
  std::string mix = "Q4_K_M";  // see quant_mix.h
  uint64_t seed = 1;
};

// "phi-4": 5120 hidden, 40 layers, 40/10 heads, 17920 FFN, 100352 vocab, 16384 context.
// "tiny": the test fixtures' widths (256, 2 layers, 4/1 heads, 768 FFN, 4096 vocab).
// Throws std::invalid_argument for an unknown name.
RandomModelSpec random_model_preset(std::string_view name);

// A writer holding the metadata (tokenizer copied from vocab_source, see vocab_subset.h) and
// streamed random tensors; nothing of the weights is in memory until it is written.
// Throws GgufError / std::invalid_argument for an inconsistent spec.
GgufWriter random_model_writer(const RandomModelSpec& spec, const GgufFile& vocab_source);

}  // namespace veloce
