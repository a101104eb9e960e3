#version 450
// Appends the batch's K and V (already rotated) to this layer's cache at positions n_past + t,
// as fp16 pairs packed in 32-bit words (no 16-bit storage needed).
#define PUSH_KV_WRITE
#include "push_constants.glsl"
#define STEP_BINDING 3
layout(local_size_x = 64) in;
layout(std430, binding = 0) readonly buffer QKV { float v[]; };
layout(std430, binding = 1) writeonly buffer KCache { uint kc[]; };
layout(std430, binding = 2) writeonly buffer VCache { uint vc[]; };
#include "step.glsl"

void main() {
  const uint pairs = pc.n_embd_kv / 2u;
  const uint idx = gl_GlobalInvocationID.x + gl_GlobalInvocationID.y * gl_NumWorkGroups.x * 64u;
  if (idx >= pc.n_tokens * pairs) return;
  const uint p = idx % pairs, t = idx / pairs;
  const uint src = t * pc.row_stride + 2u * p;
  const uint dst = (step.n_past + t) * pairs + p;
  kc[dst] = packHalf2x16(vec2(v[src + pc.k_offset], v[src + pc.k_offset + 1u]));
  vc[dst] = packHalf2x16(vec2(v[src + pc.v_offset], v[src + pc.v_offset + 1u]));
}
