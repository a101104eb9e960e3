#version 450
// Embedding gather: row ids[i] of W, dequantized to fp32, into row i of Y. When W is split by
// rows across bindings, each part is dispatched and only rows it holds are written.
#define PUSH_GET_ROWS
#include "push_constants.glsl"
layout(local_size_x = 64) in;
layout(std430, binding = 0) readonly buffer Weights { uint w[]; };
layout(std430, binding = 1) readonly buffer Ids { uint ids[]; };
layout(std430, binding = 2) writeonly buffer Y { float y[]; };
#include "quant.glsl"

void main() {
  const uint i = FLAT_GROUP;
  if (i >= pc.n_ids) return;
  const uint id = ids[i];
  if (id < pc.row_begin || id - pc.row_begin >= pc.nrows) return;  // another part holds it
  const uint row_off = (id - pc.row_begin) * pc.row_bytes;
  for (uint gi = gl_LocalInvocationID.x; gi < pc.ncols / 16u; gi += 64u) {
    uint boff, g;
    group_location(row_off, gi, boff, g);
    float v[16];
    dequant16(boff, g, v);
    for (uint j = 0u; j < 16u; ++j) y[i * pc.ncols + gi * 16u + j] = v[j];
  }
}
