// Facts about llama.cpp's quantization mixes (PHI4.md's table and the fixtures in tests/data),
// written as a table rather than derived: a random-weight model must have the real file's layout.
#include "inference/model/quant_mix.h"

#include <array>

namespace veloce {

namespace {

struct Mix {
  std::string_view name;
  uint32_t file_type;  // LLAMA_FTYPE
  GgmlType base;       // everything not listed below
  GgmlType output;
  GgmlType attn_qkv;
  GgmlType ffn_down_more_bits;  // ffn_down in the layers llama.cpp gives more bits
};

using T = GgmlType;
constexpr std::array<Mix, 12> k_mixes{{
    {"F32", 0, T::F32, T::F32, T::F32, T::F32},
    {"F16", 1, T::F16, T::F16, T::F16, T::F16},
    {"BF16", 32, T::BF16, T::BF16, T::BF16, T::BF16},
    {"Q8_0", 7, T::Q8_0, T::Q8_0, T::Q8_0, T::Q8_0},
    {"Q6_K", 18, T::Q6_K, T::Q6_K, T::Q6_K, T::Q6_K},
    // Real Phi-4 Q4_K_M: output Q6_K, attn_qkv Q5_K, ffn_down Q6_K in 20 of 40 layers (PHI4.md).
    {"Q4_K_M", 15, T::Q4_K, T::Q6_K, T::Q5_K, T::Q6_K},
    {"Q4_K_S", 14, T::Q4_K, T::Q6_K, T::Q5_K, T::Q4_K},
    {"Q5_K_M", 17, T::Q5_K, T::Q6_K, T::Q6_K, T::Q6_K},
    {"Q4_0", 2, T::Q4_0, T::Q6_K, T::Q4_0, T::Q4_0},
    {"Q4_1", 3, T::Q4_1, T::Q6_K, T::Q4_1, T::Q4_1},
    {"Q5_0", 8, T::Q5_0, T::Q6_K, T::Q5_0, T::Q5_0},
    {"Q5_1", 9, T::Q5_1, T::Q6_K, T::Q5_1, T::Q5_1},
}};

const Mix* find_mix(std::string_view name) {
  for (const Mix& m : k_mixes)
    if (m.name == name) return &m;
  return nullptr;
}

// llama.cpp's rule for the layers whose ffn_down gets more bits: the first and last eighth of
// the layers and every third layer in between (20 of Phi-4's 40).
bool use_more_bits(uint32_t layer, uint32_t n_layer) {
  return layer < n_layer / 8 || layer >= 7 * n_layer / 8 || (layer - n_layer / 8) % 3 == 2;
}

}  // namespace

std::optional<GgmlType> mix_type(std::string_view name, TensorRole role, uint32_t layer, uint32_t n_layer) {
  const Mix* m = find_mix(name);
  if (!m) return std::nullopt;
  switch (role) {
    case TensorRole::Norm: return T::F32;
    case TensorRole::Output: return m->output;
    case TensorRole::AttnQkv: return m->attn_qkv;
    case TensorRole::FfnDown: return use_more_bits(layer, n_layer) ? m->ffn_down_more_bits : m->base;
    default: return m->base;
  }
}

std::optional<uint32_t> mix_file_type(std::string_view name) {
  const Mix* m = find_mix(name);
  return m ? std::optional<uint32_t>(m->file_type) : std::nullopt;
}

std::vector<std::string_view> supported_mixes() {
  std::vector<std::string_view> out;
  for (const Mix& m : k_mixes) out.push_back(m.name);
  return out;
}

}  // namespace veloce
