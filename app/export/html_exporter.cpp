#include "app/export/html_exporter.h"

#include <QCoreApplication>

#include "app/export/metadata.h"

namespace veloce::exporting {
namespace {

// Escapes &, <, >, " and ' and replaces the characters XML forbids (C0 controls other than tab,
// newline and carriage return; lone surrogates) with U+FFFD, so no text can become markup.
QString escaped(const QString& text) {
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
        else
          out += c;
    }
  }
  return out;
}

constexpr const char* kBodyStyle =
    "font-family: system-ui, sans-serif; max-width: 50em; margin: 2em auto; padding: 0 1em; "
    "color: #1d1d1f; background: #ffffff; line-height: 1.5";
constexpr const char* kMessageStyle = "margin: 1em 0; padding: 0.75em 1em; border-radius: 8px; border: 1px solid #d0d0d7";
constexpr const char* kUserBackground = "background: #eef3ff";
constexpr const char* kOtherBackground = "background: #f7f7f9";
constexpr const char* kHeaderStyle = "font-size: 0.85em; color: #55555f; margin-bottom: 0.4em";
constexpr const char* kTextStyle = "white-space: pre-wrap; overflow-wrap: anywhere; margin: 0; font-family: inherit";

}  // namespace

QByteArray export_html(const ConversationExport& c) {
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
    QString header = escaped(role_label(m.role)) + QStringLiteral(" · ") + escaped(export_date(m.created_at));
    const QString note = message_note(shown);
    if (!note.isEmpty()) header += QStringLiteral(" · ") + escaped(note);
    out += QStringLiteral("<div class=\"message %1\" style=\"%2; %3\">\n<div style=\"%4\">%5</div>\n"
                          "<pre style=\"%6\">%7</pre>\n</div>\n")
               .arg(storage::role_name(m.role), QLatin1String(kMessageStyle),
                    QLatin1String(m.role == storage::Role::User ? kUserBackground : kOtherBackground),
                    QLatin1String(kHeaderStyle), header, QLatin1String(kTextStyle), escaped(m.content));
  }
  out += QStringLiteral("</body>\n</html>\n");
  return out.toUtf8();
}

}  // namespace veloce::exporting
