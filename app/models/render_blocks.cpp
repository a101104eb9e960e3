#include "app/models/render_blocks.h"

#include <QStringList>

#include "app/models/markdown_fence.h"
#include "app/models/math_spans.h"

namespace veloce::app {
namespace {

bool isBlank(const QString& line) { return line.trimmed().isEmpty(); }

// A list item marker at the left margin: "-", "*" or "+" then a space (or the end), or up to
// nine digits then "." or ")" then a space (or the end).
bool isListItem(const QString& line) {
  if (line.isEmpty()) return false;
  if (line[0] == u'-' || line[0] == u'*' || line[0] == u'+') return line.size() == 1 || line[1] == u' ' || line[1] == u'\t';
  qsizetype i = 0;
  while (i < line.size() && i < 9 && line[i].isDigit()) ++i;
  if (i == 0 || i >= line.size() || (line[i] != u'.' && line[i] != u')')) return false;
  return i + 1 == line.size() || line[i + 1] == u' ' || line[i + 1] == u'\t';
}

// After a blank line: does this line start a new piece? Only at the left margin, and a list item
// only when the piece so far holds no list, so loose lists and a list item's indented paragraphs
// stay in one piece.
bool startsPiece(const QString& line, bool pieceHasList) {
  if (line.isEmpty() || line[0] == u' ' || line[0] == u'\t') return false;
  return !(pieceHasList && isListItem(line));
}

// Whether the answer startsPiece() gave for a line can no longer change as text is appended:
// a complete line, or one whose first character is a letter (no marker or indent starts so).
bool decided(const QString& line, bool complete) { return complete || (!line.isEmpty() && line[0].isLetter()); }

// Display math left open by this line ($$ toggles; \[ opens and \] closes): no cut inside it.
void trackDisplayMath(const QString& line, bool& dollars, bool& bracket) {
  for (qsizetype i = 0; i + 1 < line.size(); ++i) {
    if (line[i] == u'$' && line[i + 1] == u'$') {
      dollars = !dollars;
      ++i;
    } else if (line[i] == u'\\') {
      if (line[i + 1] == u'[') bracket = true;
      if (line[i + 1] == u']') bracket = false;
      ++i;
    }
  }
}

// A paragraph that is exactly one display math span ($$, \[ or a bare \begin{align}-like
// environment) is a Math piece (a formula on its own).
RenderBlock::Kind proseKind(const QString& text) {
  const QString t = text.trimmed();
  if (!t.startsWith(QStringLiteral("$$")) && !t.startsWith(QStringLiteral("\\[")) &&
      !t.startsWith(QStringLiteral("\\begin{")))
    return RenderBlock::Kind::Prose;
  const std::vector<MathSpan> spans = findMathSpans(t);
  if (spans.size() == 1 && spans[0].display && spans[0].start == 0 && spans[0].length == t.size())
    return RenderBlock::Kind::Math;
  return RenderBlock::Kind::Prose;
}

}  // namespace

std::vector<RenderBlock> splitRenderBlocks(const QString& markdown, qsizetype from) {
  enum class State { None, Prose, Code };
  std::vector<RenderBlock> blocks;
  State state = State::None;
  RenderBlock current;
  QStringList lines;  // of the current piece
  Fence fence;
  bool blankSeen = false;
  bool hasList = false;  // the current prose piece has a list item at the left margin
  bool dollars = false;
  bool bracket = false;

  auto finishProse = [&](bool closed) {
    while (!lines.isEmpty() && isBlank(lines.last())) lines.removeLast();
    current.text = lines.join(u'\n');
    current.kind = proseKind(current.text);
    current.closed = closed;
    blocks.push_back(current);
    state = State::None;
  };
  auto start = [&](const QString& line, qsizetype at) {
    current = RenderBlock{};
    current.start = at;
    lines.clear();
    blankSeen = false;
    hasList = isListItem(line);
    dollars = false;
    bracket = false;
    if (parseFence(line, fence)) {
      current.kind = RenderBlock::Kind::Code;
      current.language = fence.info.section(u' ', 0, 0);
      state = State::Code;
    } else {
      lines.append(line);
      trackDisplayMath(line, dollars, bracket);
      state = State::Prose;
    }
  };

  qsizetype at = std::max<qsizetype>(from, 0);
  while (at <= markdown.size()) {
    qsizetype end = markdown.indexOf(u'\n', at);
    const bool complete = end >= 0;
    if (!complete) end = markdown.size();
    QString line = markdown.mid(at, end - at);
    if (line.endsWith(u'\r')) line.chop(1);
    const qsizetype lineStart = at;
    at = end + 1;
    if (!complete && line.isEmpty()) break;  // nothing after the last newline

    if (state == State::Code) {
      if (closesFence(line, fence)) {
        current.text = lines.join(u'\n');
        current.closed = complete;
        blocks.push_back(current);
        state = State::None;
      } else {
        lines.append(line);
      }
    } else if (state == State::None) {
      if (!isBlank(line)) start(line, lineStart);
    } else {  // Prose
      Fence f;
      if (parseFence(line, f)) {
        finishProse(complete);
        start(line, lineStart);
      } else if (isBlank(line)) {
        lines.append(line);
        blankSeen = true;
      } else if (blankSeen && !dollars && !bracket && startsPiece(line, hasList)) {
        finishProse(decided(line, complete));
        start(line, lineStart);
      } else {
        lines.append(line);
        blankSeen = false;
        hasList = hasList || isListItem(line);
        trackDisplayMath(line, dollars, bracket);
      }
    }
    if (!complete) break;
  }
  if (state == State::Code) {
    current.text = lines.join(u'\n');
    current.closed = false;
    blocks.push_back(current);
  } else if (state == State::Prose) {
    finishProse(false);
  }
  return blocks;
}

}  // namespace veloce::app
