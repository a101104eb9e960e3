#version 450
// y = W x for one token (decode): the portable baseline for every weight type, chosen by -DTYPE_xxx.
// One workgroup per weight row; invocations stride over the row's 16-value groups and reduce
// through shared memory. Bound by how fast blocks are unpacked (the byte reads of weights.glsl).
#define PUSH_MATVEC
#include "push_constants.glsl"
#define WG 64u
layout(local_size_x = 64) in;
layout(std430, binding = 0) readonly buffer Weights { uint w[]; };
layout(std430, binding = 1) readonly buffer X { float x[]; };
layout(std430, binding = 2) writeonly buffer Y { float y[]; };
#include "quant.glsl"

shared float partial[WG];

void main() {
  const uint row = FLAT_GROUP;
  if (row >= pc.nrows) return;  // the same for the whole workgroup
  const uint lid = gl_LocalInvocationID.x;
  const uint row_off = row * pc.row_bytes;
  const uint ngroups = pc.ncols / 16u;
  float acc = 0.0;
  for (uint gi = lid; gi < ngroups; gi += WG) {
    uint boff, g;
    group_location(row_off, gi, boff, g);
    float v[16];
    dequant16(boff, g, v);
    const uint xb = pc.x_offset + gi * 16u;
    for (uint j = 0u; j < 16u; ++j) acc += v[j] * x[xb + j];
  }
  partial[lid] = acc;
  barrier();
  for (uint s = WG / 2u; s > 0u; s >>= 1) {
    if (lid < s) partial[lid] += partial[lid + s];
    barrier();
  }
  if (lid == 0u) y[pc.y_offset + row] = partial[0];
}
