// The recorder's barriers: what each shader may write comes from its SPIR-V, and a barrier goes
// only between dispatches that touch the same bytes with a write; the results stay right.
#include <gtest/gtest.h>

#include <vector>

#include "inference/vulkan/spirv_access.h"
#include "shader_table.h"
#include "tests/vulkan/kernel_harness.h"
#include "tests/vulkan/vk_test_support.h"

namespace veloce {
namespace {

uint32_t writable(const char* name) { return vk::writable_bindings(shaders::find(name)); }

TEST(SpirvAccess, WritableBindingsComeFromTheShaders) {
  EXPECT_EQ(writable("add"), 0b01u);                // a += b: a read-write, b readonly
  EXPECT_EQ(writable("rms_norm"), 0b100u);          // x, weight readonly; y writeonly
  EXPECT_EQ(writable("rope_neox"), 0b01u);          // qkv in place; step readonly
  EXPECT_EQ(writable("kv_write"), 0b110u);          // qkv, step readonly; K and V caches written
  EXPECT_EQ(writable("attention"), 0b1000u);        // only the partial results
  EXPECT_EQ(writable("matvec_sgku_q4_k"), 0b100u);  // x a uniform buffer: never written
  EXPECT_EQ(writable("matvec_q4_k"), 0b100u);
  EXPECT_EQ(vk::writable_bindings({}), 0u);
}

class RecorderTest : public test::ValidatedTest {
 protected:
  test::KernelHarness h;
};

TEST_F(RecorderTest, BarriersOnlyWhereDataFlows) {
  const std::vector<float> one(64, 1.0f), two(64, 2.0f);
  vk::Buffer a = h.buffer(one), b = h.buffer(two), c = h.buffer(one), d = h.buffer(two);
  uint64_t barriers = 0, dispatches = 0;
  h.run([&](vk::Recorder& r, vk::Kernels& k) {
    k.add(r, vk::whole(a), vk::whole(b), 64);  // a = 3
    k.add(r, vk::whole(c), vk::whole(d), 64);  // independent of the first: no barrier; c = 3
    EXPECT_EQ(r.barrier_count(), 0u);
    k.add(r, vk::whole(b), vk::whole(a), 64);  // reads a (written above): barrier; b = 5
    EXPECT_EQ(r.barrier_count(), 1u);
    k.add(r, vk::whole(d), vk::whole(c), 64);  // reads c, written before that barrier: none; d = 5
    EXPECT_EQ(r.barrier_count(), 1u);
    k.add(r, vk::whole(c), vk::whole(d), 64);  // d written since the barrier: barrier; c = 8
    barriers = r.barrier_count();
    dispatches = r.dispatch_count();
  });
  EXPECT_EQ(barriers, 2u);
  EXPECT_EQ(dispatches, 5u);
  EXPECT_EQ(h.floats(a, 64), std::vector<float>(64, 3.0f));
  EXPECT_EQ(h.floats(b, 64), std::vector<float>(64, 5.0f));
  EXPECT_EQ(h.floats(c, 64), std::vector<float>(64, 8.0f));
  EXPECT_EQ(h.floats(d, 64), std::vector<float>(64, 5.0f));
}

TEST_F(RecorderTest, NarrowedWritesOfDisjointSlicesNeedNoBarrier) {
  // The first add binds all of a but writes only its first 64 floats; the second binds the second
  // half. Told so, the recorder lets them run unordered; not told, it must order them.
  const std::vector<float> x(128, 1.0f), y(128, 2.0f);
  for (const bool narrow : {true, false}) {
    SCOPED_TRACE(narrow ? "narrowed" : "whole binding");
    vk::Buffer a = h.buffer(x), b = h.buffer(y);
    uint64_t barriers = 0;
    h.run([&](vk::Recorder& r, vk::Kernels& k) {
      if (narrow) r.narrow_write(0, 0, 256);
      k.add(r, vk::whole(a), vk::whole(b), 64);
      k.add(r, {a.handle(), 256, 256}, {b.handle(), 256, 256}, 64);
      barriers = r.barrier_count();
      k.add(r, vk::whole(a), vk::whole(b), 128);  // overlaps both: always a barrier
      EXPECT_EQ(r.barrier_count(), barriers + 1);
    });
    EXPECT_EQ(barriers, narrow ? 0u : 1u);
    EXPECT_EQ(h.floats(a, 128), std::vector<float>(128, 5.0f));
  }
}

}  // namespace
}  // namespace veloce
