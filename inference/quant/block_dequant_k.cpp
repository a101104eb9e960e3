// The K-quant superblocks (256 values): a superblock scale (and min) in fp16 and small per-sub-block
// scales, packed as ggml's reference dequantizer defines them.
#include "inference/quant/block_dequant.h"
#include "inference/quant/dequantize.h"

namespace veloce::quant {
namespace {

// Q4_K/Q5_K: 6-bit scale and min of sub-block j (0..7) packed into 12 bytes (PHI4.md).
void scale_min_k4(int j, const uint8_t* scales, int& scale, int& min) {
  if (j < 4) {
    scale = scales[j] & 63;
    min = scales[j + 4] & 63;
  } else {
    scale = (scales[j + 4] & 0x0F) | ((scales[j - 4] >> 6) << 4);
    min = (scales[j + 4] >> 4) | ((scales[j] >> 6) << 4);
  }
}

// Q3_K: 6-bit signed scale of sub-block i (0..15): the low 4 bits are the low nibbles of bytes
// 0..7 (i < 8) or their high nibbles (i >= 8); the top 2 bits come from bytes 8..11, where byte
// 8 + i % 4 holds them for i / 4 = 0..3 at bit 2 * (i / 4). Stored with an offset of 32.
int scale_q3_k(int i, const uint8_t* scales) {
  const int low = i < 8 ? (scales[i] & 0x0F) : (scales[i - 8] >> 4);
  const int high = (scales[8 + i % 4] >> (2 * (i / 4))) & 3;
  return (low | (high << 4)) - 32;
}

}  // namespace

// Q2_K (84 bytes): u8 scales[16] (low nibble scale, high nibble min); u8 qs[64]; half d; half dmin.
// Each 128-value half uses 32 bytes of qs; the four 2-bit planes (shift 0, 2, 4, 6) are four
// 32-value groups, each split into two 16-value sub-blocks with their own scale byte.
void dequant_block_q2_k(const uint8_t* src, float* dst) {
  const uint8_t* scales = src;
  const uint8_t* qs = src + 16;
  const float d = fp16_to_fp32(read_u16(src + 80));
  const float dmin = fp16_to_fp32(read_u16(src + 82));
  int sub = 0;
  for (int half = 0; half < 2; ++half) {
    const uint8_t* q = qs + 32 * half;
    for (int plane = 0; plane < 4; ++plane) {
      const int shift = 2 * plane;
      for (int part = 0; part < 2; ++part, ++sub) {
        const float dl = d * static_cast<float>(scales[sub] & 0x0F);
        const float ml = dmin * static_cast<float>(scales[sub] >> 4);
        for (int l = 0; l < 16; ++l) *dst++ = dl * static_cast<float>((q[16 * part + l] >> shift) & 3) - ml;
      }
    }
  }
}

// Q3_K (110 bytes): u8 hmask[32]; u8 qs[64]; u8 scales[12]; half d. Same plane order as Q2_K;
// the third bit of value l of plane p (counting planes over both halves, 0..7) is bit p of
// hmask[l]; when it is clear the value is lowered by 4.
void dequant_block_q3_k(const uint8_t* src, float* dst) {
  const uint8_t* hmask = src;
  const uint8_t* qs = src + 32;
  const uint8_t* scales = src + 96;
  const float d = fp16_to_fp32(read_u16(src + 108));
  int sub = 0;
  int hbit = 0;
  for (int half = 0; half < 2; ++half) {
    const uint8_t* q = qs + 32 * half;
    for (int plane = 0; plane < 4; ++plane, ++hbit) {
      const int shift = 2 * plane;
      for (int part = 0; part < 2; ++part, ++sub) {
        const float dl = d * static_cast<float>(scale_q3_k(sub, scales));
        for (int l = 16 * part; l < 16 * part + 16; ++l) {
          const int low = (q[l] >> shift) & 3;
          const int sub4 = ((hmask[l] >> hbit) & 1) ? 0 : 4;
          *dst++ = dl * static_cast<float>(low - sub4);
        }
      }
    }
  }
}

// Q4_K (144 bytes): half d; half dmin; u8 scales[12]; u8 qs[128]. Each 64-value chunk c uses
// qs[32c .. 32c+31]: low nibbles are sub-block 2c, high nibbles sub-block 2c+1.
void dequant_block_q4_k(const uint8_t* src, float* dst) {
  const float d = fp16_to_fp32(read_u16(src));
  const float dmin = fp16_to_fp32(read_u16(src + 2));
  const uint8_t* scales = src + 4;
  const uint8_t* qs = src + 16;
  for (int c = 0; c < 4; ++c) {
    int sc0 = 0, m0 = 0, sc1 = 0, m1 = 0;
    scale_min_k4(2 * c, scales, sc0, m0);
    scale_min_k4(2 * c + 1, scales, sc1, m1);
    const float d0 = d * static_cast<float>(sc0), min0 = dmin * static_cast<float>(m0);
    const float d1 = d * static_cast<float>(sc1), min1 = dmin * static_cast<float>(m1);
    const uint8_t* q = qs + 32 * c;
    for (int l = 0; l < 32; ++l) dst[l] = d0 * static_cast<float>(q[l] & 0x0F) - min0;
    for (int l = 0; l < 32; ++l) dst[32 + l] = d1 * static_cast<float>(q[l] >> 4) - min1;
    dst += 64;
  }
}

// Q5_K (176 bytes): half d; half dmin; u8 scales[12]; u8 qh[32]; u8 qs[128]. As Q4_K, plus a
// fifth bit: for sub-block s (0..7), value l's bit is bit s of qh[l].
void dequant_block_q5_k(const uint8_t* src, float* dst) {
  const float d = fp16_to_fp32(read_u16(src));
  const float dmin = fp16_to_fp32(read_u16(src + 2));
  const uint8_t* scales = src + 4;
  const uint8_t* qh = src + 16;
  const uint8_t* qs = src + 48;
  for (int c = 0; c < 4; ++c) {
    int sc0 = 0, m0 = 0, sc1 = 0, m1 = 0;
    scale_min_k4(2 * c, scales, sc0, m0);
    scale_min_k4(2 * c + 1, scales, sc1, m1);
    const float d0 = d * static_cast<float>(sc0), min0 = dmin * static_cast<float>(m0);
    const float d1 = d * static_cast<float>(sc1), min1 = dmin * static_cast<float>(m1);
    const uint8_t* q = qs + 32 * c;
    for (int l = 0; l < 32; ++l) {
      const int v = (q[l] & 0x0F) + (((qh[l] >> (2 * c)) & 1) << 4);
      dst[l] = d0 * static_cast<float>(v) - min0;
    }
    for (int l = 0; l < 32; ++l) {
      const int v = (q[l] >> 4) + (((qh[l] >> (2 * c + 1)) & 1) << 4);
      dst[32 + l] = d1 * static_cast<float>(v) - min1;
    }
    dst += 64;
  }
}

// Q6_K (210 bytes): u8 ql[128]; u8 qh[64]; i8 scales[16]; half d. Each 128-value half h uses
// ql[64h .. 64h+63] and qh[32h .. 32h+31]; value l + 32k (k = 0..3) of the half takes its low
// nibble from ql[l] (k even) or ql[l + 32] (k odd), low nibble for k < 2 and high nibble
// otherwise, and its top 2 bits from bits 2k..2k+1 of qh[l]. Sub-blocks are 16 values.
void dequant_block_q6_k(const uint8_t* src, float* dst) {
  const uint8_t* ql = src;
  const uint8_t* qh = src + 128;
  const uint8_t* scales = src + 192;
  const float d = fp16_to_fp32(read_u16(src + 208));
  for (int half = 0; half < 2; ++half) {
    const uint8_t* l4 = ql + 64 * half;
    const uint8_t* h2 = qh + 32 * half;
    const uint8_t* sc = scales + 8 * half;
    for (int k = 0; k < 4; ++k) {
      const uint8_t* nib = l4 + (k % 2 == 0 ? 0 : 32);
      const int nib_shift = k < 2 ? 0 : 4;
      for (int l = 0; l < 32; ++l) {
        const int v = ((nib[l] >> nib_shift) & 0x0F) | (((h2[l] >> (2 * k)) & 3) << 4);
        const float scale = static_cast<float>(static_cast<int8_t>(sc[l / 16 + 2 * k]));
        dst[32 * k + l] = d * scale * static_cast<float>(v - 32);
      }
    }
    dst += 128;
  }
}

}  // namespace veloce::quant
