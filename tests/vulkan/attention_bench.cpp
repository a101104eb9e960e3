// vk_attention_bench N_TOKENS N_PAST [REPS] [grouped|split]: times REPS attentions of N_TOKENS
// queries over an fp16 KV cache holding N_PAST earlier positions, with Phi-4's heads (40 query
// heads, 10 KV heads of 128) and the splits the session would use, and prints ms per call and the
// GB/s of K and V and GFLOP/s that implies. To compare the attention kernels without a model; a
// benchmark, not a test.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <string>

#include "inference/vulkan/kernel_params.h"
#include "tests/vulkan/kernel_harness.h"

int main(int argc, char** argv) {
  using namespace veloce;
  if (argc < 3) {
    std::fprintf(stderr, "usage: %s N_TOKENS N_PAST [REPS] [grouped|split]\n", argv[0]);
    return 2;
  }
  const uint32_t n_tokens = static_cast<uint32_t>(std::stoul(argv[1])), n_past = static_cast<uint32_t>(std::stoul(argv[2]));
  const int reps = argc > 3 ? std::stoi(argv[3]) : 10;
  const std::string v = argc > 4 ? argv[4] : "grouped";
  const vk::AttentionVariant variant = v == "split" ? vk::AttentionVariant::Split : vk::AttentionVariant::Grouped;
  constexpr uint32_t n_head = 40, n_head_kv = 10, head_dim = 128;
  const uint32_t n_embd = n_head * head_dim, n_embd_kv = n_head_kv * head_dim, stride = n_embd + 2 * n_embd_kv;
  const uint32_t n_pos = n_past + n_tokens;
  // The session's splits (vulkan_session.cpp): a decode step in fixed windows, a batch in up to 4.
  const uint32_t windows = (n_pos + vk::kAttentionWindow - 1) / vk::kAttentionWindow;
  const uint32_t splits = n_tokens == 1 ? windows : std::min(4u, windows);
  const uint32_t chunk = n_tokens == 1 ? vk::kAttentionWindow : (n_pos + splits - 1) / splits;

  test::KernelHarness h;
  std::mt19937 rng(1);
  auto qb = h.buffer(test::random_floats(uint64_t{stride} * n_tokens, rng));
  std::vector<uint16_t> cache(uint64_t{n_pos} * n_embd_kv, 0x3000);  // 0.125 in fp16
  auto kb = h.buffer(cache);
  auto vb = h.buffer(cache);
  auto part = h.zeros(uint64_t{n_tokens} * n_head * splits * (head_dim + 2) * 4);
  auto out = h.zeros(uint64_t{n_tokens} * n_embd * 4);
  auto step = h.buffer(std::vector<uint32_t>{n_past, 0, 0, 0});
  auto record = [&](vk::Recorder& r, vk::Kernels& k, int n) {
    k.set_attention_variant(variant);
    for (int i = 0; i < n; ++i)
      k.attention(r, vk::whole(qb), vk::whole(kb), vk::whole(vb), vk::whole(step), vk::whole(part), vk::whole(out),
                  {n_tokens, stride, n_head, n_head_kv, head_dim, chunk, splits, 1.0f / std::sqrt(float(head_dim))});
  };
  h.run([&](vk::Recorder& r, vk::Kernels& k) { record(r, k, 1); });  // builds the pipelines
  const std::clock_t c0 = std::clock();
  const auto t0 = std::chrono::steady_clock::now();
  h.run([&](vk::Recorder& r, vk::Kernels& k) { record(r, k, reps); });
  const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count() / reps;
  const double cpu = static_cast<double>(std::clock() - c0) / CLOCKS_PER_SEC / reps;
  const double kv_bytes = 2.0 * n_pos * n_embd_kv * 2;
  // q.k and p.v over the positions each query sees (its own and those before it)
  const double seen = double(n_tokens) * n_past + double(n_tokens) * (n_tokens + 1) / 2;
  const double flops = 4.0 * head_dim * n_head * seen;
  std::printf(
      "attention %u tokens after %u, %u splits of %u, %s: %.3f ms per layer (%.3f ms CPU), "
      "%.2f GB/s of K and V, %.2f GFLOP/s\n",
      n_tokens, n_past, splits, chunk, v.c_str(), s * 1e3, cpu * 1e3, kv_bytes / s / 1e9, flops / s / 1e9);
  return 0;
}
