// Dispatch by type: walk the blocks of a run of values and hand each to its block dequantizer.
#include "inference/quant/dequantize.h"

#include <cstring>
#include <stdexcept>
#include <string>

#include "inference/quant/block_dequant.h"

namespace veloce {
namespace {

using BlockFn = void (*)(const uint8_t*, float*);

BlockFn block_function(GgmlType type) {
  switch (type) {
    case GgmlType::Q4_0: return quant::dequant_block_q4_0;
    case GgmlType::Q4_1: return quant::dequant_block_q4_1;
    case GgmlType::Q5_0: return quant::dequant_block_q5_0;
    case GgmlType::Q5_1: return quant::dequant_block_q5_1;
    case GgmlType::Q8_0: return quant::dequant_block_q8_0;
    case GgmlType::Q2_K: return quant::dequant_block_q2_k;
    case GgmlType::Q3_K: return quant::dequant_block_q3_k;
    case GgmlType::Q4_K: return quant::dequant_block_q4_k;
    case GgmlType::Q5_K: return quant::dequant_block_q5_k;
    case GgmlType::Q6_K: return quant::dequant_block_q6_k;
    case GgmlType::F32:
    case GgmlType::F16:
    case GgmlType::BF16: break;
  }
  return nullptr;
}

}  // namespace

void dequantize(GgmlType type, const void* src, float* dst, uint64_t n) {
  const TypeInfo& info = type_info(type);
  // Callers pass whole rows, whose length the loader already checked; a partial block here is a
  // programming error, not bad input.
  if (n % info.block_values != 0)
    throw std::invalid_argument("dequantize: " + std::to_string(n) + " values is not a whole number of " +
                                std::string(info.name) + " blocks");
  const auto* bytes = static_cast<const uint8_t*>(src);
  switch (type) {
    case GgmlType::F32: std::memcpy(dst, bytes, n * sizeof(float)); return;
    case GgmlType::F16:
      for (uint64_t i = 0; i < n; ++i) dst[i] = fp16_to_fp32(quant::read_u16(bytes + 2 * i));
      return;
    case GgmlType::BF16:
      for (uint64_t i = 0; i < n; ++i) dst[i] = bf16_to_fp32(quant::read_u16(bytes + 2 * i));
      return;
    default: break;
  }
  const BlockFn fn = block_function(type);
  const uint64_t blocks = n / info.block_values;
  for (uint64_t b = 0; b < blocks; ++b) fn(bytes + b * info.block_bytes, dst + b * info.block_values);
}

void dequantize_row(GgmlType type, const uint8_t* tensor_data, uint64_t n_cols, uint64_t row, float* dst) {
  dequantize(type, tensor_data + row * row_bytes(type, n_cols), dst, n_cols);
}

}  // namespace veloce
