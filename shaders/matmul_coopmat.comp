#version 450
// Y = X W^T for long prompt batches on the matrix units of NVIDIA GPUs (VK_NV_cooperative_matrix:
// Debian 12's glslang has the NV extension, not GL_KHR_cooperative_matrix), every weight type via
// -DTYPE_xxx. A 64-row x 64-token tile per workgroup of four 32-wide subgroups, each 32 x 32 of
// it as 2 x 4 fp32 accumulators of 16 x 8, fed 16 x 16 fp16 slices of W and 16 x 8 of X from
// shared memory: per 32-column slice, invocation lid dequantizes one group of 16 of row lid / 2
// and converts 16 values of token lid / 2 to fp16, then the subgroups multiply. The accumulators
// go through shared memory to Y so that ragged tiles are written within bounds.
// Off unless VELOCE_VK_COOPMAT=1 (inference/vulkan/kernels.h): not yet run on a GPU.
// 26 KiB of shared memory.
#extension GL_NV_cooperative_matrix : require
#extension GL_KHR_memory_scope_semantics : require
#extension GL_EXT_shader_explicit_arithmetic_types_float16 : require
#define PUSH_MATMUL
#include "push_constants.glsl"
#define TN 64u
#define TT 64u
#define BK 32u
// Halves per tile row: BK + 8 keeps every matrix load 16-byte aligned and moves rows across banks.
#define STRIDE 40u
layout(local_size_x = 128) in;  // four subgroups: the host takes this path only where they are 32 wide
layout(std430, binding = 0) readonly buffer Weights { uint w[]; };
layout(std430, binding = 1) readonly buffer X { vec4 x4[]; };  // rows of X are 32-value multiples
layout(std430, binding = 2) writeonly buffer Y { float y[]; };
#include "quant.glsl"

shared float16_t ws[TN * STRIDE];  // [row][k]: A, row-major
shared float16_t xs[TT * STRIDE];  // [token][k]: B (k x token), column-major
shared float cs[TT * TN];          // [token][row]: the accumulators, column-major

#define ACC fcoopmatNV<32, gl_ScopeSubgroup, 16, 8>

void main() {
  const uint row0 = gl_WorkGroupID.x * TN, tok0 = gl_WorkGroupID.y * TT;
  const uint lid = gl_LocalInvocationID.x;
  const uint sg = lid / 32u;
  const uint sr = (sg % 2u) * 32u, st = (sg / 2u) * 32u;  // this subgroup's rows and tokens
  ACC acc[2][4];
  for (uint i = 0u; i < 2u; ++i)
    for (uint j = 0u; j < 4u; ++j) acc[i][j] = ACC(0.0);
  const uint lr = lid / 2u, hk = (lid % 2u) * 16u;  // row or token lr, columns hk ..
  for (uint k0 = 0u; k0 < pc.ncols; k0 += BK) {
    float v[16];
    if (row0 + lr < pc.nrows) {
      uint boff, g;
      group_location((row0 + lr) * pc.row_bytes, k0 / 16u + hk / 16u, boff, g);
      dequant16(boff, g, v);
    } else {
      for (uint j = 0u; j < 16u; ++j) v[j] = 0.0;
    }
    for (uint j = 0u; j < 16u; ++j) ws[lr * STRIDE + hk + j] = float16_t(v[j]);
    const uint t = tok0 + lr;
    for (uint i = 0u; i < 4u; ++i) {
      const vec4 xv = t < pc.n_tokens ? x4[(t * pc.x_stride + k0 + hk) / 4u + i] : vec4(0.0);
      for (uint c = 0u; c < 4u; ++c) xs[lr * STRIDE + hk + 4u * i + c] = float16_t(xv[c]);
    }
    barrier();
    for (uint kk = 0u; kk < BK; kk += 16u) {
      fcoopmatNV<16, gl_ScopeSubgroup, 16, 16> a[2];
      fcoopmatNV<16, gl_ScopeSubgroup, 16, 8> b[4];
      for (uint i = 0u; i < 2u; ++i) coopMatLoadNV(a[i], ws, (sr + 16u * i) * STRIDE + kk, STRIDE, false);
      for (uint j = 0u; j < 4u; ++j) coopMatLoadNV(b[j], xs, (st + 8u * j) * STRIDE + kk, STRIDE, true);
      for (uint i = 0u; i < 2u; ++i)
        for (uint j = 0u; j < 4u; ++j) acc[i][j] = coopMatMulAddNV(a[i], b[j], acc[i][j]);
    }
    barrier();  // everyone is done with this slice before the next is staged
  }
  for (uint i = 0u; i < 2u; ++i)
    for (uint j = 0u; j < 4u; ++j) coopMatStoreNV(acc[i][j], cs, (st + 8u * j) * TN + sr + 16u * i, TN, true);
  barrier();
  for (uint e = lid; e < TN * TT; e += 128u) {
    const uint t = e / TN, r = e % TN;
    if (tok0 + t < pc.n_tokens && row0 + r < pc.nrows) y[(tok0 + t) * pc.y_stride + pc.y_offset + row0 + r] = cs[e];
  }
}
