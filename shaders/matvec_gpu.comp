#version 450
// y = W x for NTOK tokens (1..8) at once, every weight type (-DTYPE_xxx): the mat-vec family for
// GPUs (inference/vulkan/kernels.cpp, docs/vulkan-kernels.md).
// - Weights through 16- and 8-bit storage views (weights.glsl, WEIGHTS_16BIT): halves and bytes
//   are single loads, 2-byte aligned blocks need no realignment, fp32 accumulation.
// - Work split: invocation i of a workgroup takes the 16-value groups i, i + WG, ... of the rows;
//   a block's groups are consecutive, so neighbouring invocations read neighbouring 16-byte runs
//   of the same block (coalesced), and a K-quant superblock is shared by 16 invocations.
// - ROWS rows per workgroup, NTOK tokens: every group of weights is dequantized once and dotted
//   with the x of every token, so 2-8 tokens cost one read of the weights.
// - Reduction correct for any subgroup size: subgroupAdd, then (when the workgroup holds several
//   subgroups, gl_NumSubgroups > 1) the subgroup sums through shared memory. The host pins the
//   subgroup size where the device allows it (requiredSubgroupSize, full subgroups), but the
//   kernel never relies on that.
// Geometry comes from specialization constants (inference/vulkan/kernels.cpp, per-vendor table):
// 0 workgroup size, 1 ROWS, 2 NTOK, 3 MAX_SUBGROUPS (a bound on gl_NumSubgroups).
#extension GL_EXT_shader_16bit_storage : require
#extension GL_EXT_shader_8bit_storage : require
#extension GL_KHR_shader_subgroup_basic : require
#extension GL_KHR_shader_subgroup_arithmetic : require
#define PUSH_MATVEC_GPU
#include "push_constants.glsl"
layout(local_size_x_id = 0) in;
layout(constant_id = 1) const uint ROWS = 2u;
layout(constant_id = 2) const uint NTOK = 1u;
layout(constant_id = 3) const uint MAX_SUBGROUPS = 64u;
layout(std430, binding = 0) readonly buffer Weights { uint w[]; };
layout(std430, binding = 0) readonly buffer Weights16 { uint16_t w16[]; };
layout(std430, binding = 0) readonly buffer Weights8 { uint8_t w8[]; };
layout(std430, binding = 1) readonly buffer X { vec4 x4[]; };
layout(std430, binding = 2) writeonly buffer Y { float y[]; };
#define WEIGHTS_16BIT
#include "quant.glsl"

shared float partial[ROWS * NTOK * MAX_SUBGROUPS];

void main() {
  const uint row0 = FLAT_GROUP * ROWS;
  if (row0 >= pc.nrows) return;  // the same for the whole workgroup
  const uint lid = gl_LocalInvocationID.x, wg = gl_WorkGroupSize.x;
  const uint ngroups = pc.ncols / 16u;
  float acc[ROWS * NTOK];
  for (uint i = 0u; i < ROWS * NTOK; ++i) acc[i] = 0.0;
  for (uint gi = lid; gi < ngroups; gi += wg) {
    for (uint r = 0u; r < ROWS; ++r) {
      const uint row = min(row0 + r, pc.nrows - 1u);  // past-the-end rows recompute the last one
      uint boff, g;
      group_location(row * pc.row_bytes, gi, boff, g);
      float v[16];
      dequant16(boff, g, v);
      const vec4 w0 = vec4(v[0], v[1], v[2], v[3]), w1 = vec4(v[4], v[5], v[6], v[7]);
      const vec4 w2 = vec4(v[8], v[9], v[10], v[11]), w3 = vec4(v[12], v[13], v[14], v[15]);
      for (uint t = 0u; t < NTOK; ++t) {
        // x_offset and x_stride are multiples of 4 floats (checked by Kernels).
        const uint xb = (pc.x_offset + t * pc.x_stride) / 4u + gi * 4u;
        acc[r * NTOK + t] += dot(w0, x4[xb]) + dot(w1, x4[xb + 1u]) + dot(w2, x4[xb + 2u]) + dot(w3, x4[xb + 3u]);
      }
    }
  }
  const bool one = gl_NumSubgroups == 1u;  // uniform: the barrier below is reached by all or none
  for (uint i = 0u; i < ROWS * NTOK; ++i) {
    const float s = subgroupAdd(acc[i]);
    if (subgroupElect()) {
      if (!one) partial[i * MAX_SUBGROUPS + gl_SubgroupID] = s;
      else if (row0 + i / NTOK < pc.nrows) y[pc.y_offset + (i % NTOK) * pc.y_stride + row0 + i / NTOK] = s;
    }
  }
  if (one) return;
  barrier();
  for (uint i = lid; i < ROWS * NTOK; i += wg) {
    if (row0 + i / NTOK >= pc.nrows) continue;
    float s = 0.0;
    for (uint j = 0u; j < gl_NumSubgroups; ++j) s += partial[i * MAX_SUBGROUPS + j];
    y[pc.y_offset + (i % NTOK) * pc.y_stride + row0 + i / NTOK] = s;
  }
}
