#version 450
// y = W x for Q4_K (and Q5_K with -DTYPE_Q5_K) weights, the decode kernel for CPU devices.
// Block (256 values): half d, half dmin, u8 scales[12] (8 six-bit scale/min pairs),
// (Q5_K: u8 qh[32]), u8 qs[128]. Chunk c (64 values) uses qs[32c .. 32c+31]: low nibbles are
// sub-block 2c, high nibbles sub-block 2c+1; Q5_K adds bit 2c / 2c+1 of qh[l] as the 5th bit.
// One lane takes one chunk of one block at a time (64 weights). Weights are read as uvec4 (blocks
// of 144 and 176 bytes are 16-byte aligned): the header is one load, the chunk's quants two (Q5_K:
// four), because on lavapipe every load instruction is a loop over the SIMD lanes whatever its
// width. Each word gives 8 values by shift-and-convert into two vec4s for dot() with x read as
// vec4; scale and min are applied once per sub-block: y += d*sc*sum(q*x) - dmin*m*sum(x), sum(x)
// being shared by the ROWS rows of the workgroup.
#define WEIGHTS_UVEC4
#include "matvec_sg.glsl"
#if defined(TYPE_Q5_K)
#define BLOCK_VEC4 11u
#define QS_VEC4 3u
#else
#define BLOCK_VEC4 9u
#define QS_VEC4 1u
#endif

void main() {
  const uint row0 = FLAT_GROUP * ROWS;
  if (row0 >= pc.nrows) return;
  const uint lane = gl_SubgroupInvocationID;
  const uint nunits = (pc.ncols / 256u) * 4u;
  const uint row_vec4 = pc.row_bytes / 16u;
  float acc[ROWS];
  for (uint r = 0u; r < ROWS; ++r) acc[r] = 0.0;
  for (uint u = lane; u < nunits; u += LANES) {
    const uint b = u >> 2, c = u & 3u;
    const uint xb = pc.x_offset / 4u + b * 64u + c * 16u;
    vec4 xlo[8], xhi[8];
    vec4 sx0 = vec4(0.0), sx1 = vec4(0.0);
    for (uint j = 0u; j < 8u; ++j) {
      xlo[j] = x4[xb + j];
      xhi[j] = x4[xb + 8u + j];
      sx0 += xlo[j];
      sx1 += xhi[j];
    }
    const float sxl = dot(sx0, vec4(1.0)), sxh = dot(sx1, vec4(1.0));
    const uint sh = (c & 1u) * 16u;  // sub-block 2c's byte in a scales word: 2(c&1)
    for (uint r = 0u; r < ROWS; ++r) {
      const uint row = min(row0 + r, pc.nrows - 1u);  // past-the-end rows recompute the last one
      const uint base = row * row_vec4 + b * BLOCK_VEC4;
      const uvec4 hd = w4[base];  // d|dmin, scales[0..3], scales[4..7], scales[8..11]
      const vec2 dm = unpackHalf2x16(hd.x);
      const uint s0 = hd.y >> sh, s1 = hd.z >> sh, s2 = hd.w >> sh;
      vec4 scm;  // scale 2c, scale 2c+1, min 2c, min 2c+1
      if (c < 2u) {
        scm = vec4(uvec4(s0, s0 >> 8, s1, s1 >> 8) & 63u);
      } else {
        scm = vec4((uvec4(s2, s2 >> 8, s2 >> 4, s2 >> 12) & 15u) |
                   (((uvec4(s0, s0 >> 8, s1, s1 >> 8) >> 6) & 3u) << 4));
      }
      const uvec4 qa = w4[base + QS_VEC4 + 2u * c], qb = w4[base + QS_VEC4 + 2u * c + 1u];
      const uint qw[8] = uint[8](qa.x, qa.y, qa.z, qa.w, qb.x, qb.y, qb.z, qb.w);
#if defined(TYPE_Q5_K)
      const uvec4 ha = w4[base + 1u] >> (2u * c), hb = w4[base + 2u] >> (2u * c);
      const uint hw[8] = uint[8](ha.x, ha.y, ha.z, ha.w, hb.x, hb.y, hb.z, hb.w);
#endif
      float q0 = 0.0, q1 = 0.0;
      for (uint j = 0u; j < 8u; ++j) {
        const uint q = qw[j];
#if defined(TYPE_Q5_K)
        const uint h = hw[j];
        q0 += dot(bytes4((q & 0x0F0F0F0Fu) | ((h & 0x01010101u) << 4)), xlo[j]);
        q1 += dot(bytes4(((q >> 4) & 0x0F0F0F0Fu) | ((h & 0x02020202u) << 3)), xhi[j]);
#else
        q0 += dot(lo_nibbles4(q), xlo[j]);
        q1 += dot(hi_nibbles4(q), xhi[j]);
#endif
      }
      acc[r] += dm.x * (scm.x * q0 + scm.y * q1) - dm.y * (scm.z * sxl + scm.w * sxh);
    }
  }
  store_rows(row0, acc);
}
