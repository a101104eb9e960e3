#pragma once
// CommonMark fence lines (``` or ~~~), shared by the Markdown splitters.
#include <QString>

namespace veloce::app {

struct Fence {
  QChar marker;
  qsizetype length = 0;
  QString info;
};

// A fence line: up to three spaces, then at least three backticks or tildes. A backtick fence's
// info string may not contain a backtick (CommonMark), which keeps inline code spans out.
bool parseFence(const QString& line, Fence& fence);
// A line that closes `open`: the same character, at least as long, no info string.
bool closesFence(const QString& line, const Fence& open);

}  // namespace veloce::app
