#pragma once
// Perplexity exactly as llama.cpp's llama-perplexity measures it, so that figures compare with
// the reference: the text is cut into chunks of n_ctx tokens, each evaluated from an empty
// cache, and only the second half of each chunk is scored (positions n_ctx/2 .. n_ctx-2, each
// predicting the token after it). PPL = exp(mean negative log-likelihood).
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <span>
#include <string_view>
#include <vector>

namespace veloce {
class Session;
class Tokenizer;

struct PerplexityOptions {
  size_t n_ctx = 128;                         // tokens per chunk (llama-perplexity -c)
  size_t max_chunks = 0;                      // 0: every whole chunk of the text (llama-perplexity --chunks)
  size_t batch = 0;                           // tokens per evaluate call; 0: the whole chunk at once
  const std::atomic<bool>* cancel = nullptr;  // checked between chunks
  // After each chunk: its index (from 0), the number of chunks and the running perplexity.
  std::function<void(size_t chunk, size_t n_chunks, double running_ppl)> on_chunk;
};

struct PerplexityResult {
  double ppl = 0;
  double ppl_err = 0;               // llama.cpp's "+/-": ppl * sqrt(var(nll) / (n_scored - 1))
  size_t n_chunks = 0;              // chunks evaluated (fewer than asked when cancelled)
  size_t n_scored = 0;              // predictions that were scored
  std::vector<double> running_ppl;  // after each chunk
  bool cancelled = false;
  double seconds = 0;
  double tokens_per_s = 0;  // evaluated tokens per second
};

// The tokens llama-perplexity scores for a text: no BOS, special-token text not parsed.
std::vector<int32_t> perplexity_tokens(const Tokenizer& tokenizer, std::string_view text);

// -log softmax(logits)[target], with the sum of exponentials taken in double.
double negative_log_likelihood(std::span<const float> logits, int32_t target);

// Throws std::invalid_argument when the text has fewer than 2 * n_ctx tokens (llama.cpp's rule)
// or the session's context is smaller than n_ctx; engine failures propagate as EngineError.
PerplexityResult compute_perplexity(Session& session, std::span<const int32_t> tokens, const PerplexityOptions& options);

}  // namespace veloce
