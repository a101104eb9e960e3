#pragma once
// Column lists and row readers shared by the store_*.cpp files, so every query that returns a
// conversation or a message reads it the same way.
#include <QDateTime>

#include "app/storage/records.h"
#include "app/storage/sqlite_statement.h"

namespace veloce::storage::detail {

inline qint64 now_ms() { return QDateTime::currentMSecsSinceEpoch(); }
inline QDateTime from_ms(qint64 ms) { return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC); }

// id, uuid, title, created_at, updated_at, pinned, system_prompt, settings, model_file, model_quant
inline constexpr const char* kConversationColumns =
    "c.id, c.uuid, c.title, c.created_at, c.updated_at, c.pinned, c.system_prompt, c.settings, "
    "c.model_file, c.model_quant";
Conversation read_conversation(const Statement& q);

// id, uuid, conversation_id, parent_id, parent uuid, role, content, created_at, state,
// prompt_tokens, completion_tokens, time_to_first_token_ms, tokens_per_second, active flag,
// stop_reason.
// Needs "FROM messages m JOIN conversations c ON c.id = m.conversation_id
//        LEFT JOIN messages p ON p.id = m.parent_id".
inline constexpr const char* kMessageColumns =
    "m.id, m.uuid, m.conversation_id, m.parent_id, p.uuid, m.role, m.content, m.created_at, m.state, "
    "m.prompt_tokens, m.completion_tokens, m.time_to_first_token_ms, m.tokens_per_second, "
    "(m.id = coalesce(CASE WHEN m.parent_id IS NULL THEN c.active_root_id ELSE p.active_child_id END, "
    "  (SELECT max(s.id) FROM messages s WHERE s.conversation_id = m.conversation_id "
    "   AND s.parent_id IS m.parent_id))), m.stop_reason";
inline constexpr const char* kMessageFrom =
    " FROM messages m JOIN conversations c ON c.id = m.conversation_id "
    "LEFT JOIN messages p ON p.id = m.parent_id ";
Message read_message(const Statement& q);

}  // namespace veloce::storage::detail
