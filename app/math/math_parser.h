#pragma once
// Parser for the LaTeX math that language models write: turns TeX source into a Formula tree.
// Throws MathError (message and byte offset) for an unknown command or malformed input; it never
// crashes on any input (fuzzed by tests/fuzz/fuzz_math.cpp).
#include <string_view>

#include "app/math/math_ast.h"
#include "app/math/math_error.h"

namespace veloce::math {

Formula parse_math(std::string_view tex);

}  // namespace veloce::math
