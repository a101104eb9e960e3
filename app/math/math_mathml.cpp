#include "app/math/math_mathml.h"

#include "app/math/math_error.h"
#include "app/math/math_parser.h"

namespace veloce::math {
namespace {

void utf8(std::string& out, char32_t c) {
  if (c < 0x80) {
    out += static_cast<char>(c);
  } else if (c < 0x800) {
    out += static_cast<char>(0xC0 | (c >> 6));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    out += static_cast<char>(0xE0 | (c >> 12));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (c >> 18));
    out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  }
}

void escaped(std::string& out, char32_t c) {
  switch (c) {
    case '<': out += "&lt;"; break;
    case '>': out += "&gt;"; break;
    case '&': out += "&amp;"; break;
    case '"': out += "&quot;"; break;
    default: utf8(out, c);
  }
}

std::string escape(std::string_view s) {
  std::string out;
  for (char ch : s) {
    if (ch == '<') out += "&lt;";
    else if (ch == '>') out += "&gt;";
    else if (ch == '&') out += "&amp;";
    else if (ch == '"') out += "&quot;";
    else out += ch;
  }
  return out;
}

// Spacing forms of the combining accents, as MathML's <mover accent="true"> wants.
char32_t spacing_accent(char32_t c) {
  switch (c) {
    case 0x302: return 0x5E;
    case 0x30C: return 0x2C7;
    case 0x303: return 0x7E;
    case 0x301: return 0xB4;
    case 0x300: return 0x60;
    case 0x307: return 0x2D9;
    case 0x308: return 0xA8;
    case 0x306: return 0x2D8;
    case 0x304: return 0xAF;
    case 0x30A: return 0x2DA;
    case 0x20D7: return 0x2192;
    case 0x20D6: return 0x2190;
    case 0x20DB: return 0x22EF;
    default: return c;
  }
}

class Writer {
 public:
  std::string out;

 private:
  bool unary_ = false;    // the symbol being written is a unary + or - (see list())
  int script_depth_ = 0;  // inside sub- or superscripts and limits

 public:
  void list(const MathList& l) {
    out += "<mrow>";
    int styles_open = 0;
    // TeX's rule 5 (The TeXbook, Appendix G): a binary operator with nothing binary-able before
    // it (start, operator, relation, opening, punctuation) is unary and takes no space, as in
    // "(-1)"; a browser would space it as infix.
    bool after_operand = false;
    for (size_t i = 0; i < l.size(); ++i) {
      const Node& n = l[i];
      unary_ = n.kind == NodeKind::Symbol && n.cls == AtomClass::Bin && !after_operand;
      if (n.kind != NodeKind::StyleChange)
        after_operand = n.cls == AtomClass::Ord || n.cls == AtomClass::Close || n.cls == AtomClass::Inner ||
                        (n.cls == AtomClass::Bin && unary_);
      if (n.kind == NodeKind::StyleChange) {
        static const char* kStyle[] = {"displaystyle=\"true\" scriptlevel=\"0\"", "displaystyle=\"false\" scriptlevel=\"0\"",
                                       "displaystyle=\"false\" scriptlevel=\"1\"",
                                       "displaystyle=\"false\" scriptlevel=\"2\""};
        out += "<mstyle ";
        out += kStyle[n.style & 3];
        out += "><mrow>";
        ++styles_open;
        continue;
      }
      if (const size_t end = number_end(l, i); end > i + 1) {
        number(l, i, end);
        i = end - 1;
        continue;
      }
      node(n);
    }
    for (int i = 0; i < styles_open; ++i) out += "</mrow></mstyle>";
    out += "</mrow>";
  }

  // A number (digits with an optional decimal point and more digits: 541, 3.14) is one <mn>, as
  // MathML means it, not one <mn> per digit (which a screen reader says as separate numbers).
  // The parser keeps TeX's one atom per character, and a script binds to the last one ("10^5"),
  // so only the last character of the run may carry scripts.
  static bool is_digit(const Node& n) {
    return n.kind == NodeKind::Symbol &&
           ((n.cp >= '0' && n.cp <= '9') || (n.cp >= 0x1D7CE && n.cp <= 0x1D7FF));  // and \mathbf{1}...
  }
  // The end of the number that starts at l[i] (i itself when l[i] starts none).
  static size_t number_end(const MathList& l, size_t i) {
    if (!is_digit(l[i])) return i;
    size_t end = i;
    bool point_seen = false;
    while (end < l.size() && is_digit(l[end])) {
      if (l[end].sub || l[end].sup) return end + 1;
      ++end;
      const bool point = end + 1 < l.size() && l[end].kind == NodeKind::Symbol && l[end].cp == '.' && !l[end].sub &&
                         !l[end].sup && is_digit(l[end + 1]);
      if (point && !point_seen) point_seen = true, ++end;
    }
    return end;
  }
  void number(const MathList& l, size_t begin, size_t end) {
    scripted(l[end - 1], [&] {
      out += "<mn>";
      for (size_t k = begin; k < end; ++k) escaped(out, l[k].cp);
      out += "</mn>";
    });
  }

  void node(const Node& n) {
    scripted(n, [&] { nucleus(n); });
  }

  // `write_nucleus` writes n's nucleus; n's scripts (if any) go around it.
  template <class WriteNucleus>
  void scripted(const Node& n, WriteNucleus&& write_nucleus) {
    const bool limits = n.kind == NodeKind::Stack || n.accent == AccentKind::OverBrace ||
                        n.accent == AccentKind::UnderBrace ||
                        (n.kind == NodeKind::Operator && n.limits != LimitsMode::NoLimits &&
                         (n.limits_in_display || n.limits == LimitsMode::Limits));
    const bool brace =
        n.kind == NodeKind::Accent && (n.accent == AccentKind::OverBrace || n.accent == AccentKind::UnderBrace);
    if (!n.sub && !n.sup) return write_nucleus();
    const char* tag = limits || brace ? (n.sub && n.sup ? "munderover"
                                         : n.sub        ? "munder"
                                                        : "mover")
                                      : (n.sub && n.sup ? "msubsup"
                                         : n.sub        ? "msub"
                                                        : "msup");
    out += "<";
    out += tag;
    out += ">";
    write_nucleus();
    ++script_depth_;
    if (n.sub) list(*n.sub);
    if (n.sup) list(*n.sup);
    --script_depth_;
    out += "</";
    out += tag;
    out += ">";
  }

  void mo(char32_t c, const char* attrs = "") {
    out += "<mo";
    out += attrs;
    out += ">";
    escaped(out, c);
    out += "</mo>";
  }

  void nucleus(const Node& n) {
    switch (n.kind) {
      case NodeKind::Symbol: {
        const char32_t c = n.cp;
        const bool digit = (c >= '0' && c <= '9') || (c >= 0x1D7CE && c <= 0x1D7FF);
        if (digit) {
          out += "<mn>";
          escaped(out, c);
          out += "</mn>";
          break;
        }
        if (n.cls == AtomClass::Ord && c != '|' && c != '/' && c != 0x2016) {
          out += n.upright_text && c < 0x80 ? "<mi mathvariant=\"normal\">" : "<mi>";
          escaped(out, c);
          out += "</mi>";
          break;
        }
        // A browser spaces an <mo> by its operator dictionary entry for the form it infers
        // from the position, so "(" after a letter would get an infix operator's space. TeX's
        // classes say what it is: an opening or closing delimiter, or an ordinary symbol
        // written with <mo> (|, /, ‖), none of which take space.
        // In scripts and limits TeX puts no space around relations and binary operators
        // ("k=0" under a sum).
        const bool tight = script_depth_ > 0 && (n.cls == AtomClass::Bin || n.cls == AtomClass::Rel);
        mo(c, n.cls == AtomClass::Open    ? " form=\"prefix\" stretchy=\"false\""
              : n.cls == AtomClass::Close ? " form=\"postfix\" stretchy=\"false\""
              : n.cls == AtomClass::Ord   ? " lspace=\"0\" rspace=\"0\" stretchy=\"false\""
              : tight                     ? " lspace=\"0\" rspace=\"0\""
              : unary_                    ? " form=\"prefix\""
                                          : "");
        break;
      }
      case NodeKind::Group: list(*n.body); break;
      case NodeKind::Fraction: {
        const bool display = n.frac == FracKind::Display, text = n.frac == FracKind::Text;
        if (display || text) out += display ? "<mstyle displaystyle=\"true\">" : "<mstyle displaystyle=\"false\">";
        if (n.cp_open) out += "<mrow><mo form=\"prefix\">(</mo>";
        out += n.rule ? "<mfrac>" : "<mfrac linethickness=\"0\">";
        list(*n.body);
        list(*n.body2);
        out += "</mfrac>";
        if (n.cp_open) out += "<mo form=\"postfix\">)</mo></mrow>";
        if (display || text) out += "</mstyle>";
        break;
      }
      case NodeKind::Radical:
        if (n.body2) {
          out += "<mroot>";
          list(*n.body);
          list(*n.body2);
          out += "</mroot>";
        } else {
          out += "<msqrt>";
          list(*n.body);
          out += "</msqrt>";
        }
        break;
      case NodeKind::LeftRight:
        out += "<mrow>";
        if (n.cp != ' ') mo(n.cp, " fence=\"true\" stretchy=\"true\"");
        list(*n.body);
        if (n.cp2 != ' ') mo(n.cp2, " fence=\"true\" stretchy=\"true\"");
        out += "</mrow>";
        break;
      case NodeKind::BigDelim: {
        static const char* kSize[] = {"", " minsize=\"1.2em\" maxsize=\"1.2em\"", " minsize=\"1.623em\" maxsize=\"1.623em\"",
                                      " minsize=\"2.047em\" maxsize=\"2.047em\"",
                                      " minsize=\"2.470em\" maxsize=\"2.470em\""};
        mo(n.cp, n.style <= 0 ? " stretchy=\"true\"" : kSize[n.style > 4 ? 4 : n.style]);
        break;
      }
      case NodeKind::Accent:
        switch (n.accent) {
          case AccentKind::Top:
          case AccentKind::WideTop:
            out += "<mover accent=\"true\">";
            list(*n.body);
            mo(spacing_accent(n.cp), n.accent == AccentKind::WideTop ? " stretchy=\"true\"" : " stretchy=\"false\"");
            out += "</mover>";
            break;
          case AccentKind::Overline:
          case AccentKind::OverBrace:
            out += "<mover accent=\"true\">";
            list(*n.body);
            mo(n.accent == AccentKind::Overline ? 0x203E : 0x23DE, " stretchy=\"true\"");
            out += "</mover>";
            break;
          case AccentKind::Underline:
          case AccentKind::UnderBrace:
            out += "<munder accentunder=\"true\">";
            list(*n.body);
            mo(n.accent == AccentKind::Underline ? 0x5F : 0x23DF, " stretchy=\"true\"");
            out += "</munder>";
            break;
        }
        break;
      case NodeKind::Space:
        if (n.text == " ") out += "<mspace width=\"0.333em\"/>";
        else out += "<mspace width=\"" + std::to_string(n.mu / 18.0f).substr(0, 6) + "em\"/>";
        break;
      case NodeKind::Text:
        out += n.style == 1 ? "<mtext mathvariant=\"bold\">" : n.style == 2 ? "<mtext mathvariant=\"italic\">" : "<mtext>";
        out += escape(n.text);
        out += "</mtext>";
        break;
      case NodeKind::Operator:
        if (n.cp) {
          mo(n.cp, n.limits_in_display ? " largeop=\"true\" movablelimits=\"true\"" : " largeop=\"true\"");
        } else if (n.cls == AtomClass::Op) {
          out += n.limits_in_display ? "<mo form=\"prefix\" movablelimits=\"true\">" : "<mi>";
          out += escape(n.text);
          out += n.limits_in_display ? "</mo>" : "</mi>";
        } else {
          out += "<mo>" + escape(n.text) + "</mo>";
        }
        break;
      case NodeKind::Boxed:
        out += "<menclose notation=\"box\">";
        list(*n.body);
        out += "</menclose>";
        break;
      case NodeKind::Cancel:
        out += n.cancel == 1   ? "<menclose notation=\"updiagonalstrike\">"
               : n.cancel == 2 ? "<menclose notation=\"downdiagonalstrike\">"
                               : "<menclose notation=\"updiagonalstrike downdiagonalstrike\">";
        list(*n.body);
        out += "</menclose>";
        break;
      case NodeKind::Not:
        out += "<mrow>";
        list(*n.body);
        mo(0x338);
        out += "</mrow>";
        break;
      case NodeKind::Array: array(n); break;
      case NodeKind::Stack: list(*n.body); break;
      case NodeKind::StyleChange: break;
    }
  }

  void array(const Node& n) {
    const std::string& env = n.text;
    const char* open = env == "pmatrix"                      ? "("
                       : env == "bmatrix"                    ? "["
                       : env == "Bmatrix"                    ? "{"
                       : env == "vmatrix"                    ? "|"
                       : env == "Vmatrix"                    ? "\u2016"
                       : (env == "cases" || env == "dcases") ? "{"
                                                             : nullptr;
    const char* close = env == "pmatrix"   ? ")"
                        : env == "bmatrix" ? "]"
                        : env == "Bmatrix" ? "}"
                        : env == "vmatrix" ? "|"
                        : env == "Vmatrix" ? "\u2016"
                        : env == "rcases"  ? "}"
                                           : nullptr;
    out += "<mrow>";
    if (open) out += std::string("<mo fence=\"true\" stretchy=\"true\">") + (open[0] == '{' ? "{" : open) + "</mo>";
    std::string align;
    for (char c : n.columns)
      align += std::string(align.empty() ? "" : " ") + (c == 'l' ? "left" : c == 'r' ? "right" : "center");
    out += "<mtable columnalign=\"" + align + "\"";
    if (env.rfind("align", 0) == 0 || env == "split" || env.rfind("gather", 0) == 0) out += " displaystyle=\"true\"";
    // align's columns pair up as right|left around the relation, with no gap of their own (the
    // relation's spacing is the gap), as TeX sets them; MathML's default puts 0.8em between,
    // as columnspacing for MathML 3 readers and as cell padding in MathML Core (Chromium).
    const bool paired = env.rfind("align", 0) == 0 || env == "split";
    if (paired) out += " columnspacing=\"0\"";
    out += ">";
    for (const auto& row : n.rows) {
      out += "<mtr>";
      for (size_t j = 0; j < row.size(); ++j) {
        const MathList& cell = row[j];
        // MathML Core ignores columnalign: a browser aligns a cell by its CSS text-align, and
        // Chromium's cells honour only the -webkit- forms (plain "right" sets them flush left).
        const char c = j < n.columns.size() ? n.columns[j] : 'c';
        std::string style = c == 'l'   ? "text-align: left; text-align: -webkit-left"
                            : c == 'r' ? "text-align: right; text-align: -webkit-right"
                                       : "";
        if (paired) style += std::string(style.empty() ? "" : "; ") + "padding-left: 0; padding-right: 0";
        out += style.empty() ? "<mtd>" : "<mtd style=\"" + style + "\">";
        list(cell);
        out += "</mtd>";
      }
      out += "</mtr>";
    }
    out += "</mtable>";
    if (close) out += std::string("<mo fence=\"true\" stretchy=\"true\">") + close + "</mo>";
    out += "</mrow>";
  }
};

}  // namespace

std::string to_mathml(std::string_view tex, bool display) {
  std::string out = "<math xmlns=\"http://www.w3.org/1998/Math/MathML\" display=\"";
  out += display ? "block" : "inline";
  out += "\"><semantics>";
  try {
    const Formula f = parse_math(tex);
    Writer w;
    w.list(f.list);
    if (f.has_tag) w.out = "<mrow>" + w.out + "<mspace width=\"2em\"/><mtext>(" + escape(f.tag) + ")</mtext></mrow>";
    out += w.out;
  } catch (const MathError& e) {
    out += "<merror><mtext>" + escape(tex) + "</mtext></merror>";
  }
  out += "<annotation encoding=\"application/x-tex\">" + escape(tex) + "</annotation></semantics></math>";
  return out;
}

}  // namespace veloce::math
