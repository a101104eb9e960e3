// The GPU top-k (shaders/top_k.comp, inference/vulkan/top_k.h) against the CPU selection every
// backend must match (veloce::top_logits): the same ids in the same order, the same values, and
// the log-sum-exp of all logits; ties by lower id, NaN as -inf, vocabularies of one chunk or many.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <random>
#include <vector>

#include "inference/vulkan/top_k.h"
#include "tests/vulkan/kernel_harness.h"
#include "tests/vulkan/vk_test_support.h"

namespace veloce {
namespace {

class TopKTest : public test::ValidatedTest {
 protected:
  TopLogits gpu_top(const std::vector<float>& logits, uint32_t k) {
    const uint32_t n = static_cast<uint32_t>(logits.size());
    const vk::TopKSizes s = vk::top_k_sizes(n, k);
    vk::Buffer in = h.buffer(logits), ping = h.zeros(std::max<uint64_t>(s.ping, 16)),
               pong = h.zeros(std::max<uint64_t>(s.pong, 16)), partials = h.zeros(s.partials), result = h.zeros(s.result);
    h.run([&](vk::Recorder& r, vk::Kernels&) {
      vk::record_top_k(r, h.pipelines(), vk::whole(in), n, k, vk::whole(ping), vk::whole(pong), vk::whole(partials),
                       vk::whole(result));
    });
    TopLogits out;
    vk::read_top_k(result.mapped(), k, out);
    return out;
  }
  void expect_same(const std::vector<float>& logits, uint32_t k) {
    TopLogits want;
    top_logits(logits, k, want);
    const TopLogits got = gpu_top(logits, k);
    ASSERT_EQ(got.top.size(), k);
    for (size_t i = 0; i < want.top.size(); ++i) {
      ASSERT_EQ(got.top[i].second, want.top[i].second) << "rank " << i;
      ASSERT_EQ(got.top[i].first, want.top[i].first) << "rank " << i;
    }
    EXPECT_EQ(got.max_logit, want.max_logit);
    EXPECT_NEAR(got.log_sum_exp, want.log_sum_exp, 1e-4 * std::fabs(want.log_sum_exp) + 1e-4);
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

TEST_F(TopKTest, Phi4VocabularyManyStages) {
  expect_same(random_logits(100352, 1), vk::kTopKMax);  // 98 chunks, then 25, 7, 2, 1
  expect_same(random_logits(100352, 2), 64);
}

TEST_F(TopKTest, OneChunkAndRaggedSizes) {
  expect_same(random_logits(4096, 3), vk::kTopKMax);  // the tiny fixtures' vocabulary
  expect_same(random_logits(1000, 4), 40);            // one stage straight to the result
  expect_same(random_logits(1025, 5), 1);             // greedy; the second chunk holds one logit
}

TEST_F(TopKTest, TiesGoToTheLowerIdAndNanCountsAsMinusInfinity) {
  std::vector<float> v = random_logits(5000, 6);
  for (size_t i = 0; i < v.size(); i += 7) v[i] = 100.0f;  // many equal best logits across chunks
  v[3] = std::numeric_limits<float>::quiet_NaN();
  v[4] = std::numeric_limits<float>::infinity() * -1.0f;
  expect_same(v, vk::kTopKMax);
  const TopLogits got = gpu_top(v, 4);
  EXPECT_EQ(got.top[0].second, 0);
  EXPECT_EQ(got.top[1].second, 7);
  EXPECT_EQ(got.top[3].second, 21);
}

}  // namespace
}  // namespace veloce
