#version 450
// Y = X W^T for long prompt batches with 8-bit integer dot products, every quantized weight type
// via -DTYPE_xxx (quant.glsl's quant16i). Weights stay as their integers: a group of 16 is 16
// int8 with one scale s and offset m (value s q + m). X is quantized on the fly, per token and
// group of 16, to int8 with a step d (absmax / 127, rounded to nearest even), so that the group's
// product with the quantized X is s d (qw . qx) + m d sum(qx): four packed 4 x 8-bit dot products
// and two multiply-adds for 16 multiply-adds of matmul_large.comp. The result is exactly W times
// the quantized X, whose error (about 1e-5 of the product's energy for evenly spread values) is
// what the kernel tests bound; they also compare it with the CPU product of W and X quantized the
// same way (quantize_x_int8 in tests/vulkan/kernels_test.cpp). Devices that accelerate those dot products (most GPUs) run
// them at 4x the fp32 rate or more; elsewhere the fp32 tiles stay (Kernels::int8_matmul).
// The tile is matmul_large.comp's 128 rows x 128 tokens per workgroup of 256, each invocation an
// 8 x 8 block; a slice is two groups (32 columns): invocations 0-127 turn row lid's two groups
// into integers, 128-255 quantize token lid - 128, while the previous slice is multiplied.
// 12 KiB of shared memory.
#extension GL_EXT_spirv_intrinsics : require
#define PUSH_MATMUL
#include "push_constants.glsl"
#define TN 128u
#define TT 128u
#define GK 2u  // groups of 16 columns per slice
layout(local_size_x = 256) in;
layout(std430, binding = 0) readonly buffer Weights { uint w[]; };
layout(std430, binding = 1) readonly buffer X { vec4 x4[]; };  // rows of X are 32-value multiples
layout(std430, binding = 2) writeonly buffer Y { float y[]; };
#include "quant.glsl"
#if !defined(QUANT_INT)
#error "the int8 matmul takes quantized weight types only"
#endif

// OpSDotKHR (SPV_KHR_integer_dot_product) on two words of four signed bytes; glslang 12 has no
// GL_EXT_integer_dot_product, so the instruction is named through GL_EXT_spirv_intrinsics.
spirv_instruction(extensions = ["SPV_KHR_integer_dot_product"], capabilities = [6019, 6018], id = 4450)
int sdot4x8(uint a, uint b, spirv_literal int packed_vector_format);
#define PACKED_4X8 0

// Rows (or tokens) are the inner index so that 16 invocations reading 16 neighbours' uvec4 touch
// 256 consecutive bytes.
shared uvec4 wq[GK][TN];  // 16 int8 of row r, group k
shared vec2 wsm[GK][TN];  // (s, m)
shared uvec4 xq[GK][TT];
shared vec2 xds[GK][TT];  // (d, d sum(qx))

uint pack4(int a, int b, int c, int d) {
  return (uint(a) & 255u) | ((uint(b) & 255u) << 8) | ((uint(c) & 255u) << 16) | (uint(d) << 24);
}

// Invocation lid < TN: row row0 + lid, groups k0/16 and k0/16 + 1 as integers; lid >= TN: token
// tok0 + lid - TN, columns k0 .. k0 + 31 quantized.
void fetch(uint row0, uint tok0, uint k0, uint lid, out uvec4 q[GK], out vec2 sc[GK]) {
  if (lid < TN) {
    if (row0 + lid >= pc.nrows) {
      for (uint k = 0u; k < GK; ++k) q[k] = uvec4(0u), sc[k] = vec2(0.0);
      return;
    }
    for (uint k = 0u; k < GK; ++k) {
      uint boff, g;
      group_location((row0 + lid) * pc.row_bytes, k0 / 16u + k, boff, g);
      int v[16];
      quant16i(boff, g, v, sc[k].x, sc[k].y);
      q[k] = uvec4(pack4(v[0], v[1], v[2], v[3]), pack4(v[4], v[5], v[6], v[7]), pack4(v[8], v[9], v[10], v[11]),
                   pack4(v[12], v[13], v[14], v[15]));
    }
    return;
  }
  const uint t = tok0 + lid - TN;
  for (uint k = 0u; k < GK; ++k) {
    vec4 v[4];
    for (uint i = 0u; i < 4u; ++i) v[i] = t < pc.n_tokens ? x4[(t * pc.x_stride + k0 + 16u * k) / 4u + i] : vec4(0.0);
    vec4 a = max(max(abs(v[0]), abs(v[1])), max(abs(v[2]), abs(v[3])));
    const float amax = max(max(a.x, a.y), max(a.z, a.w));
    const float d = amax / 127.0;
    const float inv = amax > 0.0 ? 127.0 / amax : 0.0;
    uint word[4];
    ivec4 sum = ivec4(0);
    for (uint i = 0u; i < 4u; ++i) {
      const ivec4 r = ivec4(roundEven(v[i] * inv));
      word[i] = pack4(r.x, r.y, r.z, r.w);
      sum += r;
    }
    q[k] = uvec4(word[0], word[1], word[2], word[3]);
    sc[k] = vec2(d, d * float(sum.x + sum.y + sum.z + sum.w));
  }
}

void stash(uint lid, const uvec4 q[GK], const vec2 sc[GK]) {
  for (uint k = 0u; k < GK; ++k) {
    if (lid < TN) {
      wq[k][lid] = q[k];
      wsm[k][lid] = sc[k];
    } else {
      xq[k][lid - TN] = q[k];
      xds[k][lid - TN] = sc[k];
    }
  }
}

int dot16(uvec4 a, uvec4 b) {
  return sdot4x8(a.x, b.x, PACKED_4X8) + sdot4x8(a.y, b.y, PACKED_4X8) + sdot4x8(a.z, b.z, PACKED_4X8) +
         sdot4x8(a.w, b.w, PACKED_4X8);
}

void main() {
  const uint row0 = gl_WorkGroupID.x * TN;
  const uint tok0 = gl_WorkGroupID.y * TT;
  const uint lid = gl_LocalInvocationID.x;
  // Rows tr + 16 i and tokens tt + 16 j, i, j < 8.
  const uint tr = lid % 16u, tt = lid / 16u;
  float acc[8][8];
  for (uint i = 0u; i < 8u; ++i)
    for (uint j = 0u; j < 8u; ++j) acc[i][j] = 0.0;
  uvec4 q[GK];
  vec2 sc[GK];
  fetch(row0, tok0, 0u, lid, q, sc);
  for (uint k0 = 0u; k0 < pc.ncols; k0 += 16u * GK) {
    stash(lid, q, sc);
    barrier();
    if (k0 + 16u * GK < pc.ncols) fetch(row0, tok0, k0 + 16u * GK, lid, q, sc);  // during the products
    for (uint k = 0u; k < GK; ++k) {
      uvec4 xv[8];
      vec2 xd[8];
      for (uint j = 0u; j < 8u; ++j) xv[j] = xq[k][tt + 16u * j], xd[j] = xds[k][tt + 16u * j];
      for (uint i = 0u; i < 8u; ++i) {
        const uvec4 a = wq[k][tr + 16u * i];
        const vec2 sm = wsm[k][tr + 16u * i];
        for (uint j = 0u; j < 8u; ++j) {
#if defined(QUANT_OFFSET)
          acc[i][j] += float(dot16(a, xv[j])) * (sm.x * xd[j].x) + sm.y * xd[j].y;
#else
          acc[i][j] += float(dot16(a, xv[j])) * (sm.x * xd[j].x);
#endif
        }
      }
    }
    barrier();  // everyone is done with this slice before the next stash
  }
  for (uint j = 0u; j < 8u; ++j) {
    const uint t = tok0 + tt + 16u * j;
    if (t >= pc.n_tokens) continue;
    for (uint i = 0u; i < 8u; ++i) {
      const uint r = row0 + tr + 16u * i;
      if (r < pc.nrows) y[t * pc.y_stride + pc.y_offset + r] = acc[i][j];
    }
  }
}
