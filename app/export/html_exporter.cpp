#include "app/export/html_exporter.h"

#include <QCoreApplication>
#include <QGuiApplication>

#include "app/export/atomic_file.h"
#include "app/export/html_markdown.h"
#include "app/export/metadata.h"
#include "app/export/semantic_html.h"

namespace veloce::exporting {
namespace {

// The page's only styles. Nothing in it loads anything (no url(), no @import): the
// Content-Security-Policy allows inline styles and nothing else.
constexpr const char* kStylesheet =
    R"(body { font-family: system-ui, sans-serif; max-width: 50em; margin: 2em auto; padding: 0 1em; color: #1d1d1f; background: #ffffff; line-height: 1.5 }
.metadata { border-collapse: collapse; font-size: 0.9em }
.metadata th { text-align: left; vertical-align: top; padding-right: 1em }
article { margin: 1em 0; padding: 0.75em 1em; border-radius: 8px; border: 1px solid #d0d0d7; background: #f7f7f9; overflow-wrap: anywhere }
article.user { background: #eef3ff }
article > h2 { font-size: 0.85em; font-weight: normal; color: #55555f; margin: 0 0 0.4em 0 }
.typed { white-space: pre-wrap; margin: 0; font-family: inherit }
blockquote { margin: 0.5em 0; padding-left: 0.8em; border-left: 3px solid #8a939b; color: #3d3d45 }
code { font-family: 'DejaVu Sans Mono', monospace; font-size: 0.9em; background: #eceff1; padding: 0 0.2em }
pre code { display: block; padding: 0.6em; white-space: pre-wrap; overflow-wrap: anywhere }
figure.code { margin: 0.6em 0 }
figure.code pre { margin-top: 0.1em }
figcaption { font-size: 0.8em; color: #55555f }
.reply table { border-collapse: collapse; margin: 0.5em 0 }
.reply th, .reply td { border: 1px solid #c8c8d0; padding: 0.2em 0.6em }
.address { color: #55555f }
)";

}  // namespace

QByteArray export_html(const ConversationExport& c) {
  if (!qobject_cast<QGuiApplication*>(QCoreApplication::instance()))
    throw ExportError("HTML export needs a QGuiApplication (set QT_QPA_PLATFORM=offscreen when there is no display)");
  const QString title = html_escaped(one_line(c.conversation.title));
  QString out =
      QStringLiteral(
          "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n"
          "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\"/>\n"
          "<meta name=\"referrer\" content=\"no-referrer\"/>\n"
          "<meta name=\"generator\" content=\"Veloce\"/>\n<title>%1</title>\n<style>\n%2</style>\n</head>\n<body>\n"
          "<h1>%1</h1>\n<table class=\"metadata\">\n")
          .arg(title, QLatin1String(kStylesheet));
  for (const auto& line : metadata_lines(c))
    out += QStringLiteral("<tr><th>%1</th><td>%2</td></tr>\n").arg(html_escaped(line.label), html_escaped(line.value));
  out += QStringLiteral("</table>\n");
  if (!c.conversation.system_prompt.isEmpty())
    out += QStringLiteral("<article class=\"system\">\n<h2>%1</h2>\n<pre class=\"typed\">%2</pre>\n</article>\n")
               .arg(html_escaped(QCoreApplication::translate("Export", "System prompt")),
                    html_escaped(c.conversation.system_prompt));
  for (const auto& shown : shown_branch(c)) {
    const auto& m = *shown.message;
    // The header is each message's heading, so a browser's outline and a screen reader list the
    // messages; a reply's own headings are its content's.
    const QString header = html_escaped(message_header(shown).join(QStringLiteral(" · ")));
    // Replies are Markdown, shown formatted as in the chat; what the user typed stays as typed.
    const QString body = m.role == storage::Role::Assistant
                             ? QStringLiteral("<div class=\"reply\">\n%1</div>").arg(markdown_to_semantic_html(m.content))
                             : QStringLiteral("<pre class=\"typed\">%1</pre>").arg(html_escaped(m.content));
    out += QStringLiteral("<article class=\"%1\">\n<h2>%2</h2>\n%3\n</article>\n")
               .arg(storage::role_name(m.role), header, body);
  }
  out += QStringLiteral("</body>\n</html>\n");
  return out.toUtf8();
}

}  // namespace veloce::exporting
