#pragma once
// The shapes and types of a model that make-model would write (a preset and a quantization mix),
// without the file: what `veloce-cli plan --preset phi-4 --type Q4_K_M` plans for.
#include <memory>
#include <string>
#include <vector>

#include "inference/model/model.h"
#include "inference/model/random_model.h"

namespace veloce::vk {

struct PresetWeights {
  ModelConfig config;
  std::vector<TensorInfo> tensors;  // no data: shapes, types and byte counts only
  ModelWeights weights;             // points into tensors
};

// Throws std::invalid_argument for an unknown preset or mix.
std::unique_ptr<PresetWeights> preset_weights(const RandomModelSpec& spec);

}  // namespace veloce::vk
