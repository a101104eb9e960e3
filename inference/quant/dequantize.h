#pragma once
// CPU dequantization of every supported weight type: the ground truth for the Vulkan kernels.
#include <cstdint>
#include <span>

#include "inference/gguf/ggml_type.h"

namespace veloce {

// Converts n values (a multiple of the type's block size) starting at src to fp32.
void dequantize(GgmlType type, const void* src, float* dst, uint64_t n);

// Row r of a [n_cols x rows] tensor whose rows are stored one after another.
void dequantize_row(GgmlType type, const uint8_t* tensor_data, uint64_t n_cols, uint64_t row, float* dst);

float fp16_to_fp32(uint16_t h);
uint16_t fp32_to_fp16(float f);  // round to nearest even
float bf16_to_fp32(uint16_t h);

}  // namespace veloce
