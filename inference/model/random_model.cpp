#include "inference/model/random_model.h"

#include <stdexcept>

#include "inference/model/quant_mix.h"
#include "inference/model/random_blocks.h"
#include "inference/model/vocab_subset.h"

namespace veloce {

RandomModelSpec random_model_preset(std::string_view name) {
  RandomModelSpec s;
  s.preset = std::string(name);
  if (name == "phi-4") {
    s.n_embd = 5120, s.n_layer = 40, s.n_head = 40, s.n_head_kv = 10, s.n_ff = 17920, s.n_vocab = 100352, s.n_ctx = 16384;
  } else if (name == "tiny") {
    s.n_embd = 256, s.n_layer = 2, s.n_head = 4, s.n_head_kv = 1, s.n_ff = 768, s.n_vocab = 4096, s.n_ctx = 16384;
  } else {
    throw std::invalid_argument("unknown preset '" + std::string(name) + "' (phi-4 or tiny)");
  }
  return s;
}

namespace {

void check_spec(const RandomModelSpec& s) {
  if (!s.n_embd || !s.n_layer || !s.n_head || !s.n_head_kv || !s.n_ff || !s.n_ctx)
    throw std::invalid_argument("every width must be non-zero");
  if (s.n_embd % s.n_head || s.n_head % s.n_head_kv)
    throw std::invalid_argument("hidden size must be a multiple of the heads, and heads of the KV heads");
  if (!mix_type(s.mix, TensorRole::Norm, 0, 1)) {
    std::string names;
    for (std::string_view m : supported_mixes()) names += (names.empty() ? "" : ", ") + std::string(m);
    throw std::invalid_argument("unknown type '" + s.mix + "' (one of " + names + ")");
  }
}

}  // namespace

GgufWriter random_model_writer(const RandomModelSpec& s, const GgufFile& vocab_source) {
  check_spec(s);
  GgufWriter w(3, 32);
  w.set_string("general.architecture", "phi3");
  w.set_string("general.name", "Veloce random " + s.preset + " " + s.mix);
  w.set_u32("general.file_type", *mix_file_type(s.mix));
  w.set_u32("general.quantization_version", 2);
  w.set_u32("phi3.context_length", s.n_ctx);
  w.set_u32("phi3.embedding_length", s.n_embd);
  w.set_u32("phi3.feed_forward_length", s.n_ff);
  w.set_u32("phi3.block_count", s.n_layer);
  w.set_u32("phi3.attention.head_count", s.n_head);
  w.set_u32("phi3.attention.head_count_kv", s.n_head_kv);
  w.set_f32("phi3.attention.layer_norm_rms_epsilon", 1e-5f);
  w.set_u32("phi3.rope.dimension_count", s.n_embd / s.n_head);
  w.set_f32("phi3.rope.freq_base", 250000.0f);
  w.set_u32("phi3.attention.sliding_window", 0);
  const uint32_t n_vocab = copy_vocabulary(vocab_source, s.n_vocab, w);

  const uint64_t embd = s.n_embd, qkv = s.n_embd + 2ull * (s.n_embd / s.n_head) * s.n_head_kv;
  uint64_t index = 0;
  auto add = [&](const std::string& name, TensorRole role, uint32_t layer, std::vector<uint64_t> dims) {
    GgmlType type = *mix_type(s.mix, role, layer, s.n_layer);
    // Rows narrower than a 256-value superblock: llama.cpp's quantizer falls back to these.
    if (dims[0] % 256 != 0) {
      if (type == GgmlType::Q4_K) type = GgmlType::Q5_0;
      if (type == GgmlType::Q5_K) type = GgmlType::Q5_1;
      if (type == GgmlType::Q6_K) type = GgmlType::Q8_0;
    }
    const TypeInfo& ti = type_info(type);
    if (dims[0] % ti.block_values)
      throw std::invalid_argument(name + ": width " + std::to_string(dims[0]) + " is not a multiple of the " +
                                  std::string(ti.name) + " block size " + std::to_string(ti.block_values));
    uint64_t n = 1;
    for (uint64_t d : dims) n *= d;
    const uint64_t seed = s.seed * 0x9E3779B97F4A7C15ull + ++index;
    const bool norm = role == TensorRole::Norm;
    w.add_tensor_stream(
        name, type, std::move(dims), n / ti.block_values * ti.block_bytes,
        [type, seed, norm](std::span<uint8_t> dst, uint64_t off) { fill_random_tensor(type, seed, norm, off, dst); });
  };
  add("token_embd.weight", TensorRole::TokenEmbd, 0, {embd, n_vocab});
  for (uint32_t l = 0; l < s.n_layer; ++l) {
    const std::string b = "blk." + std::to_string(l) + ".";
    add(b + "attn_norm.weight", TensorRole::Norm, l, {embd});
    add(b + "attn_qkv.weight", TensorRole::AttnQkv, l, {embd, qkv});
    add(b + "attn_output.weight", TensorRole::AttnOutput, l, {embd, embd});
    add(b + "ffn_norm.weight", TensorRole::Norm, l, {embd});
    add(b + "ffn_up.weight", TensorRole::FfnUp, l, {embd, 2ull * s.n_ff});
    add(b + "ffn_down.weight", TensorRole::FfnDown, l, {s.n_ff, embd});
  }
  add("output_norm.weight", TensorRole::Norm, 0, {embd});
  add("output.weight", TensorRole::Output, 0, {embd, n_vocab});
  return w;
}

}  // namespace veloce
