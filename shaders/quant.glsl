// Block layouts of every weight type, as ggml defines them (the CPU oracle is
// inference/quant/dequantize.cpp). Each type provides:
//   BLOCK_VALUES, BLOCK_BYTES: values and bytes of one block (F32/F16/BF16: a pseudo-block of 16);
//   void dequant16(uint off, uint g, out float v[16]): values 16g .. 16g+15 of the block at byte off.
// One block holds BLOCK_VALUES / 16 such groups; a group never straddles blocks.
// The quantized types (QUANT_INT) define dequant16 through
//   void quant16i(uint off, uint g, out int q[16], out float s, out float m): the same group as
//   integers in [-128, 127] with one scale and one offset, value j = s * q[j] + m (m = 0 unless
//   QUANT_OFFSET), which the int8 matmul (matmul_int8.comp) multiplies with integer dot products.
// Blocks whose every 16-byte run is 4-byte aligned (weights.glsl reads them as words).
#if defined(TYPE_F32) || defined(TYPE_F16) || defined(TYPE_BF16) || defined(TYPE_Q4_1) || defined(TYPE_Q5_1) || \
    defined(TYPE_Q2_K) || defined(TYPE_Q4_K) || defined(TYPE_Q5_K)
#define ALIGNED4
#endif
#include "weights.glsl"

#if defined(TYPE_F32)
#define BLOCK_VALUES 16u
#define BLOCK_BYTES 64u
void dequant16(uint off, uint g, out float v[16]) {
  uint b = off >> 2;  // rows of F32 are whole words
  for (uint j = 0u; j < 16u; ++j) v[j] = uintBitsToFloat(w[b + j]);
}
#elif defined(TYPE_F16)
#define BLOCK_VALUES 16u
#define BLOCK_BYTES 32u
void dequant16(uint off, uint g, out float v[16]) {
  uint b = off >> 2;  // rows hold a multiple of 32 values, so blocks are word aligned
  for (uint j = 0u; j < 8u; ++j) {
    vec2 p = unpackHalf2x16(w[b + j]);
    v[2u * j] = p.x;
    v[2u * j + 1u] = p.y;
  }
}
#elif defined(TYPE_BF16)
#define BLOCK_VALUES 16u
#define BLOCK_BYTES 32u
void dequant16(uint off, uint g, out float v[16]) {
  uint b = off >> 2;
  for (uint j = 0u; j < 8u; ++j) {
    uint u = w[b + j];
    v[2u * j] = uintBitsToFloat(u << 16);
    v[2u * j + 1u] = uintBitsToFloat(u & 0xFFFF0000u);
  }
}
#elif defined(TYPE_Q4_0)
// half d; u8 qs[16]: value j = (lo nibble of qs[j] - 8) * d, value j + 16 = (hi nibble - 8) * d.
#define BLOCK_VALUES 32u
#define BLOCK_BYTES 18u
#define QUANT_INT
void quant16i(uint off, uint g, out int q[16], out float s, out float m) {
  s = rdhalf(off);
  m = 0.0;
  uint shift = g * 4u;
  uvec4 qs = rd16bytes(off + 2u);
  for (uint j = 0u; j < 16u; ++j) q[j] = int((byte_of(qs, j) >> shift) & 15u) - 8;
}
#elif defined(TYPE_Q4_1)
// half d; half m; u8 qs[16]: value = q * d + m.
#define BLOCK_VALUES 32u
#define BLOCK_BYTES 20u
#define QUANT_INT
#define QUANT_OFFSET
void quant16i(uint off, uint g, out int q[16], out float s, out float m) {
  vec2 dm = unpackHalf2x16(w[off >> 2]);  // 20-byte blocks keep d, m word aligned
  s = dm.x;
  m = dm.y;
  uint shift = g * 4u;
  uvec4 qs = rd16bytes(off + 4u);
  for (uint j = 0u; j < 16u; ++j) q[j] = int((byte_of(qs, j) >> shift) & 15u);
}
#elif defined(TYPE_Q5_0)
// half d; u32 qh; u8 qs[16]: 5th bit of value j is bit j of qh; value = (q - 16) * d.
#define BLOCK_VALUES 32u
#define BLOCK_BYTES 22u
#define QUANT_INT
void quant16i(uint off, uint g, out int q[16], out float s, out float m) {
  s = rdhalf(off);
  m = 0.0;
  uint qh = rd32(off + 2u) >> (16u * g);
  uint shift = g * 4u;
  uvec4 qs = rd16bytes(off + 6u);
  for (uint j = 0u; j < 16u; ++j) q[j] = int(((byte_of(qs, j) >> shift) & 15u) | (((qh >> j) & 1u) << 4)) - 16;
}
#elif defined(TYPE_Q5_1)
// half d; half m; u32 qh; u8 qs[16]: value = q * d + m.
#define BLOCK_VALUES 32u
#define BLOCK_BYTES 24u
#define QUANT_INT
#define QUANT_OFFSET
void quant16i(uint off, uint g, out int q[16], out float s, out float m) {
  vec2 dm = unpackHalf2x16(w[off >> 2]);
  s = dm.x;
  m = dm.y;
  uint qh = w[(off >> 2) + 1u] >> (16u * g);
  uint shift = g * 4u;
  uvec4 qs = rd16bytes(off + 8u);
  for (uint j = 0u; j < 16u; ++j) q[j] = int(((byte_of(qs, j) >> shift) & 15u) | (((qh >> j) & 1u) << 4));
}
#elif defined(TYPE_Q8_0)
// half d; i8 qs[32].
#define BLOCK_VALUES 32u
#define BLOCK_BYTES 34u
#define QUANT_INT
void quant16i(uint off, uint g, out int q[16], out float s, out float m) {
  s = rdhalf(off);
  m = 0.0;
  uvec4 qs = rd16bytes(off + 2u + 16u * g);
  for (uint j = 0u; j < 16u; ++j) q[j] = sext8(byte_of(qs, j));
}
#elif defined(TYPE_Q2_K)
// u8 scales[16] (lo nibble scale, hi nibble min); u8 qs[64]; half d; half dmin.
// Group g is scale index g: half h = g/8 uses qs[32h ..], shift 2 * ((g%8)/2), bytes +16 for odd g.
#define BLOCK_VALUES 256u
#define BLOCK_BYTES 84u
#define QUANT_INT
#define QUANT_OFFSET
void quant16i(uint off, uint g, out int q[16], out float s, out float m) {
  vec2 dm = unpackHalf2x16(w[(off + 80u) >> 2]);  // 84-byte blocks keep d, dmin word aligned
  uint sc = rd8(off + g);
  s = dm.x * float(sc & 15u);
  m = -(dm.y * float(sc >> 4));
  uint qa = off + 16u + (g >> 3) * 32u + (g & 1u) * 16u;
  uint shift = ((g & 7u) >> 1) * 2u;
  uvec4 qs = rd16bytes(qa);
  for (uint j = 0u; j < 16u; ++j) q[j] = int((byte_of(qs, j) >> shift) & 3u);
}
#elif defined(TYPE_Q3_K)
// u8 hmask[32]; u8 qs[64]; u8 scales[12] (16 6-bit scales); half d.
#define BLOCK_VALUES 256u
#define BLOCK_BYTES 110u
#define QUANT_INT
void quant16i(uint off, uint g, out int q[16], out float s, out float m) {
  float d = rdhalf(off + 108u);
  uint k = g & 3u, quarter = g >> 2;
  uint lo = rd8(off + 96u + (quarter & 1u) * 4u + k);
  lo = quarter < 2u ? (lo & 15u) : (lo >> 4);
  uint hi = (rd8(off + 104u + k) >> (2u * quarter)) & 3u;
  s = d * float(int(lo | (hi << 4)) - 32);
  m = 0.0;
  uint h = g >> 3, jj = (g & 7u) >> 1, sub = g & 1u;
  uint qa = off + 32u + h * 32u + sub * 16u;
  uint shift = 2u * jj;
  uint mask = 1u << (h * 4u + jj);
  uvec4 qs = rd16bytes(qa);
  uvec4 hm = rd16bytes(off + sub * 16u);
  for (uint j = 0u; j < 16u; ++j) q[j] = int((byte_of(qs, j) >> shift) & 3u) - (((byte_of(hm, j) & mask) != 0u) ? 0 : 4);
}
#elif defined(TYPE_Q4_K) || defined(TYPE_Q5_K)
// half d; half dmin; u8 scales[12]; (Q5_K: u8 qh[32];) u8 qs[128].
// Sub-block sb = g/2 of 32 values; chunk c = sb/2 of 64 values uses qs[32c ..]: low nibbles for
// even sb, high nibbles for odd sb. Q5_K: bit sb of qh[l] is the 5th bit.
#define BLOCK_VALUES 256u
#if defined(TYPE_Q4_K)
#define BLOCK_BYTES 144u
#define QS_OFFSET 16u
#else
#define BLOCK_BYTES 176u
#define QS_OFFSET 48u
#endif
void scale_min_k4(uint off, uint sb, out float sc, out float mn) {
  if (sb < 4u) {
    sc = float(rd8(off + 4u + sb) & 63u);
    mn = float(rd8(off + 8u + sb) & 63u);
  } else {
    uint a = rd8(off + 8u + sb);  // scales[sb + 4]
    sc = float((a & 15u) | ((rd8(off + sb) >> 6) << 4));  // high bits from scales[sb - 4]
    mn = float((a >> 4) | ((rd8(off + 4u + sb) >> 6) << 4));
  }
}
#define QUANT_INT
#define QUANT_OFFSET
void quant16i(uint off, uint g, out int q[16], out float s, out float m) {
  vec2 dm = unpackHalf2x16(w[off >> 2]);
  uint sb = g >> 1;
  float sc, mn;
  scale_min_k4(off, sb, sc, mn);
  s = dm.x * sc;
  m = -(dm.y * mn);
  uint l0 = (g & 1u) * 16u;
  uint qa = off + QS_OFFSET + (sb >> 1) * 32u + l0;
  uint shift = (sb & 1u) * 4u;
  uvec4 qs = rd16bytes(qa);
#if defined(TYPE_Q5_K)
  uvec4 qh = rd16bytes(off + 16u + l0);
#endif
  for (uint j = 0u; j < 16u; ++j) {
    uint qv = (byte_of(qs, j) >> shift) & 15u;
#if defined(TYPE_Q5_K)
    qv |= ((byte_of(qh, j) >> sb) & 1u) << 4;
#endif
    q[j] = int(qv);
  }
}
#elif defined(TYPE_Q6_K)
// u8 ql[128]; u8 qh[64]; i8 scales[16]; half d. Half h = g/8 of 128 values; within it quad
// k = (g%8)/2 of 32 values, l from 16 * (g%2): ql[64h + 32(k&1) + l] (nibble k>>1),
// qh[32h + l] bits 2k..2k+1, scale[8h + (g%2) + 2k].
#define BLOCK_VALUES 256u
#define BLOCK_BYTES 210u
#define QUANT_INT
void quant16i(uint off, uint g, out int q[16], out float s, out float m) {
  float d = rdhalf(off + 208u);
  uint h = g >> 3, k = (g & 7u) >> 1, l0 = (g & 1u) * 16u;
  s = d * float(sext8(rd8(off + 192u + 8u * h + (g & 1u) + 2u * k)));
  m = 0.0;
  uint ql = off + 64u * h + 32u * (k & 1u) + l0;
  uint qh = off + 128u + 32u * h + l0;
  uint shift = (k >> 1) * 4u;
  uvec4 lo = rd16bytes(ql);
  uvec4 hi = rd16bytes(qh);
  for (uint j = 0u; j < 16u; ++j)
    q[j] = int(((byte_of(lo, j) >> shift) & 15u) | (((byte_of(hi, j) >> (2u * k)) & 3u) << 4)) - 32;
}
#else
#error "define one TYPE_xxx"
#endif

#if defined(QUANT_INT)
void dequant16(uint off, uint g, out float v[16]) {
  int q[16];
  float s, m;
  quant16i(off, g, q, s, m);
#if defined(QUANT_OFFSET)
  for (uint j = 0u; j < 16u; ++j) v[j] = s * float(q[j]) + m;
#else
  for (uint j = 0u; j < 16u; ++j) v[j] = s * float(q[j]);
#endif
}
#endif

#define GROUPS_PER_BLOCK (BLOCK_VALUES / 16u)
// Byte offset of group gi (16 values) of a row starting at row_off.
void group_location(uint row_off, uint gi, out uint block_off, out uint g) {
  block_off = row_off + (gi / GROUPS_PER_BLOCK) * BLOCK_BYTES;
  g = gi % GROUPS_PER_BLOCK;
}
