#include "inference/model/session_input.h"

#include <stdexcept>
#include <string>

#include "inference/model/session.h"

namespace veloce {

void check_evaluate_input(std::span<const int32_t> tokens, size_t logits_size, bool all_logits, size_t n_past, size_t n_ctx,
                          size_t n_vocab) {
  const size_t n = tokens.size();
  if (n == 0) throw std::invalid_argument("Session::evaluate: no tokens");
  // Checked without overflow: all_logits needs n * n_vocab floats.
  const size_t rows = all_logits ? n : 1;
  if (n_vocab != 0 && logits_size / n_vocab < rows)
    throw std::invalid_argument("Session::evaluate: logits span of " + std::to_string(logits_size) + " floats, need " +
                                std::to_string(rows) + " x " + std::to_string(n_vocab));
  if (n_past > n_ctx || n > n_ctx - n_past)
    throw ContextFullError("the context is full: " + std::to_string(n_past) + " of " + std::to_string(n_ctx) +
                           " positions used, " + std::to_string(n) + " more do not fit");
  for (int32_t id : tokens)
    if (id < 0 || static_cast<size_t>(id) >= n_vocab)
      throw EngineError("token id " + std::to_string(id) + " is outside the vocabulary of " + std::to_string(n_vocab) +
                        " tokens");
}

}  // namespace veloce
