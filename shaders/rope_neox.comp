#version 450
// NEOX rotary embedding in place on the query and key heads of the qkv buffer: dimension i pairs
// with i + n_rot/2, theta = pos * freq_base^(-2i/n_rot), pos = n_past + token index.
#define PUSH_ROPE
#include "push_constants.glsl"
#define STEP_BINDING 1
layout(local_size_x = 64) in;
layout(std430, binding = 0) buffer QKV { float v[]; };
#include "step.glsl"

void main() {
  const uint half_rot = pc.n_rot / 2u;
  const uint idx = gl_GlobalInvocationID.x + gl_GlobalInvocationID.y * gl_NumWorkGroups.x * 64u;
  if (idx >= pc.n_tokens * pc.n_heads * half_rot) return;
  const uint i = idx % half_rot;
  const uint head = (idx / half_rot) % pc.n_heads;
  const uint t = idx / (half_rot * pc.n_heads);
  const float pos = float(step.n_past + t);
  const float theta = pos * pow(pc.freq_base, -2.0 * float(i) / float(pc.n_rot));
  const float c = cos(theta), s = sin(theta);
  const uint base = t * pc.row_stride + head * pc.head_dim;
  const float x0 = v[base + i], x1 = v[base + i + half_rot];
  v[base + i] = x0 * c - x1 * s;
  v[base + i + half_rot] = x0 * s + x1 * c;
}
