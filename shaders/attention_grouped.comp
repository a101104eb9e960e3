#version 450
// Causal grouped-query attention over the KV cache (fp16 or q8_0: kv_cache.glsl), one workgroup per KV head: workgroup
// (split s, KV head g, token tile tt) serves the query rows of tokens [tt*TT, tt*TT + TT) times
// the G = n_head / n_head_kv query heads that read KV head g (row r: token tt*TT + r / G, head
// g*G + r % G). Cache positions [s*chunk, (s+1)*chunk), cut at the tile's last causal position,
// pass through shared memory TILE at a time, each key and value read from memory once for all
// rows (attention.comp reads them once per query head) with consecutive lanes on consecutive
// words. A tile past a row's own position is masked, one past every row's is never loaded.
// Writes the same unnormalised partials as attention.comp, so attention_combine.comp merges both.
// TT = MAX_ROWS / G. Needs head_dim <= MAX_HD and G <= MAX_ROWS (Kernels::attention falls back
// to attention.comp otherwise).
#define PUSH_ATTENTION
#include "push_constants.glsl"
#define STEP_BINDING 4
#define WG 64u
#define TILE 32u
#define MAX_HD 128u
#define MAX_ROWS 16u
#define KSTRIDE (MAX_HD / 2u + 1u)  // words per key row in shared memory: odd, so lanes on
                                   // consecutive keys of one dot product hit different banks
layout(local_size_x = 64) in;
layout(std430, binding = 0) readonly buffer QKV { float qkv[]; };
layout(std430, binding = 1) readonly buffer KCache { uint kc[]; };
layout(std430, binding = 2) readonly buffer VCache { uint vc[]; };
layout(std430, binding = 3) writeonly buffer Partial { float part[]; };
#include "step.glsl"
#define KV_EMBD (pc.n_head_kv * pc.head_dim)
#include "kv_cache.glsl"

shared vec2 q[MAX_ROWS * MAX_HD / 2u];  // pairs of dimensions, as the cache words hold them
shared uint ks[TILE * KSTRIDE];
shared uint vs[TILE * (MAX_HD / 2u)];
shared float sc[MAX_ROWS * TILE];  // scores, then their exponentials
shared float row_m[MAX_ROWS], row_l[MAX_ROWS], row_corr[MAX_ROWS];

void main() {
  const uint s = gl_WorkGroupID.x, g = gl_WorkGroupID.y, tt = gl_WorkGroupID.z;
  const uint lid = gl_LocalInvocationID.x;
  const uint hd = pc.head_dim, hw = hd / 2u;  // words of one head
  const uint group = pc.n_head / pc.n_head_kv;
  const uint tokens = MAX_ROWS / group;  // tokens per tile (TT); the host counts tiles the same way
  const uint t0 = tt * tokens;
  const uint rows = min(tokens, pc.n_tokens - t0) * group;
  const uint head_word = g * hw;
  const uint p0 = s * pc.chunk;
  // The last position any row of this tile may see is the last token's own.
  const uint p1 = min(p0 + pc.chunk, step.n_past + t0 + rows / group);

  for (uint i = lid; i < rows * hw; i += WG) {
    const uint r = i / hw, w = i % hw;
    const uint src = (t0 + r / group) * pc.row_stride + (g * group + r % group) * hd + 2u * w;
    q[r * (MAX_HD / 2u) + w] = vec2(qkv[src], qkv[src + 1u]) * pc.scale;
  }
  if (lid < MAX_ROWS) {
    row_m[lid] = -3.0e38;
    row_l[lid] = 0.0;
  }
  // Lanes own a pair of output dimensions (one cache word) for every row.
  vec2 o[MAX_ROWS];
  for (uint r = 0u; r < MAX_ROWS; ++r) o[r] = vec2(0.0);
  barrier();

  for (uint w0 = p0; w0 < p1; w0 += TILE) {
    const uint n_pos = min(TILE, p1 - w0);
    for (uint i = lid; i < n_pos * hw; i += WG) {
      const uint c = i / hw, word = i % hw;
      ks[c * KSTRIDE + word] = k_word(w0 + c, head_word + word);
      vs[c * (MAX_HD / 2u) + word] = v_word(w0 + c, head_word + word);
    }
    barrier();
    // Scores: lane handles position lid % TILE for rows lid / TILE, + WG / TILE, ...
    const uint c = lid % TILE;
    for (uint r = lid / TILE; r < rows; r += WG / TILE) {
      float score = 0.0;
      if (c < n_pos) {
        const uint qb = r * (MAX_HD / 2u), kb = c * KSTRIDE;
        for (uint i = 0u; i < hw; ++i) score += dot(q[qb + i], unpackHalf2x16(ks[kb + i]));
      }
      sc[r * TILE + c] = score;
    }
    barrier();
    // Online softmax, one lane per row: running max, correction of what came before, sum.
    if (lid < rows) {
      const uint last = step.n_past + t0 + lid / group;  // the row's own position
      const uint n_seen = last >= w0 ? min(n_pos, last - w0 + 1u) : 0u;
      float tm = -3.0e38;
      for (uint j = 0u; j < n_seen; ++j) tm = max(tm, sc[lid * TILE + j]);
      const float m_old = row_m[lid];
      const float m_new = max(m_old, tm);
      float sum = 0.0;
      for (uint j = 0u; j < TILE; ++j) {
        const float e = j < n_seen ? exp(sc[lid * TILE + j] - m_new) : 0.0;
        sc[lid * TILE + j] = e;
        sum += e;
      }
      const float corr = exp(m_old - m_new);
      row_corr[lid] = corr;
      row_l[lid] = row_l[lid] * corr + sum;
      row_m[lid] = m_new;
    }
    barrier();
    if (lid < hw) {
      for (uint r = 0u; r < MAX_ROWS; ++r) {
        if (r >= rows) break;
        vec2 acc = o[r] * row_corr[r];
        for (uint j = 0u; j < n_pos; ++j) acc += sc[r * TILE + j] * unpackHalf2x16(vs[j * (MAX_HD / 2u) + lid]);
        o[r] = acc;
      }
    }
    barrier();  // ks, vs and sc are rewritten by the next tile
  }

  for (uint r = 0u; r < MAX_ROWS; ++r) {
    if (r >= rows) break;
    const uint t = t0 + r / group, h = g * group + r % group;
    const uint out_base = ((t * pc.n_head + h) * pc.n_splits + s) * (hd + 2u);
    if (lid < hw) {
      part[out_base + 2u * lid] = o[r].x;
      part[out_base + 2u * lid + 1u] = o[r].y;
    }
    if (lid == 0u) {
      part[out_base + hd] = row_m[r];
      part[out_base + hd + 1u] = row_l[r];
    }
  }
}
