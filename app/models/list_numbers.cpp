#include "app/models/list_numbers.h"

#include <QRegularExpression>
#include <QTextCursor>
#include <QTextDocument>
#include <QTextList>

#include <vector>

namespace veloce::app {
namespace {

constexpr char16_t kOpen = 0xE010;
constexpr char16_t kClose = 0xE011;

QString marker(const QString& number) { return QChar(kOpen) + number + QChar(kClose); }

bool isOrdered(const QTextList& list) { return list.format().style() <= QTextListFormat::ListDecimal; }

}  // namespace

QString markListNumbers(const QString& markdown) {
  // An ordered item: quote marks, indentation, 1 to 9 digits, "." or ")", a space, some text.
  static const QRegularExpression item(QStringLiteral("^((?:[ \\t]*>)*[ \\t]*)(\\d{1,9})([.)])[ \\t]+\\S"));
  // At the end of the item's first line, where it cannot turn "[ ]" into no task box; before a
  // hard break (two spaces, a backslash), which must stay last.
  static const QRegularExpression lineEnd(QStringLiteral("(\\\\?[ \\t]*)$"));
  QStringList lines = markdown.split(u'\n');
  for (QString& line : lines) {
    const QRegularExpressionMatch m = item.match(line);
    if (!m.hasMatch()) continue;
    const qsizetype end = lineEnd.match(line).capturedStart(1);
    line.insert(end, marker(QString::number(m.captured(2).toLongLong())));
  }
  return lines.join(u'\n');
}

QHash<const QTextList*, int> takeListStarts(QTextDocument& doc) {
  static const QRegularExpression found(QStringLiteral("\\x{E010}(\\d+)\\x{E011}"));
  QHash<const QTextList*, int> starts;
  for (QTextBlock block = doc.begin(); block.isValid(); block = block.next()) {
    const QTextList* list = block.textList();
    if (!list || !isOrdered(*list) || list->itemNumber(block) != 0) continue;
    const QRegularExpressionMatch m = found.match(block.text());
    const int start = m.hasMatch() ? m.captured(1).toInt() : 1;
    if (start != 1) starts.insert(list, start);
  }
  // Every marker goes, also where the line was no list item after all (a paragraph's "3.").
  QTextCursor cursor(&doc);
  while (!(cursor = doc.find(found, cursor)).isNull()) cursor.removeSelectedText();
  return starts;
}

void writeListNumbers(const QHash<const QTextList*, int>& starts) {
  for (auto it = starts.constBegin(); it != starts.constEnd(); ++it) {
    auto* list = const_cast<QTextList*>(it.key());
    const QString suffix = list->format().numberSuffix();
    std::vector<QTextBlock> items;
    for (int i = 0; i < list->count(); ++i) items.push_back(list->item(i));
    for (size_t i = 0; i < items.size(); ++i) {
      // Out of the list (which keeps the block's indentation), its number written in front.
      list->remove(items[i]);
      QTextCursor cursor(items[i]);
      cursor.insertText(QStringLiteral("%1%2 ").arg(it.value() + static_cast<int>(i)).arg(suffix));
    }
  }
}

}  // namespace veloce::app
