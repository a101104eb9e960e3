// Reads of the KV cache, f16 or q8_0 (KV_Q8), by cache position and pair of values (the pair
// index w covers values 2w and 2w + 1 of a position's K or V row of KV_EMBD values). Included
// after the kc[] and vc[] buffers; KV_EMBD is the shader's expression for n_embd_kv.
//   f16:  a row is KV_EMBD / 2 words, each two fp16 values.
//   q8_0: a row is KV_EMBD / 4 words of int8 values (4 per word), then KV_EMBD / 64 words of fp16
//         scales, one per block of 32 values (value = int8 * scale), as ggml's q8_0 blocks hold
//         them but with quants and scales apart, so that every read is a whole aligned word.
#ifdef KV_Q8
uint kv_row_words() { return KV_EMBD / 4u + KV_EMBD / 64u; }
vec2 kv_q8_pair(uint quants, uint scales, uint w) {
  const int q = int(quants);
  const int b = int(8u * (2u * (w & 1u)));
  const float d = unpackHalf2x16(scales)[(w / 16u) & 1u];
  return vec2(float(bitfieldExtract(q, b, 8)), float(bitfieldExtract(q, b + 8, 8))) * d;
}
vec2 k_pair(uint pos, uint w) {
  const uint row = pos * kv_row_words();
  return kv_q8_pair(kc[row + w / 2u], kc[row + KV_EMBD / 4u + w / 32u], w);
}
vec2 v_pair(uint pos, uint w) {
  const uint row = pos * kv_row_words();
  return kv_q8_pair(vc[row + w / 2u], vc[row + KV_EMBD / 4u + w / 32u], w);
}
// The pair as two fp16 values in one word (the grouped kernel's shared-memory tiles).
uint k_word(uint pos, uint w) { return packHalf2x16(k_pair(pos, w)); }
uint v_word(uint pos, uint w) { return packHalf2x16(v_pair(pos, w)); }
#else
uint kv_row_words() { return KV_EMBD / 2u; }
vec2 k_pair(uint pos, uint w) { return unpackHalf2x16(kc[pos * kv_row_words() + w]); }
vec2 v_pair(uint pos, uint w) { return unpackHalf2x16(vc[pos * kv_row_words() + w]); }
uint k_word(uint pos, uint w) { return kc[pos * kv_row_words() + w]; }
uint v_word(uint pos, uint w) { return vc[pos * kv_row_words() + w]; }
#endif
