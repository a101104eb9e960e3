// IEEE binary16 and bfloat16 conversions, written with bit operations so that the result does
// not depend on compiler support for _Float16 (the Vulkan kernels must match these exactly).
#include <bit>
#include <cstdint>

#include "inference/quant/dequantize.h"

namespace veloce {

float fp16_to_fp32(uint16_t h) {
  const uint32_t sign = static_cast<uint32_t>(h & 0x8000u) << 16;
  const uint32_t exponent = (h >> 10) & 0x1Fu;
  uint32_t mantissa = h & 0x3FFu;
  uint32_t bits = 0;
  if (exponent == 0x1F) {
    // Inf and NaN keep their payload, moved to the top of the fp32 mantissa.
    bits = sign | 0x7F800000u | (mantissa << 13);
  } else if (exponent != 0) {
    bits = sign | ((exponent + 112u) << 23) | (mantissa << 13);  // rebias 15 -> 127
  } else if (mantissa == 0) {
    bits = sign;  // signed zero
  } else {
    // Subnormal half: normalise it, every subnormal half is a normal float.
    uint32_t e = 113;  // exponent of 2^-14 in fp32 bias, before shifting the mantissa up
    while ((mantissa & 0x400u) == 0) {
      mantissa <<= 1;
      --e;
    }
    bits = sign | (e << 23) | ((mantissa & 0x3FFu) << 13);
  }
  return std::bit_cast<float>(bits);
}

uint16_t fp32_to_fp16(float f) {
  const uint32_t bits = std::bit_cast<uint32_t>(f);
  const uint16_t sign = static_cast<uint16_t>((bits >> 16) & 0x8000u);
  const uint32_t exponent = (bits >> 23) & 0xFFu;
  const uint32_t mantissa = bits & 0x7FFFFFu;
  if (exponent == 0xFF) {
    // NaN stays NaN (quiet bit set so a payload of zero cannot turn it into Inf).
    return static_cast<uint16_t>(sign | 0x7C00u | (mantissa != 0 ? 0x200u | (mantissa >> 13) : 0u));
  }
  const int32_t e = static_cast<int32_t>(exponent) - 127 + 15;  // half exponent
  if (e >= 0x1F) return static_cast<uint16_t>(sign | 0x7C00u);  // overflow: Inf
  if (e <= 0) {
    // Result is subnormal (or zero): shift the full 24-bit significand into place, then round.
    if (e < -10) return sign;  // below half the smallest subnormal: rounds to zero
    const uint32_t significand = mantissa | 0x800000u;
    const uint32_t shift = static_cast<uint32_t>(14 - e);  // 24-bit significand -> 10-bit field
    uint32_t half = significand >> shift;
    const uint32_t rest = significand & ((1u << shift) - 1u);
    const uint32_t halfway = 1u << (shift - 1);
    if (rest > halfway || (rest == halfway && (half & 1u) != 0)) ++half;
    return static_cast<uint16_t>(sign | half);
  }
  uint32_t half = (static_cast<uint32_t>(e) << 10) | (mantissa >> 13);
  const uint32_t rest = mantissa & 0x1FFFu;
  // Round to nearest even; a carry out of the mantissa correctly bumps the exponent (up to Inf).
  if (rest > 0x1000u || (rest == 0x1000u && (half & 1u) != 0)) ++half;
  return static_cast<uint16_t>(sign | half);
}

float bf16_to_fp32(uint16_t h) { return std::bit_cast<float>(static_cast<uint32_t>(h) << 16); }

}  // namespace veloce
