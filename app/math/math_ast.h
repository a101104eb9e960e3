#pragma once
// The parsed formula: a tree of TeX math atoms (The TeXbook, chapter 17), kept close to what the
// source said so that both the box layout and the MathML writer can walk it.
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace veloce::math {

// TeX's atom classes; they decide the spacing between neighbours (TeXbook chapter 18).
enum class AtomClass : uint8_t { Ord, Op, Bin, Rel, Open, Close, Punct, Inner };

struct Node;
using MathList = std::vector<Node>;

enum class NodeKind : uint8_t {
  Symbol,       // one character (already mapped to its math code point)
  Group,        // {...}: an Ord atom holding a list
  Fraction,     // \frac \dfrac \tfrac \binom ...
  Radical,      // \sqrt[index]{body}
  LeftRight,    // \left d1 ... \right d2
  BigDelim,     // \big( \Bigl[ ...
  Accent,       // \hat \vec \widehat \overline \underline \overbrace \underbrace
  Space,        // \, \quad ... in mu (1/18 em)
  Text,         // \text{...}: upright characters, spaces kept
  Operator,     // \sum (symbol) or \lim \sin \operatorname{...} (name)
  Boxed,        // \boxed{...}
  Cancel,       // \cancel \bcancel \xcancel
  Not,          // \not X where no negated character exists: X with a slash over it
  Array,        // matrix, cases, aligned, array ...
  StyleChange,  // \displaystyle \textstyle \scriptstyle \scriptscriptstyle
  Stack,        // \overset \underset \stackrel
};

enum class FracKind : uint8_t { Auto, Display, Text };  // \frac, \dfrac, \tfrac (and binoms)
enum class AccentKind : uint8_t { Top, WideTop, Overline, Underline, OverBrace, UnderBrace };
enum class LimitsMode : uint8_t { Default, Limits, NoLimits };

struct Node {
  NodeKind kind = NodeKind::Symbol;
  AtomClass cls = AtomClass::Ord;
  uint32_t source_pos = 0;    // byte offset in the TeX source, for errors and MathML
  char32_t cp = 0;            // Symbol, Accent character, delimiters (LeftRight: left), BigDelim
  char32_t cp2 = 0;           // LeftRight: right delimiter; Fraction: right delimiter of a binom
  char32_t cp_open = 0;       // Fraction: left delimiter of a binom (0: none)
  bool rule = true;           // Fraction: draw the bar (false for \binom)
  bool upright_text = false;  // Symbol came from \mathrm/\text-like source (MathML: mi mathvariant)
  FracKind frac = FracKind::Auto;
  AccentKind accent = AccentKind::Top;
  LimitsMode limits = LimitsMode::Default;
  bool limits_in_display = false;           // Operator: \sum \lim ... put scripts above/below in display
  int8_t style = 0;                         // StyleChange: 0 D, 1 T, 2 S, 3 SS; BigDelim: size 1..4
  uint8_t cancel = 0;                       // Cancel: 1 /, 2 \, 3 X
  float mu = 0;                             // Space
  std::string text;                         // Text content (UTF-8), Operator name, Array environment name, command
  std::string columns;                      // Array: alignment letters, one per column ('l' 'c' 'r')
  std::vector<bool> column_rules;           // Array: a vertical rule before column i ("{cc|c}"); size columns+1
  std::unique_ptr<MathList> body, body2;    // main list(s): Fraction num/den, Radical body/index
  std::unique_ptr<MathList> sub, sup;       // scripts
  std::vector<std::vector<MathList>> rows;  // Array cells
};

struct Formula {
  MathList list;
  std::string tag;  // \tag{...}, shown at the right in display style
  bool has_tag = false;
};

}  // namespace veloce::math
