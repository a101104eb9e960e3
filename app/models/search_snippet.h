#pragma once
// A search hit's snippet as the result list shows it: the text a reader sees, not the Markdown it
// was cut from (no "#" of a heading, "**", backticks, "> ", link targets or fence lines; list
// markers as bullets; a table's cells without their "|" borders or separator row; line breaks as
// spaces), with each matched term in bold. Before, the snippet showed raw Markdown marks around
// the match. The list shows the first lines or so: the text is cut to start shortly before the
// first match ("…"), which a long word (FTS5 cuts by words) could push out of view.
#include <QString>

#include "app/storage/records.h"

namespace veloce::app {

struct ShownSnippet {
  QString text;  // plain text
  QString html;  // the same text escaped for Text.StyledText, matches in <b>
};

ShownSnippet shownSnippet(const veloce::storage::SearchHit& hit);

}  // namespace veloce::app
