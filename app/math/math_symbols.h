#pragma once
// Data: which Unicode character each LaTeX command stands for, and its TeX atom class. These are
// mappings from names to code points (as in unicode-math's tables), not font metrics.
#include <string_view>

#include "app/math/math_ast.h"

namespace veloce::math {

struct SymbolInfo {
  char32_t cp;
  AtomClass cls;
};
struct BigOpInfo {
  char32_t cp;
  bool limits;  // \sum: limits above/below in display style; \int: at the side
};
struct NamedOpInfo {
  std::string_view name;  // the upright text shown (\liminf -> "lim inf")
  bool limits;
};
struct AccentInfo {
  char32_t cp;
  AccentKind kind;
};

enum class Alphabet : uint8_t { Italic, Upright, Bold, BoldItalic, Blackboard, Script, Fraktur, SansSerif, Monospace };

const SymbolInfo* find_symbol(std::string_view command);           // \alpha \leq \infty ...
const BigOpInfo* find_big_operator(std::string_view command);      // \sum \int ...
const NamedOpInfo* find_named_operator(std::string_view command);  // \sin \lim ...
const AccentInfo* find_accent(std::string_view command);           // \hat \overline ...
// Delimiter named by a command ("langle") or written as a character ("(" "|"), 0 if none; '.' -> ' '.
char32_t find_delimiter(std::string_view token);

// The class of a character typed directly ('+' Bin, '=' Rel, '(' Open, U+2264 Rel ...).
AtomClass class_of_char(char32_t c);
// The Mathematical Alphanumeric Symbols code point of c in an alphabet (A-Z a-z 0-9, Greek);
// unchanged when the alphabet has no such letter.
char32_t map_alphabet(char32_t c, Alphabet a);
// The negated relation (\not= -> U+2260), or 0 when Unicode has none.
char32_t negated(char32_t c);

}  // namespace veloce::math
