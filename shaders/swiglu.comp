#version 450
// out = silu(gate) * up on the fused ffn_up output, whose token rows are gate (n) then up (n).
#define PUSH_ELEMENTWISE
#include "push_constants.glsl"
layout(local_size_x = 64) in;
layout(std430, binding = 0) readonly buffer GU { float gu[]; };
layout(std430, binding = 1) writeonly buffer Out { float o[]; };

void main() {
  const uint idx = gl_GlobalInvocationID.x + gl_GlobalInvocationID.y * gl_NumWorkGroups.x * 64u;
  if (idx >= pc.n * pc.n_tokens) return;
  const uint t = idx / pc.n, j = idx % pc.n;
  const float g = gu[t * 2u * pc.n + j];
  const float u = gu[t * 2u * pc.n + pc.n + j];
  o[idx] = g / (1.0 + exp(-g)) * u;
}
