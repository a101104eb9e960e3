#pragma once
// Presentation MathML of a TeX formula, for HTML export (browsers render it natively), with the
// source in <annotation encoding="application/x-tex">. A formula that does not parse becomes an
// <merror> holding the source as text, so nothing is lost.
#include <string>
#include <string_view>

namespace veloce::math {

std::string to_mathml(std::string_view tex, bool display);

}  // namespace veloce::math
