// veloce-cli plan and the context reaching the Vulkan memory plan: the figures of full Phi-4
// Q4_K_M at 16K (computed here from the shapes, not copied from the program), spilling when the
// weights do not fit, and `-c` of generate deciding what the plan reserves.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <string>
#include <vector>

#include "tests/cli/process.h"
#include "tests/reference/reference_data.h"
#include "tests/tokenizer/json_reader.h"

namespace veloce::test {
namespace {

using namespace std::chrono_literals;

ProcessResult cli(std::vector<std::string> args, std::chrono::milliseconds limit = 120s) {
  args.insert(args.begin(), VELOCE_CLI);
  return run_process(args, limit);
}

// Phi-4: 40 layers, 10 KV heads of 128, K and V in f16.
constexpr uint64_t kKvPerToken = 2ull * 40 * 10 * 128 * 2;
constexpr uint64_t kGiB = 1ull << 30;

Json plan_json(const std::vector<std::string>& extra) {
  std::vector<std::string> args = {"plan", "--preset", "phi-4", "--type", "Q4_K_M", "--json"};
  args.insert(args.end(), extra.begin(), extra.end());
  const ProcessResult r = cli(args);
  EXPECT_EQ(r.exit_code, 0) << r.err << r.out;
  return Json::parse(r.out);
}

TEST(CliPlan, Phi4Q4KMAt16KOn12GiBCountsTheKvCacheAndSpillsTheRest) {
  const Json p = plan_json({"--vram", "12GiB", "-c", "16384"});
  EXPECT_EQ(p["n_ctx"].as_int(), 16384);
  EXPECT_EQ(p["kv_type"].as_string(), "f16");
  const auto kv = static_cast<uint64_t>(p["kv_cache_bytes"].as_int());
  EXPECT_EQ(kv, kKvPerToken * 16384);
  EXPECT_EQ(kv, 3 * kGiB + kGiB / 8);  // 3.125 GiB
  const auto budget = static_cast<uint64_t>(p["budget_bytes"].as_int());
  EXPECT_EQ(budget, 12 * kGiB / 10 * 9);
  const auto dev = static_cast<uint64_t>(p["weights_device_bytes"].as_int());
  const auto spilled = static_cast<uint64_t>(p["weights_spilled_bytes"].as_int());
  const auto embd = static_cast<uint64_t>(p["embedding_host_bytes"].as_int());
  const auto act = static_cast<uint64_t>(p["activations_bytes"].as_int());
  // The embedding table (Q4_K in Q4_K_M: 144 bytes per 256 values) stays in host memory.
  EXPECT_EQ(embd, 100352ull * 5120 / 256 * 144);
  EXPECT_EQ(dev + spilled + embd, static_cast<uint64_t>(p["weights_bytes"].as_int()));
  EXPECT_EQ(static_cast<uint64_t>(p["device_total_bytes"].as_int()), dev + kv + act);
  EXPECT_LE(dev + kv + act, budget);
  // What does not fit is spilled, and not much more than that (at most one more tensor).
  const uint64_t overflow = dev + spilled + kv + act - budget;
  EXPECT_GT(spilled, 0u);
  EXPECT_GE(spilled, overflow);
  EXPECT_LT(spilled, overflow + 256ull * 1024 * 1024);
  bool output_spilled = false;
  for (const auto& n : p["spilled_tensors"].as_array()) output_spilled |= n.as_string() == "output.weight";
  EXPECT_TRUE(output_spilled);
  EXPECT_TRUE(p["fits"].as_bool());
  EXPECT_EQ(p["bandwidth_source"].as_string(), "none (give --bandwidth GB/s)");
}

// A q8_0 KV cache: a byte a value and an fp16 scale per 32 (1.0625 bytes), so 16K of Phi-4's
// context takes 1.66 GiB instead of 3.125, and what it frees keeps more weights on the GPU.
TEST(CliPlan, AQ8KvCacheHalvesTheCacheAndSpillsLess) {
  const Json f16 = plan_json({"--vram", "12GiB", "-c", "16384"});
  const Json q8 = plan_json({"--vram", "12GiB", "-c", "16384", "--kv-type", "q8_0"});
  EXPECT_EQ(q8["kv_type"].as_string(), "q8_0");
  EXPECT_EQ(static_cast<uint64_t>(q8["kv_cache_bytes"].as_int()), 2ull * 40 * 16384 * (1280 + 1280 / 32 * 2));
  EXPECT_LT(q8["weights_spilled_bytes"].as_int(), f16["weights_spilled_bytes"].as_int());
  const ProcessResult bad = cli({"plan", "--preset", "phi-4", "--kv-type", "q4_0"});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_EQ(bad.err, "veloce-cli plan: --kv-type must be f16 or q8_0, not 'q4_0' (see veloce-cli plan --help)\n");
}

TEST(CliPlan, SmallerContextSpillsNothingAndDecodeSpeedFollowsTheBandwidth) {
  const Json p = plan_json({"--vram", "12GiB", "-c", "4096", "--bandwidth", "500"});
  EXPECT_EQ(static_cast<uint64_t>(p["kv_cache_bytes"].as_int()), kKvPerToken * 4096);
  EXPECT_EQ(p["weights_spilled_bytes"].as_int(), 0);
  EXPECT_TRUE(p["spilled_tensors"].as_array().empty());
  // Bytes read per token / bandwidth: every weight but the embedding table, plus one of its rows.
  const double read = p["read_device_bytes_per_token"].as_double();
  EXPECT_EQ(static_cast<uint64_t>(read), static_cast<uint64_t>(p["weights_device_bytes"].as_int()));
  const double host = p["read_host_bytes_per_token"].as_double();
  EXPECT_EQ(host, 5120.0 / 256 * 144);
  EXPECT_NEAR(p["decode_tokens_per_s"].as_double(), 1.0 / (read / 500e9 + host / 25e9), 0.01);
  const double full = read + p["kv_read_bytes_per_token_full"].as_double();
  EXPECT_NEAR(p["decode_tokens_per_s_full_context"].as_double(), 1.0 / (full / 500e9 + host / 25e9), 0.01);
}

TEST(CliPlan, AContextThatCannotFitIsExitStatusOne) {
  const ProcessResult r = cli({"plan", "--preset", "phi-4", "--vram", "2GiB", "-c", "16384"});
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_NE(r.out.find("does not fit"), std::string::npos) << r.out;
  const ProcessResult bad = cli({"plan", "--preset", "phi-4", "--vram", "12 parsecs"});
  EXPECT_EQ(bad.exit_code, 2) << bad.err;
  EXPECT_NE(bad.err.find("--vram"), std::string::npos) << bad.err;
}

TEST(CliPlan, OnTheDeviceTheBudgetAndBandwidthAreTheDevicesOwn) {
  const ProcessResult r = cli({"plan", "-m", model_path("phi4-tiny-Q4_K_M"), "-c", "512", "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const Json p = Json::parse(r.out);
  EXPECT_EQ(p["kv_cache_bytes"].as_int(), 2 * 2 * 512 * 64 * 2);  // 2 layers, one KV head of 64
  const std::string source = p["budget_source"].as_string();
  EXPECT_TRUE(source == "VK_EXT_memory_budget" || source == "heap size less 10%") << source;
  EXPECT_GT(p["budget_bytes"].as_int(), 0);
  EXPECT_EQ(p["bandwidth_source"].as_string(), "copy kernel");
  EXPECT_GT(p["bandwidth_gb_per_s"].as_double(), 0.0);
  EXPECT_GT(p["decode_tokens_per_s"].as_double(), p["decode_tokens_per_s_full_context"].as_double());
}

TEST(CliPlan, GenerateContextReachesTheMemoryPlan) {
  // 3.5 MiB of device memory: the tiny model's activations (2.3 MiB) and KV cache for 256 tokens
  // (128 KiB) fit, with some of the weights spilled; the KV cache for 4096 tokens (2 MiB) does not.
  setenv("VELOCE_VK_DEVICE_BUDGET", "3584K", 1);
  const std::string model = model_path("phi4-tiny-Q4_0");
  const ProcessResult small = cli({"generate", "-m", model, "-p", "hi", "-n", "2", "-c", "256", "--temp", "0"});
  const ProcessResult large = cli({"generate", "-m", model, "-p", "hi", "-n", "2", "-c", "4096", "--temp", "0"});
  unsetenv("VELOCE_VK_DEVICE_BUDGET");
  EXPECT_EQ(small.exit_code, 0) << small.err;
  EXPECT_NE(small.err.find("for 256 tokens"), std::string::npos) << small.err;
  EXPECT_NE(small.err.find("spilled"), std::string::npos) << small.err;
  EXPECT_NE(large.exit_code, 0);
  EXPECT_NE(large.err.find("KV cache for 4096 tokens"), std::string::npos) << large.err;
}

}  // namespace
}  // namespace veloce::test
