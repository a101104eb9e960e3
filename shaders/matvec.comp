#version 450
// y = W x for one token (decode) for every weight type, chosen by -DTYPE_xxx.
// Portable baseline: a workgroup of 32 invocations computes ROWS rows (specialization constant 2): each invocation walks the
// rows' 16-value groups with a stride of 32, loading each slice of x once for all ROWS rows, and one
// shared memory reduction finishes all of them (barriers are what a CPU driver such as lavapipe
// pays most for, so they are amortised over several rows).
// -DSUBGROUP: the workgroup is one subgroup (width from specialization constant 0) reduced with
// subgroupAdd, with no shared memory and no barrier (see matvec_sg.glsl).
// ROWS is specialization constant 2, set by Kernels::matvec (which also counts the workgroups).
#if defined(SUBGROUP)
#include "matvec_sg.glsl"
#define WG LANES
#else
#define PUSH_MATVEC
#include "push_constants.glsl"
#define WG 32u
layout(local_size_x = 32) in;
layout(constant_id = 2) const uint ROWS = 4u;
layout(std430, binding = 0) readonly buffer Weights { uint w[]; };
layout(std430, binding = 1) readonly buffer X { vec4 x4[]; };
layout(std430, binding = 2) writeonly buffer Y { float y[]; };
shared float partial[ROWS * WG];
#endif
#include "quant.glsl"

void main() {
  const uint row0 = FLAT_GROUP * ROWS;
  if (row0 >= pc.nrows) return;  // the same for the whole workgroup
  const uint lid = gl_LocalInvocationID.x;
  const uint ngroups = pc.ncols / 16u;
  float acc[ROWS];
  for (uint r = 0u; r < ROWS; ++r) acc[r] = 0.0;
  for (uint gi = lid; gi < ngroups; gi += WG) {
    // x_offset is a multiple of 4 (token rows hold a multiple of 32 values).
    const uint xb = (pc.x_offset + gi * 16u) / 4u;
    const vec4 x0 = x4[xb], x1 = x4[xb + 1u], x2 = x4[xb + 2u], x3 = x4[xb + 3u];
    for (uint r = 0u; r < ROWS; ++r) {
      if (row0 + r >= pc.nrows) break;
      uint boff, g;
      group_location((row0 + r) * pc.row_bytes, gi, boff, g);
      float v[16];
      dequant16(boff, g, v);
      acc[r] += dot(vec4(v[0], v[1], v[2], v[3]), x0) + dot(vec4(v[4], v[5], v[6], v[7]), x1) +
                dot(vec4(v[8], v[9], v[10], v[11]), x2) + dot(vec4(v[12], v[13], v[14], v[15]), x3);
    }
  }
#if defined(SUBGROUP)
  store_rows(row0, acc);
#else
  for (uint r = 0u; r < ROWS; ++r) partial[r * WG + lid] = acc[r];
  barrier();
  for (uint s = WG / 2u; s > 0u; s >>= 1) {
    if (lid < s)
      for (uint r = 0u; r < ROWS; ++r) partial[r * WG + lid] += partial[r * WG + lid + s];
    barrier();
  }
  if (lid < ROWS && row0 + lid < pc.nrows) y[pc.y_offset + row0 + lid] = partial[lid * WG];
#endif
}
