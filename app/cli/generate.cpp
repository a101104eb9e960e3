// veloce-cli generate: one reply to one prompt, streamed to stdout as it is sampled.
#include <atomic>
#include <csignal>
#include <cstdio>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

#include "app/cli/command.h"
#include "app/cli/sampling_args.h"
#include "inference/generation/engine_factory.h"
#include "inference/generation/generator.h"
#include "inference/model/model.h"
#include "inference/tokenizer/chat_format.h"
#include "inference/tokenizer/tokenizer.h"

namespace veloce::cli {
namespace {

// Set by Ctrl-C; the generator checks it between tokens, so the reply stops within one token
// and the process exits normally with what it had.
std::atomic<bool> g_interrupted{false};
static_assert(std::atomic<bool>::is_always_lock_free, "the flag is written from a signal handler");

extern "C" void on_sigint(int) { g_interrupted.store(true); }

// Restores the previous SIGINT handler when generation ends (also on an exception).
class SigintGuard {
 public:
  SigintGuard() : previous_(std::signal(SIGINT, on_sigint)) {}
  ~SigintGuard() { std::signal(SIGINT, previous_ == SIG_ERR ? SIG_DFL : previous_); }
  SigintGuard(const SigintGuard&) = delete;
  SigintGuard& operator=(const SigintGuard&) = delete;

 private:
  void (*previous_)(int);
};

std::string ids_json(const std::vector<int32_t>& ids) {
  std::string out = "[";
  for (size_t i = 0; i < ids.size(); ++i) {
    if (i) out += ", ";
    out += std::to_string(ids[i]);
  }
  return out + "]";
}

int run(Args& args) {
  const std::string model_path = args.required({"-m", "--model"});
  const std::string prompt = args.required({"-p", "--prompt"});
  const long long max_tokens = args.integer({"-n", "--max-tokens"}, 256);
  const long long n_ctx = args.integer({"-c", "--ctx-size"}, 4096);
  // Defaults: temperature 0.7, top-k 40, top-p 0.95, min-p 0.05, no penalty.
  SamplerParams sp = sampling_args(args);
  const auto seed = args.value({"--seed"});
  const bool raw = args.flag({"--raw"});
  const bool print_ids = args.flag({"--ids"});
  const bool timings = args.flag({"--timings"});
  EngineOptions options;
  options.backend = args.value({"--backend"}).value_or("vulkan");
  options.device = args.value({"--device"}).value_or("");
  options.kv_type = kv_type_arg(args);
  args.finish();

  if (max_tokens < 0 || max_tokens > 1 << 24) throw UsageError("-n must be between 0 and 16777216");
  if (n_ctx < 1 || n_ctx > 1 << 24) throw UsageError("-c must be between 1 and 16777216");
  if (seed) {
    try {
      size_t used = 0;
      sp.seed = std::stoull(*seed, &used);
      if (used != seed->size()) throw UsageError("");
    } catch (const std::exception&) {
      throw UsageError("--seed: not a non-negative integer: " + *seed);
    }
  } else {
    sp.seed = (static_cast<uint64_t>(std::random_device{}()) << 32) ^ std::random_device{}();
  }

  const auto model = Model::load(model_path);
  const Tokenizer& tokenizer = model->tokenizer();
  std::vector<int32_t> ids;
  if (raw) {
    ids = tokenizer.encode(prompt, /*parse_special=*/true);
  } else {
    const ChatMessage message{ChatRole::User, prompt};
    ids = render_chat(tokenizer, std::span<const ChatMessage>(&message, 1), true);
  }
  if (ids.empty()) throw UsageError("the prompt is empty");
  // Checked before any work: a prompt that fills the context would be read until the KV cache is
  // full and leave no position for even one new token.
  if (ids.size() >= static_cast<size_t>(n_ctx))
    throw std::runtime_error("the prompt is " + std::to_string(ids.size()) +
                             " tokens, which leaves no room for a reply in a context of " + std::to_string(n_ctx) +
                             " tokens; use a larger -c or a shorter prompt");

  options.on_info = [](const std::string& line) { std::fprintf(stderr, "%s\n", line.c_str()); };
  options.n_ctx = static_cast<size_t>(n_ctx);  // the memory plan counts the KV cache of this context
  auto engine = make_engine(model, options);
  auto session = engine->create_session(static_cast<size_t>(n_ctx));
  Generator generator(*session, tokenizer);

  GenerateOptions go;
  go.max_tokens = static_cast<int32_t>(max_tokens);
  go.sampling = sp;
  go.cancel = &g_interrupted;
  if (!print_ids)
    go.on_text = [](std::string_view piece) {
      std::fwrite(piece.data(), 1, piece.size(), stdout);
      std::fflush(stdout);
    };

  GenerateResult r;
  {
    SigintGuard guard;
    r = generator.generate(ids, go);
  }
  if (print_ids) std::printf("%s\n", ids_json(r.tokens).c_str());
  else std::fputs("\n", stdout);
  std::fflush(stdout);

  if (r.stop == StopReason::Cancelled) std::fputs("[interrupted]\n", stderr);
  if (r.stop == StopReason::ContextFull) std::fprintf(stderr, "[context full: %lld tokens; use a larger -c]\n", n_ctx);
  if (timings) {
    std::fprintf(stderr, "backend %s on %s, seed %llu\n", engine->name().c_str(), engine->device_name().c_str(),
                 static_cast<unsigned long long>(sp.seed));
    std::fprintf(stderr, "prompt: %zu tokens (%zu reused), %.1f tokens/s; time to first token %.1f ms\n", r.prompt_tokens,
                 r.prompt_tokens_reused, r.prompt_tokens_per_s, r.time_to_first_token_ms);
    std::fprintf(stderr, "generated: %zu tokens, %.2f tokens/s; stop: %s\n", r.tokens.size(), r.gen_tokens_per_s,
                 stop_reason_name(r.stop));
  }
  return 0;
}

CommandRegistration reg{{"generate", "generate a reply to a prompt, streamed to stdout",
                         R"(usage: veloce-cli generate -m MODEL -p PROMPT [-n N] [--temp T] [--top-k K]
                         [--top-p P] [--min-p P] [--repeat-penalty R] [--repeat-last-n N]
                         [--seed S] [--raw] [--ids] [--backend B] [--device D] [-c CTX]
                         [--kv-type T] [--timings]

Without --raw, PROMPT is one user message in Phi-4's chat format and the reply is the
assistant's turn; the text is never parsed for special tokens. With --raw, PROMPT is used
as it is and special-token text in it (<|im_start|> ...) is recognised.
Generation stops at <|im_end|> or <|endoftext|>, after N tokens, when the context is full,
or at Ctrl-C (within one token; what was generated is kept and the exit status is 0).

options:
  -m, --model MODEL       Phi-4 GGUF file
  -p, --prompt PROMPT     the user message (or the whole raw prompt with --raw)
  -n, --max-tokens N      at most N new tokens (default 256)
  -c, --ctx-size CTX      context size in tokens (default 4096)
  --temp T                temperature (default 0.7, at most 100); 0: greedy (argmax)
  --top-k K               keep the K most likely tokens (default 40; 0: off)
  --top-p P               keep the smallest set of tokens whose probability reaches P
                          (above 0, at most 1; default 0.95; 1: off)
  --min-p P               drop tokens less likely than P times the most likely (0 to 1;
                          default 0.05; 0: off)
  --repeat-penalty R      divide positive / multiply negative logits of recent tokens by R
                          (above 0, at most 100; default 1.0: off)
  --repeat-last-n N       how many recent tokens (prompt included) the penalty looks at
                          (default 64; -1: all)
  --seed S                random seed; the same seed gives the same reply (default: random,
                          printed with --timings)
  --raw                   use PROMPT as is, with special-token text parsed
  --ids                   print the generated ids as one JSON array instead of the text
  --backend B             vulkan (default) or reference (the fp32 CPU oracle: slow)
  --device D              Vulkan device by index, name or UUID (default: VELOCE_DEVICE or the best)
  --kv-type T             KV cache storage: f16 (default) or q8_0 (about half the memory)
  --timings               print prompt and generation speed and time to first token to stderr
Sampling order (as llama.cpp): repetition penalty, top-k, top-p, min-p, temperature.
)",
                         run}};

}  // namespace
}  // namespace veloce::cli
