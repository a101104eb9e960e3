#include "app/chat/conversation_title.h"

#include <QCoreApplication>
#include <QStringList>

namespace veloce::app {

QString titleFromMessage(const QString& text) {
  QString line;
  for (const QString& l : text.split(QLatin1Char('\n'))) {
    line = l.simplified();
    if (!line.isEmpty()) break;
  }
  if (line.isEmpty()) return QCoreApplication::translate("ChatController", "New conversation");
  if (line.size() <= kMaxTitleLength) return line;
  // Cut at the last space that keeps the title readable; a single very long word is cut hard.
  QString cut = line.left(kMaxTitleLength - 1);
  const qsizetype space = cut.lastIndexOf(QLatin1Char(' '));
  if (space >= kMaxTitleLength / 2) cut.truncate(space);
  // Never leave half of a surrogate pair (emoji) at the end.
  if (!cut.isEmpty() && cut.back().isHighSurrogate()) cut.chop(1);
  return cut + QChar(0x2026);
}

}  // namespace veloce::app
