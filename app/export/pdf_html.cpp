#include "app/export/pdf_html.h"

#include <QCoreApplication>

#include "app/export/html_markdown.h"
#include "app/export/metadata.h"

namespace veloce::exporting {
namespace {

constexpr const char* kHeaderStyle =
    "font-size: 0.85em; color: #55555f; font-weight: bold; margin-top: 1.2em; margin-bottom: 0.4em";
constexpr const char* kTextStyle = "white-space: pre-wrap; margin: 0; font-family: inherit";

}  // namespace

QString pdf_html(const ConversationExport& c, QStringList& math_sources) {
  const QString title = html_escaped(one_line(c.conversation.title));
  QString out = QStringLiteral("<html><head><title>%1</title></head><body>\n<h1>%1</h1>\n<table>\n").arg(title);
  for (const auto& line : metadata_lines(c))
    out += QStringLiteral("<tr><th style=\"text-align: left; padding-right: 1em\">%1</th><td>%2</td></tr>\n")
               .arg(html_escaped(line.label), html_escaped(line.value));
  out += QStringLiteral("</table>\n");
  if (!c.conversation.system_prompt.isEmpty())
    out += QStringLiteral("<p style=\"%1\">%2</p>\n<pre style=\"%3\">%4</pre>\n")
               .arg(QLatin1String(kHeaderStyle), html_escaped(QCoreApplication::translate("Export", "System prompt")),
                    QLatin1String(kTextStyle), html_escaped(c.conversation.system_prompt));
  for (const auto& shown : shown_branch(c)) {
    const auto& m = *shown.message;
    out += QStringLiteral("<p style=\"%1\">%2</p>\n")
               .arg(QLatin1String(kHeaderStyle), html_escaped(message_header(shown).join(QStringLiteral(" · "))));
    // Replies are Markdown, shown formatted as in the chat; what the user typed stays as typed.
    out += m.role == storage::Role::Assistant
               ? markdown_to_export_html(m.content, &math_sources)
               : QStringLiteral("<pre style=\"%1\">%2</pre>\n").arg(QLatin1String(kTextStyle), html_escaped(m.content));
  }
  out += QStringLiteral("</body></html>\n");
  return out;
}

}  // namespace veloce::exporting
