#include "app/models/math_spans.h"

#include <QTextCursor>
#include <QTextDocument>
#include <string>

#include "app/math/math_spans.h"

namespace veloce::app {
namespace {

// Private-use characters: model text has no reason to contain them, and Markdown gives them no
// meaning, so "<U+E000>3<U+E001>" reaches the document exactly as written.
constexpr char16_t kOpen = 0xE000;
constexpr char16_t kClose = 0xE001;

}  // namespace

QString mathPlaceholder(qsizetype k) { return QChar(kOpen) + QString::number(k) + QChar(kClose); }

std::vector<MathSpan> findMathSpans(const QString& s) {
  // The math library finds the spans (one set of rules for the chat, the exports and
  // render-math); it works on UTF-8, so each byte offset is mapped back to UTF-16 units.
  std::string utf8;
  std::vector<qsizetype> unit_at;  // UTF-16 index of each UTF-8 byte, and of the end
  utf8.reserve(s.size());
  unit_at.reserve(s.size() + 1);
  for (qsizetype i = 0; i < s.size();) {
    char32_t c = s[i].unicode();
    qsizetype units = 1;
    if (QChar::isHighSurrogate(c) && i + 1 < s.size() && s[i + 1].isLowSurrogate()) {
      c = QChar::surrogateToUcs4(s[i], s[i + 1]);
      units = 2;
    } else if (QChar::isSurrogate(c)) {
      c = 0xFFFD;  // a lone surrogate: three bytes, like any other BMP character
    }
    const size_t before = utf8.size();
    if (c < 0x80) {
      utf8 += static_cast<char>(c);
    } else if (c < 0x800) {
      utf8 += static_cast<char>(0xC0 | (c >> 6));
      utf8 += static_cast<char>(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
      utf8 += static_cast<char>(0xE0 | (c >> 12));
      utf8 += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
      utf8 += static_cast<char>(0x80 | (c & 0x3F));
    } else {
      utf8 += static_cast<char>(0xF0 | (c >> 18));
      utf8 += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
      utf8 += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
      utf8 += static_cast<char>(0x80 | (c & 0x3F));
    }
    unit_at.insert(unit_at.end(), utf8.size() - before, i);
    i += units;
  }
  unit_at.push_back(s.size());
  std::vector<MathSpan> spans;
  for (const math::MathSpan& m : math::find_math_spans(utf8)) {
    if (m.kind == math::SpanKind::Text) continue;
    const qsizetype begin = unit_at[m.begin], end = unit_at[m.end];
    const qsizetype tex_begin = unit_at[m.tex_begin], tex_end = unit_at[m.tex_end];
    spans.push_back({begin, end - begin, m.kind == math::SpanKind::DisplayMath, tex_begin, tex_end - tex_begin});
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
