#include "app/export/html_exporter.h"

#include <QCoreApplication>
#include <QGuiApplication>

#include "app/export/atomic_file.h"
#include "app/export/html_markdown.h"
#include "app/export/metadata.h"

namespace veloce::exporting {
namespace {

QString escaped(const QString& text) { return html_escaped(text); }

constexpr const char* kBodyStyle =
    "font-family: system-ui, sans-serif; max-width: 50em; margin: 2em auto; padding: 0 1em; "
    "color: #1d1d1f; background: #ffffff; line-height: 1.5";
constexpr const char* kMessageStyle = "margin: 1em 0; padding: 0.75em 1em; border-radius: 8px; border: 1px solid #d0d0d7";
constexpr const char* kUserBackground = "background: #eef3ff";
constexpr const char* kOtherBackground = "background: #f7f7f9";
constexpr const char* kHeaderStyle = "font-size: 0.85em; color: #55555f; margin-bottom: 0.4em";
constexpr const char* kTextStyle = "white-space: pre-wrap; overflow-wrap: anywhere; margin: 0; font-family: inherit";
constexpr const char* kReplyStyle = "overflow-wrap: anywhere";

}  // namespace

QByteArray export_html(const ConversationExport& c) {
  if (!qobject_cast<QGuiApplication*>(QCoreApplication::instance()))
    throw ExportError("HTML export needs a QGuiApplication (set QT_QPA_PLATFORM=offscreen when there is no display)");
  const QString title = escaped(one_line(c.conversation.title));
  QString out;
  out += QStringLiteral(
             "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n"
             "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\"/>\n"
             "<meta name=\"referrer\" content=\"no-referrer\"/>\n"
             "<meta name=\"generator\" content=\"Veloce\"/>\n<title>%1</title>\n</head>\n<body style=\"%2\">\n"
             "<h1>%1</h1>\n<table style=\"border-collapse: collapse; font-size: 0.9em\">\n")
             .arg(title, QLatin1String(kBodyStyle));
  for (const auto& line : metadata_lines(c))
    out += QStringLiteral("<tr><th style=\"text-align: left; padding-right: 1em\">%1</th><td>%2</td></tr>\n")
               .arg(escaped(line.label), escaped(line.value));
  out += QStringLiteral("</table>\n");
  if (!c.conversation.system_prompt.isEmpty())
    out += QStringLiteral("<h2 style=\"font-size: 1em\">%1</h2>\n<pre style=\"%2\">%3</pre>\n")
               .arg(escaped(QCoreApplication::translate("Export", "System prompt")), QLatin1String(kTextStyle),
                    escaped(c.conversation.system_prompt));
  for (const auto& shown : shown_branch(c)) {
    const auto& m = *shown.message;
    const QString header = escaped(message_header(shown).join(QStringLiteral(" · ")));
    // Replies are Markdown, shown formatted as in the chat; what the user typed stays as typed.
    const QString body =
        m.role == storage::Role::Assistant
            ? QStringLiteral("<div class=\"reply\" style=\"%1\">\n%2</div>")
                  .arg(QLatin1String(kReplyStyle), markdown_to_export_html(m.content))
            : QStringLiteral("<pre style=\"%1\">%2</pre>").arg(QLatin1String(kTextStyle), escaped(m.content));
    out += QStringLiteral("<div class=\"message %1\" style=\"%2; %3\">\n<div style=\"%4\">%5</div>\n%6\n</div>\n")
               .arg(storage::role_name(m.role), QLatin1String(kMessageStyle),
                    QLatin1String(m.role == storage::Role::User ? kUserBackground : kOtherBackground),
                    QLatin1String(kHeaderStyle), header, body);
  }
  out += QStringLiteral("</body>\n</html>\n");
  return out.toUtf8();
}

}  // namespace veloce::exporting
