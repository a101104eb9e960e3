#include "app/models/render_blocks.h"

#include <QRegularExpression>
#include <QStringList>
#include <algorithm>

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

// A line that is part of a Markdown block other than a plain paragraph: a list item, a quote, a
// table row or a heading (up to three spaces of indent), or an indented code line.
bool isBlockMarkup(const QString& line) {
  qsizetype indent = 0;
  while (indent < line.size() && line[indent] == u' ') ++indent;
  if (indent >= 4 && indent < line.size()) return true;
  const QString rest = line.mid(indent);
  return isListItem(rest) || rest.startsWith(u'>') || rest.startsWith(u'|') || rest.startsWith(u'#');
}

// Text after a formula in the middle of a line that, as the start of a paragraph of its own,
// would turn into a block: a list item, a quote, a heading, a table row, a rule or a fence.
bool startsBlock(const QString& rest) {
  static const QRegularExpression rule(QStringLiteral("^([-*_])(\\s*\\1){2,}\\s*$"));
  return isBlockMarkup(rest) || rule.match(rest).hasMatch() || rest.startsWith(QStringLiteral("```")) ||
         rest.startsWith(QStringLiteral("~~~"));
}

// $$...$$ is always a displayed formula (pandoc's rule, which the HTML export follows with
// MathML display="block" and the PDF export with a paragraph of its own), and so are \[...\] and
// a bare \begin{align}. Models write one on lines of its own inside a paragraph ("so\n$$...$$\n
// which") or in the middle of a sentence ("so $$x^2$$ holds"); the chat view must show it
// displayed too, not as an image inside a line as tall as the formula. So a prose piece is cut
// around each display span: the prose before it, the formula as a Math piece, the prose after it.
// A formula with its lines to itself keeps them whole (white space included); one in the middle
// of a line is cut out of it, unless the text after it would then read as Markdown block markup.
// Only in a plain paragraph: a formula inside a list, quote or table stays where it is, as cutting
// there would break the list or table apart. The pieces are cut from the piece's text alone and
// are closed exactly when it is, so a prefix still splits into the same closed pieces.
// `lineStarts[i]` is the offset of line i in the whole text.
void appendCutAtDisplayMath(std::vector<RenderBlock>& out, const RenderBlock& piece, const QStringList& lines,
                            const QList<qsizetype>& lineStarts) {
  if (piece.kind != RenderBlock::Kind::Prose || std::any_of(lines.begin(), lines.end(), isBlockMarkup)) {
    out.push_back(piece);
    return;
  }
  // Line of each character of piece.text (the lines joined with '\n'; a line's '\n' is its own).
  QList<qsizetype> lineAt(piece.text.size() + 1, 0);
  QList<qsizetype> lineOffset(lines.size(), 0);
  for (qsizetype i = 0, at = 0; i < lines.size(); at += lines[i].size() + 1, ++i) {
    lineOffset[i] = at;
    for (qsizetype k = at; k <= std::min(at + lines[i].size(), piece.text.size()); ++k) lineAt[k] = i;
  }
  auto lineEndOf = [&](qsizetype line) { return lineOffset[line] + lines[line].size(); };
  auto blank = [&](qsizetype from, qsizetype to) { return piece.text.mid(from, to - from).trimmed().isEmpty(); };
  // Characters [from, to) of piece.text as a piece, less the blank lines at either end and the
  // white space at a cut inside a line (after a formula, four spaces would start a code block).
  auto push = [&](qsizetype from, qsizetype to) {
    while (from < to && blank(from, std::min(to, lineEndOf(lineAt[from])))) from = lineEndOf(lineAt[from]) + 1;
    if (from >= to) return;
    if (from != lineOffset[lineAt[from]])
      while (piece.text[from].isSpace()) ++from;
    while (blank(std::max(from, lineOffset[lineAt[to - 1]]), to)) to = std::max(from, lineOffset[lineAt[to - 1]]);
    const qsizetype line = lineAt[to - 1];
    if (to > lineEndOf(line)) to = lineEndOf(line);
    else if (to < lineEndOf(line))
      while (piece.text[to - 1].isSpace()) --to;
    RenderBlock b = piece;
    b.start = lineStarts[lineAt[from]] + (from - lineOffset[lineAt[from]]);
    b.text = piece.text.mid(from, to - from);
    b.kind = proseKind(b.text);
    out.push_back(b);
  };
  qsizetype next = 0;  // first character not emitted yet
  bool cut = false;
  for (const MathSpan& span : findMathSpans(piece.text)) {
    if (!span.display || span.start < next) continue;
    const qsizetype spanEnd = span.start + span.length;
    const qsizetype first = lineAt[span.start], last = lineAt[spanEnd - 1];
    const qsizetype lineEnd = lineOffset[last] + lines[last].size();
    const bool ownStart = blank(lineOffset[first], span.start);
    const bool ownEnd = blank(spanEnd, lineEnd);
    if (!ownEnd && startsBlock(piece.text.mid(spanEnd, lineEnd - spanEnd).trimmed())) continue;
    const qsizetype from = ownStart ? lineOffset[first] : span.start;
    const qsizetype to = ownEnd ? lineEnd : spanEnd;
    push(next, from);
    push(from, to);
    next = to;
    cut = true;
  }
  if (!cut) {
    out.push_back(piece);
    return;
  }
  push(next, piece.text.size());
}

}  // namespace

std::vector<RenderBlock> splitRenderBlocks(const QString& markdown, qsizetype from) {
  enum class State { None, Prose, Code };
  std::vector<RenderBlock> blocks;
  State state = State::None;
  RenderBlock current;
  QStringList lines;            // of the current piece
  QList<qsizetype> lineStarts;  // their offsets in the whole text
  Fence fence;
  bool blankSeen = false;
  bool hasList = false;  // the current prose piece has a list item at the left margin
  bool dollars = false;
  bool bracket = false;

  auto finishProse = [&](bool closed) {
    while (!lines.isEmpty() && isBlank(lines.last())) {
      lines.removeLast();
      lineStarts.removeLast();
    }
    current.text = lines.join(u'\n');
    current.kind = proseKind(current.text);
    current.closed = closed;
    appendCutAtDisplayMath(blocks, current, lines, lineStarts);
    state = State::None;
  };
  auto start = [&](const QString& line, qsizetype at) {
    current = RenderBlock{};
    current.start = at;
    lines.clear();
    lineStarts.clear();
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
      lineStarts.append(at);
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
        lineStarts.append(lineStart);
        blankSeen = true;
      } else if (blankSeen && !dollars && !bracket && startsPiece(line, hasList)) {
        finishProse(decided(line, complete));
        start(line, lineStart);
      } else {
        lines.append(line);
        lineStarts.append(lineStart);
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
