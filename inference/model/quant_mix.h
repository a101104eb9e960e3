#pragma once
// Which block type each Phi-4 tensor gets in the files llama.cpp's quantizer writes, by mix name
// ("Q4_K_M"), and the general.file_type number that names the mix.
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "inference/gguf/ggml_type.h"

namespace veloce {

enum class TensorRole { TokenEmbd, Output, Norm, AttnQkv, AttnOutput, FfnUp, FfnDown };

// nullopt for a mix Veloce cannot write.
std::optional<GgmlType> mix_type(std::string_view mix, TensorRole role, uint32_t layer, uint32_t n_layer);
std::optional<uint32_t> mix_file_type(std::string_view mix);  // LLAMA_FTYPE number
std::vector<std::string_view> supported_mixes();

}  // namespace veloce
