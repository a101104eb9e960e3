#include "inference/generation/generator.h"

#include <algorithm>
#include <chrono>
#include <stdexcept>

#include "inference/model/session.h"
#include "inference/tokenizer/tokenizer.h"

namespace veloce {
namespace {

using Clock = std::chrono::steady_clock;

double seconds_between(Clock::time_point a, Clock::time_point b) { return std::chrono::duration<double>(b - a).count(); }

bool cancelled(const GenerateOptions& options) {
  return options.cancel != nullptr && options.cancel->load(std::memory_order_relaxed);
}

}  // namespace

const char* stop_reason_name(StopReason reason) {
  switch (reason) {
    case StopReason::EndOfText: return "end_of_text";
    case StopReason::MaxTokens: return "max_tokens";
    case StopReason::Cancelled: return "cancelled";
    case StopReason::ContextFull: return "context_full";
  }
  return "unknown";
}

Generator::Generator(Session& session, const Tokenizer& tokenizer) : session_(session), tokenizer_(tokenizer) {}

void Generator::reset() { cached_.clear(); }

GenerateResult Generator::generate(std::span<const int32_t> prompt, const GenerateOptions& options) {
  if (prompt.empty()) throw std::invalid_argument("Generator::generate: empty prompt");
  GenerateResult result;
  result.prompt_tokens = prompt.size();
  const Clock::time_point start = Clock::now();

  // Reuse the cached K/V of the longest common prefix. At least one prompt token is always
  // evaluated again, because the logits that pick the first new token come from it.
  const size_t limit = std::min({cached_.size(), prompt.size() - 1, session_.n_past()});
  size_t common = 0;
  while (common < limit && cached_[common] == prompt[common]) ++common;
  session_.truncate(common);
  cached_.resize(common);
  result.prompt_tokens_reused = common;

  std::vector<float> logits(session_.n_vocab());
  // Where the sampler's settings allow, a step brings back only the best logits (a few KB from a
  // GPU instead of n_vocab floats); have_top says the last step did.
  Sampler sampler(options.sampling);
  const size_t top_wanted = sampler.top_wanted();
  TopLogits top;
  bool have_top = false;
  // Any engine failure other than a full context leaves the cache in an unknown state: forget
  // it so that the next call starts from an empty one.
  // A chunk before the prompt's last needs no logits: prefill() may leave it running on the GPU
  // while the next chunk is recorded.
  auto evaluate = [&](std::span<const int32_t> tokens, bool use_top, bool last = true) {
    try {
      if (!last) session_.prefill(tokens);
      else if (use_top) session_.evaluate_top(tokens, top_wanted, top);
      else session_.evaluate(tokens, logits, false);
      have_top = last && use_top;
    } catch (const ContextFullError&) {
      throw;  // nothing was evaluated; cached_ still matches the session
    } catch (...) {
      session_.truncate(0);
      cached_.clear();
      throw;
    }
    cached_.insert(cached_.end(), tokens.begin(), tokens.end());
  };

  // prefill in bounded chunks, so that cancel is noticed and one submission stays short
  const size_t chunk = std::max<size_t>(1, options.prompt_chunk);
  for (size_t pos = common; pos < prompt.size(); pos += chunk) {
    if (cancelled(options)) {
      result.stop = StopReason::Cancelled;
      return result;
    }
    const size_t n = std::min(chunk, prompt.size() - pos);
    try {
      evaluate(prompt.subspan(pos, n), top_wanted > 0, pos + n == prompt.size());
    } catch (const ContextFullError&) {
      result.stop = StopReason::ContextFull;
      return result;
    }
    if (options.on_prefill) options.on_prefill(pos + n, prompt.size());
  }
  const Clock::time_point prefill_done = Clock::now();
  const double prefill_s = seconds_between(start, prefill_done);
  if (prefill_s > 0) result.prompt_tokens_per_s = static_cast<double>(prompt.size() - common) / prefill_s;

  // decode: sample, stream, evaluate the sampled token, repeat
  StreamDecoder decoder(tokenizer_);
  std::vector<int32_t> history(prompt.begin(), prompt.end());
  const int32_t im_end = tokenizer_.im_end_id();
  const int32_t endoftext = tokenizer_.endoftext_id();
  auto emit = [&](const std::string& text) {
    if (text.empty()) return;
    result.text += text;
    if (options.on_text) options.on_text(text);
  };
  result.stop = StopReason::MaxTokens;
  while (static_cast<int64_t>(result.tokens.size()) < options.max_tokens) {
    if (cancelled(options)) {
      result.stop = StopReason::Cancelled;
      break;
    }
    int32_t id = have_top ? sampler.sample_top(top, history, session_.n_vocab()) : -1;
    if (id < 0) {
      if (have_top) session_.last_logits(logits);  // the best logits did not decide this draw
      id = sampler.sample(logits, history);
    }
    if (result.tokens.empty()) result.time_to_first_token_ms = seconds_between(start, Clock::now()) * 1000.0;
    if (id == im_end || id == endoftext) {
      result.stop = StopReason::EndOfText;
      break;
    }
    result.tokens.push_back(id);
    history.push_back(id);
    if (options.on_token) options.on_token(id);
    // Control tokens (<|dummy_N|>, <|im_start|> ...) are part of the sequence but not of the
    // reply's text, as in every chat frontend: a user should never read template markup.
    if (!tokenizer_.is_special(id)) emit(decoder.push(id));
    if (static_cast<int64_t>(result.tokens.size()) >= options.max_tokens) break;  // no need for its logits
    const int32_t next[1] = {id};
    try {
      evaluate(next, top_wanted > 0);
    } catch (const ContextFullError&) {
      result.stop = StopReason::ContextFull;
      break;
    }
  }
  emit(decoder.flush());

  const double decode_s = seconds_between(prefill_done, Clock::now());
  if (decode_s > 0 && !result.tokens.empty()) result.gen_tokens_per_s = static_cast<double>(result.tokens.size()) / decode_s;
  return result;
}

}  // namespace veloce
