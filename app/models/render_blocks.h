#pragma once
// The pieces the chat view draws a reply as, cut fine enough that a streaming reply re-renders
// only its last piece: fenced code blocks, display math paragraphs ($$...$$ or \[...\] alone),
// and prose cut at paragraph breaks. A prose cut is made only before a line at the left margin
// that cannot continue the previous paragraph's structure (not indented, not a list item) and
// never inside display math, so the pieces render as the whole would.
//
// `closed` marks a piece that no later text can change: the lines that ended it are complete
// (end in a newline) and so is the first line of what follows. A prefix of the text splits into
// the same closed pieces as any longer text, which is what StreamingRenderer relies on: it keeps
// the closed pieces and splits again only from the first open one.
#include <QString>
#include <vector>

namespace veloce::app {

struct RenderBlock {
  enum class Kind { Prose, Code, Math };
  Kind kind = Kind::Prose;
  QString text;         // Prose/Math: the Markdown source; Code: the code, verbatim
  QString language;     // Code: the fence's first info word (may be empty)
  qsizetype start = 0;  // offset of the piece's first line in the whole text
  bool closed = false;
  bool operator==(const RenderBlock&) const = default;
};

// Splits markdown.mid(from); `from` must be 0 or the start of a piece a split returned (the
// splitter starts there in its initial state). Offsets stay relative to the whole text.
std::vector<RenderBlock> splitRenderBlocks(const QString& markdown, qsizetype from = 0);

}  // namespace veloce::app
