// Model: the mapped file, its validated config, weight views and tokenizer, built in that order
// so that each step may rely on what the previous one proved.
#include "inference/model/model.h"

#include <map>

namespace veloce {

Model::Model(std::unique_ptr<GgufFile> file, ModelConfig config, ModelWeights weights, Tokenizer tokenizer)
    : file_(std::move(file)), config_(std::move(config)), weights_(std::move(weights)), tokenizer_(std::move(tokenizer)) {}

std::shared_ptr<const Model> Model::load(const std::string& path) { return from_file(GgufFile::open(path)); }

std::shared_ptr<const Model> Model::from_file(std::unique_ptr<GgufFile> file) {
  if (!file) throw GgufError("(no file): cannot load a model from nothing");
  ModelConfig config = ModelConfig::from_gguf(*file);
  ModelWeights weights = ModelWeights::from_gguf(*file, config);
  Tokenizer tokenizer = Tokenizer::from_gguf(*file);
  if (tokenizer.vocab_size() != config.n_vocab)
    throw GgufError(file->path() + ": tokenizer.ggml.tokens: tokenizer has " + std::to_string(tokenizer.vocab_size()) +
                    " tokens, the model " + std::to_string(config.n_vocab));
  // The weights point into file's tensor table, which stays put: the GgufFile itself is not moved.
  return std::shared_ptr<const Model>(
      new Model(std::move(file), std::move(config), std::move(weights), std::move(tokenizer)));
}

namespace {
// llama.cpp's LLAMA_FTYPE numbering of general.file_type (facts of the format, not code).
const char* ftype_name(uint64_t ftype) {
  static const std::map<uint64_t, const char*> names{
      {0, "F32"},     {1, "F16"},     {2, "Q4_0"},     {3, "Q4_1"},    {7, "Q8_0"},    {8, "Q5_0"},    {9, "Q5_1"},
      {10, "Q2_K"},   {11, "Q3_K_S"}, {12, "Q3_K_M"},  {13, "Q3_K_L"}, {14, "Q4_K_S"}, {15, "Q4_K_M"}, {16, "Q5_K_S"},
      {17, "Q5_K_M"}, {18, "Q6_K"},   {19, "IQ2_XXS"}, {20, "IQ2_XS"}, {21, "Q2_K_S"}, {22, "IQ3_XS"}, {23, "IQ3_XXS"},
      {24, "IQ1_S"},  {25, "IQ4_NL"}, {26, "IQ3_S"},   {27, "IQ3_M"},  {28, "IQ2_S"},  {29, "IQ2_M"},  {30, "IQ4_XS"},
      {31, "IQ1_M"},  {32, "BF16"},   {36, "TQ1_0"},   {37, "TQ2_0"},
  };
  auto it = names.find(ftype);
  return it == names.end() ? nullptr : it->second;
}
}  // namespace

std::string Model::quantization_label() const {
  if (file_->has("general.file_type")) {
    // A wrongly typed file_type is only a label: fall through to the weights rather than fail.
    try {
      if (const char* name = ftype_name(*file_->get_uint("general.file_type"))) return name;
    } catch (const GgufError&) {
    }
  }
  // The type holding the most weight bytes, ignoring the embedding table, which is often different.
  std::map<GgmlType, uint64_t> bytes;
  for (const LayerWeights& l : weights_.layers)
    for (const TensorInfo* t : {l.attn_qkv, l.attn_output, l.ffn_up, l.ffn_down}) bytes[t->type] += t->n_bytes;
  GgmlType best = weights_.output->type;
  uint64_t most = 0;
  for (const auto& [type, n] : bytes)
    if (n > most) most = n, best = type;
  return std::string(type_info(best).name);
}

}  // namespace veloce
