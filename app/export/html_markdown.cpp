#include "app/export/html_markdown.h"

#include <QRegularExpression>

#include "app/models/markdown_renderer.h"

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

}  // namespace

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

QString markdown_to_export_html(const QString& markdown) {
  QString out;
  for (const app::MarkdownBlock& block : app::splitMarkdown(markdown)) {
    if (block.kind == app::MarkdownBlock::Kind::Prose) {
      if (!block.text.trimmed().isEmpty()) out += prose_html(block.text) + u'\n';
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
