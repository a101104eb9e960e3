// Every kernel against a CPU reference on random inputs of several shapes. Weight kernels use the
// reference dequantizer (inference/quant) as ground truth; errors are normalised:
// sum (a-b)^2 / sum a^2 <= 5e-4 for products and attention, far tighter for elementwise ops.
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <functional>
#include <string>

#include "inference/model/session.h"
#include "inference/quant/dequantize.h"
#include "tests/vulkan/kernel_harness.h"
#include "tests/vulkan/vk_test_support.h"

namespace veloce {
namespace {

using test::KernelHarness;
using test::nmse;
using test::random_floats;

constexpr double kProductBound = 5e-4;

std::vector<float> dequantize_all(GgmlType type, const std::vector<uint8_t>& w, uint32_t ncols, uint32_t nrows) {
  std::vector<float> out(uint64_t{ncols} * nrows);
  for (uint32_t r = 0; r < nrows; ++r) dequantize_row(type, w.data(), ncols, r, out.data() + uint64_t{r} * ncols);
  return out;
}

// y[t][r] = sum_k W[r][k] x[t][k], in double.
std::vector<float> reference_product(const std::vector<float>& w, const std::vector<float>& x, uint32_t ncols,
                                     uint32_t nrows, uint32_t n_tokens) {
  std::vector<float> y(uint64_t{n_tokens} * nrows);
  for (uint32_t t = 0; t < n_tokens; ++t)
    for (uint32_t r = 0; r < nrows; ++r) {
      double acc = 0;
      for (uint32_t k = 0; k < ncols; ++k) acc += double(w[uint64_t{r} * ncols + k]) * x[uint64_t{t} * ncols + k];
      y[uint64_t{t} * nrows + r] = static_cast<float>(acc);
    }
  return y;
}

class WeightKernelTest : public test::ValidatedTest, public ::testing::WithParamInterface<GgmlType> {};

struct Shape {
  uint32_t ncols, nrows, rows_per_part;
};
// 768 x 45 is split by rows; 2560 columns give the subgroup kernels several blocks per lane.
const Shape kShapes[] = {{256, 67, 0}, {512, 130, 0}, {768, 45, 16}, {2560, 21, 0}};

// The mat-vec variants this device can run (the subgroup ones need subgroup arithmetic).
std::vector<vk::MatvecVariant> matvec_variants(const vk::Device& device) {
  std::vector<vk::MatvecVariant> v{vk::MatvecVariant::Baseline};
  if (vk::has_subgroup_kernels(device.info()))
    v.insert(v.end(), {vk::MatvecVariant::Subgroup, vk::MatvecVariant::Dedicated});
  if (vk::has_gpu_kernels(device.info())) v.push_back(vk::MatvecVariant::Gpu);
  return v;
}

// GPU-family geometries to test: the device's own (from the vendor table), several subgroups per
// workgroup reduced through shared memory, row counts that do not divide the shapes' rows, a
// workgroup of one subgroup, and every subgroup size the device lets a pipeline pin.
std::vector<vk::GpuGeometry> gpu_geometries(const vk::Device& device) {
  const vk::DeviceInfo& info = device.info();
  std::vector<vk::GpuGeometry> g{vk::gpu_geometry(info), {96, 3, 0}, {32, 8, 0}, {16, 1, 0}};
  if (info.subgroup_size_control)
    for (uint32_t s = std::max(1u, info.min_subgroup_size); s <= info.max_subgroup_size; s *= 2)
      g.insert(g.end(), {{s, 2, s}, {4 * s, 3, s}});
  return g;
}

std::string geometry_name(const vk::GpuGeometry& g) {
  return std::to_string(g.workgroup) + " invocations, " + std::to_string(g.rows) + " rows, subgroup " +
         (g.subgroup ? std::to_string(g.subgroup) : std::string("not pinned"));
}

TEST_P(WeightKernelTest, MatvecMatchesReference) {
  KernelHarness h;
  struct Run {
    vk::MatvecVariant variant;
    bool uniform_x, packed;
  };
  std::vector<Run> runs;
  for (vk::MatvecVariant v : matvec_variants(h.device())) runs.push_back({v, true, false});
  if (runs.back().variant == vk::MatvecVariant::Dedicated) {
    runs.push_back({vk::MatvecVariant::Dedicated, false, false});  // x in a storage buffer
    // Q6_K packed at upload (CPU devices): x in a uniform and in a storage buffer.
    if (GetParam() == GgmlType::Q6_K)
      runs.insert(runs.end(), {{vk::MatvecVariant::Dedicated, true, true}, {vk::MatvecVariant::Dedicated, false, true}});
  }
  for (const Run& run : runs) {
    const vk::MatvecVariant variant = run.variant;
    const bool uniform_x = run.uniform_x;
    std::mt19937 rng(1);
    for (const Shape& s : kShapes) {
      const auto bytes = test::random_weights(GetParam(), uint64_t{s.ncols} * s.nrows, rng);
      const auto w = dequantize_all(GetParam(), bytes, s.ncols, s.nrows);
      const auto x = random_floats(s.ncols + 4, rng);
      const auto tensor = h.tensor(GetParam(), s.ncols, s.nrows, bytes, s.rows_per_part, run.packed);
      auto xb = h.buffer(x);
      auto yb = h.zeros((s.nrows + 3) * 4);
      // Input read from an offset and output written at one, as the session does for the last token.
      h.run([&](vk::Recorder& r, vk::Kernels& k) {
        k.set_matvec_variant(variant);
        k.set_uniform_x(uniform_x);
        k.matvec(r, tensor, vk::whole(xb), 4, vk::whole(yb), 3);
      });
      const auto got = h.floats(yb, s.nrows + 3);
      const auto want = reference_product(w, std::vector<float>(x.begin() + 4, x.end()), s.ncols, s.nrows, 1);
      EXPECT_LE(nmse(want, std::vector<float>(got.begin() + 3, got.end())), kProductBound)
          << vk::matvec_variant_name(variant) << (run.packed ? " packed" : "")
          << (uniform_x ? "" : " (x in a storage buffer)") << " " << s.ncols << "x" << s.nrows;
      EXPECT_EQ(got[0], 0.0f);  // nothing written before the offset
    }
  }
}

// The GPU family with every geometry, one token at a time and 2..8 tokens from one read of the
// weights (x and y with padded strides and offsets, as project() would not use them, to catch
// stride mix-ups), and project() batching 11 tokens as 8 + 3.
TEST_P(WeightKernelTest, GpuMatvecEveryGeometryAndTokenCount) {
  KernelHarness h;
  if (!vk::has_gpu_kernels(h.device().info())) GTEST_SKIP() << "no 16/8-bit storage or subgroup arithmetic";
  std::mt19937 rng(10);
  const std::vector<vk::GpuGeometry> geometries = gpu_geometries(h.device());
  for (size_t gi = 0; gi < geometries.size(); ++gi) {
    const vk::GpuGeometry& geometry = geometries[gi];
    for (const Shape& s : kShapes) {
      const auto bytes = test::random_weights(GetParam(), uint64_t{s.ncols} * s.nrows, rng);
      const auto w = dequantize_all(GetParam(), bytes, s.ncols, s.nrows);
      const auto tensor = h.tensor(GetParam(), s.ncols, s.nrows, bytes, s.rows_per_part);
      const uint32_t max_tokens = vk::Kernels::kMaxBatchTokens;
      const uint32_t x_stride = s.ncols + 8, y_stride = s.nrows + 5;
      const auto x = random_floats(uint64_t{x_stride} * max_tokens + 4, rng);
      auto xb = h.buffer(x);
      for (uint32_t n = 1; n <= max_tokens; ++n) {
        // Geometries other than the device's are checked with 3 tokens only (each token count is
        // its own pipeline, and lavapipe compiles each in about a second).
        if (gi != 0 && n != 3) continue;
        auto yb = h.zeros((uint64_t{y_stride} * n + 3) * 4);
        h.run([&](vk::Recorder& r, vk::Kernels& k) {
          k.set_matvec_variant(vk::MatvecVariant::Gpu);
          k.set_gpu_geometry(geometry);
          k.matvec_batch(r, tensor, vk::whole(xb), 4, x_stride, n, vk::whole(yb), 3, y_stride);
        });
        const auto got = h.floats(yb, uint64_t{y_stride} * n + 3);
        EXPECT_EQ(got[0], 0.0f);  // nothing written before the offset
        for (uint32_t t = 0; t < n; ++t) {
          const std::vector<float> xt(x.begin() + 4 + t * x_stride, x.begin() + 4 + t * x_stride + s.ncols);
          const std::vector<float> yt(got.begin() + 3 + t * y_stride, got.begin() + 3 + t * y_stride + s.nrows);
          EXPECT_LE(nmse(reference_product(w, xt, s.ncols, s.nrows, 1), yt), kProductBound)
              << geometry_name(geometry) << ", " << s.ncols << "x" << s.nrows << ", token " << t << " of " << n;
          for (uint32_t i = s.nrows; i < y_stride && t + 1 < n; ++i)
            ASSERT_EQ(got[3 + t * y_stride + i], 0.0f) << "written past the rows of token " << t;
        }
      }
    }
  }
  // project() on the GPU family: 11 tokens in batches of 8 and 3 on CPU devices, contiguous x and y.
  const Shape s = kShapes[2];
  const uint32_t n = 11;
  const auto bytes = test::random_weights(GetParam(), uint64_t{s.ncols} * s.nrows, rng);
  const auto w = dequantize_all(GetParam(), bytes, s.ncols, s.nrows);
  const auto tensor = h.tensor(GetParam(), s.ncols, s.nrows, bytes, s.rows_per_part);
  const auto x = random_floats(uint64_t{s.ncols} * n, rng);
  auto xb = h.buffer(x);
  auto yb = h.zeros(uint64_t{s.nrows} * n * 4);
  h.run([&](vk::Recorder& r, vk::Kernels& k) {
    k.set_matvec_variant(vk::MatvecVariant::Gpu);
    ASSERT_GT(k.matmul_min_tokens(), vk::Kernels::kMaxBatchTokens);  // 2-8 tokens never take the matmul
    k.project(r, tensor, vk::whole(xb), n, vk::whole(yb), s.nrows);  // on a GPU, 11 tokens take the matmul
  });
  EXPECT_LE(nmse(reference_product(w, x, s.ncols, s.nrows, n), h.floats(yb, uint64_t{s.nrows} * n)), kProductBound)
      << "project, " << n << " tokens";
}

// Both tiles: matmul.comp's 64 x 64 and matmul_large.comp's 128 x 128 (forced from 1 token),
// with token counts and rows that are not multiples of either (130 tokens: two token tiles, the
// second nearly empty; 130 rows).
TEST_P(WeightKernelTest, MatmulMatchesReference) {
  KernelHarness h;
  std::mt19937 rng(2);
  for (const Shape& s : kShapes) {
    for (uint32_t n_tokens : {2u, 37u, 130u}) {
      const auto bytes = test::random_weights(GetParam(), uint64_t{s.ncols} * s.nrows, rng);
      const auto w = dequantize_all(GetParam(), bytes, s.ncols, s.nrows);
      const auto x = random_floats(uint64_t{s.ncols} * n_tokens, rng);
      const auto tensor = h.tensor(GetParam(), s.ncols, s.nrows, bytes, s.rows_per_part);
      auto xb = h.buffer(x);
      for (const uint32_t large_from : {0u, 1u}) {
        auto yb = h.zeros(uint64_t{s.nrows} * n_tokens * 4);
        h.run([&](vk::Recorder& r, vk::Kernels& k) {
          k.set_large_matmul_min_tokens(large_from);
          k.set_half_tiles(false);  // the fp32 build (HalfTileMatmulMatchesReference tests the other)
          k.set_int8_matmul(false);
          k.matmul(r, tensor, vk::whole(xb), n_tokens, vk::whole(yb), s.nrows);
          k.set_large_matmul_min_tokens(0);
        });
        EXPECT_LE(nmse(reference_product(w, x, s.ncols, s.nrows, n_tokens), h.floats(yb, uint64_t{s.nrows} * n_tokens)),
                  kProductBound)
            << s.ncols << "x" << s.nrows << " tokens " << n_tokens << (large_from ? " (128 x 128 tile)" : "");
      }
      // A packed Q6_K tensor (CPU devices) has no matmul: project runs it as mat-vecs, even where
      // the baseline variant would take the matmul for this many tokens.
      if (GetParam() == GgmlType::Q6_K && vk::has_subgroup_kernels(h.device().info())) {
        const auto packed = h.tensor(GetParam(), s.ncols, s.nrows, bytes, s.rows_per_part, true);
        auto yp = h.zeros(uint64_t{s.nrows} * n_tokens * 4);
        h.run([&](vk::Recorder& r, vk::Kernels& k) {
          k.set_matvec_variant(vk::MatvecVariant::Baseline);
          k.project(r, packed, vk::whole(xb), n_tokens, vk::whole(yp), s.nrows);
        });
        EXPECT_LE(nmse(reference_product(w, x, s.ncols, s.nrows, n_tokens), h.floats(yp, uint64_t{s.nrows} * n_tokens)),
                  kProductBound)
            << "packed project " << s.ncols << "x" << s.nrows << " tokens " << n_tokens;
      }
    }
  }
}

// X as matmul_int8.comp quantizes it: per token and group of 16 values, a step d = absmax / 127
// and integers round-to-even(x * 127 / absmax); returns d * q.
std::vector<float> quantize_x_int8(const std::vector<float>& x) {
  std::vector<float> out(x.size());
  for (size_t g = 0; g < x.size(); g += 16) {
    float amax = 0;
    for (size_t j = 0; j < 16; ++j) amax = std::max(amax, std::fabs(x[g + j]));
    const float d = amax / 127.0f, inv = amax > 0 ? 127.0f / amax : 0.0f;
    for (size_t j = 0; j < 16; ++j) out[g + j] = d * std::nearbyint(x[g + j] * inv);
  }
  return out;
}

// Products of every shape in kShapes with 2, 37 and 130 tokens (rows and tokens that divide no
// tile) through matmul() with the large tile forced from 1 token and `choose` picking the kernel
// that replaces it; `check` gets the dequantized W, X, the exact product and what the GPU computed.
struct LargeProduct {
  std::vector<float> w, x, exact, got;
  uint32_t ncols, nrows, n_tokens;
  std::string label() const {
    return std::to_string(ncols) + "x" + std::to_string(nrows) + " tokens " + std::to_string(n_tokens);
  }
};
void for_each_large_product(KernelHarness& h, GgmlType type, uint32_t seed, const std::function<void(vk::Kernels&)>& choose,
                            const std::function<void(const LargeProduct&)>& check) {
  std::mt19937 rng(seed);
  for (const Shape& s : kShapes) {
    for (uint32_t n_tokens : {2u, 37u, 130u}) {
      const auto bytes = test::random_weights(type, uint64_t{s.ncols} * s.nrows, rng);
      LargeProduct p{dequantize_all(type, bytes, s.ncols, s.nrows),
                     random_floats(uint64_t{s.ncols} * n_tokens, rng),
                     {},
                     {},
                     s.ncols,
                     s.nrows,
                     n_tokens};
      const auto tensor = h.tensor(type, s.ncols, s.nrows, bytes, s.rows_per_part);
      auto xb = h.buffer(p.x);
      auto yb = h.zeros(uint64_t{s.nrows} * n_tokens * 4);
      h.run([&](vk::Recorder& r, vk::Kernels& k) {
        k.set_large_matmul_min_tokens(1);
        choose(k);
        k.matmul(r, tensor, vk::whole(xb), n_tokens, vk::whole(yb), s.nrows);
        k.set_large_matmul_min_tokens(0);
      });
      p.exact = reference_product(p.w, p.x, s.ncols, s.nrows, n_tokens);
      p.got = h.floats(yb, uint64_t{s.nrows} * n_tokens);
      check(p);
    }
  }
}

// The int8 matmul is W times X quantized to 8 bits: within float rounding of that product on the
// CPU, and within the product bound of the exact one. Float types have no int8 kernel and keep
// the fp32 tile.
TEST_P(WeightKernelTest, Int8MatmulMatchesReference) {
  KernelHarness h;
  if (!h.device().info().integer_dot_product) {
    h.run([&](vk::Recorder&, vk::Kernels& k) {
      EXPECT_THROW(k.set_int8_matmul(true), EngineError) << "a device without integer dot products";
    });
    return;
  }
  const bool quantized = vk::Pipelines::exists(vk::KernelKey{vk::WeightOp::MatmulInt8, GetParam()});
  EXPECT_EQ(quantized, GetParam() != GgmlType::F32 && GetParam() != GgmlType::F16 && GetParam() != GgmlType::BF16);
  for_each_large_product(
      h, GetParam(), 12,
      [](vk::Kernels& k) {
        k.set_int8_matmul(true);
        k.set_half_tiles(false);  // the float types keep the fp32 tile, exact up to rounding
      },
      [&](const LargeProduct& p) {
        EXPECT_LE(nmse(p.exact, p.got), kProductBound) << p.label();
        const auto same_x = reference_product(p.w, quantized ? quantize_x_int8(p.x) : p.x, p.ncols, p.nrows, p.n_tokens);
        EXPECT_LE(nmse(same_x, p.got), 1e-9) << p.label();
        // The quantized X is not the exact one: the kernel did quantize it.
        if (quantized) {
          EXPECT_GT(nmse(p.exact, same_x), 1e-7);
        }
      });
}

// matmul_large.comp with fp16 weight tiles in two stages (GPUs with fp16 take it for long
// batches; forced here): W rounded to fp16 times the fp32 X, within float rounding of that product
// on the CPU and within the product bound of the exact one.
TEST_P(WeightKernelTest, HalfTileMatmulMatchesReference) {
  KernelHarness h;
  if (!h.device().info().shader_float16) {
    h.run([&](vk::Recorder&, vk::Kernels& k) {
      EXPECT_THROW(k.set_half_tiles(true), EngineError) << "a device without fp16 arithmetic";
    });
    return;
  }
  double rounding = 0;  // how far the fp16 weights are from the exact ones, over all shapes
  for_each_large_product(
      h, GetParam(), 14,
      [](vk::Kernels& k) {
        k.set_int8_matmul(false);
        k.set_half_tiles(true);
      },
      [&](const LargeProduct& p) {
        EXPECT_LE(nmse(p.exact, p.got), kProductBound) << p.label();
        std::vector<float> w16(p.w.size());
        for (size_t i = 0; i < w16.size(); ++i) w16[i] = fp16_to_fp32(fp32_to_fp16(p.w[i]));
        const auto same_w = reference_product(w16, p.x, p.ncols, p.nrows, p.n_tokens);
        EXPECT_LE(nmse(same_w, p.got), 1e-9) << p.label();
        rounding = std::max(rounding, nmse(p.exact, same_w));
      });
  // The kernel did round the weights wherever fp16 cannot hold them (F16's are fp16 already, and
  // BF16's 8-bit mantissas fit in fp16's 11).
  if (GetParam() != GgmlType::F16 && GetParam() != GgmlType::BF16) {
    EXPECT_GT(rounding, 1e-10);
  }
}

// The cooperative-matrix matmul (NVIDIA's matrix units, VELOCE_VK_COOPMAT=1: gpu-check.sh runs
// this test so): W and X in fp16, fp32 accumulators, within the product bound of the exact
// product. A device created without it refuses it.
TEST_P(WeightKernelTest, CoopmatMatmulMatchesReference) {
  KernelHarness h;
  if (!h.device().coopmat()) {
    h.run([&](vk::Recorder&, vk::Kernels& k) {
      EXPECT_THROW(k.set_coopmat(true), EngineError) << "a device created without cooperative matrices";
      EXPECT_FALSE(k.coopmat());
    });
    return;
  }
  for_each_large_product(
      h, GetParam(), 13, [](vk::Kernels& k) { k.set_coopmat(true); },
      [](const LargeProduct& p) { EXPECT_LE(nmse(p.exact, p.got), kProductBound) << p.label(); });
}

TEST_P(WeightKernelTest, GetRowsMatchesDequantize) {
  KernelHarness h;
  std::mt19937 rng(3);
  for (const Shape& s : kShapes) {
    const auto bytes = test::random_weights(GetParam(), uint64_t{s.ncols} * s.nrows, rng);
    const auto w = dequantize_all(GetParam(), bytes, s.ncols, s.nrows);
    const std::vector<uint32_t> ids = {0, s.nrows - 1, 7, 7, s.nrows / 2, 19};
    const auto tensor = h.tensor(GetParam(), s.ncols, s.nrows, bytes, s.rows_per_part);
    auto ib = h.buffer(ids);
    auto yb = h.zeros(ids.size() * s.ncols * 4);
    h.run([&](vk::Recorder& r, vk::Kernels& k) {
      k.get_rows(r, tensor, vk::whole(ib), static_cast<uint32_t>(ids.size()), vk::whole(yb));
    });
    const auto got = h.floats(yb, ids.size() * s.ncols);
    std::vector<float> want;
    for (uint32_t id : ids) want.insert(want.end(), w.begin() + id * s.ncols, w.begin() + (id + 1) * s.ncols);
    EXPECT_LE(nmse(want, got), 1e-12) << s.ncols << "x" << s.nrows;
  }
}

INSTANTIATE_TEST_SUITE_P(AllTypes, WeightKernelTest,
                         ::testing::Values(GgmlType::F32, GgmlType::F16, GgmlType::BF16, GgmlType::Q8_0, GgmlType::Q4_0,
                                           GgmlType::Q4_1, GgmlType::Q5_0, GgmlType::Q5_1, GgmlType::Q2_K, GgmlType::Q3_K,
                                           GgmlType::Q4_K, GgmlType::Q5_K, GgmlType::Q6_K),
                         [](const auto& p) { return std::string(type_info(p.param).name); });

class OpKernelTest : public test::ValidatedTest {};

TEST_F(OpKernelTest, RmsNorm) {
  KernelHarness h;
  std::mt19937 rng(4);
  for (uint32_t n : {256u, 5120u, 100u}) {
    const uint32_t rows = 3;
    const auto x = random_floats(n * rows, rng, -3, 3);
    const auto wt = random_floats(n, rng);
    std::vector<uint8_t> wbytes(n * 4);
    std::memcpy(wbytes.data(), wt.data(), n * 4);
    const auto tensor = h.tensor(GgmlType::F32, n, 1, wbytes);
    auto xb = h.buffer(x);
    auto yb = h.zeros(n * rows * 4);
    h.run([&](vk::Recorder& r, vk::Kernels& k) { k.rms_norm(r, vk::whole(xb), tensor, vk::whole(yb), n, rows, 1e-5f); });
    std::vector<float> want(n * rows);
    for (uint32_t t = 0; t < rows; ++t) {
      double ss = 0;
      for (uint32_t i = 0; i < n; ++i) ss += double(x[t * n + i]) * x[t * n + i];
      const double scale = 1.0 / std::sqrt(ss / n + 1e-5);
      for (uint32_t i = 0; i < n; ++i) want[t * n + i] = static_cast<float>(x[t * n + i] * scale * wt[i]);
    }
    EXPECT_LE(nmse(want, h.floats(yb, n * rows)), 1e-11) << n;
  }
}

struct StepBuffer {
  explicit StepBuffer(KernelHarness& h, uint32_t n_past) : b(h.buffer(std::vector<uint32_t>{n_past, 0, 0, 0})) {}
  vk::Buffer b;
};

TEST_F(OpKernelTest, RopeNeox) {
  KernelHarness h;
  std::mt19937 rng(5);
  struct Case {
    uint32_t n_tokens, n_heads, head_dim, n_past;
    float base;
  };
  for (const Case& c : {Case{1, 5, 64, 300, 250000.f}, Case{7, 50, 128, 4000, 250000.f}, Case{3, 2, 32, 0, 10000.f}}) {
    const uint32_t stride = c.n_heads * c.head_dim + 16;  // trailing values (V) must stay untouched
    const auto x = random_floats(uint64_t{stride} * c.n_tokens, rng);
    auto xb = h.buffer(x);
    StepBuffer step(h, c.n_past);
    h.run([&](vk::Recorder& r, vk::Kernels& k) {
      k.rope_neox(r, vk::whole(xb), vk::whole(step.b), {c.n_tokens, stride, c.n_heads, c.head_dim, c.head_dim, c.base});
    });
    std::vector<float> want = x;
    const uint32_t half = c.head_dim / 2;
    for (uint32_t t = 0; t < c.n_tokens; ++t)
      for (uint32_t hd = 0; hd < c.n_heads; ++hd)
        for (uint32_t i = 0; i < half; ++i) {
          const double theta = double(c.n_past + t) * std::pow(double(c.base), -2.0 * i / c.head_dim);
          const size_t b = uint64_t{t} * stride + hd * c.head_dim;
          const double x0 = x[b + i], x1 = x[b + i + half];
          want[b + i] = static_cast<float>(x0 * std::cos(theta) - x1 * std::sin(theta));
          want[b + i + half] = static_cast<float>(x0 * std::sin(theta) + x1 * std::cos(theta));
        }
    // fp32 angles of positions in the thousands carry ~1e-4 absolute error, as on the CPU.
    EXPECT_LE(nmse(want, h.floats(xb, want.size())), 1e-6) << c.n_tokens << " tokens at " << c.n_past;
  }
}

TEST_F(OpKernelTest, SwigluAndAdd) {
  KernelHarness h;
  std::mt19937 rng(6);
  const uint32_t n_ff = 300, n_tokens = 5;
  const auto gu = random_floats(2 * n_ff * n_tokens, rng, -6, 6);
  auto gub = h.buffer(gu);
  auto out = h.zeros(n_ff * n_tokens * 4);
  const auto a = random_floats(n_ff * n_tokens, rng);
  auto ab = h.buffer(a);
  h.run([&](vk::Recorder& r, vk::Kernels& k) {
    k.swiglu(r, vk::whole(gub), vk::whole(out), n_ff, n_tokens);
    k.add(r, vk::whole(ab), vk::whole(out), n_ff * n_tokens);  // a += swiglu
  });
  std::vector<float> want_sw(n_ff * n_tokens), want_sum(n_ff * n_tokens);
  for (uint32_t t = 0; t < n_tokens; ++t)
    for (uint32_t j = 0; j < n_ff; ++j) {
      const double g = gu[t * 2 * n_ff + j], u = gu[t * 2 * n_ff + n_ff + j];
      want_sw[t * n_ff + j] = static_cast<float>(g / (1 + std::exp(-g)) * u);
      want_sum[t * n_ff + j] = a[t * n_ff + j] + want_sw[t * n_ff + j];
    }
  EXPECT_LE(nmse(want_sw, h.floats(out, want_sw.size())), 1e-11);
  EXPECT_LE(nmse(want_sum, h.floats(ab, want_sum.size())), 1e-11);
}

// ggml's q8_0 rule for one block of 32: scale = largest magnitude / 127 (stored fp16), values
// rounded to the nearest step. The words of kv_cache.glsl's row layout: quants, then scales.
struct Q8Row {
  std::vector<int8_t> q;
  std::vector<uint16_t> d;  // fp16, one per 32 values
};
Q8Row quantize_q8_row(const float* x, uint32_t n) {
  Q8Row r{std::vector<int8_t>(n), std::vector<uint16_t>(n / 32)};
  for (uint32_t b = 0; b < n / 32; ++b) {
    float amax = 0;
    for (uint32_t i = 0; i < 32; ++i) amax = std::max(amax, std::fabs(x[32 * b + i]));
    const float d = amax / 127, inv = d > 0 ? 1 / d : 0;
    r.d[b] = fp32_to_fp16(d);
    for (uint32_t i = 0; i < 32; ++i) r.q[32 * b + i] = static_cast<int8_t>(std::lround(x[32 * b + i] * inv));
  }
  return r;
}

// kv_write_q8.comp quantizes each block of 32 as ggml does: the same fp16 scale and int8 values
// (a value may round the other way only at a tie, the GPU's 1/scale being inexact), and every value
// within 0.57 of a step of the original: half a step, plus 127 times the scale's fp16 rounding
// (values are quantized with the fp32 scale, as ggml does, and read back with the fp16 one).
TEST_F(OpKernelTest, KvWriteQuantizesQ8BlocksAtPosition) {
  KernelHarness h;
  std::mt19937 rng(12);
  const uint32_t n_embd = 256, n_kv = 128, stride = n_embd + 2 * n_kv, n_tokens = 3, n_past = 5, ctx = 16;
  const uint32_t row_bytes = n_kv + n_kv / 32 * 2;
  auto qkv = random_floats(stride * n_tokens, rng, -4, 4);
  for (uint32_t i = 0; i < 32; ++i) qkv[n_embd + 32 + i] = 0;  // an all-zero block: scale 0, values 0
  auto qb = h.buffer(qkv);
  auto kc = h.zeros(ctx * row_bytes);
  auto vc = h.zeros(ctx * row_bytes);
  StepBuffer step(h, n_past);
  h.run([&](vk::Recorder& r, vk::Kernels& k) {
    k.kv_write(r, vk::whole(qb), vk::whole(kc), vk::whole(vc), vk::whole(step.b),
               {n_tokens, stride, n_embd, n_embd + n_kv, n_kv}, KvType::Q8_0);
  });
  size_t ties = 0;
  for (const auto& [cache, offset] : {std::pair{&kc, n_embd}, std::pair{&vc, n_embd + n_kv}}) {
    const auto* bytes = static_cast<const uint8_t*>(cache->mapped());
    for (uint32_t p = 0; p < ctx; ++p) {
      const uint8_t* row = bytes + p * row_bytes;
      if (p < n_past || p >= n_past + n_tokens) {
        for (uint32_t i = 0; i < row_bytes; ++i) ASSERT_EQ(row[i], 0) << "position " << p << " must be untouched";
        continue;
      }
      const float* x = qkv.data() + (p - n_past) * stride + offset;
      const Q8Row want = quantize_q8_row(x, n_kv);
      for (uint32_t b = 0; b < n_kv / 32; ++b) {
        uint16_t d;
        std::memcpy(&d, row + n_kv + 2 * b, 2);
        ASSERT_EQ(d, want.d[b]) << "position " << p << " block " << b;
        for (uint32_t i = 32 * b; i < 32 * b + 32; ++i) {
          const int got = static_cast<int8_t>(row[i]);
          ASSERT_LE(std::abs(got - want.q[i]), 1) << "position " << p << " value " << i;
          ties += got != want.q[i];
          EXPECT_LE(std::fabs(static_cast<float>(got) * fp16_to_fp32(d) - x[i]), 0.57f * fp16_to_fp32(d));
        }
      }
    }
  }
  EXPECT_LE(ties, 4u);
  EXPECT_EQ(static_cast<const uint8_t*>(kc.mapped())[n_past * row_bytes + n_kv + 2], 0);  // the zero block's scale
}

TEST_F(OpKernelTest, KvWriteStoresHalfPrecisionAtPosition) {
  KernelHarness h;
  std::mt19937 rng(7);
  const uint32_t n_embd = 64, n_kv = 32, stride = n_embd + 2 * n_kv, n_tokens = 3, n_past = 5, ctx = 16;
  const auto qkv = random_floats(stride * n_tokens, rng, -4, 4);
  auto qb = h.buffer(qkv);
  auto kc = h.zeros(ctx * n_kv * 2);
  auto vc = h.zeros(ctx * n_kv * 2);
  StepBuffer step(h, n_past);
  h.run([&](vk::Recorder& r, vk::Kernels& k) {
    k.kv_write(r, vk::whole(qb), vk::whole(kc), vk::whole(vc), vk::whole(step.b),
               {n_tokens, stride, n_embd, n_embd + n_kv, n_kv});
  });
  const auto* kh = static_cast<const uint16_t*>(kc.mapped());
  const auto* vh = static_cast<const uint16_t*>(vc.mapped());
  for (uint32_t p = 0; p < ctx; ++p)
    for (uint32_t i = 0; i < n_kv; ++i) {
      if (p < n_past || p >= n_past + n_tokens) {
        ASSERT_EQ(kh[p * n_kv + i], 0) << "position " << p << " must be untouched";
        continue;
      }
      const uint32_t t = p - n_past;
      EXPECT_NEAR(fp16_to_fp32(kh[p * n_kv + i]), qkv[t * stride + n_embd + i], 4e-3);
      EXPECT_NEAR(fp16_to_fp32(vh[p * n_kv + i]), qkv[t * stride + n_embd + n_kv + i], 4e-3);
    }
}

// A cache of n_pos rows of n values in the layout of kv_type (f16 or q8_0, shaders/kv_cache.glsl),
// and the values it holds (what attention must read) for the reference.
struct CacheRows {
  std::vector<uint8_t> bytes;
  std::vector<float> values;
};
CacheRows make_cache(uint32_t n_pos, uint32_t n, KvType kv_type, std::mt19937& rng) {
  CacheRows c;
  c.values.resize(uint64_t{n_pos} * n);
  for (auto& v : c.values) v = std::uniform_real_distribution<float>(-2, 2)(rng);
  for (uint32_t p = 0; p < n_pos; ++p) {
    float* row = c.values.data() + uint64_t{p} * n;
    if (kv_type == KvType::F16) {
      for (uint32_t i = 0; i < n; ++i) {
        const uint16_t hbits = fp32_to_fp16(row[i]);
        row[i] = fp16_to_fp32(hbits);
        c.bytes.push_back(static_cast<uint8_t>(hbits & 0xFF));
        c.bytes.push_back(static_cast<uint8_t>(hbits >> 8));
      }
      continue;
    }
    const Q8Row q = quantize_q8_row(row, n);
    for (uint32_t i = 0; i < n; ++i) {
      row[i] = static_cast<float>(q.q[i]) * fp16_to_fp32(q.d[i / 32]);
      c.bytes.push_back(static_cast<uint8_t>(q.q[i]));
    }
    for (uint16_t d : q.d) {
      c.bytes.push_back(static_cast<uint8_t>(d & 0xFF));
      c.bytes.push_back(static_cast<uint8_t>(d >> 8));
    }
  }
  return c;
}

// Causal GQA attention over an f16 or q8_0 cache, reference in double over the values the cache holds.
void check_attention(KernelHarness& h, uint32_t n_head, uint32_t n_head_kv, uint32_t head_dim, uint32_t n_tokens,
                     uint32_t n_past, uint32_t splits, uint32_t chunk, std::mt19937& rng, vk::AttentionVariant variant,
                     KvType kv_type = KvType::F16) {
  const uint32_t n_embd = n_head * head_dim, n_embd_kv = n_head_kv * head_dim;
  const uint32_t stride = n_embd + 2 * n_embd_kv;
  const uint32_t n_pos = n_past + n_tokens;
  const auto qkv = random_floats(uint64_t{stride} * n_tokens, rng, -2, 2);
  const CacheRows kc = make_cache(n_pos, n_embd_kv, kv_type, rng), vc = make_cache(n_pos, n_embd_kv, kv_type, rng);
  auto qb = h.buffer(qkv);
  auto kb = h.buffer(kc.bytes);
  auto vb = h.buffer(vc.bytes);
  auto part = h.zeros(uint64_t{n_tokens} * n_head * splits * (head_dim + 2) * 4);
  auto out = h.zeros(uint64_t{n_tokens} * n_embd * 4);
  StepBuffer step(h, n_past);
  const float scale = 1.0f / std::sqrt(float(head_dim));
  h.run([&](vk::Recorder& r, vk::Kernels& k) {
    k.set_attention_variant(variant);
    k.attention(r, vk::whole(qb), vk::whole(kb), vk::whole(vb), vk::whole(step.b), vk::whole(part), vk::whole(out),
                {n_tokens, stride, n_head, n_head_kv, head_dim, chunk, splits, scale}, kv_type);
  });
  std::vector<float> want(uint64_t{n_tokens} * n_embd);
  for (uint32_t t = 0; t < n_tokens; ++t)
    for (uint32_t hq = 0; hq < n_head; ++hq) {
      const uint32_t hk = hq / (n_head / n_head_kv);
      const uint32_t n_kv = n_past + t + 1;
      std::vector<double> s(n_kv);
      double mx = -1e300;
      for (uint32_t p = 0; p < n_kv; ++p) {
        double dot = 0;
        for (uint32_t d = 0; d < head_dim; ++d)
          dot += double(qkv[t * stride + hq * head_dim + d]) * kc.values[p * n_embd_kv + hk * head_dim + d];
        s[p] = dot * scale;
        mx = std::max(mx, s[p]);
      }
      double sum = 0;
      for (auto& v : s) sum += (v = std::exp(v - mx));
      for (uint32_t d = 0; d < head_dim; ++d) {
        double o = 0;
        for (uint32_t p = 0; p < n_kv; ++p) o += s[p] * vc.values[p * n_embd_kv + hk * head_dim + d];
        want[uint64_t{t} * n_embd + hq * head_dim + d] = static_cast<float>(o / sum);
      }
    }
  EXPECT_LE(nmse(want, h.floats(out, want.size())), 1e-6)
      << "heads " << n_head << "/" << n_head_kv << " dim " << head_dim << " tokens " << n_tokens << " past " << n_past
      << " splits " << splits << "x" << chunk << " " << vk::attention_variant_name(variant) << " " << kv_type_name(kv_type);
}

constexpr vk::AttentionVariant kAttentionVariants[] = {vk::AttentionVariant::Grouped, vk::AttentionVariant::Split};

TEST_F(OpKernelTest, AttentionDecodeSplitOverContext) {
  KernelHarness h;
  for (vk::AttentionVariant v : kAttentionVariants) {
    std::mt19937 rng(8);
    check_attention(h, 4, 1, 64, 1, 0, 1, 256, rng, v);       // first token
    check_attention(h, 8, 2, 64, 1, 700, 4, 256, rng, v);     // 3 full splits and a partial one
    check_attention(h, 40, 10, 128, 1, 300, 8, 256, rng, v);  // Phi-4 heads; empty trailing splits
    check_attention(h, 16, 1, 96, 1, 45, 1, 256, rng, v);     // 16 heads per KV head; a partial tile
  }
}

TEST_F(OpKernelTest, AttentionPromptBatchIsCausal) {
  KernelHarness h;
  for (vk::AttentionVariant v : kAttentionVariants) {
    std::mt19937 rng(9);
    check_attention(h, 4, 1, 64, 20, 0, 1, 20, rng, v);
    check_attention(h, 8, 2, 64, 33, 500, 3, 178, rng, v);   // windows of 256 inside one split
    check_attention(h, 4, 4, 32, 5, 2, 2, 4, rng, v);        // no grouping: 16 tokens per tile
    check_attention(h, 40, 10, 128, 70, 13, 2, 42, rng, v);  // Phi-4 heads; 70 tokens: a partial token tile
    check_attention(h, 24, 3, 128, 9, 0, 1, 9, rng, v);      // 8 heads per KV head: 2 tokens per tile
  }
}

// Both kernels over a q8_0 cache (rows of 1280 and 64 values: 40 and 2 blocks), decode and prompt.
TEST_F(OpKernelTest, AttentionOverAQ8Cache) {
  KernelHarness h;
  for (vk::AttentionVariant v : kAttentionVariants) {
    std::mt19937 rng(11);
    check_attention(h, 40, 10, 128, 1, 300, 8, 256, rng, v, KvType::Q8_0);
    check_attention(h, 40, 10, 128, 70, 13, 2, 42, rng, v, KvType::Q8_0);
    check_attention(h, 4, 1, 64, 20, 7, 1, 27, rng, v, KvType::Q8_0);
  }
}

// Shapes the grouped kernel does not take (head_dim 256, 32 heads per KV head) run the split one.
TEST_F(OpKernelTest, AttentionOutsideTheGroupedShapesFallsBack) {
  EXPECT_TRUE(vk::grouped_attention_fits(128, 40, 10));
  EXPECT_FALSE(vk::grouped_attention_fits(256, 8, 2));
  EXPECT_FALSE(vk::grouped_attention_fits(64, 32, 1));
  EXPECT_EQ(vk::grouped_attention_tokens(40, 10), 4u);
  KernelHarness h;
  std::mt19937 rng(10);
  check_attention(h, 8, 2, 256, 6, 40, 2, 23, rng, vk::AttentionVariant::Grouped);
  check_attention(h, 32, 1, 64, 3, 10, 1, 13, rng, vk::AttentionVariant::Grouped);
}

}  // namespace
}  // namespace veloce
