// ConversationStore: the message tree (append, streaming updates, branches and siblings).
#include <sqlite3.h>

#include <QUuid>

#include <map>

#include "app/storage/conversation_store.h"
#include "app/storage/store_rows.h"

namespace veloce::storage {

using detail::from_ms;
using detail::now_ms;
using detail::Statement;

namespace detail {

Message read_message(const Statement& q) {
  Message m;
  m.id = q.int64(0);
  m.uuid = q.text(1);
  m.conversation_id = q.int64(2);
  m.parent_id = q.int64(3);
  m.parent_uuid = q.text(4);
  // The CHECK constraints in the schema keep these two columns to the known names.
  m.role = role_from_name(q.text(5)).value_or(Role::User);
  m.content = q.text(6);
  m.created_at = from_ms(q.int64(7));
  m.state = state_from_name(q.text(8)).value_or(MessageState::Complete);
  m.stats.prompt_tokens = q.opt_int(9);
  m.stats.completion_tokens = q.opt_int(10);
  m.stats.time_to_first_token_ms = q.opt_real(11);
  m.stats.tokens_per_second = q.opt_real(12);
  m.active = q.int64(13) != 0;
  // The CHECK constraint keeps the column to the known names or NULL.
  if (!q.is_null(14)) m.stats.stop = reply_stop_from_name(q.text(14));
  return m;
}

}  // namespace detail

namespace {

QByteArray message_query(const char* where) {
  return QByteArray("SELECT ") + detail::kMessageColumns + detail::kMessageFrom + where;
}

[[noreturn]] void no_message(const QString& path, qint64 id) {
  throw StoreError(QStringLiteral("%1: no message with id %2").arg(path).arg(id).toStdString());
}

}  // namespace

Message ConversationStore::append_message(qint64 conversation_id, qint64 parent_id, Role role, const QString& content,
                                          MessageState state) {
  qint64 id = 0;
  in_transaction([&] {
    require_conversation(conversation_id);
    if (parent_id != 0) {
      Statement parent(db_, "SELECT conversation_id FROM messages WHERE id = ?1", path_);
      parent.bind(1, parent_id);
      if (!parent.step() || parent.int64(0) != conversation_id)
        throw StoreError(QStringLiteral("%1: message %2 is not in conversation %3")
                             .arg(path_)
                             .arg(parent_id)
                             .arg(conversation_id)
                             .toStdString());
    }
    Statement insert(db_,
                     "INSERT INTO messages (uuid, conversation_id, parent_id, role, content, created_at, state) "
                     "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                     path_);
    insert.bind(1, QUuid::createUuid().toString(QUuid::WithoutBraces))
        .bind(2, conversation_id)
        .bind_id_or_null(3, parent_id)
        .bind(4, role_name(role))
        .bind(5, content)
        .bind(6, now_ms())
        .bind(7, state_name(state))
        .run();
    id = sqlite3_last_insert_rowid(db_);
    // The newest version is the one shown: a regenerated reply or an edited message replaces
    // the old one on screen, and the old one stays one switcher click away.
    set_active_child(id);
    touch_conversation(conversation_id);
  });
  return *message(id);
}

void ConversationStore::update_message_content(qint64 message_id, const QString& content) {
  Statement q(db_, "UPDATE messages SET content = ?2 WHERE id = ?1", path_);
  q.bind(1, message_id).bind(2, content).run();
  if (sqlite3_changes(db_) == 0) no_message(path_, message_id);
}

void ConversationStore::finish_message(qint64 message_id, const QString& content, MessageState state,
                                       const MessageStats& stats) {
  in_transaction([&] {
    Statement q(db_,
                "UPDATE messages SET content = ?2, state = ?3, prompt_tokens = ?4, completion_tokens = ?5, "
                "time_to_first_token_ms = ?6, tokens_per_second = ?7, stop_reason = ?8 WHERE id = ?1 "
                "RETURNING conversation_id",
                path_);
    q.bind(1, message_id)
        .bind(2, content)
        .bind(3, state_name(state))
        .bind(4, stats.prompt_tokens)
        .bind(5, stats.completion_tokens)
        .bind(6, stats.time_to_first_token_ms)
        .bind(7, stats.tokens_per_second);
    if (stats.stop) q.bind(8, reply_stop_name(*stats.stop));
    else q.bind_null(8);
    if (!q.step()) no_message(path_, message_id);
    const qint64 conversation_id = q.int64(0);
    q.run();
    touch_conversation(conversation_id);
  });
}

void ConversationStore::set_active_child(qint64 message_id) {
  Statement find(db_, "SELECT conversation_id, parent_id FROM messages WHERE id = ?1", path_);
  find.bind(1, message_id);
  if (!find.step()) no_message(path_, message_id);
  const qint64 conversation_id = find.int64(0);
  const qint64 parent_id = find.int64(1);
  if (parent_id == 0) {
    Statement q(db_, "UPDATE conversations SET active_root_id = ?2 WHERE id = ?1", path_);
    q.bind(1, conversation_id).bind(2, message_id).run();
  } else {
    Statement q(db_, "UPDATE messages SET active_child_id = ?2 WHERE id = ?1", path_);
    q.bind(1, parent_id).bind(2, message_id).run();
  }
}

int ConversationStore::mark_interrupted_streams() {
  Statement q(db_, "UPDATE messages SET state = 'stopped' WHERE state = 'streaming'", path_);
  q.run();
  return sqlite3_changes(db_);
}

std::optional<Message> ConversationStore::message(qint64 id) const {
  Statement q(db_, message_query("WHERE m.id = ?1").constData(), path_);
  q.bind(1, id);
  if (!q.step()) return std::nullopt;
  return detail::read_message(q);
}

std::vector<Message> ConversationStore::all_messages(qint64 conversation_id) const {
  // Ids grow with insertion and a parent must exist before its child is inserted (also on
  // import), so id order is a parents-first order that is stable across export and import.
  Statement q(db_, message_query("WHERE m.conversation_id = ?1 ORDER BY m.id").constData(), path_);
  q.bind(1, conversation_id);
  std::vector<Message> out;
  while (q.step()) out.push_back(detail::read_message(q));
  return out;
}

std::vector<Message> ConversationStore::siblings(qint64 message_id) const {
  Statement q(db_,
              message_query("WHERE m.conversation_id = (SELECT conversation_id FROM messages WHERE id = ?1) "
                            "AND m.parent_id IS (SELECT parent_id FROM messages WHERE id = ?1) ORDER BY m.id")
                  .constData(),
              path_);
  q.bind(1, message_id);
  std::vector<Message> out;
  while (q.step()) out.push_back(detail::read_message(q));
  if (out.empty()) no_message(path_, message_id);
  return out;
}

std::vector<BranchEntry> ConversationStore::current_branch(qint64 conversation_id) const {
  std::map<qint64, std::vector<Message>> children;  // parent id (0: roots) -> children in id order
  for (Message& m : all_messages(conversation_id)) children[m.parent_id].push_back(std::move(m));

  std::vector<BranchEntry> branch;
  qint64 parent = 0;
  for (auto it = children.find(parent); it != children.end(); it = children.find(parent)) {
    const std::vector<Message>& group = it->second;
    int shown = static_cast<int>(group.size()) - 1;
    for (int i = 0; i < static_cast<int>(group.size()); ++i)
      if (group[static_cast<size_t>(i)].active) shown = i;
    branch.push_back({group[static_cast<size_t>(shown)], shown, static_cast<int>(group.size())});
    parent = group[static_cast<size_t>(shown)].id;
  }
  return branch;
}

}  // namespace veloce::storage
