#include "inference/generation/prompt_builder.h"

#include <algorithm>

#include "inference/tokenizer/tokenizer.h"

namespace veloce {
namespace {

std::vector<int32_t> render_one(const Tokenizer& tokenizer, const ChatMessage& message) {
  return render_chat(tokenizer, std::span<const ChatMessage>(&message, 1), false);
}

}  // namespace

size_t reply_reserve_for(size_t n_ctx, size_t max_reply_tokens) { return std::min(max_reply_tokens, n_ctx / 2); }

PromptPlan build_prompt(const Tokenizer& tokenizer, const std::string& system_prompt, std::span<const ChatMessage> messages,
                        const PromptLimits& limits, size_t keep_from_hint) {
  const size_t n = messages.size();
  if (n == 0) throw PromptTooLongError("there is no message to answer");

  // Phi-4's format wraps every message on its own (<|im_start|>role<|im_sep|>text<|im_end|>), so a
  // conversation's tokens are the concatenation of its messages' tokens: each message is
  // tokenized once and the cut is a matter of sums.
  std::vector<int32_t> system_tokens;
  if (!system_prompt.empty()) system_tokens = render_one(tokenizer, ChatMessage{ChatRole::System, system_prompt});
  const std::vector<int32_t> header = render_chat(tokenizer, std::span<const ChatMessage>(), true);
  std::vector<std::vector<int32_t>> parts(n);
  for (size_t i = 0; i < n; ++i) parts[i] = render_one(tokenizer, messages[i]);

  // suffix[i] = tokens of messages i..n-1
  std::vector<size_t> suffix(n + 1, 0);
  for (size_t i = n; i-- > 0;) suffix[i] = suffix[i + 1] + parts[i].size();
  const size_t fixed = system_tokens.size() + header.size();
  const size_t budget = limits.n_ctx > limits.reply_reserve ? limits.n_ctx - limits.reply_reserve : 0;
  const auto fits = [&](size_t first, size_t limit) { return fixed + suffix[first] <= limit; };
  // A cut may only fall before a user message, so the kept part starts with a whole turn; the
  // message being answered is always kept.
  const auto may_start_at = [&](size_t i) { return i == 0 || messages[i].role == ChatRole::User; };

  size_t first = n;  // n: nothing chosen yet
  if (fits(0, budget)) {
    first = 0;
  } else if (keep_from_hint > 0 && keep_from_hint < n && may_start_at(keep_from_hint) && fits(keep_from_hint, budget)) {
    first = keep_from_hint;
  } else {
    // Cut to 3/4 of the budget so the next turns fit without moving the prompt's start again
    // (which would throw away the reusable KV prefix every turn).
    for (size_t limit : {budget * 3 / 4, budget}) {
      for (size_t i = 0; i < n && first == n; ++i) {
        if (may_start_at(i) && fits(i, limit)) first = i;
      }
      if (first != n) break;
    }
  }
  if (first == n) {
    throw PromptTooLongError("the message is too long for the context: it needs " +
                             std::to_string(fixed + parts[n - 1].size()) + " tokens with the system prompt, and the " +
                             std::to_string(limits.n_ctx) + "-token context keeps " + std::to_string(limits.reply_reserve) +
                             " for the reply; shorten the message or raise the context size in the settings");
  }

  PromptPlan plan;
  plan.first_kept = first;
  plan.omitted = first;
  plan.tokens.reserve(fixed + suffix[first]);
  plan.tokens.insert(plan.tokens.end(), system_tokens.begin(), system_tokens.end());
  for (size_t i = first; i < n; ++i) plan.tokens.insert(plan.tokens.end(), parts[i].begin(), parts[i].end());
  plan.tokens.insert(plan.tokens.end(), header.begin(), header.end());
  return plan;
}

}  // namespace veloce
