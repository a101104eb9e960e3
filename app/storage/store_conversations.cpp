// ConversationStore: creating, listing, changing and deleting conversations.
#include <sqlite3.h>

#include <QJsonDocument>
#include <QUuid>

#include "app/storage/conversation_store.h"
#include "app/storage/store_rows.h"

namespace veloce::storage {

using detail::from_ms;
using detail::now_ms;
using detail::Statement;

namespace detail {

Conversation read_conversation(const Statement& q) {
  Conversation c;
  c.id = q.int64(0);
  c.uuid = q.text(1);
  c.title = q.text(2);
  c.created_at = from_ms(q.int64(3));
  c.updated_at = from_ms(q.int64(4));
  c.pinned = q.int64(5) != 0;
  c.system_prompt = q.text(6);
  c.settings = GenerationSettings::from_json(QJsonDocument::fromJson(q.text(7).toUtf8()).object());
  c.model_file = q.text(8);
  c.model_quant = q.text(9);
  return c;
}

}  // namespace detail

namespace {
QString settings_text(const GenerationSettings& s) {
  return QString::fromUtf8(QJsonDocument(s.to_json()).toJson(QJsonDocument::Compact));
}
}  // namespace

Conversation ConversationStore::create_conversation(const NewConversation& init) {
  const qint64 now = now_ms();
  Statement q(db_,
              "INSERT INTO conversations (uuid, title, created_at, updated_at, system_prompt, settings, "
              "model_file, model_quant) VALUES (?1, ?2, ?3, ?3, ?4, ?5, ?6, ?7)",
              path_);
  q.bind(1, QUuid::createUuid().toString(QUuid::WithoutBraces))
      .bind(2, init.title)
      .bind(3, now)
      .bind(4, init.system_prompt)
      .bind(5, settings_text(init.settings))
      .bind(6, init.model_file)
      .bind(7, init.model_quant)
      .run();
  return *conversation(sqlite3_last_insert_rowid(db_));
}

std::optional<Conversation> ConversationStore::conversation(qint64 id) const {
  Statement q(db_,
              (QByteArray("SELECT ") + detail::kConversationColumns + " FROM conversations c WHERE c.id = ?1").constData(),
              path_);
  q.bind(1, id);
  if (!q.step()) return std::nullopt;
  return detail::read_conversation(q);
}

std::optional<qint64> ConversationStore::conversation_id_by_uuid(const QString& uuid) const {
  Statement q(db_, "SELECT id FROM conversations WHERE uuid = ?1", path_);
  q.bind(1, uuid);
  if (!q.step()) return std::nullopt;
  return q.int64(0);
}

std::vector<ConversationSummary> ConversationStore::list_conversations() const {
  // Matches the partial index conversations_sidebar, so this is one index walk, no sort.
  Statement q(db_,
              "SELECT id, uuid, title, created_at, updated_at, pinned FROM conversations "
              "WHERE deleted_at IS NULL ORDER BY pinned DESC, updated_at DESC, id DESC",
              path_);
  std::vector<ConversationSummary> out;
  while (q.step()) {
    ConversationSummary s;
    s.id = q.int64(0);
    s.uuid = q.text(1);
    s.title = q.text(2);
    s.created_at = from_ms(q.int64(3));
    s.updated_at = from_ms(q.int64(4));
    s.pinned = q.int64(5) != 0;
    out.push_back(std::move(s));
  }
  return out;
}

void ConversationStore::require_conversation(qint64 id) const {
  Statement q(db_, "SELECT 1 FROM conversations WHERE id = ?1", path_);
  q.bind(1, id);
  if (!q.step()) throw StoreError(QStringLiteral("%1: no conversation with id %2").arg(path_).arg(id).toStdString());
}

void ConversationStore::touch_conversation(qint64 id) {
  Statement q(db_, "UPDATE conversations SET updated_at = max(updated_at, ?2) WHERE id = ?1", path_);
  q.bind(1, id).bind(2, now_ms()).run();
}

namespace {
// One UPDATE of a single column of one conversation (?1 id, ?2 value, optional ?3 the time now);
// throws when the id does not exist. Only messages count as activity (updated_at): renaming,
// pinning or changing settings leaves a conversation where it is in the sidebar's date groups.
template <typename T>
void update_column(sqlite3* db, const QString& path, const char* sql, qint64 id, const T& value) {
  Statement q(db, sql, path);
  q.bind(1, id).bind(2, value);
  if (q.parameter_count() >= 3) q.bind(3, now_ms());
  q.run();
  if (sqlite3_changes(db) == 0)
    throw StoreError(QStringLiteral("%1: no conversation with id %2").arg(path).arg(id).toStdString());
}
}  // namespace

void ConversationStore::rename_conversation(qint64 id, const QString& title) {
  update_column(db_, path_, "UPDATE conversations SET title = ?2 WHERE id = ?1", id, title);
}

void ConversationStore::set_pinned(qint64 id, bool pinned) {
  update_column(db_, path_, "UPDATE conversations SET pinned = ?2 WHERE id = ?1", id, pinned);
}

void ConversationStore::set_system_prompt(qint64 id, const QString& system_prompt) {
  update_column(db_, path_, "UPDATE conversations SET system_prompt = ?2 WHERE id = ?1", id, system_prompt);
}

void ConversationStore::set_settings(qint64 id, const GenerationSettings& settings) {
  update_column(db_, path_, "UPDATE conversations SET settings = ?2 WHERE id = ?1", id, settings_text(settings));
}

void ConversationStore::set_model(qint64 id, const QString& model_file, const QString& model_quant) {
  in_transaction([&] {
    update_column(db_, path_, "UPDATE conversations SET model_file = ?2 WHERE id = ?1", id, model_file);
    update_column(db_, path_, "UPDATE conversations SET model_quant = ?2 WHERE id = ?1", id, model_quant);
  });
}

void ConversationStore::delete_conversation(qint64 id) {
  update_column(db_, path_, "UPDATE conversations SET deleted_at = ?2 WHERE id = ?1", id, now_ms());
}

void ConversationStore::restore_conversation(qint64 id) {
  Statement q(db_, "UPDATE conversations SET deleted_at = NULL WHERE id = ?1", path_);
  q.bind(1, id).run();
  if (sqlite3_changes(db_) == 0)
    throw StoreError(QStringLiteral("%1: no conversation with id %2").arg(path_).arg(id).toStdString());
}

int ConversationStore::purge_deleted() {
  int removed = 0;
  in_transaction([&] {
    // Messages first, children before parents is not needed: ON DELETE CASCADE on parent_id
    // and conversation_id removes the whole tree, and the FTS triggers follow each row.
    Statement q(db_, "DELETE FROM conversations WHERE deleted_at IS NOT NULL", path_);
    q.run();
    removed = sqlite3_changes(db_);
  });
  return removed;
}

}  // namespace veloce::storage
