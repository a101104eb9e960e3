// vk_kernel_bench TYPE COLS ROWS [REPS] [VARIANT]: times REPS mat-vecs of a random COLS x ROWS
// weight matrix in one submission and prints the weight GB/s and weights/s, to compare mat-vec
// variants (baseline, subgroup, dedicated, packed for Q6_K) without a model. A benchmark, not a test.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <string>

#include "inference/gguf/ggml_type.h"
#include "tests/vulkan/kernel_harness.h"

int main(int argc, char** argv) {
  using namespace veloce;
  if (argc < 4) {
    std::fprintf(stderr, "usage: %s TYPE COLS ROWS [REPS] [baseline|subgroup|dedicated|packed]\n", argv[0]);
    return 2;
  }
  const auto found = type_from_name(argv[1]);
  if (!found) return std::fprintf(stderr, "unknown type %s\n", argv[1]), 2;
  const GgmlType type = *found;
  const uint32_t cols = static_cast<uint32_t>(std::stoul(argv[2])), rows = static_cast<uint32_t>(std::stoul(argv[3]));
  const int reps = argc > 4 ? std::stoi(argv[4]) : 10;
  test::KernelHarness h;
  vk::MatvecVariant variant = vk::MatvecVariant::Baseline;
  const std::string v = argc > 5 ? argv[5] : "dedicated";
  if (v == "subgroup") variant = vk::MatvecVariant::Subgroup;
  if (v == "dedicated" || v == "packed") variant = vk::MatvecVariant::Dedicated;
  if (v == "gpu") variant = vk::MatvecVariant::Gpu;
  const bool packed = v == "packed";  // Q6_K in the upload-time layout (inference/vulkan/q6k_pack.h)
  std::mt19937 rng(1);
  const auto bytes = test::random_weights(type, uint64_t{cols} * rows, rng);
  const auto tensor = h.tensor(type, cols, rows, bytes, 0, packed);
  auto xb = h.buffer(test::random_floats(cols, rng));
  auto yb = h.zeros(uint64_t{rows} * 4);
  auto record = [&](vk::Recorder& r, vk::Kernels& k, int n) {
    k.set_matvec_variant(variant);
    k.set_uniform_x(std::getenv("VELOCE_BENCH_STORAGE_X") == nullptr);
    for (int i = 0; i < n; ++i) k.matvec(r, tensor, vk::whole(xb), 0, vk::whole(yb), 0);
  };
  h.run([&](vk::Recorder& r, vk::Kernels& k) { record(r, k, 1); });  // builds the pipeline
  // CPU time of the whole process too: on a CPU device shared with other work it is steadier than
  // the wall time (it is what the kernel costs, whoever else runs).
  const std::clock_t c0 = std::clock();
  const auto t0 = std::chrono::steady_clock::now();
  h.run([&](vk::Recorder& r, vk::Kernels& k) { record(r, k, reps); });
  const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count() / reps;
  const double cpu = static_cast<double>(std::clock() - c0) / CLOCKS_PER_SEC / reps;
  std::printf("%s %ux%u %s: %.2f ms per mat-vec (%.2f ms CPU), %.2f GB/s of weights, %.2f G weights/s\n", argv[1], cols,
              rows, v.c_str(), s * 1e3, cpu * 1e3, static_cast<double>(bytes.size()) / s / 1e9,
              double(cols) * rows / s / 1e9);
  return 0;
}
