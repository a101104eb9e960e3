// veloce-cli as a user runs it: separate processes, real fixture models, outputs compared with
// llama.cpp's reference results in tests/data/reference. Vulkan runs on whatever device the
// machine has (lavapipe in CI).
#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <string>
#include <vector>

#include "tests/cli/process.h"
#include "tests/reference/reference_data.h"
#include "tests/tokenizer/json_reader.h"

namespace veloce::test {
namespace {

using namespace std::chrono_literals;

ProcessResult cli(std::vector<std::string> args, std::chrono::milliseconds limit = 120s,
                  const std::function<bool(const std::string&)>& on_output = {}) {
  args.insert(args.begin(), VELOCE_CLI);
  return run_process(args, limit, on_output);
}

std::vector<int32_t> parse_ids(const std::string& out) { return Json::parse(out).as_int32_array(); }

size_t count_lines(const std::string& s) {
  size_t n = 0;
  for (char c : s) n += c == '\n';
  return n;
}

TEST(Cli, EveryCommandIsListedAndHasHelp) {
  const ProcessResult top = cli({"--help"});
  ASSERT_EQ(top.exit_code, 0);
  std::vector<std::string> names = {"info", "devices", "tokenize", "generate", "perplexity", "bench", "make-model", "plan"};
#ifdef VELOCE_CLI_HAS_APP
  names.insert(names.end(), {"chat", "list", "export", "import"});
#endif
  for (const std::string& name : names) {
    EXPECT_NE(top.out.find("  " + name + " "), std::string::npos) << name;
    const ProcessResult help = cli({name, "--help"});
    EXPECT_EQ(help.exit_code, 0) << name;
    EXPECT_NE(help.out.find("usage: veloce-cli " + name), std::string::npos) << name << help.out;
  }
}

TEST(Cli, ErrorsAreOneLineAndNonZero) {
  const ProcessResult missing = cli({"info", "-m", "/nonexistent/model.gguf"});
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_EQ(count_lines(missing.err), 1u) << missing.err;
  EXPECT_NE(missing.err.find("/nonexistent/model.gguf"), std::string::npos);

  const ProcessResult usage = cli({"generate", "-m", model_path("phi4-tiny-F32"), "--no-such-option"});
  EXPECT_EQ(usage.exit_code, 2);
  EXPECT_EQ(count_lines(usage.err), 1u) << usage.err;

  const ProcessResult unknown = cli({"frobnicate"});
  EXPECT_EQ(unknown.exit_code, 2);
}

// `devices` names the attention kernel the engine will use; VELOCE_VK_ATTENTION changes it, and a
// bad value is one error line before anything else is printed.
TEST(Cli, DevicesNameTheAttentionKernel) {
  const auto attention = [](const ProcessResult& r) {
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return Json::parse(r.out)["devices"].as_array().at(0)["attention_kernels"].as_string();
  };
  const auto with_env = [](const std::string& setting, std::vector<std::string> args) {
    args.insert(args.begin(), {"/usr/bin/env", setting, VELOCE_CLI});
    return run_process(args, 120s);
  };
  EXPECT_EQ(attention(cli({"devices", "--json"})), "grouped");
  EXPECT_EQ(attention(with_env("VELOCE_VK_ATTENTION=split", {"devices", "--json"})), "split");
  const ProcessResult text = with_env("VELOCE_VK_ATTENTION=split", {"devices"});
  EXPECT_NE(text.out.find("; attention split\n"), std::string::npos) << text.out;
  const ProcessResult bad = with_env("VELOCE_VK_ATTENTION=fast", {"devices"});
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_EQ(bad.out, "");
  EXPECT_EQ(bad.err, "veloce-cli devices: VELOCE_VK_ATTENTION must be grouped or split, not 'fast'\n");
}

// Subgroup size control (Vulkan 1.3, so the instance must ask for 1.3): lavapipe's one size, 8,
// can be pinned, and the GPU family (forced) pins it, as on GPUs where the vendor table names a size.
TEST(Cli, DevicesSayWhichSubgroupSizesPipelinesCanPin) {
  const ProcessResult json = cli({"devices", "--json"});
  ASSERT_EQ(json.exit_code, 0) << json.err;
  const Json d = Json::parse(json.out)["devices"].as_array().at(0);
  EXPECT_TRUE(d["subgroup_size_control"].as_bool());
  EXPECT_EQ(d["min_subgroup_size"].as_int(), 8);
  EXPECT_EQ(d["max_subgroup_size"].as_int(), 8);
  const ProcessResult text = run_process({"/usr/bin/env", "VELOCE_VK_KERNELS=gpu", VELOCE_CLI, "devices"}, 120s);
  EXPECT_NE(text.out.find(", subgroup size 8 (pipelines can pin 8-8), UUID "), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("     mat-vec kernels gpu, subgroup size 8 (pinned); attention grouped\n"), std::string::npos)
      << text.out;
}

// What prompt batches run as, and the int8 matmul's switch: lavapipe says its integer dot products
// are not accelerated, so it keeps mat-vecs (its default) and fp32 tiles unless told otherwise.
TEST(Cli, DevicesNameThePromptMatmul) {
  const auto devices = [](std::vector<std::string> settings) {
    std::vector<std::string> args{"/usr/bin/env"};
    args.insert(args.end(), settings.begin(), settings.end());
    args.insert(args.end(), {VELOCE_CLI, "devices", "--json"});
    const ProcessResult r = run_process(args, 120s);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return Json::parse(r.out)["devices"].as_array().at(0);
  };
  const Json plain = devices({});
  EXPECT_EQ(plain["prompt_matmul"].as_string(), "mat-vecs");
  EXPECT_TRUE(plain["integer_dot_product"].as_bool());
  EXPECT_FALSE(plain["integer_dot_accelerated"].as_bool());
  const std::vector<std::string> tiles{"VELOCE_VK_MATMUL_MIN_TOKENS=8", "VELOCE_VK_LARGE_MATMUL_MIN_TOKENS=96"};
  EXPECT_EQ(devices(tiles)["prompt_matmul"].as_string(), "fp32 64x64 from 8 tokens, fp32 128x128 from 96");
  auto with = [&](const std::string& setting) {
    auto v = tiles;
    v.push_back(setting);
    return v;
  };
  EXPECT_EQ(devices(with("VELOCE_VK_INT8_MATMUL=1"))["prompt_matmul"].as_string(),
            "fp32 64x64 from 8 tokens, int8 128x128 from 96");
  EXPECT_EQ(devices(with("VELOCE_VK_INT8_MATMUL=0"))["prompt_matmul"].as_string(),
            "fp32 64x64 from 8 tokens, fp32 128x128 from 96");
  // fp16 weight tiles: lavapipe has fp16, so asking for them is enough (a GPU gets them by default).
  EXPECT_TRUE(plain["shader_float16"].as_bool());
  EXPECT_EQ(devices(with("VELOCE_VK_HALF_TILES=1"))["prompt_matmul"].as_string(),
            "fp32 64x64 from 8 tokens, fp16-tile 128x128 from 96");
  const ProcessResult bad_half = run_process({"/usr/bin/env", "VELOCE_VK_HALF_TILES=2", VELOCE_CLI, "devices"}, 120s);
  EXPECT_EQ(bad_half.exit_code, 1);
  EXPECT_EQ(bad_half.err, "veloce-cli devices: VELOCE_VK_HALF_TILES must be 0 or 1, not '2'\n");
  // NVIDIA's matrix units: asked for, but lavapipe has no VK_NV_cooperative_matrix.
  EXPECT_FALSE(plain["cooperative_matrix_nv"].as_bool());
  EXPECT_EQ(devices(with("VELOCE_VK_COOPMAT=1"))["prompt_matmul"].as_string(),
            "fp32 64x64 from 8 tokens, fp32 128x128 from 96");
  const ProcessResult bad_coopmat = run_process({"/usr/bin/env", "VELOCE_VK_COOPMAT=on", VELOCE_CLI, "devices"}, 120s);
  EXPECT_EQ(bad_coopmat.exit_code, 1);
  EXPECT_EQ(bad_coopmat.err, "veloce-cli devices: VELOCE_VK_COOPMAT must be 0 or 1, not 'on'\n");
  const ProcessResult text = run_process({"/usr/bin/env", "VELOCE_VK_INT8_MATMUL=1", VELOCE_CLI, "devices"}, 120s);
  EXPECT_NE(text.out.find("integer dot product yes (not accelerated), cooperative matrix (NV) no\n"), std::string::npos)
      << text.out;
  EXPECT_NE(text.out.find("     prompt batches: mat-vecs\n"), std::string::npos) << text.out;
  const ProcessResult bad = run_process({"/usr/bin/env", "VELOCE_VK_INT8_MATMUL=yes", VELOCE_CLI, "devices"}, 120s);
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_EQ(bad.out, "");
  EXPECT_EQ(bad.err, "veloce-cli devices: VELOCE_VK_INT8_MATMUL must be 0 or 1, not 'yes'\n");
}

TEST(Cli, TokenizeMatchesTheReferenceWithAndWithoutSpecialParsing) {
  size_t checked = 0;
  const std::string lines = read_data_file("reference/tokenizer_ref.jsonl");
  size_t start = 0;
  while (start < lines.size() && checked < 8) {
    size_t end = lines.find('\n', start);
    if (end == std::string::npos) end = lines.size();
    const std::string line = lines.substr(start, end - start);
    start = end + 1;
    if (line.empty()) continue;
    const Json ref = Json::parse(line);
    if (!ref.has("ids_no_parse_special")) continue;
    const std::string text = ref["text"].as_string();
    const ProcessResult with = cli({"tokenize", "-m", data_path("phi4-vocab.gguf"), "-p", text, "--special"});
    ASSERT_EQ(with.exit_code, 0) << with.err;
    EXPECT_EQ(parse_ids(with.out), ref["ids"].as_int32_array()) << text;
    const ProcessResult without = cli({"tokenize", "-m", data_path("phi4-vocab.gguf"), "-p", text});
    ASSERT_EQ(without.exit_code, 0) << without.err;
    EXPECT_EQ(parse_ids(without.out), ref["ids_no_parse_special"].as_int32_array()) << text;
    ++checked;
  }
  EXPECT_GE(checked, 3u);  // the reference file has several strings with special-token text
}

TEST(Cli, InfoReportsTheFixtureHyperparameters) {
  const ProcessResult r = cli({"info", "-m", model_path("phi4-tiny-Q4_K_M"), "--json", "-c", "1024"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const Json info = Json::parse(r.out);
  EXPECT_EQ(info["architecture"].as_string(), "phi3");
  EXPECT_EQ(info["n_embd"].as_int(), 256);
  EXPECT_EQ(info["n_layer"].as_int(), 2);
  EXPECT_EQ(info["n_vocab"].as_int(), 4096);
  // f16 K and V: 2 x layers x (kv heads x head dim) x 2 bytes per position.
  EXPECT_EQ(info["kv_cache_bytes"].as_int(), 2 * 2 * 64 * 2 * 1024);
}

// Greedy generation on Vulkan through the CLI equals llama.cpp's greedy ids up to the first
// step whose reference margin is a near-tie.
TEST(Cli, GenerateOnVulkanGivesTheReferenceGreedyIds) {
  for (const std::string model : {"phi4-tiny-F32", "phi4-tiny-F16"}) {
    const GreedyRef ref = greedy_ref(model, "cpu");
    std::string prompt =
        "<|im_start|>system<|im_sep|>You are a helpful assistant.<|im_end|><|im_start|>user"
        "<|im_sep|>Write a short poem about the sea.<|im_end|><|im_start|>assistant<|im_sep|>";
    const ProcessResult r = cli({"generate", "-m", model_path(model), "--backend", "vulkan", "--raw", "--ids", "--temp", "0",
                                 "-n", "32", "-c", "512", "-p", prompt});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const std::vector<int32_t> ids = parse_ids(r.out);
    size_t compared = 0;
    for (size_t i = 0; i < ref.generated_ids.size() && i < ids.size(); ++i) {
      if (ref.top1_margin[i] < 0.1) break;
      EXPECT_EQ(ids[i], ref.generated_ids[i]) << model << " step " << i;
      ++compared;
    }
    EXPECT_GE(compared, 10u) << model;
  }
}

// Streams text as it is sampled, and Ctrl-C stops it promptly with what it had.
TEST(Cli, GenerateStreamsAndStopsOnCtrlC) {
  size_t bytes_at_interrupt = 0;
  auto started = std::chrono::steady_clock::now();
  std::chrono::steady_clock::time_point interrupted_at;
  const ProcessResult r = cli({"generate", "-m", model_path("phi4-tiny-Q4_K_M"), "--backend", "vulkan", "-n", "100000", "-c",
                               "4096", "--seed", "7", "--timings", "-p", "Tell me a long story."},
                              120s, [&](const std::string& out) {
                                if (out.size() < 40) return false;  // several pieces have arrived: it streams
                                bytes_at_interrupt = out.size();
                                interrupted_at = std::chrono::steady_clock::now();
                                return true;
                              });
  const auto ended = std::chrono::steady_clock::now();
  ASSERT_GT(bytes_at_interrupt, 0u) << "no streamed output; stderr: " << r.err;
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("[interrupted]"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("stop: cancelled"), std::string::npos) << r.err;
  // Far fewer than the 100000 tokens asked for: the generator stopped at the next token.
  const auto to_exit = std::chrono::duration_cast<std::chrono::milliseconds>(ended - interrupted_at);
  const auto streaming = std::chrono::duration_cast<std::chrono::milliseconds>(interrupted_at - started);
  EXPECT_LT(to_exit.count(), 10000) << "took " << to_exit.count() << " ms to stop after " << streaming.count()
                                    << " ms of streaming";
}

TEST(Cli, ReferencePerplexityMatchesLlamaCpp) {
  const ProcessResult r = cli({"perplexity", "-m", model_path("phi4-tiny-Q8_0"), "-f", data_path("text/short_en.txt"), "-c",
                               "128", "--backend", "reference"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const size_t at = r.out.rfind("PPL = ");
  ASSERT_NE(at, std::string::npos) << r.out;
  double ppl = 0, err = 0;
  ASSERT_EQ(std::sscanf(r.out.c_str() + at, "PPL = %lf +/- %lf", &ppl, &err), 2) << r.out.substr(at);
  const PerplexityRef ref = perplexity_ref("phi4-tiny-Q8_0", "short_en", "cpu");
  EXPECT_NEAR(ppl / ref.ppl, 1.0, 0.01);
  EXPECT_NEAR(err / ref.ppl_err, 1.0, 0.01);
}

TEST(Cli, BenchPrintsTheRequiredFigures) {
  const ProcessResult r = cli({"bench", "-m", model_path("phi4-tiny-Q4_0"), "-p", "32", "-n", "8", "--json"}, 300s);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const Json b = Json::parse(r.out);
  EXPECT_FALSE(b["device"].as_string().empty());
  for (const char* key : {"prompt_tokens_per_s", "gen_tokens_per_s", "gen_weight_gb_per_s", "device_bandwidth_gb_per_s"})
    EXPECT_GT(b[key].as_double(), 0.0) << key;
  // Per-token overhead: the tiny model's 2 layers take a few dozen dispatches, greedy decode
  // reads back a few bytes (the best id and logit), never the 16 KB of logits.
  EXPECT_GE(b["dispatches_per_token"].as_double(), 10.0);
  EXPECT_LE(b["dispatches_per_token"].as_double(), 100.0);
  EXPECT_GE(b["barriers_per_token"].as_double(), 1.0);
  EXPECT_LE(b["barriers_per_token"].as_double(), b["dispatches_per_token"].as_double());
  EXPECT_LE(b["readback_bytes_per_token"].as_double(), 65536.0);
  // ... and less than the tiny model's 4096 logits (16 KB) on every device: greedy takes the
  // GPU argmax (inference/vulkan/argmax.h), lavapipe included, not the host selection.
  EXPECT_LT(b["readback_bytes_per_token"].as_double(), 4096.0 * 4);
  EXPECT_GE(b["host_seconds_per_token"].as_double(), 0.0);
  // GPU time per kernel class from timestamps (lavapipe has them): the classes add up to the
  // step, and the mat-vecs of the file's weight types report the GB/s of their bytes.
  ASSERT_TRUE(b["gpu_timing"].as_bool()) << b["gpu_timing_note"].as_string();
  double sum = 0;
  bool matvec = false, attention = false;
  for (const Json& c : b["gpu_classes"].as_array()) {
    sum += c["seconds_per_token"].as_double();
    if (c["name"].as_string().rfind("matvec q", 0) == 0) {
      matvec = true;
      EXPECT_GT(c["bytes_per_token"].as_double(), 0.0) << c["name"].as_string();
      EXPECT_GT(c["gb_per_s"].as_double(), 0.0) << c["name"].as_string();
    }
    attention |= c["name"].as_string() == "attention";
  }
  EXPECT_TRUE(matvec);
  EXPECT_TRUE(attention);
  EXPECT_NEAR(sum, b["gpu_seconds_per_token"].as_double(), 1e-6 + 1e-3 * sum);
  EXPECT_GT(b["matvec_gb_per_s"].as_double(), 0.0);
}

// -d puts tokens in the KV cache before the measured prompt (the attention the figures account
// for grows with it), and --history times the first token of a 64-token message after a history
// that stays cached.
TEST(Cli, BenchAtADepthAndAfterAHistory) {
  auto attention_bytes = [](const Json& b) {
    for (const Json& c : b["gpu_classes"].as_array())
      if (c["name"].as_string() == "attention") return c["bytes_per_token"].as_double();
    return 0.0;
  };
  const ProcessResult base = cli({"bench", "-m", model_path("phi4-tiny-Q4_0"), "-p", "32", "-n", "8", "--json"}, 300s);
  ASSERT_EQ(base.exit_code, 0) << base.err;
  const ProcessResult deep = cli(
      {"bench", "-m", model_path("phi4-tiny-Q4_0"), "-p", "32", "-n", "8", "-d", "64", "--history", "100", "--json"}, 300s);
  ASSERT_EQ(deep.exit_code, 0) << deep.err;
  const Json b0 = Json::parse(base.out), b = Json::parse(deep.out);
  EXPECT_EQ(b["depth"].as_double(), 64.0);
  EXPECT_EQ(b["history"].as_double(), 100.0);
  EXPECT_EQ(b0["ttft_seconds"].as_double(), 0.0);  // not asked for
  EXPECT_GT(b["ttft_seconds"].as_double(), 0.0);
  EXPECT_GT(b["prompt_tokens_per_s"].as_double(), 0.0);
  EXPECT_GT(b["gen_tokens_per_s"].as_double(), 0.0);
  // Generation reads the keys and values up to the middle of its steps: 32 + 4.5 positions at
  // depth 0, 64 + 32 + 4.5 at depth 64.
  ASSERT_GT(attention_bytes(b0), 0.0);
  EXPECT_NEAR(attention_bytes(b) / attention_bytes(b0), (64 + 32 + 4.5) / (32 + 4.5), 1e-6);
  EXPECT_EQ(b0["kv_type"].as_string(), "f16");
  // A q8_0 cache: 68 bytes a position for the fixture's 64 values (64 int8 and 2 fp16 scales)
  // against 128, and the bench says which cache it measured.
  const ProcessResult q8 =
      cli({"bench", "-m", model_path("phi4-tiny-Q4_0"), "-p", "32", "-n", "8", "--kv-type", "q8_0", "--json"}, 300s);
  ASSERT_EQ(q8.exit_code, 0) << q8.err;
  const Json bq = Json::parse(q8.out);
  EXPECT_EQ(bq["kv_type"].as_string(), "q8_0");
  EXPECT_NEAR(attention_bytes(bq) / attention_bytes(b0), 68.0 / 128.0, 1e-6);
  // A context that cannot hold the depth is refused before anything loads.
  const ProcessResult small =
      cli({"bench", "-m", model_path("phi4-tiny-Q4_0"), "-p", "32", "-n", "8", "-d", "64", "-c", "64"});
  EXPECT_EQ(small.exit_code, 2);
  EXPECT_NE(small.err.find("-c must hold the depth, the prompt and the generated tokens (at least 104)"), std::string::npos)
      << small.err;
}

TEST(Cli, BenchSweepsPromptLengthsAndDepths) {
  // llama-bench's lists: each prompt length timed at the first depth, generation at each depth.
  const ProcessResult r = cli(
      {"bench", "-m", model_path("phi4-tiny-Q4_0"), "-p", "16,40", "-n", "4", "-d", "0,48,24", "--no-gpu-timing", "--json"},
      300s);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const Json b = Json::parse(r.out);
  EXPECT_EQ(b["n_prompt"].as_double(), 16.0);  // the full report is the first values'
  EXPECT_EQ(b["depth"].as_double(), 0.0);
  const auto& prompts = b["prompt_sweep"].as_array();
  ASSERT_EQ(prompts.size(), 2u);
  EXPECT_EQ(prompts[0]["n_prompt"].as_double(), 16.0);
  EXPECT_EQ(prompts[1]["n_prompt"].as_double(), 40.0);
  EXPECT_EQ(prompts[0]["tokens_per_s"].as_double(), b["prompt_tokens_per_s"].as_double());
  EXPECT_GT(prompts[1]["tokens_per_s"].as_double(), 0.0);
  // The other depths are filled in increasing order, one fill for all of them.
  const auto& depths = b["depth_sweep"].as_array();
  ASSERT_EQ(depths.size(), 3u);
  EXPECT_EQ(depths[0]["depth"].as_double(), 0.0);
  EXPECT_EQ(depths[1]["depth"].as_double(), 24.0);
  EXPECT_EQ(depths[2]["depth"].as_double(), 48.0);
  for (const Json& d : depths) EXPECT_GT(d["gen_tokens_per_s"].as_double(), 0.0);
  // The prompt's matrix products against the multiply-add peaks (lavapipe has fp16 arithmetic).
  EXPECT_GT(b["fp32_peak_tflops"].as_double(), 0.0);
  EXPECT_GT(b["fp16_peak_tflops"].as_double(), 0.0);
  EXPECT_GT(b["prompt_matrix_tflops"].as_double(), 0.0);
  // Against the faster precision: fp32 on lavapipe, which spells fp16 out in fp32.
  const std::string precision = b["peak_precision"].as_string();
  EXPECT_EQ(precision, b["fp16_peak_tflops"].as_double() >= b["fp32_peak_tflops"].as_double() ? "fp16" : "fp32");
  // The fraction is exactly the quotient of the printed figures: they carry nine significant
  // digits whatever their size (a loaded machine makes them tiny), so 1e-6 is far above rounding.
  const double ratio = b["prompt_matrix_tflops"].as_double() / b[precision + "_peak_tflops"].as_double();
  EXPECT_NEAR(b["prompt_peak_fraction"].as_double(), ratio, 1e-6 * ratio);

  const ProcessResult text =
      cli({"bench", "-m", model_path("phi4-tiny-Q4_0"), "-p", "16,40", "-n", "4", "-d", "0,48", "--no-gpu-timing"}, 300s);
  ASSERT_EQ(text.exit_code, 0) << text.err;
  EXPECT_NE(text.out.find("prompt     16 tokens in "), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("prompt     40 tokens in "), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("generate   4 tokens at depth 48 in "), std::string::npos) << text.out;
  EXPECT_NE(text.out.find(" TFLOP/s in the prompt's matrix products: "), std::string::npos) << text.out;

  const ProcessResult bad = cli({"bench", "-m", model_path("phi4-tiny-Q4_0"), "-p", "16,"});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("-p: not an integer or a list of integers separated by commas: 16,"), std::string::npos) << bad.err;
  // The context must hold the deepest depth and its generated tokens.
  const ProcessResult small =
      cli({"bench", "-m", model_path("phi4-tiny-Q4_0"), "-p", "16", "-n", "4", "-d", "0,200", "-c", "100"});
  EXPECT_EQ(small.exit_code, 2);
  EXPECT_NE(small.err.find("(at least 205)"), std::string::npos) << small.err;
}

}  // namespace
}  // namespace veloce::test
