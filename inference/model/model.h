#pragma once
// A loaded model: the mapped file, its validated config, weight views and tokenizer.
// Immutable after load, shared by every backend and session.
#include <memory>
#include <string>
#include <vector>

#include "inference/gguf/gguf_file.h"
#include "inference/model/model_config.h"
#include "inference/tokenizer/tokenizer.h"

namespace veloce {

struct LayerWeights {
  const TensorInfo* attn_norm;    // (n_embd) f32
  const TensorInfo* attn_qkv;     // (n_embd, n_embd + 2 * n_embd_kv): rows Q | K | V
  const TensorInfo* attn_output;  // (n_embd, n_embd)
  const TensorInfo* ffn_norm;     // (n_embd) f32
  const TensorInfo* ffn_up;       // (n_embd, 2 * n_ff): rows gate | up
  const TensorInfo* ffn_down;     // (n_ff, n_embd)
};

struct ModelWeights {
  const TensorInfo* token_embd;   // (n_embd, n_vocab)
  const TensorInfo* output_norm;  // (n_embd) f32
  const TensorInfo* output;       // (n_embd, n_vocab); token_embd when the file has no output.weight
  std::vector<LayerWeights> layers;
  // Looks every tensor up with its exact shape and a supported type; throws GgufError otherwise.
  static ModelWeights from_gguf(const GgufFile& file, const ModelConfig& config);
  uint64_t total_bytes() const;           // every weight byte
  uint64_t bytes_read_per_token() const;  // all but the embedding table, which is only gathered
};

class Model {
 public:
  // Opens, validates and maps; throws GgufError with a message fit for a user.
  static std::shared_ptr<const Model> load(const std::string& path);
  static std::shared_ptr<const Model> from_file(std::unique_ptr<GgufFile> file);

  const GgufFile& file() const { return *file_; }
  const ModelConfig& config() const { return config_; }
  const ModelWeights& weights() const { return weights_; }
  const Tokenizer& tokenizer() const { return tokenizer_; }
  // "Q4_K_M"-style label from general.file_type when present, else the dominant weight type.
  std::string quantization_label() const;

 private:
  Model(std::unique_ptr<GgufFile> file, ModelConfig config, ModelWeights weights, Tokenizer tokenizer);
  std::unique_ptr<GgufFile> file_;
  ModelConfig config_;
  ModelWeights weights_;
  Tokenizer tokenizer_;
};

}  // namespace veloce
