#version 450
// The residual add fused with the next RMSNorm: h += delta, then y = h / sqrt(mean(h^2) + eps) *
// weight, one workgroup per token row. The same arithmetic as add.comp then rms_norm.comp, in one
// dispatch and without the barrier between them.
#define PUSH_RMS_NORM
#include "push_constants.glsl"
#define WG 128u
layout(local_size_x = 128) in;
layout(std430, binding = 0) buffer H { float h[]; };
layout(std430, binding = 1) readonly buffer Delta { float delta[]; };
layout(std430, binding = 2) readonly buffer Wt { float weight[]; };
layout(std430, binding = 3) writeonly buffer Y { float y[]; };

shared float partial[WG];

void main() {
  const uint row = gl_WorkGroupID.x;
  const uint lid = gl_LocalInvocationID.x;
  const uint base = row * pc.n;
  float ss = 0.0;
  // Each invocation reads back only the values it wrote itself: no barrier needed for them.
  for (uint i = lid; i < pc.n; i += WG) {
    const float v = h[base + i] + delta[base + i];
    h[base + i] = v;
    ss += v * v;
  }
  partial[lid] = ss;
  barrier();
  for (uint s = WG / 2u; s > 0u; s >>= 1) {
    if (lid < s) partial[lid] += partial[lid + s];
    barrier();
  }
  const float scale = inversesqrt(partial[0] / float(pc.n) + pc.eps);
  for (uint i = lid; i < pc.n; i += WG) y[base + i] = h[base + i] * scale * weight[i];
}
