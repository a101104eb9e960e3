// Skeleton shared by the subgroup mat-vec kernels (matvec_sg_*.comp): a workgroup is exactly one
// subgroup (its width, specialization constant 0, is set to the device's subgroup size), computes
// ROWS rows, and reduces with subgroupAdd: no shared memory and no barrier. On lavapipe a
// workgroup runs on one CPU thread as SIMD code, and a barrier turns it into coroutines, which
// cost more than the arithmetic; see docs/vulkan-kernels.md.
#extension GL_KHR_shader_subgroup_arithmetic : require
#define PUSH_MATVEC
#include "push_constants.glsl"
layout(local_size_x_id = 0) in;
// Rows per workgroup: specialization constant 2, set by Kernels::matvec, which also counts the
// workgroups from it.
layout(constant_id = 2) const uint ROWS = 4u;
#if defined(WEIGHTS_UVEC4)
layout(std430, binding = 0) readonly buffer Weights { uvec4 w4[]; };
#else
layout(std430, binding = 0) readonly buffer Weights { uint w[]; };
#endif
#if defined(X_UNIFORM)
// x as a uniform buffer of exactly the row's X_VEC4 vec4s (specialization constant 1): lavapipe
// reads uniform buffers with one vector gather, storage buffers with a loop over the lanes.
layout(constant_id = 1) const uint X_VEC4 = 1u;
layout(std140, binding = 1) uniform X { vec4 x4[X_VEC4]; };
#else
layout(std430, binding = 1) readonly buffer X { vec4 x4[]; };
#endif
layout(std430, binding = 2) writeonly buffer Y { float y[]; };

#define LANES gl_WorkGroupSize.x

// Writes the ROWS sums (one partial sum per lane each) of the rows starting at row0.
void store_rows(uint row0, float acc[ROWS]) {
  for (uint r = 0u; r < ROWS; ++r) {
    const float s = subgroupAdd(acc[r]);
    if (gl_SubgroupInvocationID == 0u && row0 + r < pc.nrows) y[pc.y_offset + row0 + r] = s;
  }
}

// Four bytes of a word as floats, and four nibbles (low or high halves of the bytes).
vec4 bytes4(uint u) { return vec4((uvec4(u) >> uvec4(0u, 8u, 16u, 24u)) & 0xFFu); }
vec4 lo_nibbles4(uint u) { return vec4((uvec4(u) >> uvec4(0u, 8u, 16u, 24u)) & 0xFu); }
vec4 hi_nibbles4(uint u) { return vec4((uvec4(u) >> uvec4(4u, 12u, 20u, 28u)) & 0xFu); }
