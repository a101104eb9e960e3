// veloce-cli bench: prompt and generation speed of a model, with the weight bandwidth that the
// generation speed implies next to what the device's memory allows (measured by a copy kernel),
// per-token overhead figures (dispatches, barriers, host time outside the fence wait) and, from
// a second pass with timestamp queries, GPU time and GB/s per kernel class.
#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "app/cli/command.h"
#include "inference/generation/engine_factory.h"
#include "inference/model/model.h"
#include "inference/vulkan/gpu_timer.h"
#include "inference/vulkan/memory_plan.h"
#include "inference/vulkan/vulkan_engine.h"
#include "inference/vulkan/vulkan_session.h"

namespace veloce::cli {
namespace {

// The new message of the time-to-first-token figure (--history): a short question's length.
constexpr int kMessageTokens = 64;

double seconds_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

std::string json_escape(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    if (static_cast<unsigned char>(c) >= 0x20) out += c;
  }
  return out;
}

int run(Args& args) {
  const std::string model_path = args.required({"-m", "--model"});
  // -p and -d take lists (512,4096): the first value gets the full report, the others a prompt
  // or a generation figure each.
  const std::vector<long long> prompts = args.integers({"-p", "--n-prompt"}, 512);
  const std::vector<long long> depths = args.integers({"-d", "--depth"}, 0);
  const long long n_prompt = prompts.front();
  const long long depth = depths.front();
  const long long n_gen = args.integer({"-n", "--n-gen"}, 128);
  const bool json = args.flag({"--json"});
  const long long ctx = args.integer({"-c", "--ctx-size"}, 0);
  const long long history = args.integer({"--history"}, 0);
  const bool gpu_timing = !args.flag({"--no-gpu-timing"});
  EngineOptions options;
  options.device = args.value({"--device"}).value_or("");
  options.kv_type = kv_type_arg(args);
  args.finish();
  for (long long p : prompts)
    if (p < 1 || p > 65536) throw UsageError("-p must be between 1 and 65536");
  if (n_gen < 1 || n_gen > 65536) throw UsageError("-n must be between 1 and 65536");
  for (long long d : depths)
    if (d < 0 || d > 1 << 20) throw UsageError("-d must be between 0 and 1048576");
  if (history < 0 || history > 1 << 20) throw UsageError("--history must be between 0 and 1048576");
  // The KV cache holds the depth, then the prompt and the generated tokens; the time-to-first-token
  // run reuses it for its history and one message.
  const long long needed =
      std::max({depth + *std::max_element(prompts.begin(), prompts.end()) + n_gen,
                *std::max_element(depths.begin(), depths.end()) + n_gen + 1, history + kMessageTokens + 1});
  if (ctx != 0 && (ctx < needed || ctx > 1 << 20))
    throw UsageError("-c must hold the depth, the prompt and the generated tokens (at least " + std::to_string(needed) +
                     ")");

  const auto model = Model::load(model_path);
  // The memory plan reserves the KV cache of exactly this context.
  options.n_ctx = static_cast<size_t>(ctx ? ctx : needed + 8);
  options.on_info = [](const std::string& line) { std::fprintf(stderr, "%s\n", line.c_str()); };
  auto engine = make_engine(model, options);
  auto session = engine->create_session(options.n_ctx);
  auto* vulkan = dynamic_cast<vk::VulkanSession*>(session.get());
  const size_t vocab = session->n_vocab();
  std::vector<float> logits(vocab);
  TopLogits top;

  // Tokens spread over the vocabulary (the ids do not change the cost of a forward pass).
  auto tokens = [&](long long n, size_t offset) {
    std::vector<int32_t> out(static_cast<size_t>(n));
    for (size_t i = 0; i < out.size(); ++i)
      out[i] = static_cast<int32_t>(((i + offset) * 7919 + 13) % std::min<size_t>(vocab, 100000));
    return out;
  };
  const std::vector<int32_t> prompt = tokens(n_prompt, static_cast<size_t>(depth));

  // Warm-up: builds every pipeline and records the decode command buffer outside the timings.
  session->evaluate(std::span<const int32_t>(prompt.data(), std::min<size_t>(2, prompt.size())), logits, false);
  session->evaluate_top(std::span<const int32_t>(prompt.data(), 1), 1, top);
  session->truncate(0);
  // -d: what is already in the KV cache before the measured prompt (untimed), like llama-bench's
  // depth; generation then runs after depth + prompt tokens.
  if (depth > 0) session->evaluate(tokens(depth, 0), logits, false);
  const auto base = static_cast<size_t>(depth + n_prompt);

  auto t0 = std::chrono::steady_clock::now();
  session->evaluate(prompt, logits, false);
  const double prompt_s = seconds_since(t0);

  // Greedy decode as the generator runs it: the best token chosen where the logits are.
  const int32_t first = static_cast<int32_t>(std::max_element(logits.begin(), logits.end()) - logits.begin());
  auto generate = [&](long long n) {
    int32_t next = first;
    for (long long i = 0; i < n; ++i) {
      session->evaluate_top(std::span<const int32_t>(&next, 1), 1, top);
      next = top.top.empty() ? 0 : top.top.front().second;
    }
  };
  if (vulkan) vulkan->reset_counters();
  const double wait0 = vulkan ? vulkan->fence_wait_seconds() : 0.0;
  t0 = std::chrono::steady_clock::now();
  // Process CPU time as well: on a CPU device (lavapipe) shared with other work it is the steadier
  // figure (what generation costs, whoever else runs); on a GPU it is the host's overhead.
  const std::clock_t c0 = std::clock();
  generate(n_gen);
  const double gen_s = seconds_since(t0);
  const double gen_cpu_s = static_cast<double>(std::clock() - c0) / CLOCKS_PER_SEC;
  const double per_token = 1.0 / static_cast<double>(n_gen);
  const double wait_s = vulkan ? vulkan->fence_wait_seconds() - wait0 : 0.0;
  vk::SessionCounters counters;
  if (vulkan) counters = vulkan->counters();

  // A second pass over the same positions with a timestamp after every dispatch, so that the
  // figures above come from decode steps that record no queries.
  std::unique_ptr<vk::GpuTimer> timer;
  std::string timing_note;
  if (vulkan && gpu_timing) {
    try {
      timer = std::make_unique<vk::GpuTimer>(*vulkan_device(*engine), 16384);
      vulkan->set_gpu_timer(timer.get());
      session->truncate(base);
      session->evaluate_top(std::span<const int32_t>(&first, 1), 1, top);  // records the timed step
      timer->reset_totals();
      session->truncate(base);
      generate(n_gen);
      vulkan->set_gpu_timer(nullptr);
    } catch (const EngineError& e) {
      timing_note = e.what();
      timer.reset();
    }
  }

  const double prompt_tps = static_cast<double>(n_prompt) / prompt_s;
  const double gen_tps = static_cast<double>(n_gen) / gen_s;
  const double bytes_per_token = static_cast<double>(model->weights().bytes_read_per_token());
  const double weight_gbps = bytes_per_token * gen_tps / 1e9;

  // Bytes each kernel class must read per generated token: the weights of its type, the KV cache
  // up to the average position for attention, one embedding row, the readback.
  const ModelConfig& cfg = model->config();
  std::map<std::string, double> class_bytes;
  {
    const ModelWeights& w = model->weights();
    std::set<const TensorInfo*> seen;
    auto add = [&](const TensorInfo* t) {
      if (!seen.insert(t).second || t->n_dims < 2) return;
      std::string type(type_info(t->type).name);
      for (char& ch : type) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
      class_bytes["matvec " + type] += static_cast<double>(t->n_bytes);
    };
    for (const auto& l : w.layers) add(l.attn_qkv), add(l.attn_output), add(l.ffn_up), add(l.ffn_down);
    add(w.output);
    const double mid = static_cast<double>(base) + static_cast<double>(n_gen + 1) / 2;
    class_bytes["attention"] = 2.0 * cfg.n_layer * mid * static_cast<double>(vk::kv_row_bytes(cfg, options.kv_type));
    class_bytes["embedding"] = static_cast<double>(row_bytes(w.token_embd->type, cfg.n_embd));
    class_bytes["readback"] = static_cast<double>(counters.readback_bytes) * per_token;
  }
  struct ClassFigure {
    std::string name;
    double seconds_per_token, bytes_per_token, gbps;
    double dispatches_per_token;
  };
  std::vector<ClassFigure> classes;
  double gpu_per_token = 0;
  if (timer) {
    for (const auto& c : timer->classes()) {
      const double spt = c.seconds * per_token;
      const auto it = class_bytes.find(c.name);
      const double b = it == class_bytes.end() ? 0.0 : it->second;
      classes.push_back(
          {c.name, spt, b, spt > 0 && b > 0 ? b / spt / 1e9 : 0.0, static_cast<double>(c.dispatches) * per_token});
    }
    std::sort(classes.begin(), classes.end(),
              [](const auto& a, const auto& b) { return a.seconds_per_token > b.seconds_per_token; });
    gpu_per_token = timer->total_seconds() * per_token;
  }
  double matvec_s = 0, matvec_b = 0;
  for (const auto& c : classes)
    if (c.name.rfind("matvec", 0) == 0) matvec_s += c.seconds_per_token, matvec_b += c.bytes_per_token;
  const double matvec_gbps = matvec_s > 0 ? matvec_b / matvec_s / 1e9 : 0.0;

  // The other prompt lengths, at the first depth, and generation at the other depths: the cache
  // is filled once, deeper depth by deeper depth (untimed), and each generation is rolled back.
  // Position k always holds token f(k) of tokens(), so the fill starts from the longest prefix
  // already in the cache (`valid`): the depth and prompt measured last, not position 0.
  size_t valid = base;  // generation wrote other tokens after it
  struct SweepFigure {
    long long tokens;  // prompt length, or depth
    double seconds, tokens_per_s;
  };
  std::vector<SweepFigure> prompt_sweep{{n_prompt, prompt_s, static_cast<double>(n_prompt) / prompt_s}};
  std::vector<SweepFigure> depth_sweep{{depth, gen_s, static_cast<double>(n_gen) / gen_s}};
  for (size_t i = 1; i < prompts.size(); ++i) {
    session->truncate(static_cast<size_t>(depth));
    const std::vector<int32_t> p = tokens(prompts[i], static_cast<size_t>(depth));
    t0 = std::chrono::steady_clock::now();
    session->evaluate(p, logits, false);
    const double s = seconds_since(t0);
    valid = static_cast<size_t>(depth + prompts[i]);
    prompt_sweep.push_back({prompts[i], s, static_cast<double>(prompts[i]) / s});
  }
  if (depths.size() > 1) {
    std::vector<long long> deeper(depths.begin() + 1, depths.end());
    std::sort(deeper.begin(), deeper.end());
    long long filled = std::min(static_cast<long long>(valid), deeper.front());
    session->truncate(static_cast<size_t>(filled));
    for (long long d : deeper) {
      if (d > filled) session->evaluate(tokens(d - filled, static_cast<size_t>(filled)), logits, false);
      filled = d;
      t0 = std::chrono::steady_clock::now();
      generate(n_gen);
      const double s = seconds_since(t0);
      depth_sweep.push_back({d, s, static_cast<double>(n_gen) / s});
      session->truncate(static_cast<size_t>(d));
    }
  }

  const double host_per_token = (gen_s - wait_s) * per_token;
  const double dispatches_pt = static_cast<double>(counters.dispatches) * per_token;
  const double barriers_pt = static_cast<double>(counters.barriers) * per_token;
  const double submissions_pt = static_cast<double>(counters.submissions) * per_token;
  const double readback_pt = static_cast<double>(counters.readback_bytes) * per_token;
  // Time to first token of a new message after a chat history that stays in the KV cache (as
  // the app keeps it between turns): only the message is processed, then one token generated.
  double ttft_s = 0;
  if (history > 0) {
    session->truncate(0);
    session->evaluate(tokens(history, 0), logits, false);
    const std::vector<int32_t> message = tokens(kMessageTokens, static_cast<size_t>(history));
    t0 = std::chrono::steady_clock::now();
    session->evaluate(message, logits, false);
    const int32_t reply = static_cast<int32_t>(std::max_element(logits.begin(), logits.end()) - logits.begin());
    session->evaluate_top(std::span<const int32_t>(&reply, 1), 1, top);
    ttft_s = seconds_since(t0);
  }
  session.reset();
  const double device_gbps = engine->name() == "vulkan" ? measure_device_bandwidth(*engine) : 0.0;
  const double fraction = device_gbps > 0 ? weight_gbps / device_gbps : 0.0;
  // The prompt's matrix products (2 flops per weight of every layer per token; the output matrix
  // runs for the last token only, attention is not counted) against the device's multiply-add
  // peak: fp16's on GPUs, fp32's where fp16 is slower (lavapipe spells fp16 out in fp32).
  const vk::FlopsPeak peak = engine->name() == "vulkan" ? measure_device_flops(*engine) : vk::FlopsPeak{};
  double layer_weights = 0;
  for (const auto& l : model->weights().layers)
    for (const TensorInfo* t : {l.attn_qkv, l.attn_output, l.ffn_up, l.ffn_down})
      layer_weights += static_cast<double>(t->n_elements);
  const double prompt_tflops = 2.0 * layer_weights * prompt_tps / 1e12;
  const bool fp16_peak = peak.fp16 >= peak.fp32;
  const double best_peak = std::max(peak.fp16, peak.fp32);
  const double prompt_peak_fraction = best_peak > 0 ? prompt_tflops / best_peak : 0.0;

  if (json) {
    // The TFLOP/s figures and their fraction in significant digits (%.9g), not fixed decimals: a
    // small device or model gives figures like 0.0003, which six decimals would cut to a digit or
    // two, and a script recomputing the fraction from them would be off by percents.
    std::printf(
        "{\"model\": \"%s\", \"quantization\": \"%s\", \"backend\": \"%s\", \"device\": \"%s\", "
        "\"kv_type\": \"%s\", \"n_prompt\": %lld, \"n_gen\": %lld, \"depth\": %lld, \"history\": %lld, \"ttft_seconds\": "
        "%.6f, "
        "\"prompt_tokens_per_s\": %.3f, \"gen_tokens_per_s\": %.3f, "
        "\"weight_bytes_per_token\": %.0f, \"gen_weight_gb_per_s\": %.3f, \"device_bandwidth_gb_per_s\": %.3f, "
        "\"bandwidth_fraction\": %.4f, \"gen_cpu_seconds_per_token\": %.6f, "
        "\"host_seconds_per_token\": %.6f, \"fence_wait_seconds_per_token\": %.6f, "
        "\"dispatches_per_token\": %.2f, \"barriers_per_token\": %.2f, \"submissions_per_token\": %.2f, "
        "\"readback_bytes_per_token\": %.0f, \"gpu_timing\": %s, \"gpu_timing_note\": \"%s\", "
        "\"gpu_seconds_per_token\": %.6f, \"matvec_gb_per_s\": %.3f, \"matvec_bandwidth_fraction\": %.4f, "
        "\"prompt_matrix_tflops\": %.9g, \"fp32_peak_tflops\": %.9g, \"fp16_peak_tflops\": %.9g, "
        "\"peak_precision\": \"%s\", \"prompt_peak_fraction\": %.9g, \"gpu_classes\": [",
        json_escape(model_path).c_str(), json_escape(model->quantization_label()).c_str(), engine->name().c_str(),
        json_escape(engine->device_name()).c_str(), kv_type_name(options.kv_type), n_prompt, n_gen, depth, history, ttft_s,
        prompt_tps, gen_tps, bytes_per_token, weight_gbps, device_gbps, fraction, gen_cpu_s * per_token, host_per_token,
        wait_s * per_token, dispatches_pt, barriers_pt, submissions_pt, readback_pt, timer ? "true" : "false",
        json_escape(timing_note).c_str(), gpu_per_token, matvec_gbps, device_gbps > 0 ? matvec_gbps / device_gbps : 0.0,
        prompt_tflops, peak.fp32, peak.fp16, fp16_peak ? "fp16" : "fp32", prompt_peak_fraction);
    for (size_t i = 0; i < classes.size(); ++i)
      std::printf(
          "%s{\"name\": \"%s\", \"seconds_per_token\": %.9f, \"bytes_per_token\": %.0f, \"gb_per_s\": %.3f, "
          "\"dispatches_per_token\": %.2f}",
          i ? ", " : "", classes[i].name.c_str(), classes[i].seconds_per_token, classes[i].bytes_per_token, classes[i].gbps,
          classes[i].dispatches_per_token);
    std::printf("], \"prompt_sweep\": [");
    for (size_t i = 0; i < prompt_sweep.size(); ++i)
      std::printf("%s{\"n_prompt\": %lld, \"seconds\": %.6f, \"tokens_per_s\": %.3f}", i ? ", " : "", prompt_sweep[i].tokens,
                  prompt_sweep[i].seconds, prompt_sweep[i].tokens_per_s);
    std::printf("], \"depth_sweep\": [");
    for (size_t i = 0; i < depth_sweep.size(); ++i)
      std::printf("%s{\"depth\": %lld, \"seconds\": %.6f, \"gen_tokens_per_s\": %.3f}", i ? ", " : "", depth_sweep[i].tokens,
                  depth_sweep[i].seconds, depth_sweep[i].tokens_per_s);
    std::printf("]}\n");
    return 0;
  }
  std::printf("model      %s (%s)\n", model_path.c_str(), model->quantization_label().c_str());
  std::printf("device     %s (%s)\n", engine->device_name().c_str(), engine->name().c_str());
  std::printf("KV cache   %s, %zu tokens\n", kv_type_name(options.kv_type), options.n_ctx);
  if (depth > 0) std::printf("depth      %lld tokens in the KV cache before the prompt\n", depth);
  std::printf("prompt     %lld tokens in %.2f s: %.2f tokens/s\n", n_prompt, prompt_s, prompt_tps);
  for (size_t i = 1; i < prompt_sweep.size(); ++i)
    std::printf("prompt     %lld tokens in %.2f s: %.2f tokens/s\n", prompt_sweep[i].tokens, prompt_sweep[i].seconds,
                prompt_sweep[i].tokens_per_s);
  std::printf("generate   %lld tokens in %.2f s: %.2f tokens/s (%.3f s of process CPU time per token)\n", n_gen, gen_s,
              gen_tps, gen_cpu_s * per_token);
  for (size_t i = 1; i < depth_sweep.size(); ++i)
    std::printf("generate   %lld tokens at depth %lld in %.2f s: %.2f tokens/s\n", n_gen, depth_sweep[i].tokens,
                depth_sweep[i].seconds, depth_sweep[i].tokens_per_s);
  std::printf("weights    %.1f MB read per generated token: %.2f GB/s\n", bytes_per_token / 1e6, weight_gbps);
  if (history > 0)
    std::printf("first token %.1f ms for a %d-token message after a %lld-token history kept in the KV cache\n", ttft_s * 1e3,
                kMessageTokens, history);
  std::printf("device     %.2f GB/s measured by a copy kernel: %.1f%% reached\n", device_gbps, fraction * 100);
  if (best_peak > 0)
    std::printf(
        "matrix     %.3f TFLOP/s in the prompt's matrix products: %.1f%% of the %s peak, %.3f TFLOP/s (%s %.3f), "
        "measured by a multiply-add kernel (matrix units not counted)\n",
        prompt_tflops, prompt_peak_fraction * 100, fp16_peak ? "fp16" : "fp32", best_peak, fp16_peak ? "fp32" : "fp16",
        fp16_peak ? peak.fp32 : peak.fp16);
  if (vulkan)
    std::printf(
        "per token  %.0f dispatches, %.0f barriers, %.1f submissions, %.0f bytes read back, "
        "%.3f ms on the host outside the fence wait\n",
        dispatches_pt, barriers_pt, submissions_pt, readback_pt, host_per_token * 1e3);
  if (timer) {
    std::printf("GPU time   %.3f ms per token (timestamps, a separate pass):\n", gpu_per_token * 1e3);
    for (const auto& c : classes)
      std::printf("  %-24s %9.3f ms %8.2f GB/s%s\n", c.name.c_str(), c.seconds_per_token * 1e3, c.gbps,
                  c.gbps > 0 && device_gbps > 0
                      ? (" (" + std::to_string(static_cast<int>(100 * c.gbps / device_gbps)) + "% of copy)").c_str()
                      : "");
    if (matvec_gbps > 0) std::printf("  %-24s %9.3f ms %8.2f GB/s\n", "all mat-vecs", matvec_s * 1e3, matvec_gbps);
  } else if (!timing_note.empty()) {
    std::printf("GPU time   not measured: %s\n", timing_note.c_str());
  }
  return 0;
}

CommandRegistration reg{{"bench", "prompt and generation speed, and the memory bandwidth they reach",
                         R"(usage: veloce-cli bench -m MODEL [-p N[,N..]] [-n N] [-d N[,N..]] [--history N] [-c N] [--json]
                        [--device D]
                        [--kv-type T] [--no-gpu-timing]

Processes a prompt of N tokens (-p, default 512) and then generates -n tokens (default 128)
greedily, after a warm-up that builds the pipelines; with -d, after N tokens already in the KV
cache (untimed), so that both figures are at that depth (-d 4096, -d 16384 as with llama-bench).
Lists measure more: -p 512,4096 times each prompt length at the first depth, -d 0,4096,16384
times generation at each depth (the cache filled once, untimed); the first values get the full
report below, the others one line each.
Prints prompt tokens/s, generated tokens/s, the weight bytes read per generated token (every
weight except the embedding table) and the GB/s that implies, the device's memory bandwidth
measured by a copy kernel, and the fraction reached; the TFLOP/s of the prompt's matrix products
against the device's fp16 or fp32 multiply-add peak (the faster) measured by a kernel (vector
units: tensor cores and other matrix units are not counted); per token: dispatches, barriers,
submissions, bytes read back and host time outside the fence wait. Then generates the same tokens again with a timestamp query after every dispatch (the
figures above come from steps without them) and prints GPU time per kernel class (mat-vec by
weight type, attention, embedding, norms and elementwise, readback) with the GB/s each reaches
(the bytes it must read / its time).

options:
  -m, --model MODEL    GGUF file
  -p, --n-prompt N     prompt tokens (default 512); a list (512,4096) times each
  -n, --n-gen N        generated tokens (default 128)
  -d, --depth N        tokens in the KV cache before the prompt (default 0); a list times
                       generation at each
  --history N          also time the first token of a 64-token message after an N-token history
                       that stays in the KV cache, as between chat turns (default 0: not measured)
  -c, --ctx-size N     context the KV cache is planned for (default: what the run needs + 8)
  --device D           Vulkan device by index, name or UUID (default: VELOCE_DEVICE or the best)
  --kv-type T          KV cache storage: f16 (default) or q8_0 (about half the memory)
  --no-gpu-timing      skip the pass with timestamp queries
  --json               one JSON object with device, prompt_tokens_per_s, gen_tokens_per_s,
                       gen_weight_gb_per_s, device_bandwidth_gb_per_s, dispatches_per_token,
                       barriers_per_token, host_seconds_per_token, depth, history,
                       ttft_seconds, kv_type, gpu_classes (name,
                       seconds_per_token, bytes_per_token, gb_per_s), prompt_sweep (n_prompt,
                       tokens_per_s), depth_sweep (depth, gen_tokens_per_s) and more
)",
                         run}};

}  // namespace
}  // namespace veloce::cli
