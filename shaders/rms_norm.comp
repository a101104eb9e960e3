#version 450
// y = x / sqrt(mean(x^2) + eps) * weight, one workgroup per token row.
#define PUSH_RMS_NORM
#include "push_constants.glsl"
#define WG 128u
layout(local_size_x = 128) in;
layout(std430, binding = 0) readonly buffer X { float x[]; };
layout(std430, binding = 1) readonly buffer Wt { float weight[]; };
layout(std430, binding = 2) writeonly buffer Y { float y[]; };

shared float partial[WG];

void main() {
  const uint row = gl_WorkGroupID.x;
  const uint lid = gl_LocalInvocationID.x;
  const uint base = row * pc.n;
  float ss = 0.0;
  for (uint i = lid; i < pc.n; i += WG) ss += x[base + i] * x[base + i];
  partial[lid] = ss;
  barrier();
  for (uint s = WG / 2u; s > 0u; s >>= 1) {
    if (lid < s) partial[lid] += partial[lid + s];
    barrier();
  }
  const float scale = inversesqrt(partial[0] / float(pc.n) + pc.eps);
  for (uint i = lid; i < pc.n; i += WG) y[base + i] = x[base + i] * scale * weight[i];
}
