#version 450
// y = W x for Q4_K (and Q5_K with -DTYPE_Q5_K) weights, the decode kernel for CPU devices.
// Block (256 values): half d, half dmin, u8 scales[12] (8 six-bit scale/min pairs),
// (Q5_K: u8 qh[32]), u8 qs[128]. Chunk c (64 values) uses qs[32c .. 32c+31]: low nibbles are
// sub-block 2c, high nibbles sub-block 2c+1; Q5_K adds bit 2c / 2c+1 of qh[l] as the 5th bit.
// One lane takes half a block at a time (128 weights). Weights are read as uvec4 (blocks of 144
// and 176 bytes are 16-byte aligned): the header is one load, the quants four (Q5_K: six), because
// on lavapipe every load instruction is a loop over the SIMD lanes whatever its width. Each word
// gives 8 values by shift-and-convert into two vec4s for dot() with x read as vec4; scale and min
// are applied once per sub-block: y += d*sc*sum(q*x) - dmin*m*sum(x), sum(x) being shared by the
// ROWS rows of the workgroup. -DX_UNIFORM reads x from a uniform buffer (matvec_sg.glsl).
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
  const uint nunits = (pc.ncols / 256u) * 2u;
  const uint row_vec4 = pc.row_bytes / 16u;
  float acc[ROWS];
  for (uint r = 0u; r < ROWS; ++r) acc[r] = 0.0;
  // One unit is half a block (chunks 2p and 2p+1, sub-blocks 4p .. 4p+3, 128 weights): the header
  // is loaded once for 128 weights, and a 5120-wide row (40 units) keeps all 8 lanes busy.
  for (uint u = lane; u < nunits; u += LANES) {
    const uint b = u >> 1, p = u & 1u;
    const uint xb = pc.x_offset / 4u + b * 64u + p * 32u;
    vec4 xs[32];  // sub-block 4p + i: xs[8i .. 8i+7]
    vec4 sx = vec4(0.0);  // sums of x per sub-block
    for (uint i = 0u; i < 8u; ++i) {
      xs[i] = x4[xb + i];
      xs[i + 8u] = x4[xb + i + 8u];
      xs[i + 16u] = x4[xb + i + 16u];
      xs[i + 24u] = x4[xb + i + 24u];
      sx += vec4(dot(xs[i], vec4(1.0)), dot(xs[i + 8u], vec4(1.0)), dot(xs[i + 16u], vec4(1.0)),
                 dot(xs[i + 24u], vec4(1.0)));
    }
    for (uint r = 0u; r < ROWS; ++r) {
      const uint row = min(row0 + r, pc.nrows - 1u);  // past-the-end rows recompute the last one
      const uint base = row * row_vec4 + b * BLOCK_VEC4;
      const uvec4 hd = w4[base];  // d|dmin, scales[0..3], scales[4..7], scales[8..11]
      const vec2 dm = unpackHalf2x16(hd.x);
      // Sub-blocks 0..3: 6 low bits of scales[0..7]; 4..7: 4 bits of scales[8..11] and the 2 high
      // bits of scales[0..7].
      vec4 sc, mn;
      if (p == 0u) {
        sc = vec4((uvec4(hd.y) >> uvec4(0u, 8u, 16u, 24u)) & 63u);
        mn = vec4((uvec4(hd.z) >> uvec4(0u, 8u, 16u, 24u)) & 63u);
      } else {
        sc = vec4(((uvec4(hd.w) >> uvec4(0u, 8u, 16u, 24u)) & 15u) | (((uvec4(hd.y) >> uvec4(6u, 14u, 22u, 30u)) & 3u) << 4));
        mn = vec4(((uvec4(hd.w) >> uvec4(4u, 12u, 20u, 28u)) & 15u) | (((uvec4(hd.z) >> uvec4(6u, 14u, 22u, 30u)) & 3u) << 4));
      }
      const uint qv = base + QS_VEC4 + 4u * p;  // qs[64p .. 64p+63]
      const uvec4 qa = w4[qv], qb = w4[qv + 1u], qc = w4[qv + 2u], qd = w4[qv + 3u];
      const uint qw[16] = uint[16](qa.x, qa.y, qa.z, qa.w, qb.x, qb.y, qb.z, qb.w, qc.x, qc.y, qc.z, qc.w, qd.x, qd.y,
                                   qd.z, qd.w);
#if defined(TYPE_Q5_K)
      const uvec4 ha = w4[base + 1u] >> (4u * p), hb = w4[base + 2u] >> (4u * p);  // bits 4p .. 4p+3 of qh[l]
      const uint hw[8] = uint[8](ha.x, ha.y, ha.z, ha.w, hb.x, hb.y, hb.z, hb.w);
#endif
      vec4 q = vec4(0.0);  // sum of q*x per sub-block 4p + i
      for (uint j = 0u; j < 8u; ++j) {
        const uint q0 = qw[j], q1 = qw[8u + j];  // chunk 2p, chunk 2p+1
#if defined(TYPE_Q5_K)
        const uint h = hw[j];
        q.x += dot(bytes4((q0 & 0x0F0F0F0Fu) | ((h & 0x01010101u) << 4)), xs[j]);
        q.y += dot(bytes4(((q0 >> 4) & 0x0F0F0F0Fu) | ((h & 0x02020202u) << 3)), xs[8u + j]);
        q.z += dot(bytes4((q1 & 0x0F0F0F0Fu) | ((h & 0x04040404u) << 2)), xs[16u + j]);
        q.w += dot(bytes4(((q1 >> 4) & 0x0F0F0F0Fu) | ((h & 0x08080808u) << 1)), xs[24u + j]);
#else
        q.x += dot(lo_nibbles4(q0), xs[j]);
        q.y += dot(hi_nibbles4(q0), xs[8u + j]);
        q.z += dot(lo_nibbles4(q1), xs[16u + j]);
        q.w += dot(hi_nibbles4(q1), xs[24u + j]);
#endif
      }
      acc[r] += dm.x * dot(sc, q) - dm.y * dot(mn, sx);
    }
  }
  store_rows(row0, acc);
}
