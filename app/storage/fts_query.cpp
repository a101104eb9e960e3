#include "app/storage/fts_query.h"

#include <QRegularExpression>
#include <QStringList>

namespace veloce::storage::detail {

QString fts_query_from_user_text(const QString& text) {
  static const QRegularExpression kSpace(QStringLiteral("\\s+"));
  QStringList phrases;
  for (const QString& word : text.split(kSpace, Qt::SkipEmptyParts)) {
    // The unicode61 tokenizer drops punctuation; a word with no letter or digit would become an
    // empty phrase, so it is left out instead.
    const bool searchable = std::any_of(word.begin(), word.end(), [](QChar c) { return c.isLetterOrNumber(); });
    if (!searchable) continue;
    QString quoted = word;
    quoted.replace(QLatin1Char('"'), QStringLiteral("\"\""));
    phrases << QLatin1Char('"') + quoted + QLatin1Char('"');
  }
  if (phrases.isEmpty()) return {};
  phrases.last() += QLatin1Char('*');
  return phrases.join(QLatin1Char(' '));
}

}  // namespace veloce::storage::detail
