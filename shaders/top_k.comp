#version 450
// One stage of the GPU top-k over a token's logits (inference/vulkan/top_k.h): each workgroup
// sorts a chunk of CHUNK candidates in shared memory (bitonic network) and writes its best k,
// best first (higher value, then lower id). -DFIRST reads the raw logits (id = index) and writes
// each chunk's max and sum of exp(logit - max); later stages read the previous stage's pairs.
// With final set (one workgroup) the stage also writes (max, log-sum-exp) of all logits after
// its k pairs. NaN counts as -inf, as in the sampler.
#define WG 256u
#define CHUNK 1024u
layout(local_size_x = 256) in;
// Mirrored by veloce::vk::TopKParams (inference/vulkan/top_k.h).
layout(push_constant) uniform Push {
  uint n;           // candidates in the input
  uint k;           // kept per chunk, <= CHUNK
  uint n_partials;  // chunks of the first stage (their max / sum pairs)
  uint final_stage; // 1: one workgroup, also write the log-sum-exp
} pc;
#ifdef FIRST
layout(std430, binding = 0) readonly buffer In { float logits[]; };
layout(std430, binding = 2) writeonly buffer Partials { vec2 partial[]; };
#else
layout(std430, binding = 0) readonly buffer In { uvec2 pairs[]; };
layout(std430, binding = 2) readonly buffer Partials { vec2 partial[]; };
#endif
layout(std430, binding = 1) writeonly buffer Out { uvec2 outp[]; };

shared float sv[CHUNK];
shared uint si[CHUNK];
shared float red_m[WG];
shared float red_s[WG];

#define NEG_INF uintBitsToFloat(0xff800000u)

// a before b in the output order
bool better(float va, uint ia, float vb, uint ib) { return va > vb || (va == vb && ia < ib); }

void main() {
  const uint lid = gl_LocalInvocationID.x;
  const uint base = gl_WorkGroupID.x * CHUNK;
  for (uint e = lid; e < CHUNK; e += WG) {
    const uint g = base + e;
    float v = NEG_INF;
    uint id = 0xffffffffu;  // padding sorts last
    if (g < pc.n) {
#ifdef FIRST
      v = logits[g];
      id = g;
#else
      v = uintBitsToFloat(pairs[g].x);
      id = pairs[g].y;
#endif
      if (isnan(v)) v = NEG_INF;
    }
    sv[e] = v;
    si[e] = id;
  }
  barrier();
#ifdef FIRST
  // This chunk's max and sum of exp(v - max), for the log-sum-exp.
  float m = NEG_INF;
  for (uint e = lid; e < CHUNK; e += WG) m = max(m, sv[e]);
  red_m[lid] = m;
  barrier();
  for (uint s = WG / 2u; s > 0u; s >>= 1u) {
    if (lid < s) red_m[lid] = max(red_m[lid], red_m[lid + s]);
    barrier();
  }
  const float cm = red_m[0];
  float sum = 0.0;
  if (cm != NEG_INF)
    for (uint e = lid; e < CHUNK; e += WG) sum += exp(sv[e] - cm);
  red_s[lid] = sum;
  barrier();
  for (uint s = WG / 2u; s > 0u; s >>= 1u) {
    if (lid < s) red_s[lid] += red_s[lid + s];
    barrier();
  }
  if (lid == 0u) partial[gl_WorkGroupID.x] = vec2(cm, red_s[0]);
#endif
  // Bitonic sort of the chunk, best first.
  for (uint size = 2u; size <= CHUNK; size <<= 1u) {
    for (uint stride = size >> 1u; stride > 0u; stride >>= 1u) {
      for (uint p = lid; p < CHUNK / 2u; p += WG) {
        const uint i = 2u * stride * (p / stride) + p % stride, j = i + stride;
        const bool descending = (i & size) == 0u;  // this half sorts best first
        const bool swap = descending ? better(sv[j], si[j], sv[i], si[i]) : better(sv[i], si[i], sv[j], si[j]);
        if (swap) {
          const float tv = sv[i];
          sv[i] = sv[j];
          sv[j] = tv;
          const uint ti = si[i];
          si[i] = si[j];
          si[j] = ti;
        }
      }
      barrier();
    }
  }
  for (uint e = lid; e < pc.k; e += WG) outp[gl_WorkGroupID.x * pc.k + e] = uvec2(floatBitsToUint(sv[e]), si[e]);
  if (pc.final_stage != 0u && lid == 0u) {
    // log(sum over all logits of exp(v)) = M + log(sum_c s_c exp(m_c - M)), M the overall max.
#ifdef FIRST
    const float M = red_m[0];
    const float total = red_s[0];
#else
    float M = NEG_INF;
    for (uint c = 0u; c < pc.n_partials; ++c) M = max(M, partial[c].x);
    float total = 0.0;
    if (M != NEG_INF)
      for (uint c = 0u; c < pc.n_partials; ++c)
        if (partial[c].x != NEG_INF) total += partial[c].y * exp(partial[c].x - M);
#endif
    outp[pc.k] = uvec2(floatBitsToUint(M), floatBitsToUint(M == NEG_INF ? NEG_INF : M + log(total)));
  }
}
