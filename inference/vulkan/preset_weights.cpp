#include "inference/vulkan/preset_weights.h"

#include <stdexcept>

#include "inference/model/quant_mix.h"

namespace veloce::vk {

std::unique_ptr<PresetWeights> preset_weights(const RandomModelSpec& s) {
  if (!mix_type(s.mix, TensorRole::Norm, 0, 1)) throw std::invalid_argument("unknown type '" + s.mix + "'");
  if (!s.n_embd || !s.n_head || !s.n_head_kv || !s.n_layer || s.n_embd % s.n_head)
    throw std::invalid_argument("inconsistent preset widths");
  auto p = std::make_unique<PresetWeights>();
  ModelConfig& c = p->config;
  c.architecture = "phi3";
  c.name = "preset " + s.preset + " " + s.mix;
  c.n_embd = s.n_embd, c.n_layer = s.n_layer, c.n_head = s.n_head, c.n_head_kv = s.n_head_kv;
  c.head_dim = s.n_embd / s.n_head, c.n_rot = c.head_dim, c.n_ff = s.n_ff, c.n_vocab = s.n_vocab;
  c.n_ctx_train = s.n_ctx;

  const uint64_t embd = s.n_embd, qkv = s.n_embd + 2ull * c.n_embd_kv();
  p->tensors.reserve(3 + 6ull * s.n_layer);  // no reallocation: ModelWeights points into it
  auto add = [&](std::string name, TensorRole role, uint32_t layer, uint64_t ne0, uint64_t ne1) {
    GgmlType type = *mix_type(s.mix, role, layer, s.n_layer);
    // The same fallbacks as make-model (llama.cpp's quantizer) for rows narrower than a superblock.
    if (ne0 % 256 != 0) {
      if (type == GgmlType::Q4_K) type = GgmlType::Q5_0;
      if (type == GgmlType::Q5_K) type = GgmlType::Q5_1;
      if (type == GgmlType::Q6_K) type = GgmlType::Q8_0;
    }
    TensorInfo t;
    t.name = std::move(name);
    t.n_dims = ne1 > 1 ? 2 : 1;
    t.ne = {ne0, ne1, 1, 1};
    t.type = type;
    t.n_elements = ne0 * ne1;
    t.n_bytes = ne1 * row_bytes(type, ne0);
    p->tensors.push_back(std::move(t));
    return &p->tensors.back();
  };
  ModelWeights& w = p->weights;
  w.token_embd = add("token_embd.weight", TensorRole::TokenEmbd, 0, embd, s.n_vocab);
  for (uint32_t l = 0; l < s.n_layer; ++l) {
    const std::string b = "blk." + std::to_string(l) + ".";
    LayerWeights L{};
    L.attn_norm = add(b + "attn_norm.weight", TensorRole::Norm, l, embd, 1);
    L.attn_qkv = add(b + "attn_qkv.weight", TensorRole::AttnQkv, l, embd, qkv);
    L.attn_output = add(b + "attn_output.weight", TensorRole::AttnOutput, l, embd, embd);
    L.ffn_norm = add(b + "ffn_norm.weight", TensorRole::Norm, l, embd, 1);
    L.ffn_up = add(b + "ffn_up.weight", TensorRole::FfnUp, l, embd, 2ull * s.n_ff);
    L.ffn_down = add(b + "ffn_down.weight", TensorRole::FfnDown, l, s.n_ff, embd);
    w.layers.push_back(L);
  }
  w.output_norm = add("output_norm.weight", TensorRole::Norm, 0, embd, 1);
  w.output = add("output.weight", TensorRole::Output, 0, embd, s.n_vocab);
  return p;
}

}  // namespace veloce::vk
