// veloce-cli info: what a model file is and how much memory it needs, after full validation.
#include <cstdio>
#include <map>
#include <string>

#include "app/cli/command.h"
#include "inference/model/model.h"

namespace veloce::cli {
namespace {

std::string human_bytes(uint64_t n) {
  const char* units[] = {"B", "KiB", "MiB", "GiB", "TiB"};
  double v = static_cast<double>(n);
  int u = 0;
  while (v >= 1024 && u < 4) v /= 1024, ++u;
  char buf[64];
  if (u == 0) std::snprintf(buf, sizeof buf, "%llu B", static_cast<unsigned long long>(n));
  else std::snprintf(buf, sizeof buf, "%.2f %s", v, units[u]);
  return buf;
}

std::string json_string(std::string_view s) {
  std::string out = "\"";
  for (unsigned char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c < 0x20) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", c);
      out += buf;
    } else {
      out += static_cast<char>(c);
    }
  }
  return out + "\"";
}

int run(Args& args) {
  const std::string path = args.required({"-m", "--model"});
  const long long ctx = args.integer({"-c", "--ctx"}, 4096);
  const bool json = args.flag({"--json"});
  args.finish();
  if (ctx < 1 || ctx > (1ll << 24)) throw UsageError("-c must be between 1 and 16777216");

  const auto model = Model::load(path);
  const ModelConfig& c = model->config();
  const GgufFile& f = model->file();
  std::map<std::string, int> types;
  for (const TensorInfo& t : f.tensors()) ++types[std::string(type_info(t.type).name)];
  // KV cache at f16: K and V, for every layer, n_embd_kv values of 2 bytes per position.
  const uint64_t kv_per_token = 2ull * c.n_layer * c.n_embd_kv() * 2;
  const uint64_t kv = kv_per_token * static_cast<uint64_t>(ctx);
  const uint64_t weights = model->weights().total_bytes();

  if (json) {
    std::string o = "{";
    auto field = [&](const char* k, const std::string& v) { o += (o.size() > 1 ? ", " : "") + json_string(k) + ": " + v; };
    field("file", json_string(path));
    field("file_size", std::to_string(f.file_size()));
    field("gguf_version", std::to_string(f.version()));
    field("architecture", json_string(c.architecture));
    field("name", json_string(c.name));
    field("quantization", json_string(model->quantization_label()));
    field("n_embd", std::to_string(c.n_embd));
    field("n_layer", std::to_string(c.n_layer));
    field("n_head", std::to_string(c.n_head));
    field("n_head_kv", std::to_string(c.n_head_kv));
    field("head_dim", std::to_string(c.head_dim));
    field("n_ff", std::to_string(c.n_ff));
    field("n_vocab", std::to_string(c.n_vocab));
    field("n_ctx_train", std::to_string(c.n_ctx_train));
    char num[64];
    std::snprintf(num, sizeof num, "%.9g", static_cast<double>(c.rope_freq_base));
    field("rope_freq_base", num);
    std::snprintf(num, sizeof num, "%.9g", static_cast<double>(c.rms_eps));
    field("rms_eps", num);
    field("n_tensors", std::to_string(f.tensors().size()));
    std::string t = "{";
    for (const auto& [name, n] : types) t += (t.size() > 1 ? ", " : "") + json_string(name) + ": " + std::to_string(n);
    field("tensor_types", t + "}");
    field("weights_bytes", std::to_string(weights));
    field("bytes_read_per_token", std::to_string(model->weights().bytes_read_per_token()));
    field("context", std::to_string(ctx));
    field("kv_bytes_per_token", std::to_string(kv_per_token));
    field("kv_cache_bytes", std::to_string(kv));
    field("total_bytes", std::to_string(weights + kv));
    std::printf("%s}\n", o.c_str());
    return 0;
  }

  std::string tensor_types;
  for (const auto& [name, n] : types) tensor_types += (tensor_types.empty() ? "" : ", ") + name + " " + std::to_string(n);
  std::printf("file              %s\n", path.c_str());
  std::printf("file size         %s (%llu bytes), GGUF v%u\n", human_bytes(f.file_size()).c_str(),
              static_cast<unsigned long long>(f.file_size()), f.version());
  std::printf("architecture      %s\n", c.architecture.c_str());
  std::printf("name              %s\n", c.name.c_str());
  std::printf("quantization      %s\n", model->quantization_label().c_str());
  std::printf("hidden size       %u\n", c.n_embd);
  std::printf("layers            %u\n", c.n_layer);
  std::printf("attention heads   %u query / %u KV, head dim %u\n", c.n_head, c.n_head_kv, c.head_dim);
  std::printf("FFN size          %u\n", c.n_ff);
  std::printf("vocabulary        %u tokens\n", c.n_vocab);
  std::printf("trained context   %u\n", c.n_ctx_train);
  std::printf("RoPE base         %g\n", static_cast<double>(c.rope_freq_base));
  std::printf("RMS norm eps      %g\n", static_cast<double>(c.rms_eps));
  std::printf("tensors           %zu (%s)\n", f.tensors().size(), tensor_types.c_str());
  std::printf("weights           %s (read per token: %s)\n", human_bytes(weights).c_str(),
              human_bytes(model->weights().bytes_read_per_token()).c_str());
  std::printf("KV cache (f16)    %s at context %lld (%s per token)\n", human_bytes(kv).c_str(), ctx,
              human_bytes(kv_per_token).c_str());
  std::printf("memory needed     %s\n", human_bytes(weights + kv).c_str());
  if (static_cast<uint64_t>(ctx) > c.n_ctx_train)
    std::printf("note              context %lld is longer than the %u the model was trained for\n", ctx, c.n_ctx_train);
  return 0;
}

CommandRegistration reg{{"info", "describe a model file and the memory it needs",
                         R"(usage: veloce-cli info -m MODEL [-c N] [--json]

Validates MODEL (a Phi-4 GGUF) completely, as loading it for chat would, then prints its
architecture, name, quantization, hyperparameters, how many tensors of each type it holds, its
file size, and the memory it needs: the weights plus an f16 KV cache of
2 x layers x (KV heads x head dim) x 2 bytes per token at the given context.

options:
  -m, --model MODEL   the GGUF file
  -c, --ctx N         context length for the KV cache estimate (default 4096)
  --json              one JSON object instead of text

A file that fails validation is reported in one line (file, field, reason) with exit status 1.
)",
                         run}};

}  // namespace
}  // namespace veloce::cli
