#include "app/export/text_exporter.h"

#include <QCoreApplication>

#include "app/export/metadata.h"

namespace veloce::exporting {

QByteArray export_text(const ConversationExport& c) {
  const QString title = one_line(c.conversation.title);
  QString out =
      title + QLatin1Char('\n') + QString(std::max<qsizetype>(title.size(), 3), QLatin1Char('=')) + QStringLiteral("\n\n");
  for (const auto& line : metadata_lines(c)) out += QStringLiteral("%1: %2\n").arg(line.label, line.value);
  if (!c.conversation.system_prompt.isEmpty())
    out += QStringLiteral("\n%1:\n%2\n")
               .arg(QCoreApplication::translate("Export", "System prompt"), c.conversation.system_prompt);
  for (const auto& shown : shown_branch(c)) {
    const QString note = message_note(shown);
    out += QStringLiteral("\n%1 [%2]").arg(role_label(shown.message->role), reader_date(shown.message->created_at));
    if (!note.isEmpty()) out += QStringLiteral(" (%1)").arg(note);
    out += QStringLiteral(":\n") + shown.message->content;
    if (!shown.message->content.endsWith(QLatin1Char('\n'))) out += QLatin1Char('\n');
  }
  return out.toUtf8();
}

}  // namespace veloce::exporting
