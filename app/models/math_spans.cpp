#include "app/models/math_spans.h"

#include <QTextCursor>
#include <QTextDocument>

namespace veloce::app {
namespace {

// Private-use characters: model text has no reason to contain them, and Markdown gives them no
// meaning, so "<U+E000>3<U+E001>" reaches the document exactly as written.
constexpr char16_t kOpen = 0xE000;
constexpr char16_t kClose = 0xE001;

// End of the inline code span whose opening run of `run` backticks starts at i, or -1.
qsizetype codeSpanEnd(const QString& s, qsizetype i, qsizetype run) {
  qsizetype j = i + run;
  while (j < s.size()) {
    if (s[j] != u'`') {
      ++j;
      continue;
    }
    qsizetype n = 0;
    while (j + n < s.size() && s[j + n] == u'`') ++n;
    if (n == run) return j + n;
    j += n;
  }
  return -1;
}

}  // namespace

QString mathPlaceholder(qsizetype k) { return QChar(kOpen) + QString::number(k) + QChar(kClose); }

std::vector<MathSpan> findMathSpans(const QString& s) {
  std::vector<MathSpan> spans;
  qsizetype i = 0;
  while (i < s.size()) {
    const QChar c = s[i];
    if (c == u'`') {
      qsizetype run = 0;
      while (i + run < s.size() && s[i + run] == u'`') ++run;
      const qsizetype end = codeSpanEnd(s, i, run);
      i = end < 0 ? i + run : end;
      continue;
    }
    if (c == u'\\' && i + 1 < s.size()) {
      const QChar next = s[i + 1];
      if (next == u'(' || next == u'[') {
        const QStringView close = next == u'(' ? QStringView(u"\\)") : QStringView(u"\\]");
        const qsizetype end = s.indexOf(close, i + 2);
        if (end >= 0) {
          spans.push_back({i, end + 2 - i, next == u'[', i + 2, end - i - 2});
          i = end + 2;
          continue;
        }
      }
      i += 2;  // any other backslash escape, \$ included, opens nothing
      continue;
    }
    if (c == u'$') {
      if (i + 1 < s.size() && s[i + 1] == u'$') {
        const qsizetype end = s.indexOf(QStringView(u"$$"), i + 2);
        if (end >= 0) {
          spans.push_back({i, end + 2 - i, true, i + 2, end - i - 2});
          i = end + 2;
        } else {
          i += 2;
        }
        continue;
      }
      if (i + 1 < s.size() && !s[i + 1].isSpace()) {
        // Inline: the first $ that follows a non-space and is not followed by a digit, within
        // the paragraph (a blank line ends the search).
        qsizetype j = i + 1;
        qsizetype end = -1;
        while (j < s.size()) {
          if (s[j] == u'\\') {
            j += 2;
            continue;
          }
          if (s[j] == u'\n' && j + 1 < s.size() && s[j + 1] == u'\n') break;
          if (s[j] == u'$' && j > i + 1 && !s[j - 1].isSpace() && !(j + 1 < s.size() && s[j + 1].isDigit())) {
            end = j;
            break;
          }
          ++j;
        }
        if (end >= 0) {
          spans.push_back({i, end + 1 - i, false, i + 1, end - i - 1});
          i = end + 1;
          continue;
        }
      }
    }
    ++i;
  }
  return spans;
}

QString protectMath(const QString& prose, QStringList& sources) {
  const std::vector<MathSpan> spans = findMathSpans(prose);
  if (spans.empty()) return prose;
  QString out;
  out.reserve(prose.size());
  qsizetype at = 0;
  for (const MathSpan& span : spans) {
    out += QStringView(prose).mid(at, span.start - at);
    out += mathPlaceholder(sources.size());
    sources.append(prose.mid(span.start, span.length));
    at = span.start + span.length;
  }
  out += QStringView(prose).mid(at);
  return out;
}

void restoreMath(QTextDocument& doc, const QStringList& sources) {
  // Last first, so an earlier placeholder's position is not moved by a longer source.
  for (qsizetype k = sources.size() - 1; k >= 0; --k) {
    QTextCursor cursor = doc.find(mathPlaceholder(k));
    if (cursor.isNull()) continue;  // e.g. inside a link's address, where it cannot be shown
    QString text = sources[k];
    text.replace(u'\n', QChar(QChar::LineSeparator));
    const QTextCharFormat format = cursor.charFormat();
    cursor.insertText(text, format);
  }
}

}  // namespace veloce::app
