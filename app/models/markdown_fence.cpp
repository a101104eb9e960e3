#include "app/models/markdown_fence.h"

namespace veloce::app {

bool parseFence(const QString& line, Fence& fence) {
  qsizetype i = 0;
  while (i < line.size() && i < 3 && line[i] == u' ') ++i;
  if (i >= line.size() || (line[i] != u'`' && line[i] != u'~')) return false;
  const QChar marker = line[i];
  qsizetype n = 0;
  while (i + n < line.size() && line[i + n] == marker) ++n;
  if (n < 3) return false;
  const QString info = line.mid(i + n).trimmed();
  if (marker == u'`' && info.contains(u'`')) return false;
  fence = {marker, n, info};
  return true;
}

bool closesFence(const QString& line, const Fence& open) {
  Fence f;
  return parseFence(line, f) && f.marker == open.marker && f.length >= open.length && f.info.isEmpty();
}

}  // namespace veloce::app
