// veloce-cli plan: where a model's memory would go on a GPU (weights on the device, spilled to
// system memory, the embedding table, the KV cache, activations), whether it fits, and the decode
// speed the memory bandwidth allows. From a file or from a preset's shapes (no file needed), for
// a real device or for a given amount of video memory.
#include <cctype>
#include <cstdio>
#include <memory>
#include <string>

#include "app/cli/command.h"
#include "inference/model/model.h"
#include "inference/model/random_model.h"
#include "inference/vulkan/device.h"
#include "inference/vulkan/kernels.h"
#include "inference/vulkan/memory_budget.h"
#include "inference/vulkan/memory_plan.h"
#include "inference/vulkan/pipelines.h"
#include "inference/vulkan/preset_weights.h"
#include "inference/vulkan/vulkan_engine.h"

namespace veloce::cli {
namespace {

// "12GiB", "12G" (binary), "12GB" (decimal), "512MiB", or plain bytes.
uint64_t parse_size(const std::string& text) {
  size_t used = 0;
  double v = 0;
  try {
    v = std::stod(text, &used);
  } catch (const std::exception&) {
    throw UsageError("--vram: not a size: " + text);
  }
  std::string unit = text.substr(used);
  for (char& ch : unit) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  double mult = 1;
  if (unit == "" || unit == "b") mult = 1;
  else if (unit == "k" || unit == "kib") mult = 1024.0;
  else if (unit == "m" || unit == "mib") mult = 1024.0 * 1024;
  else if (unit == "g" || unit == "gib") mult = 1024.0 * 1024 * 1024;
  else if (unit == "t" || unit == "tib") mult = 1024.0 * 1024 * 1024 * 1024;
  else if (unit == "kb") mult = 1e3;
  else if (unit == "mb") mult = 1e6;
  else if (unit == "gb") mult = 1e9;
  else if (unit == "tb") mult = 1e12;
  else throw UsageError("--vram: unknown unit in '" + text + "' (use GiB, MiB, GB or MB)");
  if (!(v > 0) || v * mult > 1e15) throw UsageError("--vram must be positive: " + text);
  return static_cast<uint64_t>(v * mult);
}

std::string json_string(const std::string& s) {
  std::string out = "\"";
  for (unsigned char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    if (c >= 0x20) out += static_cast<char>(c);
  }
  return out + "\"";
}

std::string num(double v) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "%.3f", v);
  return buf;
}

int run(Args& args) {
  const auto model_path = args.value({"-m", "--model"});
  const auto preset = args.value({"--preset"});
  const std::string mix = args.value({"--type"}).value_or("Q4_K_M");
  const long long layers = args.integer({"--layers"}, 0);
  const long long n_ctx = args.integer({"-c", "--ctx-size"}, 4096);
  const auto device_sel = args.value({"--device"});
  const auto vram = args.value({"--vram"});
  const double bandwidth = args.number({"--bandwidth"}, 0);
  const double bus = args.number({"--bus-bandwidth"}, 25);
  const bool json = args.flag({"--json"});
  const KvType kv_type = kv_type_arg(args);
  args.finish();
  if (model_path.has_value() == preset.has_value()) throw UsageError("give either -m MODEL or --preset NAME");
  if (device_sel && vram) throw UsageError("give either --device or --vram, not both");
  if (n_ctx < 1 || n_ctx > (1 << 20)) throw UsageError("-c must be between 1 and 1048576");
  if (bandwidth < 0 || bus <= 0) throw UsageError("--bandwidth and --bus-bandwidth must be positive");
  if (layers < 0 || layers > 1000) throw UsageError("--layers must be between 1 and 1000");

  // The shapes: from the file's tensor table, or from the preset (nothing is read or written).
  std::shared_ptr<const Model> model;
  std::unique_ptr<vk::PresetWeights> shapes;
  const ModelConfig* config = nullptr;
  const ModelWeights* weights = nullptr;
  std::string source;
  if (model_path) {
    model = Model::load(*model_path);
    config = &model->config();
    weights = &model->weights();
    source = *model_path;
  } else {
    RandomModelSpec spec;
    try {
      spec = random_model_preset(*preset);
      spec.mix = mix;
      if (layers) spec.n_layer = static_cast<uint32_t>(layers);
      shapes = vk::preset_weights(spec);
    } catch (const std::invalid_argument& e) {
      throw UsageError(e.what());
    }
    config = &shapes->config;
    weights = &shapes->weights;
    source = "preset " + *preset + " " + mix;
  }
  uint32_t ctx = static_cast<uint32_t>(n_ctx);
  if (config->n_ctx_train && ctx > config->n_ctx_train)
    throw UsageError("-c " + std::to_string(ctx) + " exceeds the model's trained context of " +
                     std::to_string(config->n_ctx_train));

  if (const std::string why = vk::kv_type_unsupported(*config, kv_type); !why.empty()) throw UsageError(why);
  vk::PlanRequest req;
  req.n_ctx = ctx;
  req.kv_type = kv_type;
  std::string device_name, bandwidth_source = "none (give --bandwidth GB/s)";
  double gbps = bandwidth;
  if (bandwidth > 0) bandwidth_source = "--bandwidth";
  if (vram) {
    // A typical discrete GPU's limits: 4 GiB allocations and bindings, 64-byte offsets.
    // The card's memory less a tenth for the desktop and the driver, as the engine budgets a
    // device whose driver does not report VK_EXT_memory_budget.
    req.budget = parse_size(*vram) / 10 * 9;
    req.budget_source = "--vram less 10%";
    req.limits.max_allocation = req.limits.weight_allocation = 4ull << 30;
    req.limits.max_binding = req.limits.weight_binding = (4ull << 30) - 4;
    req.limits.offset_alignment = 64;
    device_name = "a GPU with " + vk::format_bytes(parse_size(*vram));
  } else {
    std::string warning;
    auto dev = vk::Device::create(device_sel.value_or(""), &warning);
    const vk::MemoryBudget b = vk::device_memory_budget(*dev);
    req.budget = b.bytes;
    req.budget_source = b.source;
    req.limits = dev->limits();
    req.pack_q6k = vk::Kernels::packs_q6k(dev->info());
    req.host_is_device_memory = dev->info().kind == vk::DeviceKind::Cpu || dev->info().kind == vk::DeviceKind::Integrated;
    device_name = dev->info().name;
    if (bandwidth <= 0) {
      vk::Pipelines pipelines(dev);
      gbps = vk::measure_copy_bandwidth(*dev, pipelines);
      bandwidth_source = "copy kernel";
    }
  }
  const vk::MemoryPlan plan = vk::make_memory_plan(*config, *weights, req);
  const double tps_empty = plan.decode_tokens_per_s(gbps, bus, false);
  const double tps_full = plan.decode_tokens_per_s(gbps, bus, true);

  if (json) {
    std::string o = "{";
    auto field = [&](const char* k, const std::string& v) { o += (o.size() > 1 ? ", " : "") + json_string(k) + ": " + v; };
    auto u64 = [](uint64_t v) { return std::to_string(v); };
    field("model", json_string(source));
    field("device", json_string(device_name));
    field("n_ctx", u64(plan.n_ctx));
    field("kv_type", json_string(kv_type_name(plan.kv_type)));
    for (const auto& l : plan.lines()) field((l.key + "_bytes").c_str(), u64(l.bytes));
    field("budget_source", json_string(plan.budget_source));
    field("weights_bytes", u64(plan.weights));
    field("fits", plan.fits() ? "true" : "false");
    std::string names = "[";
    for (const auto& n : plan.spilled_tensors) names += (names.size() > 1 ? ", " : "") + json_string(n);
    field("spilled_tensors", names + "]");
    field("read_device_bytes_per_token", u64(plan.read_device_per_token));
    field("read_host_bytes_per_token", u64(plan.read_host_per_token));
    field("kv_read_bytes_per_token_full", u64(plan.kv_read_per_token_full));
    field("bandwidth_gb_per_s", num(gbps));
    field("bandwidth_source", json_string(bandwidth_source));
    field("bus_bandwidth_gb_per_s", num(plan.host_is_device_memory ? gbps : bus));
    field("decode_tokens_per_s", num(tps_empty));
    field("decode_tokens_per_s_full_context", num(tps_full));
    std::printf("%s}\n", o.c_str());
    return plan.fits() ? 0 : 1;
  }
  std::printf("model        %s\n", source.c_str());
  std::printf("device       %s\n", device_name.c_str());
  std::printf("context      %u tokens, KV cache in %s\n", plan.n_ctx, kv_type_name(plan.kv_type));
  for (const auto& l : plan.lines())
    std::printf("  %-68s %12s  %s\n", l.label.c_str(), vk::format_bytes(l.bytes).c_str(),
                l.key == "device_total" || l.key == "budget" ? "" : (l.device ? "GPU" : "system memory"));
  if (!plan.fits()) {
    std::printf("does not fit: the KV cache and activations alone exceed the budget; use a smaller -c\n");
    return 1;
  }
  if (plan.weights_spilled)
    std::printf("spilled      %s in %zu tensors (read over the bus every token): %s%s\n",
                vk::format_bytes(plan.weights_spilled).c_str(), plan.spilled_tensors.size(),
                plan.spilled_tensors.front().c_str(), plan.spilled_tensors.size() > 1 ? " ..." : "");
  else std::printf("spilled      nothing: every matrix is on the GPU\n");
  if (gbps > 0)
    std::printf("decode       at most %.1f tokens/s at the start of the context, %.1f with it full (%.1f GB/s from %s%s)\n",
                tps_empty, tps_full, gbps, bandwidth_source.c_str(),
                plan.weights_host() && !plan.host_is_device_memory
                    ? (", spilled bytes at " + std::to_string(static_cast<int>(bus)) + " GB/s over the bus").c_str()
                    : "");
  else std::printf("decode       give --bandwidth GB/s (or --device) to estimate the speed\n");
  return 0;
}

CommandRegistration reg{{"plan", "where a model's memory goes on a GPU and the decode speed it allows",
                         R"(usage: veloce-cli plan (-m MODEL | --preset phi-4 [--type Q4_K_M] [--layers N])
                       [-c N] [--device D | --vram SIZE] [--bandwidth GB/s] [--bus-bandwidth GB/s]
                       [--kv-type T] [--json]

Prints the memory plan the Vulkan engine would load the model with: weights on the GPU, weights
spilled to system memory when they do not fit (the output matrix first, then the last layers),
the embedding table (kept in system memory: one row is read per token), the KV cache of the
context in the type it is stored in, activations and host buffers, against the GPU budget; and
the decode tokens/s that the memory bandwidth allows (bytes read per token / bandwidth).

options:
  -m, --model MODEL    GGUF file (only its tensor table is read)
  --preset NAME        shapes of a make-model preset instead of a file (phi-4, tiny)
  --type MIX           quantization mix of the preset (default Q4_K_M)
  --layers N           layers of the preset (default: the preset's)
  -c, --ctx-size N     context to reserve the KV cache for (default 4096)
  --device D           plan for this Vulkan device (budget from VK_EXT_memory_budget where present)
  --vram SIZE          plan for a GPU with this much memory (12GiB, 8GB...), no device needed
  --bandwidth GB/s     device memory bandwidth (default: measured by a copy kernel on --device)
  --bus-bandwidth GB/s bandwidth of reads from system memory (default 25, PCIe 4.0 x16)
  --kv-type T          KV cache storage: f16 (default) or q8_0 (about half the memory)
  --json               one JSON object with every figure in bytes

Exit status 1 when the KV cache and activations alone do not fit.
)",
                         run}};

}  // namespace
}  // namespace veloce::cli
