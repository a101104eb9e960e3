// veloce-cli bench: prompt and generation speed of a model, with the weight bandwidth that the
// generation speed implies next to what the device's memory allows (measured by a copy kernel).
#include <algorithm>
#include <chrono>
#include <ctime>
#include <cstdio>
#include <string>
#include <vector>

#include "app/cli/command.h"
#include "inference/generation/engine_factory.h"
#include "inference/model/model.h"
#include "inference/vulkan/vulkan_engine.h"

namespace veloce::cli {
namespace {

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
  const long long n_prompt = args.integer({"-p", "--n-prompt"}, 512);
  const long long n_gen = args.integer({"-n", "--n-gen"}, 128);
  const bool json = args.flag({"--json"});
  EngineOptions options;
  options.device = args.value({"--device"}).value_or("");
  args.finish();
  if (n_prompt < 1 || n_prompt > 65536) throw UsageError("-p must be between 1 and 65536");
  if (n_gen < 1 || n_gen > 65536) throw UsageError("-n must be between 1 and 65536");

  const auto model = Model::load(model_path);
  options.n_ctx = static_cast<size_t>(n_prompt + n_gen + 8);
  options.on_info = [](const std::string& line) { std::fprintf(stderr, "%s\n", line.c_str()); };
  auto engine = make_engine(model, options);
  auto session = engine->create_session(options.n_ctx);
  const size_t vocab = session->n_vocab();
  std::vector<float> logits(vocab);

  // Tokens spread over the vocabulary (the ids do not change the cost of a forward pass).
  std::vector<int32_t> prompt(static_cast<size_t>(n_prompt));
  for (size_t i = 0; i < prompt.size(); ++i) prompt[i] = static_cast<int32_t>((i * 7919 + 13) % std::min<size_t>(vocab, 100000));

  // Warm-up: builds every pipeline and records the decode command buffer outside the timings.
  session->evaluate(std::span<const int32_t>(prompt.data(), std::min<size_t>(2, prompt.size())), logits, false);
  session->evaluate(std::span<const int32_t>(prompt.data(), 1), logits, false);
  session->truncate(0);

  auto t0 = std::chrono::steady_clock::now();
  session->evaluate(prompt, logits, false);
  const double prompt_s = seconds_since(t0);

  int32_t next = static_cast<int32_t>(std::max_element(logits.begin(), logits.end()) - logits.begin());
  t0 = std::chrono::steady_clock::now();
  // Process CPU time as well: on a CPU device (lavapipe) shared with other work it is the steadier
  // figure (what generation costs, whoever else runs); on a GPU it is the host's overhead.
  const std::clock_t c0 = std::clock();
  for (long long i = 0; i < n_gen; ++i) {
    session->evaluate(std::span<const int32_t>(&next, 1), logits, false);
    next = static_cast<int32_t>(std::max_element(logits.begin(), logits.end()) - logits.begin());
  }
  const double gen_s = seconds_since(t0);
  const double gen_cpu_s = static_cast<double>(std::clock() - c0) / CLOCKS_PER_SEC;

  const double prompt_tps = static_cast<double>(n_prompt) / prompt_s;
  const double gen_tps = static_cast<double>(n_gen) / gen_s;
  const double bytes_per_token = static_cast<double>(model->weights().bytes_read_per_token());
  const double weight_gbps = bytes_per_token * gen_tps / 1e9;
  session.reset();
  const double device_gbps = engine->name() == "vulkan" ? measure_device_bandwidth(*engine) : 0.0;
  const double fraction = device_gbps > 0 ? weight_gbps / device_gbps : 0.0;

  if (json) {
    std::printf("{\"model\": \"%s\", \"quantization\": \"%s\", \"backend\": \"%s\", \"device\": \"%s\", "
                "\"n_prompt\": %lld, \"n_gen\": %lld, \"prompt_tokens_per_s\": %.3f, \"gen_tokens_per_s\": %.3f, "
                "\"weight_bytes_per_token\": %.0f, \"gen_weight_gb_per_s\": %.3f, \"device_bandwidth_gb_per_s\": %.3f, "
                "\"bandwidth_fraction\": %.4f}\n",
                json_escape(model_path).c_str(), json_escape(model->quantization_label()).c_str(),
                engine->name().c_str(), json_escape(engine->device_name()).c_str(), n_prompt, n_gen, prompt_tps,
                gen_tps, bytes_per_token, weight_gbps, device_gbps, fraction);
    return 0;
  }
  std::printf("model      %s (%s)\n", model_path.c_str(), model->quantization_label().c_str());
  std::printf("device     %s (%s)\n", engine->device_name().c_str(), engine->name().c_str());
  std::printf("prompt     %lld tokens in %.2f s: %.2f tokens/s\n", n_prompt, prompt_s, prompt_tps);
  std::printf("generate   %lld tokens in %.2f s: %.2f tokens/s (%.3f s of process CPU time per token)\n", n_gen, gen_s,
              gen_tps, gen_cpu_s / static_cast<double>(n_gen));
  std::printf("weights    %.1f MB read per generated token: %.2f GB/s\n", bytes_per_token / 1e6, weight_gbps);
  std::printf("device     %.2f GB/s measured by a copy kernel: %.1f%% reached\n", device_gbps, fraction * 100);
  return 0;
}

CommandRegistration reg{{"bench", "prompt and generation speed, and the memory bandwidth they reach",
                         R"(usage: veloce-cli bench -m MODEL [-p N] [-n N] [--json] [--device D]

Processes a prompt of N tokens (-p, default 512) and then generates -n tokens (default 128)
greedily, after a warm-up that builds the pipelines. Prints prompt tokens/s, generated tokens/s,
the weight bytes read per generated token (every weight except the embedding table) and the GB/s
that implies, the device's memory bandwidth measured by a copy kernel, and the fraction reached.

options:
  -m, --model MODEL    GGUF file
  -p, --n-prompt N     prompt tokens (default 512)
  -n, --n-gen N        generated tokens (default 128)
  --device D           Vulkan device by index, name or UUID (default: VELOCE_DEVICE or the best)
  --json               one JSON object with device, prompt_tokens_per_s, gen_tokens_per_s,
                       gen_weight_gb_per_s, device_bandwidth_gb_per_s and more
)",
                         run}};

}  // namespace
}  // namespace veloce::cli
