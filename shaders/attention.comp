#version 450
// Causal grouped-query attention over the KV cache (fp16 or q8_0: kv_cache.glsl), split over the context: workgroup
// (split s, query head h, token t) handles cache positions [s*chunk, (s+1)*chunk) up to the
// token's own position n_past + t (any chunk; scored WINDOW positions at a time), and writes its unnormalised output with its running max and
// sum; attention_combine.comp merges the splits. Query head h reads KV head h / (n_head / n_head_kv).
#define PUSH_ATTENTION
#include "push_constants.glsl"
#define STEP_BINDING 4
#define WG 64u
#define WINDOW 256u
#define MAX_HEAD_DIM 256u
layout(local_size_x = 64) in;
layout(std430, binding = 0) readonly buffer QKV { float qkv[]; };
layout(std430, binding = 1) readonly buffer KCache { uint kc[]; };
layout(std430, binding = 2) readonly buffer VCache { uint vc[]; };
layout(std430, binding = 3) writeonly buffer Partial { float part[]; };
#include "step.glsl"
#define KV_EMBD (pc.n_head_kv * pc.head_dim)
#include "kv_cache.glsl"

shared float q[MAX_HEAD_DIM];
shared float sc[WINDOW];
shared float red[WG];

void main() {
  const uint s = gl_WorkGroupID.x, h = gl_WorkGroupID.y, t = gl_WorkGroupID.z;
  const uint lid = gl_LocalInvocationID.x;
  const uint hd = pc.head_dim;
  const uint n_kv = step.n_past + t + 1u;
  const uint p0 = s * pc.chunk;
  const uint out_base = ((t * pc.n_head + h) * pc.n_splits + s) * (hd + 2u);
  if (p0 >= n_kv) {  // past this token's position: an empty split
    for (uint d = lid; d < hd; d += WG) part[out_base + d] = 0.0;
    if (lid == 0u) {
      part[out_base + hd] = -3.0e38;
      part[out_base + hd + 1u] = 0.0;
    }
    return;
  }
  const uint p1 = min(p0 + pc.chunk, n_kv);
  const uint hkv = h / (pc.n_head / pc.n_head_kv);
  const uint head_word = hkv * hd / 2u;

  for (uint d = lid; d < hd; d += WG) q[d] = qkv[t * pc.row_stride + h * hd + d] * pc.scale;
  barrier();

  // Online softmax over windows of WINDOW positions (the scores of one window live in shared
  // memory): m is the running max, l the running sum, o the running unnormalised output.
  float m = -3.0e38, l = 0.0;
  float o[MAX_HEAD_DIM / WG];
  for (uint k = 0u; k < MAX_HEAD_DIM / WG; ++k) o[k] = 0.0;
  for (uint w0 = p0; w0 < p1; w0 += WINDOW) {
    const uint w1 = min(w0 + WINDOW, p1);
    float wm = -3.0e38;
    for (uint p = w0 + lid; p < w1; p += WG) {
      float dot = 0.0;
      for (uint i = 0u; i < hd / 2u; ++i) {
        const vec2 k = k_pair(p, head_word + i);
        dot += q[2u * i] * k.x + q[2u * i + 1u] * k.y;
      }
      sc[p - w0] = dot;
      wm = max(wm, dot);
    }
    red[lid] = wm;
    barrier();
    for (uint r = WG / 2u; r > 0u; r >>= 1) {
      if (lid < r) red[lid] = max(red[lid], red[lid + r]);
      barrier();
    }
    const float new_m = max(m, red[0]);
    barrier();  // everyone has read red[0] before it is reused
    float ls = 0.0;
    for (uint p = w0 + lid; p < w1; p += WG) {
      const float e = exp(sc[p - w0] - new_m);
      sc[p - w0] = e;
      ls += e;
    }
    red[lid] = ls;
    barrier();  // also publishes the exponentials in sc
    for (uint r = WG / 2u; r > 0u; r >>= 1) {
      if (lid < r) red[lid] += red[lid + r];
      barrier();
    }
    const float corr = exp(m - new_m);
    l = l * corr + red[0];
    m = new_m;
    for (uint k = 0u; k < MAX_HEAD_DIM / WG; ++k) {
      const uint d = lid + k * WG;
      if (d >= hd) break;
      const uint word = head_word + d / 2u;
      const bool hi = (d & 1u) != 0u;
      float acc = o[k] * corr;
      for (uint p = w0; p < w1; ++p) {
        const vec2 v = v_pair(p, word);
        acc += sc[p - w0] * (hi ? v.y : v.x);
      }
      o[k] = acc;
    }
    barrier();  // sc and red are rewritten by the next window
  }
  for (uint k = 0u; k < MAX_HEAD_DIM / WG; ++k) {
    const uint d = lid + k * WG;
    if (d < hd) part[out_base + d] = o[k];
  }
  if (lid == 0u) {
    part[out_base + hd] = m;
    part[out_base + hd + 1u] = l;
  }
}
