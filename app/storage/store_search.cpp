// ConversationStore: full-text search over titles and message text (FTS5).
#include "app/storage/conversation_store.h"
#include "app/storage/fts_query.h"
#include "app/storage/store_rows.h"

namespace veloce::storage {

using detail::Statement;

namespace {

// snippet() marks each match with these two private-use characters; they are taken out again
// and turned into (start, length) ranges, so no marker can be confused with message text.
constexpr char16_t kOpen = 0xE000;
constexpr char16_t kClose = 0xE001;

void parse_snippet(const QString& marked, SearchHit& hit) {
  hit.snippet.reserve(marked.size());
  int start = -1;
  for (QChar c : marked) {
    if (c == QChar(kOpen)) {
      start = static_cast<int>(hit.snippet.size());
    } else if (c == QChar(kClose)) {
      if (start >= 0) hit.matches.emplace_back(start, static_cast<int>(hit.snippet.size()) - start);
      start = -1;
    } else {
      hit.snippet += c;
    }
  }
}

}  // namespace

std::vector<SearchHit> ConversationStore::search(const QString& text, int limit) const {
  std::vector<SearchHit> hits;
  const QString query = detail::fts_query_from_user_text(text);
  if (query.isEmpty() || limit <= 0) return hits;

  // Titles first: a conversation named after the words is the likeliest thing wanted.
  Statement titles(db_,
                   "SELECT c.id, c.title, snippet(conversation_fts, 0, char(57344), char(57345), '…', 16), c.created_at "
                   "FROM conversation_fts JOIN conversations c ON c.id = conversation_fts.rowid "
                   "WHERE conversation_fts MATCH ?1 AND c.deleted_at IS NULL "
                   "ORDER BY conversation_fts.rank LIMIT ?2",
                   path_);
  titles.bind(1, query).bind(2, limit);
  while (titles.step()) {
    SearchHit hit;
    hit.conversation_id = titles.int64(0);
    hit.title = titles.text(1);
    hit.created_at = detail::from_ms(titles.int64(3));
    parse_snippet(titles.text(2), hit);
    hits.push_back(std::move(hit));
  }
  const int left = limit - static_cast<int>(hits.size());
  if (left <= 0) return hits;

  // The inner query lets FTS5 rank and cut before the joins, and computes snippets only for the
  // rows kept. It over-fetches a little so that hits in soft-deleted conversations (hidden, and
  // purged at the next start) do not leave the list short.
  Statement messages(db_,
                     "SELECT m.conversation_id, m.id, c.title, f.marked, m.role, m.created_at FROM "
                     "(SELECT rowid, rank, snippet(message_fts, 0, char(57344), char(57345), '…', 16) AS marked "
                     " FROM message_fts WHERE message_fts MATCH ?1 ORDER BY rank LIMIT ?3) f "
                     "JOIN messages m ON m.id = f.rowid JOIN conversations c ON c.id = m.conversation_id "
                     "WHERE c.deleted_at IS NULL ORDER BY f.rank LIMIT ?2",
                     path_);
  messages.bind(1, query).bind(2, left).bind(3, left * 2 + 20);
  while (messages.step()) {
    SearchHit hit;
    hit.conversation_id = messages.int64(0);
    hit.message_id = messages.int64(1);
    hit.title = messages.text(2);
    hit.role = role_from_name(messages.text(4)).value_or(Role::User);
    hit.created_at = detail::from_ms(messages.int64(5));
    parse_snippet(messages.text(3), hit);
    hits.push_back(std::move(hit));
  }
  return hits;
}

}  // namespace veloce::storage
