#version 450
// Y = X W^T for a batch of tokens (prompt processing), every weight type via -DTYPE_xxx.
// A workgroup computes a tile of TN weight rows x TT tokens: each step dequantizes a TN x BK slice
// of W and loads a TT x BK slice of X into shared memory (16.6 KiB, under lavapipe's 32 KiB),
// then every invocation accumulates 2 rows x 2 tokens from shared memory.
#define PUSH_MATMUL
#include "push_constants.glsl"
#define TN 32u
#define TT 32u
#define BK 64u
layout(local_size_x = 256) in;
layout(std430, binding = 0) readonly buffer Weights { uint w[]; };
layout(std430, binding = 1) readonly buffer X { float x[]; };
layout(std430, binding = 2) writeonly buffer Y { float y[]; };
#include "quant.glsl"

shared float ws[TN][BK + 1u];  // +1: rows of the tile fall in different banks
shared float xs[TT][BK + 1u];

void main() {
  const uint row0 = gl_WorkGroupID.x * TN;
  const uint tok0 = gl_WorkGroupID.y * TT;
  const uint lid = gl_LocalInvocationID.x;
  const uint tr = lid % 16u, tt = lid / 16u;  // rows tr, tr+16; tokens tt, tt+16
  const uint ngroups = pc.ncols / 16u;
  float a00 = 0.0, a01 = 0.0, a10 = 0.0, a11 = 0.0;
  for (uint k0 = 0u; k0 < pc.ncols; k0 += BK) {
    if (lid < TN * (BK / 16u)) {
      const uint r = lid / (BK / 16u), gq = lid % (BK / 16u);
      const uint gi = k0 / 16u + gq;
      float v[16];
      if (row0 + r < pc.nrows && gi < ngroups) {
        uint boff, g;
        group_location((row0 + r) * pc.row_bytes, gi, boff, g);
        dequant16(boff, g, v);
      } else {
        for (uint j = 0u; j < 16u; ++j) v[j] = 0.0;
      }
      for (uint j = 0u; j < 16u; ++j) ws[r][gq * 16u + j] = v[j];
    }
    for (uint i = lid; i < TT * BK; i += 256u) {
      const uint t = i / BK, k = i % BK;
      const uint tok = tok0 + t, kk = k0 + k;
      xs[t][k] = (tok < pc.n_tokens && kk < pc.ncols) ? x[tok * pc.x_stride + kk] : 0.0;
    }
    barrier();
    for (uint k = 0u; k < BK; ++k) {
      const float w0 = ws[tr][k], w1 = ws[tr + 16u][k];
      const float x0 = xs[tt][k], x1 = xs[tt + 16u][k];
      a00 += w0 * x0;
      a01 += w0 * x1;
      a10 += w1 * x0;
      a11 += w1 * x1;
    }
    barrier();
  }
  const uint r0 = row0 + tr, r1 = row0 + tr + 16u;
  const uint t0 = tok0 + tt, t1 = tok0 + tt + 16u;
  if (r0 < pc.nrows && t0 < pc.n_tokens) y[t0 * pc.y_stride + pc.y_offset + r0] = a00;
  if (r0 < pc.nrows && t1 < pc.n_tokens) y[t1 * pc.y_stride + pc.y_offset + r0] = a01;
  if (r1 < pc.nrows && t0 < pc.n_tokens) y[t0 * pc.y_stride + pc.y_offset + r1] = a10;
  if (r1 < pc.nrows && t1 < pc.n_tokens) y[t1 * pc.y_stride + pc.y_offset + r1] = a11;
}
