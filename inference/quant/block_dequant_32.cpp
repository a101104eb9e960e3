// The 32-value block types: one fp16 scale (and for _1 types an fp16 offset) per 32 weights.
#include "inference/quant/block_dequant.h"
#include "inference/quant/dequantize.h"

namespace veloce::quant {

// Q4_0 (18 bytes): half d; u8 qs[16]. Low nibbles are values 0..15, high nibbles 16..31,
// stored with an offset of 8.
void dequant_block_q4_0(const uint8_t* src, float* dst) {
  const float d = fp16_to_fp32(read_u16(src));
  const uint8_t* qs = src + 2;
  for (int j = 0; j < 16; ++j) {
    dst[j] = static_cast<float>((qs[j] & 0x0F) - 8) * d;
    dst[j + 16] = static_cast<float>((qs[j] >> 4) - 8) * d;
  }
}

// Q4_1 (20 bytes): half d; half m; u8 qs[16]. Unsigned nibbles: value = q * d + m.
void dequant_block_q4_1(const uint8_t* src, float* dst) {
  const float d = fp16_to_fp32(read_u16(src));
  const float m = fp16_to_fp32(read_u16(src + 2));
  const uint8_t* qs = src + 4;
  for (int j = 0; j < 16; ++j) {
    dst[j] = static_cast<float>(qs[j] & 0x0F) * d + m;
    dst[j + 16] = static_cast<float>(qs[j] >> 4) * d + m;
  }
}

// Q5_0 (22 bytes): half d; u8 qh[4] (one fifth bit per value, bit i for value i); u8 qs[16].
// The 5-bit value is stored with an offset of 16.
void dequant_block_q5_0(const uint8_t* src, float* dst) {
  const float d = fp16_to_fp32(read_u16(src));
  const uint32_t qh = read_u32(src + 2);
  const uint8_t* qs = src + 6;
  for (int j = 0; j < 16; ++j) {
    const int lo = (qs[j] & 0x0F) | static_cast<int>(((qh >> j) & 1u) << 4);
    const int hi = (qs[j] >> 4) | static_cast<int>(((qh >> (j + 16)) & 1u) << 4);
    dst[j] = static_cast<float>(lo - 16) * d;
    dst[j + 16] = static_cast<float>(hi - 16) * d;
  }
}

// Q5_1 (24 bytes): half d; half m; u8 qh[4]; u8 qs[16]. Unsigned 5-bit: value = q * d + m.
void dequant_block_q5_1(const uint8_t* src, float* dst) {
  const float d = fp16_to_fp32(read_u16(src));
  const float m = fp16_to_fp32(read_u16(src + 2));
  const uint32_t qh = read_u32(src + 4);
  const uint8_t* qs = src + 8;
  for (int j = 0; j < 16; ++j) {
    const int lo = (qs[j] & 0x0F) | static_cast<int>(((qh >> j) & 1u) << 4);
    const int hi = (qs[j] >> 4) | static_cast<int>(((qh >> (j + 16)) & 1u) << 4);
    dst[j] = static_cast<float>(lo) * d + m;
    dst[j + 16] = static_cast<float>(hi) * d + m;
  }
}

// Q8_0 (34 bytes): half d; i8 qs[32].
void dequant_block_q8_0(const uint8_t* src, float* dst) {
  const float d = fp16_to_fp32(read_u16(src));
  for (int j = 0; j < 32; ++j) dst[j] = static_cast<float>(static_cast<int8_t>(src[2 + j])) * d;
}

}  // namespace veloce::quant
