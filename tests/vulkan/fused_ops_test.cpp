// The fused kernels (inference/vulkan/fused_ops.h) against the CPU reference's own ops
// (inference/reference/ops.h) and against the separate GPU kernels they replace.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <random>
#include <vector>

#include "inference/model/kv_type.h"
#include "inference/quant/dequantize.h"
#include "inference/reference/ops.h"
#include "inference/vulkan/fused_ops.h"
#include "tests/vulkan/kernel_harness.h"
#include "tests/vulkan/vk_test_support.h"

namespace veloce {
namespace {

using test::random_floats;

class FusedOpsTest : public test::ValidatedTest {
 protected:
  test::KernelHarness h;
  std::vector<uint32_t> words(const vk::Buffer& b, size_t n) {
    std::vector<uint32_t> out(n);
    std::memcpy(out.data(), b.mapped(), n * 4);
    return out;
  }
};

TEST_F(FusedOpsTest, AddRmsNormEqualsAddThenNorm) {
  std::mt19937 rng(11);
  const uint32_t n = 5120, rows = 3;  // Phi-4's width
  const float eps = 1e-5f;
  const auto h0 = random_floats(n * rows, rng), delta = random_floats(n * rows, rng), w = random_floats(n, rng);
  std::vector<uint8_t> wbytes(n * 4);
  std::memcpy(wbytes.data(), w.data(), wbytes.size());
  const vk::GpuTensor weight = h.tensor(GgmlType::F32, n, 1, wbytes);
  vk::Buffer fh = h.buffer(h0), fd = h.buffer(delta), fy = h.zeros(n * rows * 4);
  vk::Buffer sh = h.buffer(h0), sd = h.buffer(delta), sy = h.zeros(n * rows * 4);
  h.run([&](vk::Recorder& r, vk::Kernels& k) {
    vk::add_rms_norm(r, h.pipelines(), vk::whole(fh), vk::whole(fd), weight, vk::whole(fy), n, rows, eps);
    k.add(r, vk::whole(sh), vk::whole(sd), n * rows);
    k.rms_norm(r, vk::whole(sh), weight, vk::whole(sy), n, rows, eps);
  });
  std::vector<float> want_h(n * rows), want_y(n * rows);
  for (size_t i = 0; i < want_h.size(); ++i) want_h[i] = h0[i] + delta[i];
  for (uint32_t t = 0; t < rows; ++t) reference::rms_norm(&want_h[t * n], w.data(), &want_y[t * n], n, eps);
  EXPECT_EQ(h.floats(fh, n * rows), want_h);  // one fp32 add: exact
  EXPECT_LE(test::nmse(want_y, h.floats(fy, n * rows)), 1e-12);
  EXPECT_EQ(h.floats(fy, n * rows), h.floats(sy, n * rows));  // the same arithmetic as the two kernels
}

// A batch of n_tokens qkv rows (queries, keys, values) written at n_past into a cache of a few
// more positions, RoPE base 250000.
struct RopeCase {
  uint32_t n_tokens, n_head, n_head_kv, head_dim, n_rot, n_past;
  uint32_t n_embd() const { return n_head * head_dim; }
  uint32_t n_kv() const { return n_head_kv * head_dim; }
  uint32_t stride() const { return n_embd() + 2 * n_kv(); }
  uint32_t n_ctx() const { return n_past + n_tokens + 2; }
  vk::RopeKvParams params() const {
    return {n_tokens, stride(), n_head, head_dim, n_rot, 250000.f, n_embd(), n_embd() + n_kv(), n_kv()};
  }
};
// Phi-4 (40 heads, 10 KV heads of 128, all dims rotated), a partial rotation, a tiny one.
constexpr RopeCase kRopeCases[] = {{1, 40, 10, 128, 128, 300}, {5, 4, 2, 64, 32, 7}, {3, 4, 1, 64, 64, 0}};

TEST_F(FusedOpsTest, RopeKvWriteEqualsRopeThenKvWrite) {
  std::mt19937 rng(12);
  for (const RopeCase& c : kRopeCases) {
    SCOPED_TRACE(c.n_head);
    const float base = c.params().freq_base;
    const uint32_t n_embd = c.n_embd(), n_kv = c.n_kv(), stride = c.stride(), n_ctx = c.n_ctx();
    const auto x = random_floats(uint64_t{stride} * c.n_tokens, rng);
    const std::vector<uint32_t> step_words{c.n_past, 0, 0, 0};
    vk::Buffer fq = h.buffer(x), fk = h.zeros(n_ctx * n_kv * 2), fv = h.zeros(n_ctx * n_kv * 2), fs = h.buffer(step_words);
    vk::Buffer sq = h.buffer(x), sk = h.zeros(n_ctx * n_kv * 2), sv = h.zeros(n_ctx * n_kv * 2), ss = h.buffer(step_words);
    h.run([&](vk::Recorder& r, vk::Kernels& k) {
      vk::rope_kv_write(r, h.pipelines(), h.device(), vk::whole(fq), vk::whole(fk), vk::whole(fv), vk::whole(fs),
                        c.params());
      k.rope_neox(r, vk::whole(sq), vk::whole(ss), {c.n_tokens, stride, c.n_head + c.n_head_kv, c.head_dim, c.n_rot, base});
      k.kv_write(r, vk::whole(sq), vk::whole(sk), vk::whole(sv), vk::whole(ss),
                 {c.n_tokens, stride, n_embd, n_embd + n_kv, n_kv});
    });
    // CPU reference: rotate q and k of each token at its position, K and V to fp16.
    std::vector<float> want = x;
    std::vector<uint16_t> want_k(n_ctx * n_kv, 0), want_v(n_ctx * n_kv, 0);
    for (uint32_t t = 0; t < c.n_tokens; ++t) {
      float* q = &want[uint64_t{t} * stride];
      reference::rope_neox(q, c.n_head, c.head_dim, c.n_rot, c.n_past + t, base);
      reference::rope_neox(q + n_embd, c.n_head_kv, c.head_dim, c.n_rot, c.n_past + t, base);
      for (uint32_t i = 0; i < n_kv; ++i) {
        want_k[(c.n_past + t) * n_kv + i] = fp32_to_fp16(q[n_embd + i]);
        want_v[(c.n_past + t) * n_kv + i] = fp32_to_fp16(q[n_embd + n_kv + i]);
      }
    }
    const std::vector<float> got_q = h.floats(fq, x.size());
    std::vector<float> want_q_only = x, got_q_only = x;  // compare the query heads only
    for (uint32_t t = 0; t < c.n_tokens; ++t)
      for (uint32_t i = 0; i < n_embd; ++i) {
        want_q_only[t * stride + i] = want[t * stride + i];
        got_q_only[t * stride + i] = got_q[t * stride + i];
      }
    EXPECT_LE(test::nmse(want_q_only, got_q_only), 1e-9);
    // The separate kernels wrote the same query heads and the same cache words.
    const std::vector<float> sep_q = h.floats(sq, x.size());
    for (uint32_t t = 0; t < c.n_tokens; ++t)
      for (uint32_t i = 0; i < n_embd; ++i) ASSERT_EQ(got_q[t * stride + i], sep_q[t * stride + i]);
    EXPECT_EQ(words(fk, n_ctx * n_kv / 2), words(sk, n_ctx * n_kv / 2));
    EXPECT_EQ(words(fv, n_ctx * n_kv / 2), words(sv, n_ctx * n_kv / 2));
    // ... and the reference's fp16 values up to the last bit of the angle's rounding.
    std::vector<uint32_t> kw = words(fk, n_ctx * n_kv / 2), vw = words(fv, n_ctx * n_kv / 2);
    for (size_t i = 0; i < want_k.size(); ++i) {
      const uint16_t gk = static_cast<uint16_t>(kw[i / 2] >> (16 * (i % 2)));
      const uint16_t gv = static_cast<uint16_t>(vw[i / 2] >> (16 * (i % 2)));
      ASSERT_NEAR(reference::half_to_float(gk), reference::half_to_float(want_k[i]), 2e-3) << "k " << i;
      ASSERT_EQ(gv, want_v[i]) << "v " << i;
    }
  }
}

// The q8_0 build: the same query heads and the same cache bytes as rope_neox.comp then
// kv_write_q8.comp, whose blocks OpKernelTest.KvWriteQuantizesQ8BlocksAtPosition checks against
// ggml's rule.
TEST_F(FusedOpsTest, RopeKvWriteQ8EqualsRopeThenKvWriteQ8) {
  std::mt19937 rng(13);
  for (const RopeCase& c : kRopeCases) {
    SCOPED_TRACE(c.n_head);
    const uint32_t n_embd = c.n_embd(), n_kv = c.n_kv(), stride = c.stride(), n_ctx = c.n_ctx();
    const uint32_t row_words = n_kv / 4 + n_kv / 64;
    const float base = c.params().freq_base;
    const auto x = random_floats(uint64_t{stride} * c.n_tokens, rng);
    const std::vector<uint32_t> step_words{c.n_past, 0, 0, 0};
    vk::Buffer fq = h.buffer(x), fk = h.zeros(n_ctx * row_words * 4), fv = h.zeros(n_ctx * row_words * 4);
    vk::Buffer sq = h.buffer(x), sk = h.zeros(n_ctx * row_words * 4), sv = h.zeros(n_ctx * row_words * 4);
    vk::Buffer fs = h.buffer(step_words), ss = h.buffer(step_words);
    h.run([&](vk::Recorder& r, vk::Kernels& k) {
      vk::rope_kv_write(r, h.pipelines(), h.device(), vk::whole(fq), vk::whole(fk), vk::whole(fv), vk::whole(fs), c.params(),
                        KvType::Q8_0);
      k.rope_neox(r, vk::whole(sq), vk::whole(ss), {c.n_tokens, stride, c.n_head + c.n_head_kv, c.head_dim, c.n_rot, base});
      k.kv_write(r, vk::whole(sq), vk::whole(sk), vk::whole(sv), vk::whole(ss),
                 {c.n_tokens, stride, n_embd, n_embd + n_kv, n_kv}, KvType::Q8_0);
    });
    const std::vector<float> got_q = h.floats(fq, x.size()), sep_q = h.floats(sq, x.size());
    for (uint32_t t = 0; t < c.n_tokens; ++t)
      for (uint32_t i = 0; i < n_embd; ++i) ASSERT_EQ(got_q[t * stride + i], sep_q[t * stride + i]);
    const auto kw = words(fk, n_ctx * row_words), vw = words(fv, n_ctx * row_words);
    EXPECT_EQ(kw, words(sk, n_ctx * row_words));
    EXPECT_EQ(vw, words(sv, n_ctx * row_words));
    // Both wrote the batch's rows (random values never quantize to all zeros), and only those.
    for (uint32_t pos = 0; pos < n_ctx; ++pos) {
      const bool written = pos >= c.n_past && pos < c.n_past + c.n_tokens;
      const auto row_begin = kw.begin() + pos * row_words;
      const bool any = std::any_of(row_begin, row_begin + row_words, [](uint32_t w) { return w != 0; });
      EXPECT_EQ(any, written) << "position " << pos;
    }
  }
}

}  // namespace
}  // namespace veloce
