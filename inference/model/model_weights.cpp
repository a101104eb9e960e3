// ModelWeights: every tensor the forward pass reads, looked up by name with the exact shape the
// architecture implies (RELIABILITY.md item 7: a kernel must never read past a tensor).
#include <charconv>
#include <set>

#include "inference/model/model.h"

namespace veloce {

namespace {

std::vector<GgmlType> supported_types() {
  std::vector<GgmlType> out;
  for (uint32_t id = 0; id < 64; ++id)
    if (auto t = find_type(id)) out.push_back(t->type);
  return out;
}

// "blk.N." prefix -> N, or -1 for other names.
long layer_of(std::string_view name) {
  if (name.rfind("blk.", 0) != 0) return -1;
  name.remove_prefix(4);
  long n = -1;
  auto [p, ec] = std::from_chars(name.data(), name.data() + name.size(), n);
  if (ec != std::errc() || p == name.data() + name.size() || *p != '.') return -1;
  return n;
}

}  // namespace

ModelWeights ModelWeights::from_gguf(const GgufFile& f, const ModelConfig& c) {
  static const std::vector<GgmlType> any = supported_types();
  static const std::vector<GgmlType> f32 = {GgmlType::F32};
  const uint64_t embd = c.n_embd, vocab = c.n_vocab, ff = c.n_ff, qkv = c.n_embd + 2ull * c.n_embd_kv();
  using Shape = std::vector<uint64_t>;

  ModelWeights w{};
  w.token_embd = &f.require_tensor("token_embd.weight", Shape{embd, vocab}, any);
  w.output_norm = &f.require_tensor("output_norm.weight", Shape{embd}, f32);
  // Phi-4 has its own output matrix; files without one tie it to the embedding table.
  w.output = f.find_tensor("output.weight") ? &f.require_tensor("output.weight", Shape{embd, vocab}, any) : w.token_embd;
  w.layers.reserve(c.n_layer);
  for (uint32_t l = 0; l < c.n_layer; ++l) {
    const std::string b = "blk." + std::to_string(l) + ".";
    LayerWeights lw{};
    lw.attn_norm = &f.require_tensor(b + "attn_norm.weight", Shape{embd}, f32);
    lw.attn_qkv = &f.require_tensor(b + "attn_qkv.weight", Shape{embd, qkv}, any);
    lw.attn_output = &f.require_tensor(b + "attn_output.weight", Shape{embd, embd}, any);
    lw.ffn_norm = &f.require_tensor(b + "ffn_norm.weight", Shape{embd}, f32);
    lw.ffn_up = &f.require_tensor(b + "ffn_up.weight", Shape{embd, 2 * ff}, any);
    lw.ffn_down = &f.require_tensor(b + "ffn_down.weight", Shape{ff, embd}, any);
    w.layers.push_back(lw);
  }
  // Layers beyond block_count mean the metadata and the tensors disagree: refuse rather than guess.
  for (const TensorInfo& t : f.tensors()) {
    const long l = layer_of(t.name);
    if (l >= static_cast<long>(c.n_layer))
      throw GgufError(f.path() + ": tensor '" + t.name + "': layer " + std::to_string(l) + " is beyond phi3.block_count (" +
                      std::to_string(c.n_layer) + ")");
  }
  return w;
}

uint64_t ModelWeights::total_bytes() const {
  std::set<const TensorInfo*> all{token_embd, output_norm, output};
  for (const LayerWeights& l : layers)
    all.insert({l.attn_norm, l.attn_qkv, l.attn_output, l.ffn_norm, l.ffn_up, l.ffn_down});
  uint64_t sum = 0;
  for (const TensorInfo* t : all) sum += t->n_bytes;
  return sum;
}

uint64_t ModelWeights::bytes_read_per_token() const {
  // The embedding table is only gathered (one row per token); with tied embeddings the output
  // matmul still reads all of it, so output counts whatever it points at.
  uint64_t sum = output_norm->n_bytes + output->n_bytes;
  for (const LayerWeights& l : layers)
    sum += l.attn_norm->n_bytes + l.attn_qkv->n_bytes + l.attn_output->n_bytes + l.ffn_norm->n_bytes + l.ffn_up->n_bytes +
           l.ffn_down->n_bytes;
  return sum;
}

}  // namespace veloce
