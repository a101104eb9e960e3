// veloce-cli perplexity: llama-perplexity's measurement (same chunks, same scoring) on either
// backend, so that figures compare directly with llama.cpp's.
#include <cstdio>
#include <string>

#include "app/cli/command.h"
#include "app/cli/input_file.h"
#include "inference/generation/engine_factory.h"
#include "inference/generation/perplexity.h"
#include "inference/model/model.h"

namespace veloce::cli {
namespace {

int run(Args& args) {
  const std::string model_path = args.required({"-m", "--model"});
  const std::string file = args.required({"-f", "--file"});
  const long long n_ctx = args.integer({"-c", "--ctx-size"}, 512);
  const long long chunks = args.integer({"--chunks"}, 0);
  const long long batch = args.integer({"-b", "--batch-size"}, 0);
  EngineOptions options;
  options.backend = args.value({"--backend"}).value_or("vulkan");
  options.device = args.value({"--device"}).value_or("");
  options.kv_type = kv_type_arg(args);
  args.finish();
  if (n_ctx < 4 || n_ctx > 1 << 20) throw UsageError("-c must be between 4 and 1048576");
  if (chunks < 0) throw UsageError("--chunks must not be negative");
  if (batch < 0) throw UsageError("-b must not be negative");

  const std::string text = read_input_file(file);
  const auto model = Model::load(model_path);
  options.on_info = [](const std::string& line) { std::fprintf(stderr, "%s\n", line.c_str()); };
  options.n_ctx = static_cast<size_t>(n_ctx);  // the memory plan counts the KV cache of this context
  auto engine = make_engine(model, options);
  const auto tokens = perplexity_tokens(model->tokenizer(), text);
  std::fprintf(stderr, "%s on %s (%s): %zu tokens, chunks of %lld\n", model_path.c_str(), engine->device_name().c_str(),
               engine->name().c_str(), tokens.size(), n_ctx);
  auto session = engine->create_session(static_cast<size_t>(n_ctx));

  PerplexityOptions po;
  po.n_ctx = static_cast<size_t>(n_ctx);
  po.max_chunks = static_cast<size_t>(chunks);
  po.batch = static_cast<size_t>(batch);
  po.on_chunk = [](size_t chunk, size_t n_chunks, double running) {
    std::printf("[%zu/%zu] running PPL = %.4f\n", chunk + 1, n_chunks, running);
    std::fflush(stdout);
  };
  const PerplexityResult r = compute_perplexity(*session, tokens, po);
  std::fprintf(stderr, "%zu chunks, %zu predictions scored, %.1f s (%.1f tokens/s)\n", r.n_chunks, r.n_scored, r.seconds,
               r.tokens_per_s);
  std::printf("PPL = %.4f +/- %.5f\n", r.ppl, r.ppl_err);
  return 0;
}

CommandRegistration reg{{"perplexity", "perplexity of a text file, measured as llama-perplexity does",
                         R"(usage: veloce-cli perplexity -m MODEL -f FILE [-c N] [--chunks K] [--backend B]
                           [--device D] [--kv-type T] [-b N]

Tokenizes FILE (no BOS, special-token text not parsed), cuts it into chunks of N tokens,
evaluates each chunk from an empty cache and scores the second half of each chunk (every
position from N/2 to N-2 predicting the next token), exactly like llama.cpp's
llama-perplexity, so the figures compare with it. Prints the running perplexity after each
chunk and then a last line "PPL = X +/- Y" (Y as llama.cpp computes its error estimate).

options:
  -m, --model MODEL     Phi-4 GGUF file
  -f, --file FILE       text to score (at least 2 * N tokens; a regular file of at most 64 MiB)
  -c, --ctx-size N      tokens per chunk (default 512, llama-perplexity's default)
  --chunks K            score only the first K chunks (default: all whole chunks)
  --backend B           vulkan (default) or reference (the fp32 CPU oracle: slow on real models)
  --device D            Vulkan device by index, name or UUID (default: VELOCE_DEVICE or the best)
  --kv-type T           KV cache storage: f16 (default) or q8_0 (about half the memory)
  -b, --batch-size N    tokens per evaluation call (default: the whole chunk)
)",
                         run}};

}  // namespace
}  // namespace veloce::cli
