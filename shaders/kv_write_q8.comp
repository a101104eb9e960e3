#version 450
// Appends the batch's K and V (already rotated) to this layer's q8_0 cache (kv_cache.glsl's
// layout) at positions n_past + t: one invocation per token and 64 values, two blocks of 32,
// so that each writes whole words (16 of int8 values and one of the blocks' two fp16 scales).
// Blocks are quantized as ggml quantizes q8_0 (kv_q8.glsl).
#define PUSH_KV_WRITE
#include "push_constants.glsl"
#define STEP_BINDING 3
layout(local_size_x = 64) in;
layout(std430, binding = 0) readonly buffer QKV { float v[]; };
layout(std430, binding = 1) writeonly buffer KCache { uint kc[]; };
layout(std430, binding = 2) writeonly buffer VCache { uint vc[]; };
#include "step.glsl"

#include "kv_q8.glsl"

// Quantizes the 32 values at qkv float src into 8 words of int8; returns the block's scale.
float quantize_block(uint src, out uint words[8]) {
  float x[32];
  for (uint i = 0u; i < 32u; ++i) x[i] = v[src + i];
  return quantize_q8_block(x, words);
}

void main() {
  const uint chunks = pc.n_embd_kv / 64u;
  const uint idx = gl_GlobalInvocationID.x + gl_GlobalInvocationID.y * gl_NumWorkGroups.x * 64u;
  if (idx >= pc.n_tokens * chunks) return;
  const uint c = idx % chunks, t = idx / chunks;
  const uint src = t * pc.row_stride + 64u * c;
  const uint row = (step.n_past + t) * q8_row_words(pc.n_embd_kv);
  const uint scales = row + pc.n_embd_kv / 4u + c;
  uint words[8];
  vec2 d;
  for (uint b = 0u; b < 2u; ++b) {
    d[b] = quantize_block(src + pc.k_offset + 32u * b, words);
    for (uint w = 0u; w < 8u; ++w) kc[row + 16u * c + 8u * b + w] = words[w];
  }
  kc[scales] = packHalf2x16(d);
  for (uint b = 0u; b < 2u; ++b) {
    d[b] = quantize_block(src + pc.v_offset + 32u * b, words);
    for (uint w = 0u; w < 8u; ++w) vc[row + 16u * c + 8u * b + w] = words[w];
  }
  vc[scales] = packHalf2x16(d);
}
