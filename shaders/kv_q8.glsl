// ggml's q8_0 rule for one block of 32 values of a KV-cache row (kv_cache.glsl's layout): the
// scale is the largest magnitude / 127 and each value rounds to the nearest step, clamped to
// +-127, four int8 to a word. Shared by kv_write_q8.comp and rope_kv_write.comp -DKV_Q8, so that
// the fused and the separate writes store the same bytes.
float quantize_q8_block(const float x[32], out uint words[8]) {
  float amax = 0.0;
  for (uint i = 0u; i < 32u; ++i) amax = max(amax, abs(x[i]));
  const float d = amax / 127.0;
  const float inv = d > 0.0 ? 1.0 / d : 0.0;
  for (uint w = 0u; w < 8u; ++w) {
    uint word = 0u;
    for (uint e = 0u; e < 4u; ++e) word |= (uint(clamp(int(round(x[4u * w + e] * inv)), -127, 127)) & 0xFFu) << (8u * e);
    words[w] = word;
  }
  return d;
}

// Words in one cache row of n_embd_kv values: the int8 values, then the fp16 scales, two a word.
uint q8_row_words(uint n_embd_kv) { return n_embd_kv / 4u + n_embd_kv / 64u; }
