#version 450
// Peak multiply-add rate for `veloce-cli bench` (inference/vulkan/flops_peak.h): 8 independent
// chains of 4-wide multiply-adds per invocation and nothing read from memory, in fp32 or, with
// -DFP16, in fp16 (packed pairs of halves where the device has them). The chains converge to
// c / (1 - b) and never overflow; the sum is written so that none of it is dead code.
#if defined(FP16)
#extension GL_EXT_shader_explicit_arithmetic_types_float16 : require
#define VEC f16vec4
#define SCALAR float16_t
#else
#define VEC vec4
#define SCALAR float
#endif
#define PUSH_COPY  // n_words: iterations of the loop
#include "push_constants.glsl"
layout(local_size_x = 256) in;
layout(std430, binding = 0) writeonly buffer Out { float o[]; };

void main() {
  const uint id = gl_GlobalInvocationID.x + gl_GlobalInvocationID.y * gl_NumWorkGroups.x * 256u;
  // Values the compiler cannot fold: they depend on the invocation.
  const VEC b = VEC(SCALAR(0.999) - SCALAR(float(id & 7u) * 0.0001));
  const VEC c = VEC(SCALAR(float(id & 15u) * 0.001));
  VEC a[8];
  for (uint i = 0u; i < 8u; ++i) a[i] = VEC(SCALAR(float(i) * 0.01));
  for (uint n = 0u; n < pc.n_words; ++n)
    for (uint i = 0u; i < 8u; ++i) a[i] = fma(a[i], b, c);
  VEC s = VEC(SCALAR(0.0));
  for (uint i = 0u; i < 8u; ++i) s += a[i];
  o[id] = float(s.x + s.y + s.z + s.w);
}
