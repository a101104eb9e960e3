#pragma once
// The input checks of Session::evaluate, one function for every backend so that the same bad
// call fails the same way with the same text whatever runs it.
#include <cstddef>
#include <cstdint>
#include <span>

namespace veloce {

// Throws, in this order:
// - std::invalid_argument for a caller's bug: no tokens, or a logits span shorter than
//   n_vocab (tokens.size() * n_vocab with all_logits);
// - ContextFullError when n_past + tokens.size() exceeds n_ctx (nothing is evaluated);
// - EngineError for a token id outside [0, n_vocab) (ids come from files and users).
void check_evaluate_input(std::span<const int32_t> tokens, size_t logits_size, bool all_logits, size_t n_past, size_t n_ctx,
                          size_t n_vocab);

}  // namespace veloce
