// Dequantization on handcrafted blocks whose values follow from the documented layouts
// (PHI4.md "Block layouts"); the K-quant bit positions are pinned end to end by the KL
// divergence and logits tests against llama.cpp in tests/reference.
#include <gtest/gtest.h>

#include <bit>
#include <cmath>
#include <cstring>
#include <limits>
#include <vector>

#include "inference/quant/dequantize.h"

namespace veloce {
namespace {

void put_u16(std::vector<uint8_t>& b, size_t at, uint16_t v) {
  b[at] = static_cast<uint8_t>(v & 0xFF);
  b[at + 1] = static_cast<uint8_t>(v >> 8);
}

TEST(Fp16, KnownValues) {
  EXPECT_EQ(fp16_to_fp32(0x3C00), 1.0f);
  EXPECT_EQ(fp16_to_fp32(0xC000), -2.0f);
  EXPECT_EQ(fp16_to_fp32(0x7BFF), 65504.0f);
  EXPECT_EQ(fp16_to_fp32(0x0001), std::ldexp(1.0f, -24));  // smallest subnormal
  EXPECT_EQ(fp16_to_fp32(0x03FF), std::ldexp(1023.0f, -24));
  EXPECT_EQ(fp16_to_fp32(0x0400), std::ldexp(1.0f, -14));  // smallest normal
  EXPECT_TRUE(std::isinf(fp16_to_fp32(0x7C00)));
  EXPECT_TRUE(std::isnan(fp16_to_fp32(0x7E00)));
  EXPECT_TRUE(std::signbit(fp16_to_fp32(0x8000)));

  EXPECT_EQ(fp32_to_fp16(1.0f), 0x3C00);
  EXPECT_EQ(fp32_to_fp16(65504.0f), 0x7BFF);
  EXPECT_EQ(fp32_to_fp16(65520.0f), 0x7C00);  // halfway to the next step rounds to even: Inf
  EXPECT_EQ(fp32_to_fp16(1e9f), 0x7C00);
  EXPECT_EQ(fp32_to_fp16(-1e9f), 0xFC00);
  EXPECT_EQ(fp32_to_fp16(2049.0f), 0x6800);  // 2048: tie between 2048 and 2050 goes to even
  EXPECT_EQ(fp32_to_fp16(2051.0f), 0x6802);  // 2052: tie goes to even
  EXPECT_EQ(fp32_to_fp16(std::ldexp(1.0f, -24)), 0x0001);
  EXPECT_EQ(fp32_to_fp16(std::ldexp(1.0f, -25)), 0x0000);  // exactly half the smallest: even (0)
  EXPECT_EQ(fp32_to_fp16(std::ldexp(1.5f, -25)), 0x0001);
  EXPECT_EQ(fp32_to_fp16(std::ldexp(3.0f, -25)), 0x0002);  // 1.5 subnormal steps: tie to even (2)
  EXPECT_EQ(fp32_to_fp16(std::numeric_limits<float>::infinity()), 0x7C00);
  EXPECT_EQ(fp32_to_fp16(-0.0f), 0x8000);
  const uint16_t nan = fp32_to_fp16(std::numeric_limits<float>::quiet_NaN());
  EXPECT_EQ(nan & 0x7C00, 0x7C00);
  EXPECT_NE(nan & 0x03FF, 0);
}

TEST(Fp16, EveryHalfRoundTrips) {
  for (uint32_t h = 0; h < 65536; ++h) {
    const float f = fp16_to_fp32(static_cast<uint16_t>(h));
    if (std::isnan(f)) continue;
    ASSERT_EQ(fp32_to_fp16(f), h) << std::hex << h;
  }
}

TEST(Fp16, RoundsToTheNearestHalf) {
  // Between consecutive halves a and b, values below the midpoint go to a, above it to b.
  for (uint32_t h = 0x0001; h < 0x7BFF; h += 97) {
    const float a = fp16_to_fp32(static_cast<uint16_t>(h));
    const float b = fp16_to_fp32(static_cast<uint16_t>(h + 1));
    const float mid = a + (b - a) / 2;
    EXPECT_EQ(fp32_to_fp16(std::nextafter(mid, a)), h);
    EXPECT_EQ(fp32_to_fp16(std::nextafter(mid, b)), h + 1);
  }
}

TEST(Bf16, IsTheTopHalfOfAFloat) {
  EXPECT_EQ(bf16_to_fp32(0x3F80), 1.0f);
  EXPECT_EQ(bf16_to_fp32(0xC040), -3.0f);
  EXPECT_EQ(bf16_to_fp32(0x4049), std::bit_cast<float>(0x40490000u));
}

TEST(Dequantize, Q8_0) {
  std::vector<uint8_t> b(34);
  put_u16(b, 0, 0x3800);  // d = 0.5
  for (int j = 0; j < 32; ++j) b[2 + j] = static_cast<uint8_t>(static_cast<int8_t>(j - 16));
  float out[32];
  dequantize(GgmlType::Q8_0, b.data(), out, 32);
  for (int j = 0; j < 32; ++j) EXPECT_EQ(out[j], 0.5f * static_cast<float>(j - 16)) << j;
}

TEST(Dequantize, Q4_0LowNibblesFirstThenHigh) {
  std::vector<uint8_t> b(18);
  put_u16(b, 0, 0x4000);  // d = 2
  for (int j = 0; j < 16; ++j) b[2 + j] = static_cast<uint8_t>(j | ((15 - j) << 4));
  float out[32];
  dequantize(GgmlType::Q4_0, b.data(), out, 32);
  for (int j = 0; j < 16; ++j) {
    EXPECT_EQ(out[j], 2.0f * static_cast<float>(j - 8)) << j;
    EXPECT_EQ(out[j + 16], 2.0f * static_cast<float>(15 - j - 8)) << j;
  }
}

TEST(Dequantize, Q4_1AddsTheMin) {
  std::vector<uint8_t> b(20);
  put_u16(b, 0, 0x3400);  // d = 0.25
  put_u16(b, 2, 0xBC00);  // m = -1
  for (int j = 0; j < 16; ++j) b[4 + j] = static_cast<uint8_t>(j | (3 << 4));
  float out[32];
  dequantize(GgmlType::Q4_1, b.data(), out, 32);
  for (int j = 0; j < 16; ++j) {
    EXPECT_EQ(out[j], 0.25f * static_cast<float>(j) - 1.0f);
    EXPECT_EQ(out[j + 16], 0.25f * 3.0f - 1.0f);
  }
}

TEST(Dequantize, Q5_0FifthBitComesFromQh) {
  std::vector<uint8_t> b(22);
  put_u16(b, 0, 0x3C00);            // d = 1
  const uint32_t qh = 0x80010005u;  // values 0, 2, 16 and 31 get the fifth bit
  for (int i = 0; i < 4; ++i) b[2 + i] = static_cast<uint8_t>(qh >> (8 * i));
  for (int j = 0; j < 16; ++j) b[6 + j] = static_cast<uint8_t>(1 | (2 << 4));
  float out[32];
  dequantize(GgmlType::Q5_0, b.data(), out, 32);
  for (int j = 0; j < 32; ++j) {
    const int nibble = j < 16 ? 1 : 2;
    const int high = ((qh >> j) & 1) ? 16 : 0;
    EXPECT_EQ(out[j], static_cast<float>(nibble + high - 16)) << j;
  }
}

TEST(Dequantize, Q5_1FifthBitAndMin) {
  std::vector<uint8_t> b(24);
  put_u16(b, 0, 0x3C00);            // d = 1
  put_u16(b, 2, 0x4000);            // m = 2
  const uint32_t qh = 0x00020000u;  // value 17
  for (int i = 0; i < 4; ++i) b[4 + i] = static_cast<uint8_t>(qh >> (8 * i));
  float out[32];
  dequantize(GgmlType::Q5_1, b.data(), out, 32);
  for (int j = 0; j < 32; ++j) EXPECT_EQ(out[j], j == 17 ? 18.0f : 2.0f) << j;
}

TEST(Dequantize, Q4_KScalePackingAndNibbleOrder) {
  std::vector<uint8_t> b(144);
  put_u16(b, 0, 0x3C00);  // d = 1
  put_u16(b, 2, 0x3800);  // dmin = 0.5
  // Sub-block j: scale j + 1 and min j + 33, packed as PHI4.md describes (6 bits each).
  int scale[8], min[8];
  for (int j = 0; j < 8; ++j) {
    scale[j] = j + 1;
    min[j] = j + 33;
  }
  uint8_t* s = b.data() + 4;
  for (int j = 0; j < 4; ++j) {
    s[j] = static_cast<uint8_t>((scale[j] & 63) | ((scale[j + 4] >> 4) << 6));
    s[j + 4] = static_cast<uint8_t>((min[j] & 63) | ((min[j + 4] >> 4) << 6));
    s[j + 8] = static_cast<uint8_t>((scale[j + 4] & 15) | ((min[j + 4] & 15) << 4));
  }
  for (int i = 0; i < 128; ++i) b[16 + i] = static_cast<uint8_t>((i % 16) | ((15 - i % 16) << 4));
  std::vector<float> out(256);
  dequantize(GgmlType::Q4_K, b.data(), out.data(), 256);
  for (int c = 0; c < 4; ++c) {
    for (int l = 0; l < 32; ++l) {
      const int lo = (32 * c + l) % 16, hi = 15 - lo;
      EXPECT_EQ(out[64 * c + l], static_cast<float>(scale[2 * c] * lo) - 0.5f * static_cast<float>(min[2 * c]));
      EXPECT_EQ(out[64 * c + 32 + l], static_cast<float>(scale[2 * c + 1] * hi) - 0.5f * static_cast<float>(min[2 * c + 1]));
    }
  }
}

TEST(Dequantize, FloatTypes) {
  const float f[3] = {1.5f, -2.0f, 1e-3f};
  float out[3];
  dequantize(GgmlType::F32, f, out, 3);
  EXPECT_EQ(std::memcmp(f, out, sizeof f), 0);
  const uint16_t h[2] = {0x3C00, 0xC000};
  dequantize(GgmlType::F16, h, out, 2);
  EXPECT_EQ(out[0], 1.0f);
  EXPECT_EQ(out[1], -2.0f);
  const uint16_t bf[2] = {0x3F80, 0xC040};
  dequantize(GgmlType::BF16, bf, out, 2);
  EXPECT_EQ(out[0], 1.0f);
  EXPECT_EQ(out[1], -3.0f);
}

TEST(Dequantize, RowsAreFoundByByteSize) {
  // Two Q8_0 rows of 64 values: row 1 starts after 2 blocks of 34 bytes.
  std::vector<uint8_t> b(4 * 34, 0);
  for (int blk = 0; blk < 4; ++blk) {
    put_u16(b, static_cast<size_t>(34 * blk), 0x3C00);
    for (int j = 0; j < 32; ++j) b[static_cast<size_t>(34 * blk + 2 + j)] = static_cast<uint8_t>(blk);
  }
  std::vector<float> row(64);
  dequantize_row(GgmlType::Q8_0, b.data(), 64, 1, row.data());
  EXPECT_EQ(row[0], 2.0f);
  EXPECT_EQ(row[63], 3.0f);
}

TEST(Dequantize, APartialBlockIsRejected) {
  std::vector<uint8_t> b(34);
  float out[32];
  EXPECT_THROW(dequantize(GgmlType::Q8_0, b.data(), out, 31), std::invalid_argument);
}

}  // namespace
}  // namespace veloce
