// The push-constant mirrors checked by offset: push_constant_offsets.h (generated at build time
// from shaders/push_constants.glsl through glslang, see push_constant_offsets.py) is a list of
// static_asserts, so a member at another offset, of another type, or a struct of another size in
// inference/vulkan/kernel_params.h fails the build. This test says how much was compared.
#include <gtest/gtest.h>

#include <cstdio>

#include "push_constant_offsets.h"

TEST(PushConstants, EveryShaderBlockIsMirroredMemberByMember) {
  std::printf("push-constant blocks compared by offset: %d, members: %d\n", kPushBlocksChecked, kPushMembersChecked);
  // Eleven blocks when this was written (matvec ... copy); kernels may add more, never fewer.
  EXPECT_GE(kPushBlocksChecked, 11);
  EXPECT_GE(kPushMembersChecked, 2 * kPushBlocksChecked - 1);
}
