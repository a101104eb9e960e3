#version 450
// dst = src in 16-byte words: the device's achievable memory bandwidth for `veloce-cli bench`.
#define PUSH_COPY
#include "push_constants.glsl"
layout(local_size_x = 64) in;
layout(std430, binding = 0) readonly buffer Src { uvec4 src[]; };
layout(std430, binding = 1) writeonly buffer Dst { uvec4 dst[]; };

void main() {
  const uint idx = gl_GlobalInvocationID.x + gl_GlobalInvocationID.y * gl_NumWorkGroups.x * 64u;
  if (idx < pc.n_words) dst[idx] = src[idx];
}
