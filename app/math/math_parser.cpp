#include "app/math/math_parser.h"

#include <cmath>
#include <cstdlib>
#include <optional>
#include <string>

#include "app/math/math_symbols.h"

namespace veloce::math {
namespace {

// Nesting beyond this is no formula a person writes: refuse it rather than overflow the stack. It
// bounds every construct (braces, arguments with or without braces, scripts, \left, environments,
// \sqrt's index, \not), because all of them recurse through parse_atom(), the one place it is counted;
// the layout and the MathML writer then recurse no deeper than the tree the parser built.
constexpr int kMaxDepth = 120;

bool is_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// Stops a list at: end of input, '}', '&', "\\", \right, \end, \middle.
enum class Stop { End, Brace, Ampersand, NewRow, Right, EndEnv, Middle };

class Parser {
 public:
  explicit Parser(std::string_view s) : s_(s) {}

  Formula parse() {
    Formula f;
    std::vector<std::vector<MathList>> rows(1);
    bool table = false;
    for (;;) {
      MathList cell = parse_list(&stop_);
      rows.back().push_back(std::move(cell));
      if (stop_ == Stop::End) break;
      if (stop_ == Stop::Brace) fail("unmatched }", pos_ - 1);
      if (stop_ == Stop::Right) fail("\\right without \\left", last_cmd_pos_);
      if (stop_ == Stop::Middle) fail("\\middle without \\left", last_cmd_pos_);
      if (stop_ == Stop::EndEnv) fail("\\end without \\begin", last_cmd_pos_);
      table = true;
      if (stop_ == Stop::NewRow) rows.emplace_back();
    }
    if (!table) {
      f.list = std::move(rows[0][0]);
    } else {
      // "a \\ b" or "a &= b \\ ..." outside an environment: read it as aligned (or gathered) lines.
      drop_empty_last_row(rows);
      Node n = make(NodeKind::Array, 0);
      size_t cols = 0;
      for (auto& r : rows) cols = std::max(cols, r.size());
      n.text = cols > 1 ? "aligned" : "gathered";
      n.columns = cols > 1 ? alternating(cols) : "c";
      n.rows = std::move(rows);
      f.list.push_back(std::move(n));
    }
    f.tag = tag_;
    f.has_tag = has_tag_;
    return f;
  }

 private:
  std::string_view s_;
  size_t pos_ = 0;
  int depth_ = 0;
  Stop stop_ = Stop::End;
  size_t last_cmd_pos_ = 0;
  Alphabet alphabet_ = Alphabet::Italic;
  bool bold_symbol_ = false;
  std::string tag_;
  bool has_tag_ = false;

  [[noreturn]] void fail(const std::string& msg, size_t at) { throw MathError(msg, at); }

  static Node make(NodeKind k, size_t at) {
    Node n;
    n.kind = k;
    n.source_pos = static_cast<uint32_t>(at);
    return n;
  }
  static std::string alternating(size_t cols) {
    std::string c;
    for (size_t i = 0; i < cols; ++i) c += (i % 2 == 0) ? 'r' : 'l';
    return c;
  }
  static void drop_empty_last_row(std::vector<std::vector<MathList>>& rows) {
    if (rows.size() > 1 && rows.back().size() == 1 && rows.back()[0].empty()) rows.pop_back();
  }

  void skip_space() {
    while (pos_ < s_.size() && (s_[pos_] == ' ' || s_[pos_] == '\t' || s_[pos_] == '\n' || s_[pos_] == '\r')) ++pos_;
  }

  // One UTF-8 character; a malformed byte is an error at its offset.
  char32_t next_utf8() {
    const auto b = static_cast<unsigned char>(s_[pos_]);
    int len = b < 0x80 ? 1 : (b >> 5) == 6 ? 2 : (b >> 4) == 14 ? 3 : (b >> 3) == 30 ? 4 : 0;
    if (len == 0 || pos_ + static_cast<size_t>(len) > s_.size()) fail("invalid UTF-8", pos_);
    char32_t c = len == 1 ? b : (b & (0x7F >> len));
    for (int i = 1; i < len; ++i) {
      const auto cb = static_cast<unsigned char>(s_[pos_ + static_cast<size_t>(i)]);
      if ((cb >> 6) != 2) fail("invalid UTF-8", pos_);
      c = (c << 6) | (cb & 0x3F);
    }
    pos_ += static_cast<size_t>(len);
    return c;
  }

  // After a backslash: a run of letters, or one character.
  std::string_view read_command_name() {
    const size_t start = pos_;
    if (pos_ >= s_.size()) fail("a lone \\ at the end", start - 1);
    if (is_letter(s_[pos_])) {
      while (pos_ < s_.size() && is_letter(s_[pos_])) ++pos_;
    } else {
      ++pos_;
    }
    return s_.substr(start, pos_ - start);
  }

  // The raw text of a {...} argument, braces balanced (for \text, \operatorname, \begin, \tag).
  std::string read_raw_group(const char* what) {
    skip_space();
    if (pos_ >= s_.size() || s_[pos_] != '{') {
      // A single-character argument: \text x.
      if (pos_ < s_.size() && s_[pos_] != '}' && s_[pos_] != '\\') return std::string(1, s_[pos_++]);
      fail(std::string(what) + " needs an argument in braces", pos_);
    }
    const size_t start = ++pos_;
    int depth = 1;
    while (pos_ < s_.size()) {
      if (s_[pos_] == '\\') {
        pos_ += 2;
        continue;
      }
      if (s_[pos_] == '{') ++depth;
      if (s_[pos_] == '}' && --depth == 0) break;
      ++pos_;
    }
    if (pos_ >= s_.size()) fail(std::string(what) + ": missing }", start - 1);
    return std::string(s_.substr(start, pos_++ - start));
  }

  std::optional<std::string> read_optional_bracket() {
    skip_space();
    if (pos_ >= s_.size() || s_[pos_] != '[') return std::nullopt;
    const size_t start = ++pos_;
    int depth = 0;
    while (pos_ < s_.size() && !(s_[pos_] == ']' && depth == 0)) {
      if (s_[pos_] == '{') ++depth;
      if (s_[pos_] == '}') --depth;
      ++pos_;
    }
    if (pos_ >= s_.size()) fail("missing ]", start - 1);
    return std::string(s_.substr(start, pos_++ - start));
  }

  // A {...} group or a single atom, for \frac12 and x^2.
  MathList read_arg(const char* what) {
    skip_space();
    if (pos_ >= s_.size()) fail(std::string(what) + " needs an argument", pos_);
    if (s_[pos_] == '{') {
      const size_t open = pos_++;
      Stop st;
      MathList l = parse_list(&st);
      if (st != Stop::Brace) fail(std::string(what) + ": missing }", open);
      return l;
    }
    if (s_[pos_] == '}' || s_[pos_] == '&' || s_[pos_] == '^' || s_[pos_] == '_')
      fail(std::string(what) + " needs an argument", pos_);
    MathList l;
    Stop st = Stop::End;
    if (!parse_atom(l, &st) || st != Stop::End) fail(std::string(what) + " needs an argument", pos_);
    return l;
  }

  MathList read_arg_with(Alphabet a, bool bold, const char* what) {
    const Alphabet saved = alphabet_;
    const bool saved_bold = bold_symbol_;
    alphabet_ = a;
    bold_symbol_ = bold;
    MathList l = read_arg(what);
    alphabet_ = saved;
    bold_symbol_ = saved_bold;
    return l;
  }

  MathList parse_list(Stop* stop) {
    MathList list;
    *stop = Stop::End;
    while (parse_atom(list, stop)) {
    }
    return list;
  }

  Node symbol(char32_t cp, AtomClass cls, size_t at) {
    Node n = make(NodeKind::Symbol, at);
    n.cls = cls;
    const bool greek_lower = (cp >= 0x3B1 && cp <= 0x3C9) || cp == 0x3F5 || cp == 0x3D1 || cp == 0x3F0 || cp == 0x3D5 ||
                             cp == 0x3F1 || cp == 0x3D6 || cp == 0x2202;
    const bool latin = cp < 0x80 && is_letter(static_cast<char>(cp));
    const bool digit = cp >= '0' && cp <= '9';
    const bool greek_upper = cp >= 0x391 && cp <= 0x3A9;
    if (bold_symbol_) {
      n.cp = map_alphabet(cp, (digit || greek_upper) ? Alphabet::Bold : Alphabet::BoldItalic);
    } else if (latin || (greek_lower && alphabet_ != Alphabet::Blackboard) ||
               ((digit || greek_upper) && alphabet_ != Alphabet::Italic)) {
      n.cp = map_alphabet(cp, alphabet_);
      n.upright_text = alphabet_ == Alphabet::Upright;
    } else {
      n.cp = cp;
    }
    return n;
  }

  // Attaches ^ or _ to the last atom of the list (an empty Ord when there is none).
  void attach_script(MathList& list, bool sup, size_t at) {
    if (list.empty() || list.back().kind == NodeKind::Space || list.back().kind == NodeKind::StyleChange) {
      Node g = make(NodeKind::Group, at);
      g.body = std::make_unique<MathList>();
      list.push_back(std::move(g));
    }
    Node& base = list.back();
    auto& slot = sup ? base.sup : base.sub;
    if (slot && !(sup && prime_only_)) fail(sup ? "double superscript" : "double subscript", at);
    MathList arg = read_arg(sup ? "^" : "_");
    if (slot) {  // x'^2: the prime and the superscript share one superscript
      for (auto& n : arg) slot->push_back(std::move(n));
    } else {
      slot = std::make_unique<MathList>(std::move(arg));
    }
    prime_only_ = false;
  }
  bool prime_only_ = false;

  // Parses one atom (or script, or command) onto the list. False at a stop token (stored in *stop).
  // Every recursion of the parser passes through here, so this is where nesting is bounded.
  bool parse_atom(MathList& list, Stop* stop) {
    if (depth_ >= kMaxDepth) fail("formula nested too deeply (more than " + std::to_string(kMaxDepth) + " levels)", pos_);
    ++depth_;
    // A MathError leaves the parser for good, so only the normal return needs to restore the depth.
    const bool more = parse_one(list, stop);
    --depth_;
    return more;
  }

  bool parse_one(MathList& list, Stop* stop) {
    skip_space();
    if (pos_ >= s_.size()) {
      *stop = Stop::End;
      return false;
    }
    const size_t at = pos_;
    const char c = s_[pos_];
    switch (c) {
      case '}':
        ++pos_;
        *stop = Stop::Brace;
        return false;
      case '&':
        ++pos_;
        *stop = Stop::Ampersand;
        return false;
      case '{': {
        ++pos_;
        Stop st;
        Node g = make(NodeKind::Group, at);
        const Alphabet saved = alphabet_;  // {\rm d}: a switch lasts to the end of its group
        const bool saved_bold = bold_symbol_;
        g.body = std::make_unique<MathList>(parse_list(&st));
        alphabet_ = saved;
        bold_symbol_ = saved_bold;
        if (st != Stop::Brace) fail("missing }", at);
        list.push_back(std::move(g));
        prime_only_ = false;
        return true;
      }
      case '^':
      case '_':
        ++pos_;
        attach_script(list, c == '^', at);
        return true;
      case '\'': {
        int n = 0;
        while (pos_ < s_.size() && s_[pos_] == '\'') ++pos_, ++n;
        if (list.empty()) list.push_back(symbol(0x2032, AtomClass::Ord, at));
        else {
          Node& base = list.back();
          if (base.sup) fail("double superscript", at);
          base.sup = std::make_unique<MathList>();
          const char32_t primes[] = {0x2032, 0x2033, 0x2034};
          base.sup->push_back(symbol(primes[std::min(n, 3) - 1], AtomClass::Ord, at));
          for (int k = 3; k < n; ++k) base.sup->push_back(symbol(0x2032, AtomClass::Ord, at));
          prime_only_ = true;
        }
        return true;
      }
      case '~': {
        ++pos_;
        Node sp = make(NodeKind::Space, at);
        sp.text = " ";
        list.push_back(std::move(sp));
        return true;
      }
      case '$': fail("$ inside math", at);
      case '#': fail("# is not allowed in math", at);
      case '\\': {
        ++pos_;
        last_cmd_pos_ = at;
        const std::string_view name = read_command_name();
        prime_only_ = false;
        return command(name, at, list, stop);
      }
      default: break;
    }
    const char32_t cp = next_utf8();
    prime_only_ = false;
    if (cp < 0x20 || cp == 0x7F) fail("control character in math", at);
    char32_t shown = cp;
    if (cp == '-') shown = 0x2212;  // a hyphen in math is the minus sign
    if (cp == '*') shown = 0x2217;
    list.push_back(symbol(shown, class_of_char(cp), at));
    return true;
  }

  void push_space(MathList& list, float mu, size_t at) {
    Node sp = make(NodeKind::Space, at);
    sp.mu = mu;
    list.push_back(std::move(sp));
  }

  float parse_dimension(const std::string& d, size_t at) {
    char* end = nullptr;
    const float v = std::strtof(d.c_str(), &end);
    std::string unit(end);
    while (!unit.empty() && unit.front() == ' ') unit.erase(unit.begin());
    while (!unit.empty() && unit.back() == ' ') unit.pop_back();
    if (!std::isfinite(v) || std::fabs(v) > 100) fail("bad dimension: " + d, at);
    // TeX's units at a 10 pt font: 1 em = 18 mu = 10 pt.
    if (unit == "em") return v * 18;
    if (unit == "mu") return v;
    if (unit == "pt") return v * 1.8f;
    if (unit == "ex") return v * 18 * 0.43f;
    fail("unsupported unit in " + d, at);
  }

  bool command(std::string_view name, size_t at, MathList& list, Stop* stop) {
    if (name == "\\") {
      (void)read_optional_bracket();  // \\[4pt]: extra row space, ignored
      *stop = Stop::NewRow;
      return false;
    }
    if (name == "cr") {
      *stop = Stop::NewRow;
      return false;
    }
    if (name == "right") {
      *stop = Stop::Right;
      return false;
    }
    if (name == "middle") {
      *stop = Stop::Middle;
      return false;
    }
    if (name == "end") {
      *stop = Stop::EndEnv;
      return false;
    }
    if (name == "," || name == "thinspace") {
      push_space(list, 3, at);
      return true;
    }
    if (name == ":" || name == ">" || name == "medspace") {
      push_space(list, 4, at);
      return true;
    }
    if (name == ";" || name == "thickspace") {
      push_space(list, 5, at);
      return true;
    }
    if (name == "!" || name == "negthinspace") {
      push_space(list, -3, at);
      return true;
    }
    if (name == "quad") {
      push_space(list, 18, at);
      return true;
    }
    if (name == "qquad") {
      push_space(list, 36, at);
      return true;
    }
    if (name == "enspace") {
      push_space(list, 9, at);
      return true;
    }
    if (name == " " || name == "\n" || name == "\t") {
      Node sp = make(NodeKind::Space, at);
      sp.text = " ";
      list.push_back(std::move(sp));
      return true;
    }
    if (name == "hspace" || name == "mspace" || name == "kern" || name == "mkern" || name == "hskip") {
      skip_space();
      if (pos_ < s_.size() && s_[pos_] == '*') ++pos_;
      push_space(list, parse_dimension(read_raw_group("\\hspace"), at), at);
      return true;
    }
    if (const SymbolInfo* sym = find_symbol(name); sym && name != "bmod") {
      list.push_back(symbol(sym->cp, sym->cls, at));
      return true;
    }
    if (const BigOpInfo* op = find_big_operator(name)) {
      Node n = make(NodeKind::Operator, at);
      n.cls = AtomClass::Op;
      n.cp = op->cp;
      n.limits_in_display = op->limits;
      n.text = std::string(name);
      list.push_back(std::move(n));
      return true;
    }
    if (const NamedOpInfo* op = find_named_operator(name)) {
      Node n = make(NodeKind::Operator, at);
      n.cls = AtomClass::Op;
      n.text = std::string(op->name);
      n.limits_in_display = op->limits;
      list.push_back(std::move(n));
      return true;
    }
    if (name == "operatorname" || name == "operatornamewithlimits") {
      bool star = pos_ < s_.size() && s_[pos_] == '*';
      if (star) ++pos_;
      std::string raw = read_raw_group("\\operatorname"), text;
      for (size_t i = 0; i < raw.size(); ++i) {
        if (raw[i] == '\\' && i + 1 < raw.size() && !is_letter(raw[i + 1])) {
          const char e = raw[++i];
          text += (e == ',' || e == ';' || e == ':' || e == '!' || e == ' ') ? ' ' : e;  // arg\,min
          continue;
        }
        if (raw[i] != '\\' && raw[i] != '{' && raw[i] != '}') text += raw[i];
      }
      Node n = make(NodeKind::Operator, at);
      n.cls = AtomClass::Op;
      n.text = text;
      n.limits_in_display = star || name == "operatornamewithlimits";
      list.push_back(std::move(n));
      return true;
    }
    if (name == "limits" || name == "nolimits") {
      if (list.empty() || list.back().kind != NodeKind::Operator)
        fail("\\" + std::string(name) + " must follow an operator", at);
      list.back().limits = name == "limits" ? LimitsMode::Limits : LimitsMode::NoLimits;
      return true;
    }
    if (name == "bmod" || name == "pmod" || name == "mod" || name == "pod") {
      Node mod = make(NodeKind::Operator, at);
      mod.text = "mod";
      if (name == "bmod") {
        mod.cls = AtomClass::Bin;
        list.push_back(std::move(mod));
        return true;
      }
      mod.cls = AtomClass::Ord;
      {
        // amsmath: 18 mu before "(mod" in display style, 8 mu (12 for \mod) in the others.
        Node sp = make(NodeKind::Space, at);
        sp.mu = 18;
        sp.text = name == "mod" ? "mod" : "pmod";
        list.push_back(std::move(sp));
      }
      MathList arg = read_arg("\\pmod");
      if (name != "mod") list.push_back(symbol('(', AtomClass::Open, at));
      if (name != "pod") {
        list.push_back(std::move(mod));
        push_space(list, 6, at);
      }
      Node g = make(NodeKind::Group, at);
      g.body = std::make_unique<MathList>(std::move(arg));
      list.push_back(std::move(g));
      if (name != "mod") list.push_back(symbol(')', AtomClass::Close, at));
      return true;
    }
    if (name == "frac" || name == "dfrac" || name == "tfrac" || name == "cfrac" || name == "binom" || name == "dbinom" ||
        name == "tbinom") {
      Node n = make(NodeKind::Fraction, at);
      n.frac = (name == "dfrac" || name == "cfrac" || name == "dbinom") ? FracKind::Display
               : (name == "tfrac" || name == "tbinom")                  ? FracKind::Text
                                                                        : FracKind::Auto;
      const bool binom = name.find("binom") != std::string_view::npos;
      n.rule = !binom;
      if (binom) n.cp_open = '(', n.cp2 = ')';
      n.text = std::string(name);
      n.body = std::make_unique<MathList>(read_arg("\\frac"));
      n.body2 = std::make_unique<MathList>(read_arg("\\frac"));
      list.push_back(std::move(n));
      return true;
    }
    if (name == "sqrt") {
      Node n = make(NodeKind::Radical, at);
      skip_space();
      if (pos_ < s_.size() && s_[pos_] == '[') {
        const size_t open = pos_++;
        MathList index;
        Stop st = Stop::End;
        // The index ends at the first ']' at this level.
        while (true) {
          skip_space();
          if (pos_ >= s_.size()) fail("\\sqrt[: missing ]", open);
          if (s_[pos_] == ']') {
            ++pos_;
            break;
          }
          if (!parse_atom(index, &st)) fail("\\sqrt[: missing ]", open);
        }
        n.body2 = std::make_unique<MathList>(std::move(index));
      }
      n.body = std::make_unique<MathList>(read_arg("\\sqrt"));
      list.push_back(std::move(n));
      return true;
    }
    if (name == "left") {
      Node n = make(NodeKind::LeftRight, at);
      n.cls = AtomClass::Inner;
      n.cp = read_delimiter("\\left");
      Stop st;
      n.body = std::make_unique<MathList>(parse_list(&st));
      while (st == Stop::Middle) {  // \middle|: a delimiter sized with the others, in the body
        Node m = make(NodeKind::BigDelim, last_cmd_pos_);
        m.cp = read_delimiter("\\middle");
        m.cls = AtomClass::Rel;
        m.style = 0;  // size 0: as tall as the \left...\right around it
        n.body->push_back(std::move(m));
        MathList more = parse_list(&st);
        for (auto& x : more) n.body->push_back(std::move(x));
      }
      if (st != Stop::Right) fail("\\left without \\right", at);
      n.cp2 = read_delimiter("\\right");
      list.push_back(std::move(n));
      return true;
    }
    if (name.substr(0, 3) == "big" || name.substr(0, 3) == "Big") {
      int size = 0;
      std::string_view rest;
      if (name.substr(0, 4) == "bigg") size = 3, rest = name.substr(4);
      else if (name.substr(0, 4) == "Bigg") size = 4, rest = name.substr(4);
      else if (name.substr(0, 3) == "big") size = 1, rest = name.substr(3);
      else size = 2, rest = name.substr(3);
      if (rest.empty() || rest == "l" || rest == "r" || rest == "m") {
        Node n = make(NodeKind::BigDelim, at);
        n.style = static_cast<int8_t>(size);
        n.cp = read_delimiter(("\\" + std::string(name)).c_str());
        n.cls = rest == "l"   ? AtomClass::Open
                : rest == "r" ? AtomClass::Close
                : rest == "m" ? AtomClass::Rel
                              : class_of_char(n.cp);
        list.push_back(std::move(n));
        return true;
      }
    }
    if (const AccentInfo* acc = find_accent(name)) {
      Node n = make(NodeKind::Accent, at);
      n.cp = acc->cp;
      n.accent = acc->kind;
      n.text = std::string(name);
      n.body = std::make_unique<MathList>(read_arg(("\\" + std::string(name)).c_str()));
      list.push_back(std::move(n));
      return true;
    }
    if (name == "text" || name == "textrm" || name == "textnormal" || name == "mbox" || name == "textbf" ||
        name == "textit" || name == "textsf" || name == "texttt" || name == "hbox" || name == "textup") {
      Node n = make(NodeKind::Text, at);
      const std::string raw = read_raw_group("\\text");
      // TeX's escapes inside text: \% \$ \& \# \_ \{ \} and "\ " become the character.
      for (size_t i = 0; i < raw.size(); ++i) {
        if (raw[i] == '\\' && i + 1 < raw.size() && !is_letter(raw[i + 1])) {
          n.text += raw[++i];
          continue;
        }
        if (raw[i] == '~') {
          n.text += ' ';
          continue;
        }
        if (raw[i] == '{' || raw[i] == '}' || raw[i] == '$') continue;
        if (raw[i] == '\\') {  // a command inside \text: keep its name readable rather than fail
          size_t j = i + 1;
          while (j < raw.size() && is_letter(raw[j])) ++j;
          const std::string_view cmd = std::string_view(raw).substr(i + 1, j - i - 1);
          if (cmd == "quad" || cmd == "qquad") n.text += "  ";
          else if (cmd != "textbf" && cmd != "emph" && cmd != "textit")
            fail("unsupported command in \\text: \\" + std::string(cmd), at);
          i = j - 1;
          continue;
        }
        n.text += raw[i];
      }
      n.style = name == "textbf" ? 1 : name == "textit" ? 2 : 0;  // 1 bold, 2 italic
      list.push_back(std::move(n));
      return true;
    }
    struct AlphabetCmd {
      std::string_view name;
      Alphabet a;
      bool bold;
    };
    static constexpr AlphabetCmd kAlphabets[] = {
        {"mathrm", Alphabet::Upright, false},       {"mathup", Alphabet::Upright, false},
        {"mathit", Alphabet::Italic, false},        {"mathbf", Alphabet::Bold, false},
        {"mathbb", Alphabet::Blackboard, false},    {"mathcal", Alphabet::Script, false},
        {"mathscr", Alphabet::Script, false},       {"mathfrak", Alphabet::Fraktur, false},
        {"mathsf", Alphabet::SansSerif, false},     {"mathtt", Alphabet::Monospace, false},
        {"boldsymbol", Alphabet::BoldItalic, true}, {"bm", Alphabet::BoldItalic, true},
        {"mathbold", Alphabet::Bold, false},        {"mathnormal", Alphabet::Italic, false}};
    for (const auto& ac : kAlphabets) {
      if (ac.name != name) continue;
      Node g = make(NodeKind::Group, at);
      g.body = std::make_unique<MathList>(read_arg_with(ac.a, ac.bold, "\\mathrm"));
      // \mathrm{d}x keeps the d an Ord, but a single-character group keeps its own class (\mathbf{+}).
      if (g.body->size() == 1 && (*g.body)[0].kind == NodeKind::Symbol && !(*g.body)[0].sub && !(*g.body)[0].sup) {
        list.push_back(std::move((*g.body)[0]));
      } else {
        list.push_back(std::move(g));
      }
      return true;
    }
    struct ClassCmd {
      std::string_view name;
      AtomClass cls;
    };
    static constexpr ClassCmd kClasses[] = {{"mathord", AtomClass::Ord},     {"mathop", AtomClass::Op},
                                            {"mathbin", AtomClass::Bin},     {"mathrel", AtomClass::Rel},
                                            {"mathopen", AtomClass::Open},   {"mathclose", AtomClass::Close},
                                            {"mathpunct", AtomClass::Punct}, {"mathinner", AtomClass::Inner}};
    for (const auto& cc : kClasses) {
      if (cc.name != name) continue;
      Node g = make(NodeKind::Group, at);
      g.cls = cc.cls;
      g.body = std::make_unique<MathList>(read_arg("\\mathrel"));
      list.push_back(std::move(g));
      return true;
    }
    // Plain TeX's font switches, still common in model output: {\rm d}x, {\bf v}.
    if (name == "rm" || name == "bf" || name == "it" || name == "cal" || name == "sf" || name == "tt" || name == "mit") {
      alphabet_ = name == "rm"    ? Alphabet::Upright
                  : name == "bf"  ? Alphabet::Bold
                  : name == "cal" ? Alphabet::Script
                  : name == "sf"  ? Alphabet::SansSerif
                  : name == "tt"  ? Alphabet::Monospace
                                  : Alphabet::Italic;
      bold_symbol_ = false;
      return true;
    }
    if (name == "displaystyle" || name == "textstyle" || name == "scriptstyle" || name == "scriptscriptstyle") {
      Node n = make(NodeKind::StyleChange, at);
      n.style = name == "displaystyle" ? 0 : name == "textstyle" ? 1 : name == "scriptstyle" ? 2 : 3;
      list.push_back(std::move(n));
      return true;
    }
    if (name == "boxed" || name == "fbox") {
      Node n = make(NodeKind::Boxed, at);
      n.body = std::make_unique<MathList>(read_arg("\\boxed"));
      list.push_back(std::move(n));
      return true;
    }
    if (name == "cancel" || name == "bcancel" || name == "xcancel") {
      Node n = make(NodeKind::Cancel, at);
      n.cancel = name == "cancel" ? 1 : name == "bcancel" ? 2 : 3;
      n.body = std::make_unique<MathList>(read_arg("\\cancel"));
      list.push_back(std::move(n));
      return true;
    }
    if (name == "phantom" || name == "vphantom" || name == "hphantom") {
      Node g = make(NodeKind::Group, at);
      g.text = std::string(name);
      g.body = std::make_unique<MathList>(read_arg("\\phantom"));
      list.push_back(std::move(g));
      return true;
    }
    if (name == "not") {
      MathList next;
      Stop st = Stop::End;
      skip_space();
      if (!parse_atom(next, &st) || next.size() != 1) fail("\\not needs a symbol after it", at);
      Node& x = next[0];
      if (x.kind == NodeKind::Symbol) {
        const char32_t base = x.cp == 0x2212 ? '-' : x.cp;
        if (char32_t neg = negated(base)) {
          x.cp = neg;
          list.push_back(std::move(x));
          return true;
        }
      }
      Node n = make(NodeKind::Not, at);
      n.cls = x.kind == NodeKind::Symbol ? x.cls : AtomClass::Rel;
      n.body = std::make_unique<MathList>(std::move(next));
      list.push_back(std::move(n));
      return true;
    }
    if (name == "overset" || name == "underset" || name == "stackrel") {
      Node n = make(NodeKind::Stack, at);
      MathList script = read_arg("\\overset");
      n.body = std::make_unique<MathList>(read_arg("\\overset"));
      if (name == "underset") n.sub = std::make_unique<MathList>(std::move(script));
      else n.sup = std::make_unique<MathList>(std::move(script));
      n.cls = name == "stackrel"                                               ? AtomClass::Rel
              : (n.body->size() == 1 && (*n.body)[0].kind == NodeKind::Symbol) ? (*n.body)[0].cls
                                                                               : AtomClass::Ord;
      // The stacked scripts are limits, never scripts after the base.
      n.limits = LimitsMode::Limits;
      list.push_back(std::move(n));
      return true;
    }
    if (name == "substack") {
      Node n = make(NodeKind::Array, at);
      n.text = "substack";
      n.columns = "c";
      skip_space();
      if (pos_ >= s_.size() || s_[pos_] != '{') fail("\\substack needs {", at);
      ++pos_;
      n.rows = parse_rows(Stop::Brace, at, "\\substack");
      list.push_back(std::move(n));
      return true;
    }
    if (name == "begin") return environment(at, list);
    if (name == "tag") {
      skip_space();
      if (pos_ < s_.size() && s_[pos_] == '*') ++pos_;
      tag_ = read_raw_group("\\tag");
      has_tag_ = true;
      return true;
    }
    if (name == "label") {
      (void)read_raw_group("\\label");
      return true;
    }
    if (name == "nonumber" || name == "notag" || name == "hline" || name == "limits" || name == "nolimits" ||
        name == "allowbreak" || name == "nobreak" || name == "left." || name == "relax") {
      return true;
    }
    if (name == "color") {
      (void)read_raw_group("\\color");
      return true;
    }  // colours: rendered in the theme's
    if (name == "textcolor" || name == "colorbox") {
      (void)read_raw_group("\\textcolor");
      Node g = make(NodeKind::Group, at);
      g.body = std::make_unique<MathList>(read_arg("\\textcolor"));
      list.push_back(std::move(g));
      return true;
    }
    fail("unknown command \\" + std::string(name), at);
  }

  char32_t read_delimiter(const char* what) {
    skip_space();
    if (pos_ >= s_.size()) fail(std::string(what) + " needs a delimiter", pos_);
    const size_t at = pos_;
    std::string token;
    if (s_[pos_] == '\\') {
      ++pos_;
      token = std::string(read_command_name());
    } else {
      const size_t start = pos_;
      (void)next_utf8();
      token = std::string(s_.substr(start, pos_ - start));
      if (pos_ - start > 1) {  // a Unicode delimiter typed directly: ⟨ ⟩ ‖
        pos_ = start;
        const char32_t cp = next_utf8();
        if (cp == 0x27E8 || cp == 0x27E9 || cp == 0x2016 || cp == 0x230A || cp == 0x230B || cp == 0x2308 || cp == 0x2309)
          return cp;
      }
    }
    const char32_t d = find_delimiter(token);
    if (d == 0) fail(std::string(what) + ": not a delimiter: " + token, at);
    return d;
  }

  std::vector<std::vector<MathList>> parse_rows(Stop end, size_t at, const std::string& env) {
    std::vector<std::vector<MathList>> rows(1);
    for (;;) {
      Stop st;
      MathList cell = parse_list(&st);
      rows.back().push_back(std::move(cell));
      if (st == Stop::Ampersand) continue;
      if (st == Stop::NewRow) {
        rows.emplace_back();
        continue;
      }
      if (st == end) break;
      fail(env + ": not closed", at);
    }
    drop_empty_last_row(rows);
    return rows;
  }

  bool environment(size_t at, MathList& list) {
    const std::string env = read_raw_group("\\begin");
    Node n = make(NodeKind::Array, at);
    n.text = env;
    std::string cols;
    if (env == "array" || env == "alignat" || env == "alignat*" || env == "alignedat") {
      const std::string spec = read_raw_group("\\begin{array}");
      n.column_rules.assign(1, false);
      for (char ch : spec) {
        if (ch == 'l' || ch == 'c' || ch == 'r') cols += ch, n.column_rules.push_back(false);
        if (ch == '|') n.column_rules.back() = true;  // a rule after the columns so far
      }
      if (env != "array") cols.clear(), n.column_rules.clear();  // alignat's argument counts column pairs
    }
    static const std::string_view kKnown[] = {"matrix",      "pmatrix",  "bmatrix",   "Bmatrix",   "vmatrix",  "Vmatrix",
                                              "smallmatrix", "cases",    "dcases",    "rcases",    "aligned",  "align",
                                              "align*",      "alignat",  "alignat*",  "alignedat", "equation", "equation*",
                                              "gather",      "gather*",  "gathered",  "split",     "multline", "multline*",
                                              "array",       "eqnarray", "eqnarray*", "subarray"};
    bool known = false;
    for (auto k : kKnown) known = known || k == env;
    if (!known) fail("unknown environment " + env, at);
    if (env == "subarray") (void)read_raw_group("\\begin{subarray}");
    n.rows = parse_rows(Stop::EndEnv, at, "\\begin{" + env + "}");
    const std::string closing = read_raw_group("\\end");
    if (closing != env) fail("\\begin{" + env + "} ended by \\end{" + closing + "}", at);
    size_t ncols = 0;
    for (auto& r : n.rows) ncols = std::max(ncols, r.size());
    if (env.find("cases") != std::string::npos) cols = "ll";
    else if (env.rfind("align", 0) == 0 || env == "split" || env.rfind("eqnarray", 0) == 0) cols = alternating(ncols);
    else if (cols.empty()) cols.push_back('c');  // (not `cols = "c"`: GCC 12's -Wrestrict false positive)
    // Columns beyond the spec repeat its last letter.
    while (cols.size() < ncols) cols.push_back(cols.back());
    n.columns = cols;
    list.push_back(std::move(n));
    return true;
  }
};

}  // namespace

Formula parse_math(std::string_view tex) { return Parser(tex).parse(); }

}  // namespace veloce::math
