#pragma once
// Builds the token prompt of a turn (Qt-free: the app's chat worker uses it; so can any front end): the system prompt
// (always kept) + the branch's messages + the assistant header. When that does not fit the context minus the room reserved
// for the reply, the oldest turns are left out of the prompt (never out of the history) and the caller is told how many
// messages were left out.
//
// Prefix reuse: the Generator reuses the KV cache for the longest common prefix with the previous
// prompt, so the prompt's start should move as rarely as possible. When cutting is needed, the cut
// goes deeper than strictly necessary (to 3/4 of the budget), and the next turns keep the same
// first message (the `keep_from_hint`) for as long as it still fits.
#include <cstddef>
#include <cstdint>
#include <span>
#include <stdexcept>
#include <string>
#include <vector>

#include "inference/tokenizer/chat_format.h"

namespace veloce {

class Tokenizer;

// The newest message alone (with the system prompt) does not fit; the message is for the user.
struct PromptTooLongError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct PromptPlan {
  std::vector<int32_t> tokens;  // the full prompt, ending with the assistant header
  size_t first_kept = 0;        // index in `messages` of the first message in the prompt
  size_t omitted = 0;           // == first_kept: messages left out at the start
};

struct PromptLimits {
  size_t n_ctx = 0;          // the session's context length
  size_t reply_reserve = 0;  // tokens kept free for the reply
};

// messages: the branch, oldest first, without the system prompt; the last one is the message being
// answered. An empty system prompt adds no system message. keep_from_hint: first_kept of the
// previous turn of the same branch (0 if none). Throws PromptTooLongError.
PromptPlan build_prompt(const Tokenizer& tokenizer, const std::string& system_prompt, std::span<const ChatMessage> messages,
                        const PromptLimits& limits, size_t keep_from_hint = 0);

// Reply room for a context: the requested maximum, but never more than half of the context, so a
// long max-reply setting cannot squeeze the conversation out entirely.
size_t reply_reserve_for(size_t n_ctx, size_t max_reply_tokens);

}  // namespace veloce
