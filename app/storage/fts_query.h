#pragma once
// Turns what the user typed into the search box into a safe FTS5 query: every word becomes a
// quoted phrase (so quotes, AND/OR/NEAR, '*', ':' and parentheses are just text), all words must
// match, and the last word also matches as a prefix (results appear while typing).
#include <QString>

namespace veloce::storage::detail {

// Empty when the text has no searchable word (only spaces or punctuation).
QString fts_query_from_user_text(const QString& text);

}  // namespace veloce::storage::detail
