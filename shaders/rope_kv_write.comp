#version 450
// RoPE fused with the KV-cache write: rotates the query heads in place (as rope_neox.comp) and
// writes the rotated keys and the values to this layer's cache at positions n_past + t as fp16
// pairs (as kv_write.comp), one dispatch instead of two. The keys in the qkv buffer stay
// unrotated: attention reads them from the cache only.
#define STEP_BINDING 3
layout(local_size_x = 64) in;
// Mirrored by veloce::vk::RopeKvParams (inference/vulkan/fused_ops.h).
layout(push_constant) uniform Push {
  uint n_tokens;
  uint row_stride;  // floats between tokens of the qkv buffer (Q at float 0 of a row)
  uint n_head;      // query heads
  uint head_dim;
  uint n_rot;       // rotated dims per head (pairs i, i + n_rot/2)
  float freq_base;
  uint k_offset;    // first float of K in a token row
  uint v_offset;    // first float of V in a token row
  uint n_embd_kv;   // K (and V) values per token
} pc;
layout(std430, binding = 0) buffer QKV { float v[]; };
layout(std430, binding = 1) writeonly buffer KCache { uint kc[]; };
layout(std430, binding = 2) writeonly buffer VCache { uint vc[]; };
#include "step.glsl"

float theta_of(uint t, uint i) {
  return float(step.n_past + t) * pow(pc.freq_base, -2.0 * float(i) / float(pc.n_rot));
}

void main() {
  const uint half_rot = pc.n_rot / 2u;
  const uint n_q = pc.n_tokens * pc.n_head * half_rot;
  const uint pairs = pc.n_embd_kv / 2u;
  const uint idx = gl_GlobalInvocationID.x + gl_GlobalInvocationID.y * gl_NumWorkGroups.x * 64u;
  if (idx < n_q) {
    const uint i = idx % half_rot;
    const uint head = (idx / half_rot) % pc.n_head;
    const uint t = idx / (half_rot * pc.n_head);
    const float theta = theta_of(t, i);
    const float c = cos(theta), s = sin(theta);
    const uint base = t * pc.row_stride + head * pc.head_dim;
    const float x0 = v[base + i], x1 = v[base + i + half_rot];
    v[base + i] = x0 * c - x1 * s;
    v[base + i + half_rot] = x0 * s + x1 * c;
    return;
  }
  const uint j = idx - n_q;
  if (j >= pc.n_tokens * pairs) return;
  const uint p = j % pairs, t = j / pairs;
  const uint row = t * pc.row_stride;
  float k2[2];
  for (uint e = 0u; e < 2u; ++e) {
    const uint d = (2u * p + e) % pc.head_dim;
    const uint head = row + pc.k_offset + (2u * p + e) - d;  // first float of this key head
    if (d >= pc.n_rot) {
      k2[e] = v[head + d];
    } else {
      const uint i = d < half_rot ? d : d - half_rot;
      const float theta = theta_of(t, i);
      const float c = cos(theta), s = sin(theta);
      const float x0 = v[head + i], x1 = v[head + i + half_rot];
      k2[e] = d < half_rot ? x0 * c - x1 * s : x0 * s + x1 * c;
    }
  }
  const uint dst = (step.n_past + t) * pairs + p;
  kc[dst] = packHalf2x16(vec2(k2[0], k2[1]));
  vc[dst] = packHalf2x16(vec2(v[row + pc.v_offset + 2u * p], v[row + pc.v_offset + 2u * p + 1u]));
}
