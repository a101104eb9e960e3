#version 450
// Greedy selection of a token's logits (inference/vulkan/argmax.h): each workgroup reduces a slice
// of SLICE logits to its best (value, lowest id on ties) and its sum of exp(v - best), one record
// per workgroup; the host combines the few hundred records. A shared-memory tree, so it is right
// for any subgroup size, and a handful of barriers instead of the top-k's bitonic network (which
// cost lavapipe ~18% of a decode step). NaN counts as -inf, as in the sampler.
#define WG 64u
#define SLICE 1024u
layout(local_size_x = 64) in;
// Mirrored by veloce::vk::ArgmaxParams (inference/vulkan/argmax.h).
layout(push_constant) uniform Push {
  uint n;  // logits
  uint pad0, pad1, pad2;
} pc;
layout(std430, binding = 0) readonly buffer In { float logits[]; };
// (best value bits, its id, sum of exp(v - best) bits, 0) per workgroup
layout(std430, binding = 1) writeonly buffer Out { uvec4 outp[]; };

shared float sm[WG];
shared uint si[WG];
shared float ss[WG];

#define NEG_INF uintBitsToFloat(0xff800000u)

// s scaled from max m to max M (M >= m); an empty sum (m = -inf) stays 0
float rescale(float s, float m, float M) { return m == NEG_INF ? 0.0 : s * exp(m - M); }

void main() {
  const uint lid = gl_LocalInvocationID.x;
  const uint base = gl_WorkGroupID.x * SLICE;
  const uint end = min(base + SLICE, pc.n);
  float m = NEG_INF, s = 0.0;
  uint id = 0xffffffffu;  // no element yet: loses every tie
  // Ascending ids per invocation: a later equal value never replaces the earlier one.
  for (uint g = base + lid; g < end; g += WG) {
    float v = logits[g];
    if (isnan(v)) v = NEG_INF;
    if (v > m) {
      s = rescale(s, m, v);
      m = v;
      id = g;
    } else if (v == m && g < id) {
      id = g;
    }
    if (v != NEG_INF) s += exp(v - m);
  }
  sm[lid] = m;
  si[lid] = id;
  ss[lid] = s;
  barrier();
  for (uint h = WG / 2u; h > 0u; h >>= 1u) {
    if (lid < h) {
      const float ma = sm[lid], mb = sm[lid + h];
      const uint ia = si[lid], ib = si[lid + h];
      const float M = max(ma, mb);
      ss[lid] = rescale(ss[lid], ma, M) + rescale(ss[lid + h], mb, M);
      sm[lid] = M;
      si[lid] = (mb > ma || (mb == ma && ib < ia)) ? ib : ia;
    }
    barrier();
  }
  if (lid == 0u) outp[gl_WorkGroupID.x] = uvec4(floatBitsToUint(sm[0]), si[0], floatBitsToUint(ss[0]), 0u);
}
