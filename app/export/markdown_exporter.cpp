#include "app/export/markdown_exporter.h"

#include <QCoreApplication>
#include <QStringList>

#include "app/export/metadata.h"

namespace veloce::exporting {

QByteArray export_markdown(const ConversationExport& c) {
  QString out = QStringLiteral("# %1\n\n").arg(one_line(c.conversation.title));
  for (const auto& line : metadata_lines(c)) out += QStringLiteral("- **%1:** %2\n").arg(line.label, line.value);
  if (!c.conversation.system_prompt.isEmpty()) {
    out += QStringLiteral("\n**%1:**\n\n").arg(QCoreApplication::translate("Export", "System prompt"));
    for (const QString& line : c.conversation.system_prompt.split(QLatin1Char('\n')))
      out += (line.isEmpty() ? QStringLiteral(">") : QStringLiteral("> ") + line) + QLatin1Char('\n');
  }
  for (const auto& shown : shown_branch(c)) {
    const QString note = message_note(shown);
    out += QStringLiteral("\n---\n\n## %1").arg(role_label(shown.message->role));
    if (!note.isEmpty()) out += QStringLiteral(" (%1)").arg(note);
    out += QStringLiteral("\n\n*%1*\n\n").arg(reader_date(shown.message->created_at));
    out += shown.message->content;
    if (!shown.message->content.endsWith(QLatin1Char('\n'))) out += QLatin1Char('\n');
  }
  return out.toUtf8();
}

}  // namespace veloce::exporting
