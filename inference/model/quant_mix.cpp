// Facts about llama.cpp's quantization mixes (PHI4.md's table and the fixtures in tests/data),
// written as a table rather than derived: a random-weight model must have the real file's layout.
#include "inference/model/quant_mix.h"

#include <array>

namespace veloce {

namespace {

// Which ffn_down layers get ffn_down_boost instead of ffn_down.
enum class Boost { MoreBits, FirstSixteenth };

struct Mix {
  std::string_view name;
  uint32_t file_type;  // LLAMA_FTYPE
  GgmlType base;       // everything not listed below
  GgmlType output;
  GgmlType attn_qkv;
  GgmlType attn_output;
  GgmlType ffn_down;
  GgmlType ffn_down_boost;  // in the layers `boost` names
  Boost boost = Boost::MoreBits;
};

using T = GgmlType;
constexpr std::array<Mix, 14> k_mixes{{
    {"F32", 0, T::F32, T::F32, T::F32, T::F32, T::F32, T::F32},
    {"F16", 1, T::F16, T::F16, T::F16, T::F16, T::F16, T::F16},
    {"BF16", 32, T::BF16, T::BF16, T::BF16, T::BF16, T::BF16, T::BF16},
    {"Q8_0", 7, T::Q8_0, T::Q8_0, T::Q8_0, T::Q8_0, T::Q8_0, T::Q8_0},
    {"Q6_K", 18, T::Q6_K, T::Q6_K, T::Q6_K, T::Q6_K, T::Q6_K, T::Q6_K},
    // Real Phi-4 Q4_K_M: output Q6_K, attn_qkv Q5_K, ffn_down Q6_K in 20 of 40 layers (PHI4.md).
    {"Q4_K_M", 15, T::Q4_K, T::Q6_K, T::Q5_K, T::Q4_K, T::Q4_K, T::Q6_K},
    {"Q4_K_S", 14, T::Q4_K, T::Q6_K, T::Q5_K, T::Q4_K, T::Q4_K, T::Q4_K},
    {"Q5_K_M", 17, T::Q5_K, T::Q6_K, T::Q6_K, T::Q5_K, T::Q5_K, T::Q6_K},
    // As the fixtures phi4-tiny-Q3_K_M and -Q2_K hold them: attn_output and ffn_down a step up
    // from the base; llama.cpp gives Q3_K_M's ffn_down Q5_K in the first sixteenth of the layers.
    {"Q3_K_M", 12, T::Q3_K, T::Q6_K, T::Q5_K, T::Q4_K, T::Q4_K, T::Q5_K, Boost::FirstSixteenth},
    {"Q2_K", 10, T::Q2_K, T::Q6_K, T::Q4_K, T::Q3_K, T::Q3_K, T::Q3_K},
    {"Q4_0", 2, T::Q4_0, T::Q6_K, T::Q4_0, T::Q4_0, T::Q4_0, T::Q4_0},
    {"Q4_1", 3, T::Q4_1, T::Q6_K, T::Q4_1, T::Q4_1, T::Q4_1, T::Q4_1},
    {"Q5_0", 8, T::Q5_0, T::Q6_K, T::Q5_0, T::Q5_0, T::Q5_0, T::Q5_0},
    {"Q5_1", 9, T::Q5_1, T::Q6_K, T::Q5_1, T::Q5_1, T::Q5_1, T::Q5_1},
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
    case TensorRole::AttnOutput: return m->attn_output;
    case TensorRole::FfnDown: {
      const bool boosted = m->boost == Boost::MoreBits ? use_more_bits(layer, n_layer) : layer < n_layer / 16;
      return boosted ? m->ffn_down_boost : m->ffn_down;
    }
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
