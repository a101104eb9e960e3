#include "inference/generation/perplexity.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <stdexcept>
#include <string>

#include "inference/model/session.h"
#include "inference/tokenizer/tokenizer.h"

namespace veloce {

std::vector<int32_t> perplexity_tokens(const Tokenizer& tokenizer, std::string_view text) {
  return tokenizer.encode(text, /*parse_special=*/false);
}

double negative_log_likelihood(std::span<const float> logits, int32_t target) {
  const float max = *std::max_element(logits.begin(), logits.end());
  double sum = 0.0;
  for (float l : logits) sum += std::exp(static_cast<double>(l - max));
  return std::log(sum) + static_cast<double>(max) - static_cast<double>(logits[static_cast<size_t>(target)]);
}

PerplexityResult compute_perplexity(Session& session, std::span<const int32_t> tokens, const PerplexityOptions& options) {
  const size_t n_ctx = options.n_ctx;
  if (n_ctx < 4) throw std::invalid_argument("perplexity: the chunk size must be at least 4 tokens");
  if (tokens.size() < 2 * n_ctx)
    throw std::invalid_argument("perplexity: the text has " + std::to_string(tokens.size()) + " tokens; at least 2 * " +
                                std::to_string(n_ctx) + " are needed");
  if (session.n_ctx() < n_ctx)
    throw std::invalid_argument("perplexity: the session holds " + std::to_string(session.n_ctx()) +
                                " positions, fewer than the chunk size " + std::to_string(n_ctx));
  size_t n_chunks = tokens.size() / n_ctx;
  if (options.max_chunks > 0) n_chunks = std::min(n_chunks, options.max_chunks);
  const size_t n_vocab = session.n_vocab();
  const size_t batch = options.batch == 0 ? n_ctx : std::min(options.batch, n_ctx);
  const size_t first = n_ctx / 2;

  const auto start = std::chrono::steady_clock::now();
  PerplexityResult result;
  std::vector<float> logits(n_ctx * n_vocab);
  double nll = 0.0, nll2 = 0.0;
  for (size_t c = 0; c < n_chunks; ++c) {
    if (options.cancel != nullptr && options.cancel->load()) {
      result.cancelled = true;
      break;
    }
    const auto chunk = tokens.subspan(c * n_ctx, n_ctx);
    session.truncate(0);
    for (size_t pos = 0; pos < n_ctx; pos += batch) {
      const size_t count = std::min(batch, n_ctx - pos);
      session.evaluate(chunk.subspan(pos, count), std::span<float>(logits).subspan(pos * n_vocab, count * n_vocab), true);
    }
    for (size_t j = first; j + 1 < n_ctx; ++j) {
      const double v = negative_log_likelihood(std::span<const float>(logits).subspan(j * n_vocab, n_vocab), chunk[j + 1]);
      nll += v;
      nll2 += v * v;
    }
    result.n_scored += n_ctx - 1 - first;
    result.n_chunks = c + 1;
    result.running_ppl.push_back(std::exp(nll / static_cast<double>(result.n_scored)));
    if (options.on_chunk) options.on_chunk(c, n_chunks, result.running_ppl.back());
  }
  session.truncate(0);

  if (result.n_scored > 0) {
    const double count = static_cast<double>(result.n_scored);
    const double mean = nll / count;
    const double variance = nll2 / count - mean * mean;
    result.ppl = std::exp(mean);
    if (variance > 0 && result.n_scored > 1) result.ppl_err = result.ppl * std::sqrt(variance / (count - 1));
  }
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (result.seconds > 0) result.tokens_per_s = static_cast<double>(result.n_chunks * n_ctx) / result.seconds;
  return result;
}

}  // namespace veloce
