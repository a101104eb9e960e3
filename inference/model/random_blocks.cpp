#include "inference/model/random_blocks.h"

#include <algorithm>
#include <cstring>
#include <vector>

namespace veloce {

namespace {

uint64_t splitmix(uint64_t& state) {
  uint64_t z = (state += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

// Uniform in [-a, a]; a = 0.02 * sqrt(3) gives a standard deviation of 0.02.
float uniform(uint64_t& s, float a) {
  return (static_cast<float>(splitmix(s) >> 40) / static_cast<float>(1ull << 24) * 2.0f - 1.0f) * a;
}

// fp32 -> fp16 for the normal range this file uses (scales and weights; tiny values become 0).
uint16_t to_half(float f) {
  uint32_t x;
  std::memcpy(&x, &f, 4);
  const auto sign = static_cast<uint16_t>((x >> 16) & 0x8000u);
  const int exp = static_cast<int>((x >> 23) & 0xffu) - 127 + 15;
  if (exp <= 0) return sign;
  if (exp >= 31) return static_cast<uint16_t>(sign | 0x7bffu);
  return static_cast<uint16_t>(sign | (exp << 10) | ((x >> 13) & 0x3ffu));
}

void put_half(uint8_t* p, float f) {
  const uint16_t h = to_half(f);
  std::memcpy(p, &h, 2);
}

constexpr float k_std = 0.02f;
constexpr float k_uniform = 0.0346f;  // 0.02 * sqrt(3)

// One block (or one value for F32/F16/BF16) at index `block`. The scale fields are set so that
// the decoded values have standard deviation ~k_std; the quant bytes stay random.
void make_block(GgmlType type, uint64_t seed, bool norm, uint64_t block, uint8_t* out, uint32_t bytes) {
  uint64_t s = seed ^ (block * 0xD1B54A32D192ED03ull);
  splitmix(s);
  switch (type) {
    case GgmlType::F32: {
      const float v = norm ? 1.0f + uniform(s, 0.1f) : uniform(s, k_uniform);
      std::memcpy(out, &v, 4);
      return;
    }
    case GgmlType::F16: put_half(out, uniform(s, k_uniform)); return;
    case GgmlType::BF16: {
      const float v = uniform(s, k_uniform);
      uint32_t x;
      std::memcpy(&x, &v, 4);
      const auto h = static_cast<uint16_t>(x >> 16);
      std::memcpy(out, &h, 2);
      return;
    }
    default: break;
  }
  for (uint32_t i = 0; i < bytes; i += 8) {
    const uint64_t r = splitmix(s);
    std::memcpy(out + i, &r, std::min<uint32_t>(8, bytes - i));
  }
  // Standard deviations of the quant levels: uniform 4-bit 4.6, 5-bit 9.2, int8 74, 2-bit 1.1.
  switch (type) {
    case GgmlType::Q4_0: put_half(out, k_std / 4.6f); break;  // (q - 8) d
    case GgmlType::Q4_1:
      put_half(out, k_std / 4.6f);
      put_half(out + 2, -7.5f * k_std / 4.6f);
      break;                                                  // q d + m
    case GgmlType::Q5_0: put_half(out, k_std / 9.2f); break;  // (q - 16) d
    case GgmlType::Q5_1:
      put_half(out, k_std / 9.2f);
      put_half(out + 2, -15.5f * k_std / 9.2f);
      break;
    case GgmlType::Q8_0: put_half(out, k_std / 74.0f); break;  // q d
    case GgmlType::Q2_K: {                                     // d (sc & 15) q - dmin (sc >> 4), q in 0..3
      const float d = k_std / (7.5f * 1.1f);
      put_half(out + 80, d);
      put_half(out + 82, d * 1.5f);
      break;
    }
    case GgmlType::Q3_K: put_half(out + 108, k_std / (18.5f * 2.3f)); break;  // d (sc - 32) q, q in -4..3
    case GgmlType::Q4_K: {                                                    // d sc q - dmin m, sc and m 6-bit, q 4-bit
      const float d = k_std / (31.5f * 4.6f);
      put_half(out, d);
      put_half(out + 2, d * 7.5f);
      break;
    }
    case GgmlType::Q5_K: {
      const float d = k_std / (31.5f * 9.2f);
      put_half(out, d);
      put_half(out + 2, d * 15.5f);
      break;
    }
    case GgmlType::Q6_K: {  // d sc (q - 32); scales kept small and positive so d stays a normal fp16
      for (int i = 0; i < 16; ++i) out[192 + i] = static_cast<uint8_t>(1 + (out[192 + i] & 15));
      put_half(out + 208, k_std / (8.5f * 18.5f));
      break;
    }
    default: break;
  }
}

}  // namespace

void fill_random_tensor(GgmlType type, uint64_t seed, bool norm, uint64_t offset, std::span<uint8_t> dst) {
  const uint32_t bb = type_info(type).block_bytes;
  std::vector<uint8_t> block(bb);
  uint64_t pos = offset;
  size_t written = 0;
  while (written < dst.size()) {
    const uint64_t index = pos / bb;
    const auto within = static_cast<uint32_t>(pos % bb);
    make_block(type, seed, norm, index, block.data(), bb);
    const size_t n = std::min<size_t>(bb - within, dst.size() - written);
    std::memcpy(dst.data() + written, block.data() + within, n);
    written += n;
    pos += n;
  }
}

}  // namespace veloce
