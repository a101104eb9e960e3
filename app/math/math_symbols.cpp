#include "app/math/math_symbols.h"

#include <algorithm>
#include <unordered_map>

namespace veloce::math {
namespace {

using C = AtomClass;

const std::unordered_map<std::string_view, SymbolInfo>& symbols() {
  static const std::unordered_map<std::string_view, SymbolInfo> t = {
      // Greek, lower case (italic by TeX convention: mapped to math italic at layout time)
      {"alpha", {0x3B1, C::Ord}},
      {"beta", {0x3B2, C::Ord}},
      {"gamma", {0x3B3, C::Ord}},
      {"delta", {0x3B4, C::Ord}},
      {"epsilon", {0x3F5, C::Ord}},
      {"varepsilon", {0x3B5, C::Ord}},
      {"zeta", {0x3B6, C::Ord}},
      {"eta", {0x3B7, C::Ord}},
      {"theta", {0x3B8, C::Ord}},
      {"vartheta", {0x3D1, C::Ord}},
      {"iota", {0x3B9, C::Ord}},
      {"kappa", {0x3BA, C::Ord}},
      {"lambda", {0x3BB, C::Ord}},
      {"mu", {0x3BC, C::Ord}},
      {"nu", {0x3BD, C::Ord}},
      {"xi", {0x3BE, C::Ord}},
      {"omicron", {0x3BF, C::Ord}},
      {"pi", {0x3C0, C::Ord}},
      {"varpi", {0x3D6, C::Ord}},
      {"rho", {0x3C1, C::Ord}},
      {"varrho", {0x3F1, C::Ord}},
      {"sigma", {0x3C3, C::Ord}},
      {"varsigma", {0x3C2, C::Ord}},
      {"tau", {0x3C4, C::Ord}},
      {"upsilon", {0x3C5, C::Ord}},
      {"phi", {0x3D5, C::Ord}},
      {"varphi", {0x3C6, C::Ord}},
      {"chi", {0x3C7, C::Ord}},
      {"psi", {0x3C8, C::Ord}},
      {"omega", {0x3C9, C::Ord}},
      {"varkappa", {0x3F0, C::Ord}},
      // Greek, upper case (upright)
      {"Gamma", {0x393, C::Ord}},
      {"Delta", {0x394, C::Ord}},
      {"Theta", {0x398, C::Ord}},
      {"Lambda", {0x39B, C::Ord}},
      {"Xi", {0x39E, C::Ord}},
      {"Pi", {0x3A0, C::Ord}},
      {"Sigma", {0x3A3, C::Ord}},
      {"Upsilon", {0x3A5, C::Ord}},
      {"Phi", {0x3A6, C::Ord}},
      {"Psi", {0x3A8, C::Ord}},
      {"Omega", {0x3A9, C::Ord}},
      // Ordinary symbols
      {"infty", {0x221E, C::Ord}},
      {"partial", {0x2202, C::Ord}},
      {"nabla", {0x2207, C::Ord}},
      {"forall", {0x2200, C::Ord}},
      {"exists", {0x2203, C::Ord}},
      {"nexists", {0x2204, C::Ord}},
      {"emptyset", {0x2205, C::Ord}},
      {"varnothing", {0x2205, C::Ord}},
      {"angle", {0x2220, C::Ord}},
      {"measuredangle", {0x2221, C::Ord}},
      {"triangle", {0x25B3, C::Ord}},
      {"hbar", {0x210F, C::Ord}},
      {"ell", {0x2113, C::Ord}},
      {"Re", {0x211C, C::Ord}},
      {"Im", {0x2111, C::Ord}},
      {"aleph", {0x2135, C::Ord}},
      {"neg", {0xAC, C::Ord}},
      {"lnot", {0xAC, C::Ord}},
      {"prime", {0x2032, C::Ord}},
      {"ldots", {0x2026, C::Inner}},
      {"dots", {0x2026, C::Inner}},
      {"cdots", {0x22EF, C::Inner}},
      {"dotsb", {0x22EF, C::Inner}},
      {"dotsc", {0x2026, C::Inner}},
      {"vdots", {0x22EE, C::Ord}},
      {"ddots", {0x22F1, C::Inner}},
      {"therefore", {0x2234, C::Rel}},
      {"because", {0x2235, C::Rel}},
      {"square", {0x25A1, C::Ord}},
      {"Box", {0x25A1, C::Ord}},
      {"blacksquare", {0x25A0, C::Ord}},
      {"qed", {0x220E, C::Ord}},
      {"checkmark", {0x2713, C::Ord}},
      {"top", {0x22A4, C::Ord}},
      {"bot", {0x22A5, C::Ord}},
      {"wp", {0x2118, C::Ord}},
      {"imath", {0x1D6A4, C::Ord}},
      {"jmath", {0x1D6A5, C::Ord}},
      {"flat", {0x266D, C::Ord}},
      {"sharp", {0x266F, C::Ord}},
      {"natural", {0x266E, C::Ord}},
      {"clubsuit", {0x2663, C::Ord}},
      {"diamondsuit", {0x2662, C::Ord}},
      {"heartsuit", {0x2661, C::Ord}},
      {"spadesuit", {0x2660, C::Ord}},
      {"backslash", {0x5C, C::Ord}},
      {"degree", {0xB0, C::Ord}},
      {"circ", {0x2218, C::Bin}},
      {"%", {0x25, C::Ord}},
      {"$", {0x24, C::Ord}},
      {"&", {0x26, C::Ord}},
      {"#", {0x23, C::Ord}},
      {"_", {0x5F, C::Ord}},
      {"{", {0x7B, C::Open}},
      {"}", {0x7D, C::Close}},
      {"|", {0x2016, C::Ord}},
      {"lbrace", {0x7B, C::Open}},
      {"rbrace", {0x7D, C::Close}},
      {"langle", {0x27E8, C::Open}},
      {"rangle", {0x27E9, C::Close}},
      {"lfloor", {0x230A, C::Open}},
      {"rfloor", {0x230B, C::Close}},
      {"lceil", {0x2308, C::Open}},
      {"rceil", {0x2309, C::Close}},
      {"lvert", {0x7C, C::Open}},
      {"rvert", {0x7C, C::Close}},
      {"lVert", {0x2016, C::Open}},
      {"rVert", {0x2016, C::Close}},
      {"vert", {0x7C, C::Ord}},
      {"Vert", {0x2016, C::Ord}},
      {"lbrack", {0x5B, C::Open}},
      {"rbrack", {0x5D, C::Close}},
      // Binary operators
      {"pm", {0xB1, C::Bin}},
      {"mp", {0x2213, C::Bin}},
      {"times", {0xD7, C::Bin}},
      {"div", {0xF7, C::Bin}},
      {"cdot", {0x22C5, C::Bin}},
      {"ast", {0x2217, C::Bin}},
      {"star", {0x22C6, C::Bin}},
      {"bullet", {0x2219, C::Bin}},
      {"cap", {0x2229, C::Bin}},
      {"cup", {0x222A, C::Bin}},
      {"wedge", {0x2227, C::Bin}},
      {"land", {0x2227, C::Bin}},
      {"vee", {0x2228, C::Bin}},
      {"lor", {0x2228, C::Bin}},
      {"setminus", {0x2216, C::Bin}},
      {"oplus", {0x2295, C::Bin}},
      {"ominus", {0x2296, C::Bin}},
      {"otimes", {0x2297, C::Bin}},
      {"oslash", {0x2298, C::Bin}},
      {"odot", {0x2299, C::Bin}},
      {"uplus", {0x228E, C::Bin}},
      {"sqcup", {0x2294, C::Bin}},
      {"sqcap", {0x2293, C::Bin}},
      {"triangleleft", {0x25C1, C::Bin}},
      {"triangleright", {0x25B7, C::Bin}},
      {"wr", {0x2240, C::Bin}},
      {"amalg", {0x2A3F, C::Bin}},
      {"dagger", {0x2020, C::Bin}},
      {"ddagger", {0x2021, C::Bin}},
      {"bmod", {0, C::Bin}},
      // Relations
      {"leq", {0x2264, C::Rel}},
      {"le", {0x2264, C::Rel}},
      {"geq", {0x2265, C::Rel}},
      {"ge", {0x2265, C::Rel}},
      {"leqslant", {0x2A7D, C::Rel}},
      {"geqslant", {0x2A7E, C::Rel}},
      {"neq", {0x2260, C::Rel}},
      {"ne", {0x2260, C::Rel}},
      {"equiv", {0x2261, C::Rel}},
      {"approx", {0x2248, C::Rel}},
      {"sim", {0x223C, C::Rel}},
      {"simeq", {0x2243, C::Rel}},
      {"cong", {0x2245, C::Rel}},
      {"propto", {0x221D, C::Rel}},
      {"subset", {0x2282, C::Rel}},
      {"supset", {0x2283, C::Rel}},
      {"subseteq", {0x2286, C::Rel}},
      {"supseteq", {0x2287, C::Rel}},
      {"subsetneq", {0x228A, C::Rel}},
      {"in", {0x2208, C::Rel}},
      {"ni", {0x220B, C::Rel}},
      {"notin", {0x2209, C::Rel}},
      {"perp", {0x22A5, C::Rel}},
      {"parallel", {0x2225, C::Rel}},
      {"mid", {0x2223, C::Rel}},
      {"nmid", {0x2224, C::Rel}},
      {"ll", {0x226A, C::Rel}},
      {"gg", {0x226B, C::Rel}},
      {"prec", {0x227A, C::Rel}},
      {"succ", {0x227B, C::Rel}},
      {"preceq", {0x2AAF, C::Rel}},
      {"succeq", {0x2AB0, C::Rel}},
      {"to", {0x2192, C::Rel}},
      {"rightarrow", {0x2192, C::Rel}},
      {"leftarrow", {0x2190, C::Rel}},
      {"gets", {0x2190, C::Rel}},
      {"Rightarrow", {0x21D2, C::Rel}},
      {"Leftarrow", {0x21D0, C::Rel}},
      {"Leftrightarrow", {0x21D4, C::Rel}},
      {"leftrightarrow", {0x2194, C::Rel}},
      {"implies", {0x27F9, C::Rel}},
      {"impliedby", {0x27F8, C::Rel}},
      {"iff", {0x27FA, C::Rel}},
      {"mapsto", {0x21A6, C::Rel}},
      {"longrightarrow", {0x27F6, C::Rel}},
      {"longleftarrow", {0x27F5, C::Rel}},
      {"Longrightarrow", {0x27F9, C::Rel}},
      {"Longleftarrow", {0x27F8, C::Rel}},
      {"longleftrightarrow", {0x27F7, C::Rel}},
      {"Longleftrightarrow", {0x27FA, C::Rel}},
      {"longmapsto", {0x27FC, C::Rel}},
      {"uparrow", {0x2191, C::Rel}},
      {"downarrow", {0x2193, C::Rel}},
      {"updownarrow", {0x2195, C::Rel}},
      {"Uparrow", {0x21D1, C::Rel}},
      {"Downarrow", {0x21D3, C::Rel}},
      {"nearrow", {0x2197, C::Rel}},
      {"searrow", {0x2198, C::Rel}},
      {"nwarrow", {0x2196, C::Rel}},
      {"swarrow", {0x2199, C::Rel}},
      {"hookrightarrow", {0x21AA, C::Rel}},
      {"hookleftarrow", {0x21A9, C::Rel}},
      {"rightleftharpoons", {0x21CC, C::Rel}},
      {"models", {0x22A8, C::Rel}},
      {"vdash", {0x22A2, C::Rel}},
      {"dashv", {0x22A3, C::Rel}},
      {"asymp", {0x224D, C::Rel}},
      {"doteq", {0x2250, C::Rel}},
      {"lesssim", {0x2272, C::Rel}},
      {"gtrsim", {0x2273, C::Rel}},
      {"nleq", {0x2270, C::Rel}},
      {"ngeq", {0x2271, C::Rel}},
      {"nless", {0x226E, C::Rel}},
      {"ngtr", {0x226F, C::Rel}},
      {"nsim", {0x2241, C::Rel}},
      {"ncong", {0x2247, C::Rel}},
      {"nsubseteq", {0x2288, C::Rel}},
      {"smile", {0x2323, C::Rel}},
      {"frown", {0x2322, C::Rel}},
      {"coloneqq", {0x2254, C::Rel}},
      {"triangleq", {0x225C, C::Rel}},
      {"sqsubseteq", {0x2291, C::Rel}},
      {"sqsupseteq", {0x2292, C::Rel}},
      {"supsetneq", {0x228B, C::Rel}},
      {"bowtie", {0x22C8, C::Rel}},
      {"Join", {0x22C8, C::Rel}},
      {"lt", {'<', C::Rel}},
      {"gt", {'>', C::Rel}},
      {"hdots", {0x2026, C::Inner}},
      {"dotsm", {0x22EF, C::Inner}},
      {"dotsi", {0x22EF, C::Inner}},
      {"complement", {0x2201, C::Ord}},
      // Punctuation
      {"colon", {0x3A, C::Punct}},
  };
  return t;
}

const std::unordered_map<std::string_view, BigOpInfo>& big_operators() {
  static const std::unordered_map<std::string_view, BigOpInfo> t = {
      {"sum", {0x2211, true}},      {"prod", {0x220F, true}},   {"coprod", {0x2210, true}},   {"int", {0x222B, false}},
      {"iint", {0x222C, false}},    {"iiint", {0x222D, false}}, {"oint", {0x222E, false}},    {"oiint", {0x222F, false}},
      {"bigcup", {0x22C3, true}},   {"bigcap", {0x22C2, true}}, {"bigoplus", {0x2A01, true}}, {"bigotimes", {0x2A02, true}},
      {"bigodot", {0x2A00, true}},  {"bigvee", {0x22C1, true}}, {"bigwedge", {0x22C0, true}}, {"biguplus", {0x2A04, true}},
      {"bigsqcup", {0x2A06, true}},
  };
  return t;
}

const std::unordered_map<std::string_view, NamedOpInfo>& named_operators() {
  static const std::unordered_map<std::string_view, NamedOpInfo> t = {
      {"lim", {"lim", true}},        {"liminf", {"lim inf", true}}, {"limsup", {"lim sup", true}},
      {"max", {"max", true}},        {"min", {"min", true}},        {"sup", {"sup", true}},
      {"inf", {"inf", true}},        {"det", {"det", true}},        {"gcd", {"gcd", true}},
      {"Pr", {"Pr", true}},          {"argmax", {"arg max", true}}, {"argmin", {"arg min", true}},
      {"sin", {"sin", false}},       {"cos", {"cos", false}},       {"tan", {"tan", false}},
      {"cot", {"cot", false}},       {"sec", {"sec", false}},       {"csc", {"csc", false}},
      {"arcsin", {"arcsin", false}}, {"arccos", {"arccos", false}}, {"arctan", {"arctan", false}},
      {"sinh", {"sinh", false}},     {"cosh", {"cosh", false}},     {"tanh", {"tanh", false}},
      {"coth", {"coth", false}},     {"log", {"log", false}},       {"ln", {"ln", false}},
      {"lg", {"lg", false}},         {"exp", {"exp", false}},       {"deg", {"deg", false}},
      {"dim", {"dim", false}},       {"ker", {"ker", false}},       {"hom", {"hom", false}},
      {"arg", {"arg", false}},       {"lcm", {"lcm", false}},       {"mod", {"mod", false}},
  };
  return t;
}

const std::unordered_map<std::string_view, AccentInfo>& accents() {
  static const std::unordered_map<std::string_view, AccentInfo> t = {
      {"hat", {0x302, AccentKind::Top}},
      {"check", {0x30C, AccentKind::Top}},
      {"tilde", {0x303, AccentKind::Top}},
      {"acute", {0x301, AccentKind::Top}},
      {"grave", {0x300, AccentKind::Top}},
      {"dot", {0x307, AccentKind::Top}},
      {"ddot", {0x308, AccentKind::Top}},
      {"dddot", {0x20DB, AccentKind::Top}},
      {"breve", {0x306, AccentKind::Top}},
      {"bar", {0x304, AccentKind::Top}},
      {"vec", {0x20D7, AccentKind::Top}},
      {"mathring", {0x30A, AccentKind::Top}},
      {"widehat", {0x302, AccentKind::WideTop}},
      {"widetilde", {0x303, AccentKind::WideTop}},
      {"widecheck", {0x30C, AccentKind::WideTop}},
      {"overrightarrow", {0x20D7, AccentKind::WideTop}},
      {"overleftarrow", {0x20D6, AccentKind::WideTop}},
      {"overline", {0, AccentKind::Overline}},
      {"underline", {0, AccentKind::Underline}},
      {"overbrace", {0x23DE, AccentKind::OverBrace}},
      {"underbrace", {0x23DF, AccentKind::UnderBrace}},
  };
  return t;
}

}  // namespace

const SymbolInfo* find_symbol(std::string_view command) {
  auto it = symbols().find(command);
  return it == symbols().end() ? nullptr : &it->second;
}
const BigOpInfo* find_big_operator(std::string_view command) {
  auto it = big_operators().find(command);
  return it == big_operators().end() ? nullptr : &it->second;
}
const NamedOpInfo* find_named_operator(std::string_view command) {
  auto it = named_operators().find(command);
  return it == named_operators().end() ? nullptr : &it->second;
}
const AccentInfo* find_accent(std::string_view command) {
  auto it = accents().find(command);
  return it == accents().end() ? nullptr : &it->second;
}

char32_t find_delimiter(std::string_view t) {
  if (t == ".") return ' ';
  if (t.size() == 1 && std::string_view("()[]|/<>").find(t[0]) != std::string_view::npos) {
    if (t[0] == '<') return 0x27E8;
    if (t[0] == '>') return 0x27E9;
    return static_cast<char32_t>(t[0]);
  }
  if (t == "{" || t == "lbrace") return '{';
  if (t == "}" || t == "rbrace") return '}';
  if (t == "|" || t == "Vert" || t == "lVert" || t == "rVert") return 0x2016;
  if (t == "vert" || t == "lvert" || t == "rvert" || t == "mid") return '|';
  if (t == "backslash") return '\\';
  static const std::unordered_map<std::string_view, char32_t> named = {
      {"langle", 0x27E8},  {"rangle", 0x27E9},    {"lfloor", 0x230A},     {"rfloor", 0x230B},  {"lceil", 0x2308},
      {"rceil", 0x2309},   {"lbrack", '['},       {"rbrack", ']'},        {"uparrow", 0x2191}, {"downarrow", 0x2193},
      {"Uparrow", 0x21D1}, {"Downarrow", 0x21D3}, {"updownarrow", 0x2195}};
  auto it = named.find(t);
  return it == named.end() ? 0 : it->second;
}

AtomClass class_of_char(char32_t c) {
  switch (c) {
    case '+':
    case '-':
    case '*':
    case 0x2212:
    case 0xB1:
    case 0xD7:
    case 0xF7:
    case 0x22C5:
    case 0x2218: return C::Bin;
    case '=':
    case '<':
    case '>':
    case ':':
    case 0x2264:
    case 0x2265:
    case 0x2260:
    case 0x2261:
    case 0x2248:
    case 0x2192:
    case 0x21D2:
    case 0x2208:
    case 0x223C:
    case 0x2245: return C::Rel;
    case '(':
    case '[':
    case 0x27E8: return C::Open;
    case ')':
    case ']':
    case 0x27E9:
    case '!':
    case '?': return C::Close;
    case ',':
    case ';': return C::Punct;
    default: break;
  }
  for (const auto& [name, info] : symbols())
    if (info.cp == c && c >= 0x80) return info.cls;
  return C::Ord;
}

char32_t map_alphabet(char32_t c, Alphabet a) {
  const bool upper = c >= 'A' && c <= 'Z', lower = c >= 'a' && c <= 'z', digit = c >= '0' && c <= '9';
  const bool greek_lower = c >= 0x3B1 && c <= 0x3C9, greek_upper = c >= 0x391 && c <= 0x3A9;
  // Mathematical Alphanumeric Symbols leave holes where a letter already existed (Letterlike Symbols).
  auto with_holes = [&](char32_t base_upper, char32_t base_lower,
                        std::initializer_list<std::pair<char, char32_t>> holes) -> char32_t {
    for (auto [ch, cp] : holes)
      if (static_cast<char32_t>(ch) == c) return cp;
    if (upper) return base_upper + (c - 'A');
    if (lower) return base_lower + (c - 'a');
    return c;
  };
  // TeX's variant Greek letters have their own italic and bold italic code points.
  auto greek_variant = [&](char32_t italic_base) -> char32_t {
    switch (c) {
      case 0x3F5: return italic_base + 0x1A;   // lunate epsilon
      case 0x3D1: return italic_base + 0x1B;   // vartheta
      case 0x3F0: return italic_base + 0x1C;   // varkappa
      case 0x3D5: return italic_base + 0x1D;   // phi
      case 0x3F1: return italic_base + 0x1E;   // varrho
      case 0x3D6: return italic_base + 0x1F;   // varpi
      case 0x2202: return italic_base + 0x19;  // partial
      default: return 0;
    }
  };
  switch (a) {
    case Alphabet::Upright: return c;
    case Alphabet::Italic:
      if (c == 'h') return 0x210E;
      if (upper) return 0x1D434 + (c - 'A');
      if (lower) return 0x1D44E + (c - 'a');
      if (greek_lower) return 0x1D6FC + (c - 0x3B1);
      if (char32_t v = greek_variant(0x1D6FC)) return v;  // \partial too: italic in TeX
      return c;
    case Alphabet::Bold:
      if (upper) return 0x1D400 + (c - 'A');
      if (lower) return 0x1D41A + (c - 'a');
      if (digit) return 0x1D7CE + (c - '0');
      if (greek_upper) return 0x1D6A8 + (c - 0x391);
      if (greek_lower) return 0x1D6C2 + (c - 0x3B1);
      return c;
    case Alphabet::BoldItalic:
      if (upper) return 0x1D468 + (c - 'A');
      if (lower) return 0x1D482 + (c - 'a');
      if (digit) return 0x1D7CE + (c - '0');
      if (greek_upper) return 0x1D71C + (c - 0x391);
      if (greek_lower) return 0x1D736 + (c - 0x3B1);
      if (char32_t v = greek_variant(0x1D736)) return v;
      return c;
    case Alphabet::Blackboard:
      if (digit) return 0x1D7D8 + (c - '0');
      return with_holes(
          0x1D538, 0x1D552,
          {{'C', 0x2102}, {'H', 0x210D}, {'N', 0x2115}, {'P', 0x2119}, {'Q', 0x211A}, {'R', 0x211D}, {'Z', 0x2124}});
    case Alphabet::Script:
      return with_holes(0x1D49C, 0x1D4B6,
                        {{'B', 0x212C},
                         {'E', 0x2130},
                         {'F', 0x2131},
                         {'H', 0x210B},
                         {'I', 0x2110},
                         {'L', 0x2112},
                         {'M', 0x2133},
                         {'R', 0x211B},
                         {'e', 0x212F},
                         {'g', 0x210A},
                         {'o', 0x2134}});
    case Alphabet::Fraktur:
      return with_holes(0x1D504, 0x1D51E, {{'C', 0x212D}, {'H', 0x210C}, {'I', 0x2111}, {'R', 0x211C}, {'Z', 0x2128}});
    case Alphabet::SansSerif:
      if (digit) return 0x1D7E2 + (c - '0');
      return with_holes(0x1D5A0, 0x1D5BA, {});
    case Alphabet::Monospace:
      if (digit) return 0x1D7F6 + (c - '0');
      return with_holes(0x1D670, 0x1D68A, {});
  }
  return c;
}

char32_t negated(char32_t c) {
  switch (c) {
    case '=': return 0x2260;
    case '<': return 0x226E;
    case '>': return 0x226F;
    case 0x2208: return 0x2209;  // in
    case 0x2261: return 0x2262;  // equiv
    case 0x2264: return 0x2270;
    case 0x2265: return 0x2271;
    case 0x223C: return 0x2241;
    case 0x2245: return 0x2247;
    case 0x2248: return 0x2249;
    case 0x2282: return 0x2284;
    case 0x2283: return 0x2285;
    case 0x2286: return 0x2288;
    case 0x2287: return 0x2289;
    case 0x2223: return 0x2224;
    case 0x2225: return 0x2226;
    case 0x220B: return 0x220C;
    default: return 0;
  }
}

}  // namespace veloce::math
