#version 450
// Smallest possible kernel: writes its index into a buffer. Used by the device smoke test to
// prove that a pipeline can be built and dispatched before any real kernel is involved.
layout(local_size_x = 64) in;
layout(std430, binding = 0) writeonly buffer Out { uint data[]; };
layout(push_constant) uniform Push { uint n; } pc;
void main() {
  uint i = gl_GlobalInvocationID.x;
  if (i < pc.n) data[i] = i * 3u + 1u;
}
