#include "inference/tokenizer/pretokenizer.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include <stdexcept>
#include <string>

namespace veloce {
namespace {

// Exactly the pattern in shared/docs/PHI4.md (cl100k_base with the case-insensitive contractions
// spelled out).
constexpr const char* kPattern =
    R"((?:'[sS]|'[tT]|'[rR][eE]|'[vV][eE]|'[mM]|'[lL][lL]|'[dD])|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+)";

// The JIT's backtracking stack: the pattern only repeats single characters, which needs very
// little, but a generous ceiling costs nothing until used.
constexpr PCRE2_SIZE kJitStackStart = 32 * 1024;
constexpr PCRE2_SIZE kJitStackMax = 4 * 1024 * 1024;

struct MatchData {
  pcre2_match_data* data = nullptr;
  pcre2_match_context* context = nullptr;
  pcre2_jit_stack* stack = nullptr;
  ~MatchData() {
    if (context) pcre2_match_context_free(context);
    if (stack) pcre2_jit_stack_free(stack);
    if (data) pcre2_match_data_free(data);
  }
};

}  // namespace

struct PreTokenizer::Impl {
  pcre2_code* code = nullptr;
  bool jit = false;
  ~Impl() {
    if (code) pcre2_code_free(code);
  }
};

PreTokenizer::PreTokenizer() : impl_(std::make_unique<Impl>()) {
  int error = 0;
  PCRE2_SIZE offset = 0;
  impl_->code = pcre2_compile(reinterpret_cast<PCRE2_SPTR>(kPattern), PCRE2_ZERO_TERMINATED,
                              PCRE2_UTF | PCRE2_UCP | PCRE2_MATCH_INVALID_UTF, &error, &offset, nullptr);
  if (!impl_->code) {
    PCRE2_UCHAR message[256];
    pcre2_get_error_message(error, message, sizeof message);
    throw std::runtime_error("pre-tokenizer regex does not compile at offset " + std::to_string(offset) + ": " +
                             reinterpret_cast<const char*>(message));
  }
  // JIT is an optimisation only: without it (e.g. a PCRE2 built without JIT) the interpreter
  // gives the same matches, more slowly.
  impl_->jit = pcre2_jit_compile(impl_->code, PCRE2_JIT_COMPLETE) == 0;
}

PreTokenizer::~PreTokenizer() = default;

bool PreTokenizer::jit() const { return impl_->jit; }

const char* PreTokenizer::pattern() { return kPattern; }

void PreTokenizer::split(std::string_view text, const std::function<void(std::string_view)>& on_piece) const {
  if (text.empty()) return;
  // Per call, so that concurrent calls never share match state.
  MatchData m;
  m.data = pcre2_match_data_create_from_pattern(impl_->code, nullptr);
  m.context = pcre2_match_context_create(nullptr);
  if (!m.data || !m.context) throw std::bad_alloc();
  if (impl_->jit) {
    m.stack = pcre2_jit_stack_create(kJitStackStart, kJitStackMax, nullptr);
    if (!m.stack) throw std::bad_alloc();
    pcre2_jit_stack_assign(m.context, nullptr, m.stack);
  }
  const auto* subject = reinterpret_cast<PCRE2_SPTR>(text.data());
  const PCRE2_SIZE length = text.size();
  PCRE2_SIZE emitted = 0;  // text before this has been handed to on_piece
  PCRE2_SIZE search = 0;
  while (search < length) {
    // pcre2_jit_match skips pcre2_match's per-call checks: a piece is ~5 bytes, so per-call
    // overhead is a good part of the cost.
    const int rc = impl_->jit ? pcre2_jit_match(impl_->code, subject, length, search, 0, m.data, m.context)
                              : pcre2_match(impl_->code, subject, length, search, 0, m.data, m.context);
    if (rc == PCRE2_ERROR_NOMATCH) break;
    if (rc < 0) {
      PCRE2_UCHAR message[256];
      pcre2_get_error_message(rc, message, sizeof message);
      throw std::runtime_error(std::string("pre-tokenizer: ") + reinterpret_cast<const char*>(message));
    }
    const PCRE2_SIZE* ovector = pcre2_get_ovector_pointer(m.data);
    const PCRE2_SIZE start = ovector[0], end = ovector[1];
    if (end <= start) {
      // The pattern cannot match empty; guard anyway so that a change to it cannot loop forever
      // (the skipped byte goes out with the next gap).
      search = start + 1;
      continue;
    }
    if (start > emitted) on_piece(text.substr(emitted, start - emitted));  // ill-formed bytes
    on_piece(text.substr(start, end - start));
    emitted = search = end;
  }
  if (emitted < length) on_piece(text.substr(emitted));
}

}  // namespace veloce
