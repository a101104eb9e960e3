// The GPU greedy selection (shaders/argmax.comp, inference/vulkan/argmax.h) against the CPU
// selection every backend must match (veloce::top_logits with k = 1): the same id and value,
// ties to the lowest id (within a slice, across slices, across invocations), NaN as -inf, sizes
// that are not a multiple of the slice or the workgroup, and the log-sum-exp of all logits.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <random>
#include <vector>

#include "inference/vulkan/argmax.h"
#include "tests/vulkan/kernel_harness.h"
#include "tests/vulkan/vk_test_support.h"

namespace veloce {
namespace {

class ArgmaxTest : public test::ValidatedTest {
 protected:
  TopLogits gpu_argmax(const std::vector<float>& logits) {
    const uint32_t n = static_cast<uint32_t>(logits.size());
    vk::Buffer in = h.buffer(logits), out = h.zeros(vk::argmax_bytes(n));
    h.run([&](vk::Recorder& r, vk::Kernels&) { vk::record_argmax(r, h.pipelines(), vk::whole(in), n, vk::whole(out)); });
    TopLogits got;
    vk::read_argmax(out.mapped(), n, got);
    return got;
  }
  void expect_same(const std::vector<float>& logits) {
    TopLogits want;
    top_logits(logits, 1, want);
    const TopLogits got = gpu_argmax(logits);
    ASSERT_EQ(got.top.size(), 1u);
    EXPECT_EQ(got.top[0].second, want.top[0].second);
    EXPECT_EQ(got.top[0].first, want.top[0].first);
    EXPECT_EQ(got.max_logit, want.max_logit);
    if (std::isinf(want.log_sum_exp)) EXPECT_EQ(got.log_sum_exp, want.log_sum_exp);
    else EXPECT_NEAR(got.log_sum_exp, want.log_sum_exp, 1e-4 * std::fabs(want.log_sum_exp) + 1e-4);
  }
  test::KernelHarness h;
};

std::vector<float> random_logits(size_t n, uint32_t seed) {
  std::mt19937 rng(seed);
  std::normal_distribution<float> d(0.0f, 4.0f);
  std::vector<float> v(n);
  for (float& x : v) x = d(rng);
  return v;
}

TEST_F(ArgmaxTest, Phi4VocabularyAndRaggedSizes) {
  expect_same(random_logits(100352, 1));  // 98 slices
  expect_same(random_logits(4096, 2));    // the tiny fixtures' vocabulary
  for (size_t n : {1u, 5u, 63u, 65u, 1023u, 1025u, 3001u}) {
    SCOPED_TRACE(n);
    expect_same(random_logits(n, static_cast<uint32_t>(n)));
  }
  std::vector<float> last = random_logits(2049, 3);
  last[2048] = 50.0f;  // the best alone in the final, one-logit slice
  expect_same(last);
  EXPECT_EQ(gpu_argmax(last).top[0].second, 2048);
}

TEST_F(ArgmaxTest, TiesGoToTheLowestIdAndNanCountsAsMinusInfinity) {
  std::vector<float> v = random_logits(5000, 6);
  for (size_t i = 7; i < v.size(); i += 7) v[i] = 100.0f;  // equal best logits in every slice and lane
  v[3] = std::numeric_limits<float>::quiet_NaN();
  expect_same(v);
  EXPECT_EQ(gpu_argmax(v).top[0].second, 7);
  // A tie between two invocations of one workgroup where the lower lane holds the higher id
  // (it met its copy a round later): the tree must compare ids, not lanes.
  std::vector<float> w = random_logits(1024, 7);
  w[70] = 99.0f;   // lane 6, second round
  w[130] = 99.0f;  // lane 2, third round
  expect_same(w);
  EXPECT_EQ(gpu_argmax(w).top[0].second, 70);
  std::vector<float> nan(3000, std::numeric_limits<float>::quiet_NaN());
  nan[2500] = -std::numeric_limits<float>::infinity();
  expect_same(nan);  // nothing but -inf: id 0, as the CPU selection gives
  EXPECT_EQ(gpu_argmax(nan).top[0].second, 0);
  std::vector<float> best_nan = random_logits(3000, 8);
  best_nan[1500] = std::numeric_limits<float>::quiet_NaN();
  best_nan[1501] = 1000.0f;
  expect_same(best_nan);
}

}  // namespace
}  // namespace veloce
