#version 450
// y = W x for Q6_K weights, the decode kernel for CPU devices (see matvec_sg.glsl).
// Block (210 bytes, 256 values): u8 ql[128], u8 qh[64], i8 scales[16], half d. Half h holds
// values 128h .. 128h+127; for l < 32, with a = ql[64h + l], b = ql[64h + 32 + l], e = qh[32h + l]:
// value 128h + 32k + l is (nibble of a or b) | (2 bits of e) << 4, minus 32, times scales[8h + l/16 + 2k].
// One lane takes one half block (128 weights) at a time. Loads are what lavapipe pays for (each is a loop over the
// SIMD lanes), so weights are read as uvec4 even though 210-byte blocks are only 2-byte aligned:
// a run of 16n bytes comes from n + 1 aligned loads, realigned by selecting words (offset / 4 mod 4)
// and a funnel shift of 0 or 16 bits. The 6-bit values of four weights are assembled in one word
// (nibbles | bits << 4); the -32 of every value is applied per sub-block as 32 * sum(x).
// With PACKED the weights are in the 16-byte aligned layout of inference/vulkan/q6k_pack.h
// (224-byte blocks, repacked at upload): 7 loads per half block and no realignment.
#define WEIGHTS_UVEC4
#include "matvec_sg.glsl"

// Bits 0..5 of each byte as a signed 6-bit number.
// Four 6-bit values, one per byte (bits 6 and 7 clear): 6 operations for 4 values.
vec4 u6x4(uint u) { return vec4(u & 63u, (u >> 8) & 63u, (u >> 16) & 63u, u >> 24); }

// Aligned 16-byte load i. Bindings of weights are whole 16-byte units (the weight arena pads
// them; Kernels::matvec checks), so every run below stays in range; the clamp only guards that.
uvec4 ld(uint i) { return w4[min(i, uint(w4.length()) - 1u)]; }
// The four words starting at word r4 (0..3) of the pair a:b.
uvec4 pick(uvec4 a, uvec4 b, uint r4) {
  return r4 == 0u ? a : (r4 == 1u ? uvec4(a.yzw, b.x) : (r4 == 2u ? uvec4(a.zw, b.xy) : uvec4(a.w, b.xyz)));
}
// The words p shifted down by s = 0 or 16 bits, q following p.
uvec4 shift16(uvec4 p, uvec4 q, uint s) { return s == 0u ? p : (p >> 16) | (uvec4(p.yzw, q.x) << 16); }

// The 6-bit values (the -32 is applied per sub-block through sum(x)) of value l, l+1, l+2, l+3 of the four quarters k (from ql words a, b
// and qh word e) dotted with x of each quarter.
vec4 q6dot(uint a, uint b, uint e, vec4 x0, vec4 x1, vec4 x2, vec4 x3) {
  return vec4(dot(u6x4((a & 0x0F0F0F0Fu) | ((e << 4) & 0x30303030u)), x0),
              dot(u6x4((b & 0x0F0F0F0Fu) | ((e << 2) & 0x30303030u)), x1),
              dot(u6x4(((a >> 4) & 0x0F0F0F0Fu) | (e & 0x30303030u)), x2),
              dot(u6x4(((b >> 4) & 0x0F0F0F0Fu) | ((e >> 2) & 0x30303030u)), x3));
}

void main() {
  const uint row0 = FLAT_GROUP * ROWS;
  if (row0 >= pc.nrows) return;
  const uint lane = gl_SubgroupInvocationID;
  const uint nblocks = pc.ncols / 256u;
  float acc[ROWS];
  for (uint r = 0u; r < ROWS; ++r) acc[r] = 0.0;
  // One unit is one half of a block (128 weights): a row of 20 blocks (5120 values) keeps all 8
  // lanes busy for 5 rounds, where whole blocks would leave 4 lanes idle in the third of 3 rounds.
  for (uint u = lane; u < 2u * nblocks; u += LANES) {
    {
      const uint b = u >> 1, h = u & 1u;
      const uint xb = pc.x_offset / 4u + b * 64u + h * 32u;
      vec4 xs[32];  // value 128h + 32k + 4j .. +3 at xs[8k + j]
      for (uint i = 0u; i < 32u; ++i) xs[i] = x4[xb + i];
      // 32 * sum(x) of each 16-value sub-block (k = 0..3; l < 16 and l >= 16): the -32 of every
      // value, applied once per sub-block and shared by the rows.
      vec4 sx0 = vec4(0.0), sx1 = vec4(0.0);
      for (uint j = 0u; j < 4u; ++j) {
        sx0 += vec4(dot(xs[j], vec4(1.0)), dot(xs[8u + j], vec4(1.0)), dot(xs[16u + j], vec4(1.0)),
                    dot(xs[24u + j], vec4(1.0)));
        sx1 += vec4(dot(xs[4u + j], vec4(1.0)), dot(xs[12u + j], vec4(1.0)), dot(xs[20u + j], vec4(1.0)),
                    dot(xs[28u + j], vec4(1.0)));
      }
      sx0 *= 32.0;
      sx1 *= 32.0;
      for (uint r = 0u; r < ROWS; ++r) {
#if defined(PACKED)
        // Packed layout (inference/vulkan/q6k_pack.h): this half block is 7 aligned uvec4s.
        const uint hb = (min(row0 + r, pc.nrows - 1u) * pc.row_bytes >> 4) + b * 14u + h * 7u;
        const uvec4 hd = w4[hb];
        const uvec4 qa0 = w4[hb + 1u], qa1 = w4[hb + 2u], qb0 = w4[hb + 3u], qb1 = w4[hb + 4u];
        const uvec4 e0 = w4[hb + 5u], e1 = w4[hb + 6u];
        const float d = uintBitsToFloat(hd.z);
        const uint sa = hd.x, sb = hd.y;  // scales[8h .. 8h+7]
#else
        const uint bo = min(row0 + r, pc.nrows - 1u) * pc.row_bytes + b * 210u;
        // Every run below starts at bo + a multiple of 16, so they share r4 and s.
        const uint r4 = (bo >> 2) & 3u, s = (bo & 2u) * 8u;
        const uint vs = (bo + 192u) >> 4, vl = (bo + 64u * h) >> 4, vh = (bo + 128u + 32u * h) >> 4;
        const uvec4 s0 = ld(vs), s1 = ld(vs + 1u);  // scales[0..15], then d
        const uvec4 l0 = ld(vl), l1 = ld(vl + 1u), l2 = ld(vl + 2u), l3 = ld(vl + 3u), l4 = ld(vl + 4u);
        const uvec4 h0 = ld(vh), h1 = ld(vh + 1u), h2 = ld(vh + 2u);
        const uvec4 ps0 = pick(s0, s1, r4), ps1 = pick(s1, s1, r4);
        const uvec4 sw = shift16(ps0, ps1, s);  // scales[4i .. 4i+3] in word i
        const uint dw = s == 0u ? ps1.x : ps1.x >> 16;
        const uvec4 pl0 = pick(l0, l1, r4), pl1 = pick(l1, l2, r4), pl2 = pick(l2, l3, r4), pl3 = pick(l3, l4, r4),
                    pl4 = pick(l4, l4, r4);
        const uvec4 qa0 = shift16(pl0, pl1, s), qa1 = shift16(pl1, pl2, s);  // ql[64h + l], l < 32
        const uvec4 qb0 = shift16(pl2, pl3, s), qb1 = shift16(pl3, pl4, s);  // ql[64h + 32 + l]
        const uvec4 ph0 = pick(h0, h1, r4), ph1 = pick(h1, h2, r4), ph2 = pick(h2, h2, r4);
        const uvec4 e0 = shift16(ph0, ph1, s), e1 = shift16(ph1, ph2, s);  // qh[32h + l]
        const float d = unpackHalf2x16(dw).x;
        const uint sa = h == 0u ? sw.x : sw.z, sb = h == 0u ? sw.y : sw.w;  // scales[8h .. 8h+7]
#endif
        const vec4 sc0 = vec4(ivec4(uvec4(sa << 24, sa << 8, sb << 24, sb << 8)) >> 24);  // l < 16
        const vec4 sc1 = vec4(ivec4(uvec4(sa << 16, sa, sb << 16, sb)) >> 24);            // l >= 16
        const vec4 q0 = q6dot(qa0.x, qb0.x, e0.x, xs[0], xs[8], xs[16], xs[24]) +
                        q6dot(qa0.y, qb0.y, e0.y, xs[1], xs[9], xs[17], xs[25]) +
                        q6dot(qa0.z, qb0.z, e0.z, xs[2], xs[10], xs[18], xs[26]) +
                        q6dot(qa0.w, qb0.w, e0.w, xs[3], xs[11], xs[19], xs[27]);
        const vec4 q1 = q6dot(qa1.x, qb1.x, e1.x, xs[4], xs[12], xs[20], xs[28]) +
                        q6dot(qa1.y, qb1.y, e1.y, xs[5], xs[13], xs[21], xs[29]) +
                        q6dot(qa1.z, qb1.z, e1.z, xs[6], xs[14], xs[22], xs[30]) +
                        q6dot(qa1.w, qb1.w, e1.w, xs[7], xs[15], xs[23], xs[31]);
        acc[r] += d * (dot(sc0, q0 - sx0) + dot(sc1, q1 - sx1));
      }
    }
  }
  store_rows(row0, acc);
}
