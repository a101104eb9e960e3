#version 450
// Merges the per-split results of attention.comp: out = sum_s o_s e^(m_s - M) / sum_s l_s e^(m_s - M).
#define PUSH_ATTN_COMBINE
#include "push_constants.glsl"
layout(local_size_x = 64) in;
layout(std430, binding = 0) readonly buffer Partial { float part[]; };
layout(std430, binding = 1) writeonly buffer Out { float o[]; };

void main() {
  const uint h = gl_WorkGroupID.x, t = gl_WorkGroupID.y;
  const uint hd = pc.head_dim;
  const uint base = (t * pc.n_head + h) * pc.n_splits * (hd + 2u);
  float mx = -3.0e38;
  for (uint s = 0u; s < pc.n_splits; ++s) mx = max(mx, part[base + s * (hd + 2u) + hd]);
  float l = 0.0;
  for (uint s = 0u; s < pc.n_splits; ++s) {
    const uint b = base + s * (hd + 2u);
    l += part[b + hd + 1u] * exp(part[b + hd] - mx);
  }
  for (uint d = gl_LocalInvocationID.x; d < hd; d += 64u) {
    float acc = 0.0;
    for (uint s = 0u; s < pc.n_splits; ++s) {
      const uint b = base + s * (hd + 2u);
      acc += part[b + d] * exp(part[b + hd] - mx);
    }
    o[(t * pc.n_head + h) * hd + d] = acc / l;
  }
}
