#include "app/storage/schema.h"

namespace veloce::storage::detail {
namespace {

// Version 1: conversations and the message tree. Dates are integer milliseconds since the Unix
// epoch (UTC). active_root_id / active_child_id record which sibling the UI shows; NULL means
// "the newest one". deleted_at marks a soft delete (undo), purged later.
constexpr const char* kSchemaV1 = R"sql(
CREATE TABLE conversations (
  id             INTEGER PRIMARY KEY,
  uuid           TEXT NOT NULL UNIQUE,
  title          TEXT NOT NULL,
  created_at     INTEGER NOT NULL,
  updated_at     INTEGER NOT NULL,
  pinned         INTEGER NOT NULL DEFAULT 0,
  system_prompt  TEXT NOT NULL DEFAULT '',
  settings       TEXT NOT NULL DEFAULT '{}',
  model_file     TEXT NOT NULL DEFAULT '',
  model_quant    TEXT NOT NULL DEFAULT '',
  active_root_id INTEGER REFERENCES messages(id) ON DELETE SET NULL,
  deleted_at     INTEGER
);
CREATE TABLE messages (
  id              INTEGER PRIMARY KEY,
  uuid            TEXT NOT NULL UNIQUE,
  conversation_id INTEGER NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
  parent_id       INTEGER REFERENCES messages(id) ON DELETE CASCADE,
  role            TEXT NOT NULL CHECK (role IN ('system', 'user', 'assistant')),
  content         TEXT NOT NULL,
  created_at      INTEGER NOT NULL,
  state           TEXT NOT NULL CHECK (state IN ('complete', 'streaming', 'stopped', 'error')),
  active_child_id INTEGER REFERENCES messages(id) ON DELETE SET NULL
);
CREATE INDEX messages_by_conversation ON messages(conversation_id, parent_id);
CREATE INDEX messages_by_parent ON messages(parent_id);
CREATE INDEX conversations_sidebar ON conversations(pinned DESC, updated_at DESC, id DESC)
  WHERE deleted_at IS NULL;
)sql";

// Version 2: full-text search (FTS5, external content kept in step by triggers, filled from the
// existing rows) and the figures of generated replies.
constexpr const char* kSchemaV2 = R"sql(
ALTER TABLE messages ADD COLUMN prompt_tokens INTEGER;
ALTER TABLE messages ADD COLUMN completion_tokens INTEGER;
ALTER TABLE messages ADD COLUMN time_to_first_token_ms REAL;
ALTER TABLE messages ADD COLUMN tokens_per_second REAL;

CREATE VIRTUAL TABLE message_fts USING fts5(
  content, content='messages', content_rowid='id', tokenize='unicode61 remove_diacritics 2');
CREATE VIRTUAL TABLE conversation_fts USING fts5(
  title, content='conversations', content_rowid='id', tokenize='unicode61 remove_diacritics 2');

CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages BEGIN
  INSERT INTO message_fts(rowid, content) VALUES (new.id, new.content);
END;
CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages BEGIN
  INSERT INTO message_fts(message_fts, rowid, content) VALUES ('delete', old.id, old.content);
END;
CREATE TRIGGER messages_fts_update AFTER UPDATE OF content ON messages BEGIN
  INSERT INTO message_fts(message_fts, rowid, content) VALUES ('delete', old.id, old.content);
  INSERT INTO message_fts(rowid, content) VALUES (new.id, new.content);
END;
CREATE TRIGGER conversations_fts_insert AFTER INSERT ON conversations BEGIN
  INSERT INTO conversation_fts(rowid, title) VALUES (new.id, new.title);
END;
CREATE TRIGGER conversations_fts_delete AFTER DELETE ON conversations BEGIN
  INSERT INTO conversation_fts(conversation_fts, rowid, title) VALUES ('delete', old.id, old.title);
END;
CREATE TRIGGER conversations_fts_update AFTER UPDATE OF title ON conversations BEGIN
  INSERT INTO conversation_fts(conversation_fts, rowid, title) VALUES ('delete', old.id, old.title);
  INSERT INTO conversation_fts(rowid, title) VALUES (new.id, new.title);
END;

INSERT INTO message_fts(message_fts) VALUES ('rebuild');
INSERT INTO conversation_fts(conversation_fts) VALUES ('rebuild');
)sql";

// Version 3: why each generated reply ended (ReplyStop names; NULL where not recorded: user
// messages, imports without it, replies from earlier versions).
constexpr const char* kSchemaV3 = R"sql(
ALTER TABLE messages ADD COLUMN stop_reason TEXT
  CHECK (stop_reason IN ('finished', 'length', 'context_full', 'stopped', 'error'));
)sql";

constexpr Migration kMigrations[] = {
    {1, "conversations and message tree", kSchemaV1},
    {2, "full-text search and reply statistics", kSchemaV2},
    {3, "reply stop reasons", kSchemaV3},
};

}  // namespace

std::span<const Migration> migrations() { return kMigrations; }

}  // namespace veloce::storage::detail
