#pragma once
// tokens -> prefill (in bounded chunks) -> decode/sample loop -> streamed text.
// Reuses the session's KV cache for the longest common prefix with the previous call.
#include <atomic>
#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "inference/sampling/sampler.h"

namespace veloce {
class Session;
class Tokenizer;

enum class StopReason { EndOfText, MaxTokens, Cancelled, ContextFull };

struct GenerateOptions {
  int32_t max_tokens = 512;
  SamplerParams sampling;
  size_t prompt_chunk = 128;                      // tokens per prefill submission
  const std::atomic<bool>* cancel = nullptr;      // checked between chunks and between tokens
  std::function<void(std::string_view)> on_text;  // whole UTF-8 characters, as they are sampled;
                                                  // control tokens produce no text
  std::function<void(int32_t)> on_token;          // every sampled id (stop tokens excluded)
  // After each prefill chunk: prompt tokens in the cache so far (reused ones included; the last
  // chunk may still be running on the GPU) and the prompt's length, for a "Reading the
  // conversation... 1,200 of 3,400" progress line.
  std::function<void(size_t done, size_t total)> on_prefill;
};

struct GenerateResult {
  std::vector<int32_t> tokens;  // generated ids, stop token excluded
  std::string text;
  StopReason stop = StopReason::EndOfText;
  size_t prompt_tokens = 0;         // tokens of the prompt
  size_t prompt_tokens_reused = 0;  // of those, how many came from the KV cache
  double time_to_first_token_ms = 0;
  double prompt_tokens_per_s = 0;
  double gen_tokens_per_s = 0;
};

class Generator {
 public:
  Generator(Session& session, const Tokenizer& tokenizer);
  // Throws EngineError for engine failures (the text generated so far was already streamed).
  GenerateResult generate(std::span<const int32_t> prompt, const GenerateOptions& options);
  // Forget the cache bookkeeping (e.g. after the session was truncated by someone else).
  void reset();

 private:
  Session& session_;
  const Tokenizer& tokenizer_;
  std::vector<int32_t> cached_;  // tokens whose K/V are in the session, in order
};

const char* stop_reason_name(StopReason reason);

}  // namespace veloce
