#version 450
// RoPE fused with the KV-cache write: rotates the query heads in place (as rope_neox.comp) and
// writes the rotated keys and the values to this layer's cache at positions n_past + t, one
// dispatch instead of two: as fp16 pairs (as kv_write.comp), or with -DKV_Q8 as q8_0 blocks (as
// kv_write_q8.comp: one invocation per token and 64 values, so that each writes whole words).
// The keys in the qkv buffer stay unrotated: attention reads them from the cache only.
#define STEP_BINDING 3
layout(local_size_x = 64) in;
#ifdef KV_Q8
#define KV_VALUES 64u  // K and V values per invocation
#else
#define KV_VALUES 2u
#endif
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
#ifdef KV_Q8
#include "kv_q8.glsl"
#endif

float theta_of(uint t, uint i) {
  return float(step.n_past + t) * pow(pc.freq_base, -2.0 * float(i) / float(pc.n_rot));
}

// Value e of the keys of the qkv row at float `row` (token t), rotated.
float rotated_key(uint row, uint t, uint e) {
  const uint half_rot = pc.n_rot / 2u;
  const uint d = e % pc.head_dim;
  const uint head = row + pc.k_offset + e - d;  // first float of this key head
  if (d >= pc.n_rot) return v[head + d];
  const uint i = d < half_rot ? d : d - half_rot;
  const float theta = theta_of(t, i);
  const float c = cos(theta), s = sin(theta);
  const float x0 = v[head + i], x1 = v[head + i + half_rot];
  return d < half_rot ? x0 * c - x1 * s : x0 * s + x1 * c;
}

void main() {
  const uint half_rot = pc.n_rot / 2u;
  const uint n_q = pc.n_tokens * pc.n_head * half_rot;
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
  const uint j = idx - n_q, per_token = pc.n_embd_kv / KV_VALUES;
  if (j >= pc.n_tokens * per_token) return;
  const uint t = j / per_token, row = t * pc.row_stride;
#ifdef KV_Q8
  // Values 64 c .. 64 c + 63 of token t's K and V: two blocks each.
  const uint c = j % per_token;
  const uint dst = (step.n_past + t) * q8_row_words(pc.n_embd_kv);
  const uint scales = dst + pc.n_embd_kv / 4u + c;
  float x[32];
  uint words[8];
  vec2 d;
  for (uint b = 0u; b < 2u; ++b) {
    for (uint i = 0u; i < 32u; ++i) x[i] = rotated_key(row, t, 64u * c + 32u * b + i);
    d[b] = quantize_q8_block(x, words);
    for (uint w = 0u; w < 8u; ++w) kc[dst + 16u * c + 8u * b + w] = words[w];
  }
  kc[scales] = packHalf2x16(d);
  for (uint b = 0u; b < 2u; ++b) {
    for (uint i = 0u; i < 32u; ++i) x[i] = v[row + pc.v_offset + 64u * c + 32u * b + i];
    d[b] = quantize_q8_block(x, words);
    for (uint w = 0u; w < 8u; ++w) vc[dst + 16u * c + 8u * b + w] = words[w];
  }
  vc[scales] = packHalf2x16(d);
#else
  // Values 2 p and 2 p + 1 of token t's K and V.
  const uint p = j % per_token;
  const uint dst = (step.n_past + t) * (pc.n_embd_kv / 2u) + p;
  kc[dst] = packHalf2x16(vec2(rotated_key(row, t, 2u * p), rotated_key(row, t, 2u * p + 1u)));
  vc[dst] = packHalf2x16(vec2(v[row + pc.v_offset + 2u * p], v[row + pc.v_offset + 2u * p + 1u]));
#endif
}
