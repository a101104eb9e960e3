#version 450
// Y = X W^T for long prompt batches on GPUs, every weight type via -DTYPE_xxx: a 128-row x
// 128-token tile per workgroup of 256, each invocation an 8 x 8 block of outputs (64
// accumulators), so that every float read from shared memory feeds 16 multiply-adds (matmul.comp's
// 64 x 64 tile with 4 x 4 blocks feeds 4). Tiles are stored k-major so that an invocation reads
// its 4 consecutive rows (or tokens) as one vec4. The next BK slice is fetched into registers
// (the dequantized group of 16 and 8 values of X) while the current one is multiplied, so global
// latency overlaps arithmetic.
//
// Two builds. The portable one (fp32 tiles, 16.5 KiB) has one shared stage: each slice costs two
// barriers, one before it is multiplied and one before it is overwritten. -DHALF_TILES (devices
// with shaderFloat16) keeps the dequantized weights in fp16, which halves their shared-memory
// traffic and leaves room for two stages in 24.75 KiB: the next slice is written into the other
// stage while this one is read, one barrier per slice. X stays fp32 in shared memory: activations
// (the down projection's input above all) are not bounded by fp16's 65504 the way weights, made of
// fp16 scales and small integers, are. Sums are fp32 in both builds and run in the same order.
#define PUSH_MATMUL
#include "push_constants.glsl"
#define TN 128u
#define TT 128u
#define BK 16u
#ifdef HALF_TILES
#extension GL_EXT_shader_explicit_arithmetic_types_float16 : require
#define WTILE f16vec4
#define WSCALAR float16_t
#define STAGES 2u
#else
#define WTILE vec4
#define WSCALAR float
#define STAGES 1u
#endif
layout(local_size_x = 256) in;
layout(std430, binding = 0) readonly buffer Weights { uint w[]; };
layout(std430, binding = 1) readonly buffer X { float x[]; };
layout(std430, binding = 2) writeonly buffer Y { float y[]; };
#include "quant.glsl"

// [stage][k][row / 4] and [stage][k][token / 4]; +1 vector per k so the two halves of a warp's
// stores spread.
shared WTILE ws[STAGES][BK][TN / 4u + 1u];
shared vec4 xs[STAGES][BK][TT / 4u + 1u];

// Invocation lid < TN dequantizes group k0/16 of row row0 + lid; every invocation loads 8 values
// of X: token lid / 2, columns (lid % 2) * 8 ..
void fetch(uint row0, uint tok0, uint k0, uint lid, out float wv[16], out float xv[8]) {
  if (lid < TN && row0 + lid < pc.nrows) {
    uint boff, g;
    group_location((row0 + lid) * pc.row_bytes, k0 / 16u, boff, g);
    dequant16(boff, g, wv);
  } else {
    for (uint j = 0u; j < 16u; ++j) wv[j] = 0.0;
  }
  const uint t = tok0 + lid / 2u, kk = k0 + (lid % 2u) * 8u;
  for (uint j = 0u; j < 8u; ++j) xv[j] = t < pc.n_tokens ? x[t * pc.x_stride + kk + j] : 0.0;
}

void stash(uint s, uint lid, const float wv[16], const float xv[8]) {
  if (lid < TN)
    for (uint j = 0u; j < 16u; ++j) ws[s][j][lid / 4u][lid % 4u] = WSCALAR(wv[j]);
  const uint t = lid / 2u, kb = (lid % 2u) * 8u;
  for (uint j = 0u; j < 8u; ++j) xs[s][kb + j][t / 4u][t % 4u] = xv[j];
}

void main() {
  const uint row0 = gl_WorkGroupID.x * TN;
  const uint tok0 = gl_WorkGroupID.y * TT;
  const uint lid = gl_LocalInvocationID.x;
  // Rows 4*tr .. +3 and 64 + 4*tr .. +3; tokens 4*tt .. +3 and 64 + 4*tt .. +3.
  const uint tr = lid % 16u, tt = lid / 16u;
  vec4 acc[2][2][4];  // [row half][token half][token in the vec4] -> 4 rows
  for (uint a = 0u; a < 2u; ++a)
    for (uint b = 0u; b < 2u; ++b)
      for (uint j = 0u; j < 4u; ++j) acc[a][b][j] = vec4(0.0);
  float wv[16], xv[8];
  fetch(row0, tok0, 0u, lid, wv, xv);
  stash(0u, lid, wv, xv);
  barrier();
  uint s = 0u;
  for (uint k0 = 0u; k0 < pc.ncols; k0 += BK) {
    const bool more = k0 + BK < pc.ncols;
    if (more) fetch(row0, tok0, k0 + BK, lid, wv, xv);  // in flight during the products
    for (uint k = 0u; k < BK; ++k) {
      const vec4 w0 = vec4(ws[s][k][tr]), w1 = vec4(ws[s][k][16u + tr]);
      const vec4 x0 = xs[s][k][tt], x1 = xs[s][k][16u + tt];
      for (uint j = 0u; j < 4u; ++j) {
        acc[0][0][j] += w0 * x0[j];
        acc[1][0][j] += w1 * x0[j];
        acc[0][1][j] += w0 * x1[j];
        acc[1][1][j] += w1 * x1[j];
      }
    }
    // One stage: everyone is done reading it before it is overwritten. Two: the stage written
    // now was last read in the previous slice, which the barrier below it has closed.
    if (STAGES == 1u) barrier();
    const uint next = (s + 1u) % STAGES;
    if (more) stash(next, lid, wv, xv);
    barrier();  // the next slice is in shared memory before anyone multiplies it
    s = next;
  }
  for (uint a = 0u; a < 2u; ++a)
    for (uint b = 0u; b < 2u; ++b)
      for (uint j = 0u; j < 4u; ++j) {
        const uint t = tok0 + 64u * b + 4u * tt + j;
        if (t >= pc.n_tokens) continue;
        for (uint i = 0u; i < 4u; ++i) {
          const uint r = row0 + 64u * a + 4u * tr + i;
          if (r < pc.nrows) y[t * pc.y_stride + pc.y_offset + r] = acc[a][b][j][i];
        }
      }
}
