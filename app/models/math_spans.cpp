#include "app/models/math_spans.h"

#include <QTextCursor>
#include <QTextDocument>
#include <string_view>

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
  const QByteArray utf8 = s.toUtf8();
  std::vector<qsizetype> unit_at;  // UTF-16 index of the character each UTF-8 byte belongs to
  unit_at.reserve(static_cast<size_t>(utf8.size()) + 1);
  qsizetype current = 0, next = 0;
  for (const char byte : utf8) {
    const auto b = static_cast<unsigned char>(byte);
    // A lead byte starts the next character: two UTF-16 units for a four-byte sequence (outside
    // the BMP), one otherwise; continuation bytes belong to the character before.
    if ((b & 0xC0) != 0x80) {
      current = next;
      next += b >= 0xF0 ? 2 : 1;
    }
    unit_at.push_back(current);
  }
  unit_at.push_back(s.size());
  const std::string_view bytes(utf8.constData(), static_cast<size_t>(utf8.size()));
  std::vector<MathSpan> spans;
  for (const math::MathSpan& m : math::find_math_spans(bytes)) {
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

Formula formulaOf(const QString& source) {
  const std::vector<MathSpan> spans = findMathSpans(source);
  if (spans.empty()) return {};
  return {source.mid(spans[0].innerStart, spans[0].innerLength), spans[0].display};
}

void insertFormulaSource(QTextCursor& cursor, const QString& source) {
  QTextCharFormat format = cursor.charFormat();
  format.setFontFamilies({QStringLiteral("monospace")});
  QString text = source;
  text.replace(u'\n', QChar(QChar::LineSeparator));
  cursor.insertText(text, format);
}

}  // namespace veloce::app
