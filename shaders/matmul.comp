#version 450
// Y = X W^T for a batch of tokens (prompt processing), every weight type via -DTYPE_xxx.
// A workgroup computes a tile of TN weight rows x TT tokens: each step dequantizes a TN x BK
// slice of W and loads a TT x BK slice of X into shared memory (16.9 KiB, under lavapipe's
// 32 KiB), then each invocation accumulates a 4 x 4 block of outputs from shared memory, so
// every value it loads feeds four multiply-adds.
#define PUSH_MATMUL
#include "push_constants.glsl"
#define TN 64u
#define TT 64u
#define BK 32u
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
  const uint tr = lid % 16u, tt = lid / 16u;  // rows tr + 16i, tokens tt + 16j
  const uint ngroups = pc.ncols / 16u;
  float acc[4][4];
  for (uint i = 0u; i < 4u; ++i)
    for (uint j = 0u; j < 4u; ++j) acc[i][j] = 0.0;
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
      float wv[4], xv[4];
      for (uint i = 0u; i < 4u; ++i) wv[i] = ws[tr + 16u * i][k];
      for (uint j = 0u; j < 4u; ++j) xv[j] = xs[tt + 16u * j][k];
      for (uint i = 0u; i < 4u; ++i)
        for (uint j = 0u; j < 4u; ++j) acc[i][j] += wv[i] * xv[j];
    }
    barrier();
  }
  for (uint i = 0u; i < 4u; ++i)
    for (uint j = 0u; j < 4u; ++j) {
      const uint r = row0 + tr + 16u * i, t = tok0 + tt + 16u * j;
      if (r < pc.nrows && t < pc.n_tokens) y[t * pc.y_stride + pc.y_offset + r] = acc[i][j];
    }
}
