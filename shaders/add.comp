#version 450
// Residual connection: a += b.
#define PUSH_ELEMENTWISE
#include "push_constants.glsl"
layout(local_size_x = 64) in;
layout(std430, binding = 0) buffer A { float a[]; };
layout(std430, binding = 1) readonly buffer B { float b[]; };

void main() {
  const uint idx = gl_GlobalInvocationID.x + gl_GlobalInvocationID.y * gl_NumWorkGroups.x * 64u;
  if (idx < pc.n) a[idx] += b[idx];
}
