#include "app/models/search_snippet.h"

#include <algorithm>
#include <vector>

namespace veloce::app {
namespace {

// The snippet with a bold flag per character; marks are dropped as the text is read, so each
// kept character keeps whether it was part of a match.
class SnippetReader {
 public:
  SnippetReader(const QString& source, std::vector<bool> bold) : s_(source), bold_(std::move(bold)) {}

  void run() {
    qsizetype i = 0;
    bool lineStart = true;
    while (i < s_.size()) {
      if (lineStart) {
        tableRow_ = isTableRow(i);
        i = skipLineMarks(i);
        lineStart = false;
        if (i >= s_.size()) break;
      }
      const QChar c = s_[i];
      if (c == QLatin1Char('\n')) {
        put(QLatin1Char(' '), i);
        lineStart = true;
        ++i;
      } else if (tableRow_ && c == QLatin1Char('|') && (i == 0 || s_[i - 1] != QLatin1Char('\\'))) {
        put(QLatin1Char(' '), i);  // a cell border; the cells read as words apart
        ++i;
      } else if (isPairMark(i)) {
        i += 2;  // "**", "__", "~~"
      } else if (c == QLatin1Char('`')) {
        ++i;
      } else if (c == QLatin1Char('*') && isEmphasisStar(i)) {
        ++i;
      } else if (c == QLatin1Char('[') && linkTextEnd(i) > 0) {
        ++i;  // the link's text is kept, its target skipped at "]("
      } else if (c == QLatin1Char(']') && i + 1 < s_.size() && s_[i + 1] == QLatin1Char('(')) {
        const qsizetype close = s_.indexOf(QLatin1Char(')'), i + 2);
        i = close < 0 ? s_.size() : close + 1;
      } else {
        put(c, i);
        ++i;
      }
    }
  }

  // The reader sees three lines or so of the snippet: when its first match comes after more
  // than kBefore characters, the start is cut (at a space where one is near) and marked "…".
  // FTS5 cuts its snippet by words, and a word can be hundreds of characters long (a string in
  // code, a URL): the match then came after the lines shown and the list showed no match at all.
  void keepFirstMatchInView() {
    constexpr qsizetype kBefore = 40;
    const auto bold = std::find(flags_.begin(), flags_.end(), true);
    if (bold == flags_.end()) return;
    const qsizetype match = bold - flags_.begin();
    if (match <= kBefore) return;
    qsizetype cut = match - kBefore;
    const qsizetype space = text_.indexOf(QLatin1Char(' '), cut);
    if (space >= 0 && space < match) cut = space + 1;
    text_ = QStringLiteral("…") + text_.mid(cut);
    flags_.erase(flags_.begin(), flags_.begin() + cut);
    flags_.insert(flags_.begin(), false);
  }

  ShownSnippet result() const {
    const qsizetype first = leadingSpaces();
    const qsizetype end = text_.size() - trailingSpaces();
    ShownSnippet out;
    out.text = text_.mid(first, std::max<qsizetype>(0, end - first));
    bool open = false;
    for (qsizetype k = first; k < end; ++k) {
      if (flags_[static_cast<size_t>(k)] != open) {
        out.html += open ? QStringLiteral("</b>") : QStringLiteral("<b>");
        open = !open;
      }
      out.html += QString(text_[k]).toHtmlEscaped();
    }
    if (open) out.html += QStringLiteral("</b>");
    return out;
  }

 private:
  void put(QChar c, qsizetype from) {
    // Runs of spaces (a line break next to a space, indentation) show as one.
    if (c.isSpace() && (text_.isEmpty() || text_.back() == QLatin1Char(' '))) return;
    text_ += c.isSpace() ? QLatin1Char(' ') : c;
    flags_.push_back(bold_[static_cast<size_t>(from)]);
  }

  // Heading hashes, quote marks, list markers and fence lines at the start of a line.
  qsizetype skipLineMarks(qsizetype i) {
    qsizetype j = i;
    if (isTableSeparator(i)) return lineEnd(i);  // its line break still reads as a space
    while (j < s_.size() && (s_[j] == QLatin1Char(' ') || s_[j] == QLatin1Char('\t'))) ++j;
    if (s_.mid(j, 3) == QStringLiteral("```") || s_.mid(j, 3) == QStringLiteral("~~~")) {
      const qsizetype end = s_.indexOf(QLatin1Char('\n'), j);
      return end < 0 ? s_.size() : end + 1;  // the fence and its language: not text
    }
    qsizetype k = j;
    while (k < s_.size() && s_[k] == QLatin1Char('#') && k - j < 6) ++k;
    if (k > j && k < s_.size() && s_[k] == QLatin1Char(' ')) return k + 1;
    while (j < s_.size() && s_[j] == QLatin1Char('>')) {
      ++j;
      if (j < s_.size() && s_[j] == QLatin1Char(' ')) ++j;
    }
    if (j + 1 < s_.size() && (s_[j] == QLatin1Char('-') || s_[j] == QLatin1Char('*') || s_[j] == QLatin1Char('+')) &&
        s_[j + 1] == QLatin1Char(' ')) {
      text_ += QStringLiteral("• ");
      flags_.push_back(false);
      flags_.push_back(false);
      return j + 2;
    }
    return j;
  }

  // A row of a Markdown table: a line that starts or ends with "|" (the snippet's first line may
  // be cut in the middle of one). A separator row ("|---|:--:|") is skipped by skipLineMarks.
  bool isTableRow(qsizetype i) const {
    const QString line = s_.mid(i, lineEnd(i) - i).trimmed();
    return line.startsWith(QLatin1Char('|')) || line.endsWith(QLatin1Char('|'));
  }

  // A table's separator row: only "|", "-", ":" and spaces, with at least a "|" and a "-".
  bool isTableSeparator(qsizetype i) const {
    const QString line = s_.mid(i, lineEnd(i) - i);
    bool pipe = false, dash = false;
    for (const QChar c : line) {
      if (c == QLatin1Char('|')) pipe = true;
      else if (c == QLatin1Char('-')) dash = true;
      else if (c != QLatin1Char(':') && !c.isSpace()) return false;
    }
    return pipe && dash;
  }

  qsizetype lineEnd(qsizetype i) const {
    const qsizetype end = s_.indexOf(QLatin1Char('\n'), i);
    return end < 0 ? s_.size() : end;
  }

  bool isPairMark(qsizetype i) const {
    if (i + 1 >= s_.size() || s_[i] != s_[i + 1]) return false;
    return s_[i] == QLatin1Char('*') || s_[i] == QLatin1Char('_') || s_[i] == QLatin1Char('~');
  }

  // "*word*" emphasis, not the "*" of "2 * 3".
  bool isEmphasisStar(qsizetype i) const {
    const bool spaceBefore = i == 0 || s_[i - 1].isSpace();
    const bool spaceAfter = i + 1 >= s_.size() || s_[i + 1].isSpace();
    return !(spaceBefore && spaceAfter);
  }

  // Where "[text](" closes on this line, or -1 when '[' does not open a link.
  qsizetype linkTextEnd(qsizetype i) const {
    const qsizetype end = s_.indexOf(QStringLiteral("]("), i + 1);
    const qsizetype line = s_.indexOf(QLatin1Char('\n'), i + 1);
    return end > 0 && (line < 0 || end < line) ? end : -1;
  }

  qsizetype leadingSpaces() const {
    qsizetype n = 0;
    while (n < text_.size() && text_[n] == QLatin1Char(' ')) ++n;
    return n;
  }
  qsizetype trailingSpaces() const {
    qsizetype n = 0;
    while (n < text_.size() && text_[text_.size() - 1 - n] == QLatin1Char(' ')) ++n;
    return n;
  }

  const QString& s_;
  std::vector<bool> bold_;
  QString text_;
  std::vector<bool> flags_;
  bool tableRow_ = false;
};

}  // namespace

ShownSnippet shownSnippet(const veloce::storage::SearchHit& hit) {
  std::vector<bool> bold(static_cast<size_t>(hit.snippet.size()), false);
  for (const auto& [start, length] : hit.matches) {
    if (start < 0 || length <= 0 || start + length > hit.snippet.size()) continue;
    for (int k = start; k < start + length; ++k) bold[static_cast<size_t>(k)] = true;
  }
  SnippetReader reader(hit.snippet, std::move(bold));
  reader.run();
  reader.keepFirstMatchInView();
  return reader.result();
}

}  // namespace veloce::app
