#include "app/export/html_markdown.h"

#include <QRegularExpression>

#include "app/math/math_mathml.h"
#include "app/models/markdown_renderer.h"
#include "app/models/math_spans.h"

namespace veloce::exporting {
namespace {

constexpr const char* kCodeLabelStyle = "font-size: 0.8em; color: #55555f; margin: 0.6em 0 0.1em 0";
constexpr const char* kCodeStyle =
    "font-family: 'DejaVu Sans Mono', monospace; font-size: 0.9em; background: #eceff1; padding: 0.6em; "
    "margin: 0 0 0.6em 0; white-space: pre-wrap; overflow-wrap: anywhere";

// The inside of <body> of Qt's rich text (its <head> holds a <style> element, which exports
// never carry), links turned into text plus their address, &nbsp; as the numeric reference XML
// knows. Everything here is markup Qt generated from parsed Markdown; all input text in it is
// escaped by Qt.
QString prose_html(const QString& markdown) {
  QString html = app::proseToRichText(markdown);
  const qsizetype open = html.indexOf(QStringLiteral("<body"));
  const qsizetype start = open < 0 ? -1 : html.indexOf(u'>', open);
  const qsizetype end = html.lastIndexOf(QStringLiteral("</body>"));
  if (start < 0 || end < start) return QStringLiteral("<pre>%1</pre>").arg(html_escaped(markdown));
  html = html.mid(start + 1, end - start - 1).trimmed();
  html.remove(QStringLiteral("<!--StartFragment-->")).remove(QStringLiteral("<!--EndFragment-->"));
  static const QRegularExpression link(QStringLiteral("<a href=\"([^\"]*)\"[^>]*>(.*?)</a>"),
                                       QRegularExpression::DotMatchesEverythingOption);
  html.replace(link, QStringLiteral("\\2 <span style=\"color: #55555f\">(\\1)</span>"));
  static const QRegularExpression stray(QStringLiteral("</?a\\b[^>]*>"));
  html.remove(stray);
  html.replace(QStringLiteral("&nbsp;"), QStringLiteral("&#160;"));
  return html;
}

// A prose run with its formulas either as MathML or left as placeholders (see the header).
QString prose_with_math(const QString& markdown, QStringList* math_sources) {
  QStringList sources;
  const QString protectedSource = app::protectMath(markdown, sources);
  // proseToRichText finds no math in the protected text, so the placeholders come out as they
  // went in; they are renumbered after the sources already collected for the page.
  QString html = prose_html(protectedSource);
  const qsizetype first = math_sources ? math_sources->size() : 0;
  // Last first: a placeholder renumbered upwards never lands on one still to be renumbered.
  for (qsizetype k = sources.size() - 1; k >= 0; --k)
    html.replace(app::mathPlaceholder(k), math_sources ? app::mathPlaceholder(first + k) : formula_mathml(sources[k]));
  if (math_sources) *math_sources += sources;
  return html;
}

}  // namespace

// The formula of a protected source ("$x$", "\\[x\\]"...) as MathML. The math font is named first
// because a browser's default for <math> may lack the stretchy delimiters and big operators;
// Latin Modern Math is what the chat view draws with, and at 1.2 times the text's size, as there.
QString formula_mathml(const QString& source) {
  const app::Formula formula = app::formulaOf(source);
  if (formula.tex.isEmpty()) return html_escaped(source);
  QString mathml = QString::fromStdString(math::to_mathml(formula.tex.toStdString(), formula.display));
  // A displayed formula wider than the page scrolls sideways, as in the chat, instead of being cut.
  const QString scroll =
      formula.display ? QStringLiteral("; max-width: 100%; overflow-x: auto; overflow-y: hidden") : QString();
  mathml.replace(
      0, 5,
      QStringLiteral("<math style=\"font-family: 'Latin Modern Math', 'STIX Two Math', math; font-size: 1.2em%1\"")
          .arg(scroll));
  return mathml;
}

QString html_escaped(const QString& text) {
  QString out;
  out.reserve(text.size() + text.size() / 8);
  for (qsizetype i = 0; i < text.size(); ++i) {
    const QChar c = text[i];
    if (c.isHighSurrogate() && i + 1 < text.size() && text[i + 1].isLowSurrogate()) {
      out += c;
      out += text[++i];
      continue;
    }
    switch (c.unicode()) {
      case '&': out += QStringLiteral("&amp;"); break;
      case '<': out += QStringLiteral("&lt;"); break;
      case '>': out += QStringLiteral("&gt;"); break;
      case '"': out += QStringLiteral("&quot;"); break;
      case '\'': out += QStringLiteral("&#39;"); break;
      default:
        if ((c.unicode() < 0x20 && c != QLatin1Char('\n') && c != QLatin1Char('\t') && c != QLatin1Char('\r')) ||
            c.isSurrogate() || c.unicode() == 0xFFFE || c.unicode() == 0xFFFF)
          out += QChar(0xFFFD);
        else out += c;
    }
  }
  return out;
}

QString markdown_to_export_html(const QString& markdown, QStringList* math_sources) {
  QString out;
  for (const app::MarkdownBlock& block : app::splitMarkdown(markdown)) {
    if (block.kind == app::MarkdownBlock::Kind::Prose) {
      if (!block.text.trimmed().isEmpty()) out += prose_with_math(block.text, math_sources) + u'\n';
      continue;
    }
    if (!block.language.isEmpty())
      out += QStringLiteral("<div class=\"code-language\" style=\"%1\">%2</div>\n")
                 .arg(QLatin1String(kCodeLabelStyle), html_escaped(block.language));
    out += QStringLiteral("<pre class=\"code\" style=\"%1\">%2</pre>\n")
               .arg(QLatin1String(kCodeStyle), html_escaped(block.text));
  }
  return out;
}

}  // namespace veloce::exporting
