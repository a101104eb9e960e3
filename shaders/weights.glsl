// Weight access shared by every kernel that reads a quantized tensor. The portable baseline binds
// weights as an array of 32-bit words (Vulkan 1.1, no 8/16-bit storage) and extracts bytes and
// halves with shifts. Byte offsets are relative to the start of the binding.
// The including shader declares: layout(std430, binding = WEIGHT_BINDING) readonly buffer { uint w[]; }.
// With WEIGHTS_16BIT (the GPU family, matvec_gpu.comp) it also declares 16- and 8-bit views of the
// same binding (w16[], w8[]): bytes and halves are then single loads, and the 16 bytes of a group
// in a 2-byte aligned block (Q4_0, Q5_0, Q8_0, Q3_K, Q6_K) are eight aligned 16-bit loads instead
// of five words and funnel shifts. Types whose blocks keep every run 4-byte aligned define
// ALIGNED4 (quant.glsl) and read words.
#if defined(WEIGHTS_16BIT)
uint rd8(uint off) { return uint(w8[off]); }
uint rd16(uint off) { return uint(w16[off >> 1]); }
uint rd32(uint off) { return uint(w16[off >> 1]) | (uint(w16[(off >> 1) + 1u]) << 16); }
float rdhalf(uint off) { return unpackHalf2x16(rd16(off)).x; }
int sext8(uint b) { return int(b << 24) >> 24; }
uvec4 rd16bytes(uint off) {
#if defined(ALIGNED4)
  const uint b = off >> 2;
  return uvec4(w[b], w[b + 1u], w[b + 2u], w[b + 3u]);
#else
  const uint h = off >> 1;
  return uvec4(uint(w16[h]) | (uint(w16[h + 1u]) << 16), uint(w16[h + 2u]) | (uint(w16[h + 3u]) << 16),
               uint(w16[h + 4u]) | (uint(w16[h + 5u]) << 16), uint(w16[h + 6u]) | (uint(w16[h + 7u]) << 16));
#endif
}
#else
uint rd8(uint off) { return (w[off >> 2] >> ((off & 3u) * 8u)) & 0xFFu; }
// off must be even (every half in every block layout is at an even offset).
uint rd16(uint off) { return (w[off >> 2] >> ((off & 2u) * 8u)) & 0xFFFFu; }
// Any alignment: two words funnel-shifted when the value straddles them.
uint rd32(uint off) {
  uint s = (off & 3u) * 8u;
  uint lo = w[off >> 2];
  if (s == 0u) return lo;
  return (lo >> s) | (w[(off >> 2) + 1u] << (32u - s));
}
float rdhalf(uint off) { return unpackHalf2x16(rd16(off)).x; }
int sext8(uint b) { return int(b << 24) >> 24; }

// 16 bytes from any byte offset in four words (five loads and funnel shifts when misaligned):
// one load per four values instead of one per value, which is what block unpacking costs most.
uvec4 rd16bytes(uint off) {
  const uint b = off >> 2, s = (off & 3u) * 8u;
  const uvec4 v = uvec4(w[b], w[b + 1u], w[b + 2u], w[b + 3u]);
  if (s == 0u) return v;
  const uint e = w[b + 4u];
  return uvec4((v.x >> s) | (v.y << (32u - s)), (v.y >> s) | (v.z << (32u - s)),
               (v.z >> s) | (v.w << (32u - s)), (v.w >> s) | (e << (32u - s)));
}
#endif
uint byte_of(uvec4 v, uint j) { return (v[j >> 2] >> ((j & 3u) * 8u)) & 0xFFu; }
