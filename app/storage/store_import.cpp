// ConversationStore: adding conversations from an export file, keeping their uuids.
#include <sqlite3.h>

#include <QJsonDocument>

#include <unordered_map>

#include "app/storage/conversation_store.h"
#include "app/storage/store_rows.h"

namespace veloce::storage {

using detail::Statement;

namespace {
qint64 to_ms(const QDateTime& t) { return t.isValid() ? t.toMSecsSinceEpoch() : detail::now_ms(); }
}  // namespace

ImportResult ConversationStore::import_conversation(const Conversation& conversation, const std::vector<Message>& messages) {
  ImportResult result;
  in_transaction([&] {
    qint64 conversation_id = 0;
    if (auto existing = conversation_id_by_uuid(conversation.uuid)) {
      conversation_id = *existing;
      ++result.conversations_already_present;
      // Importing a backup of a conversation that was deleted (and not yet purged) brings it back:
      // otherwise the import would report success and the next purge would remove it.
      Statement restore(db_, "UPDATE conversations SET deleted_at = NULL WHERE id = ?1 AND deleted_at IS NOT NULL", path_);
      restore.bind(1, conversation_id).run();
      if (sqlite3_changes(db_) > 0) ++result.conversations_restored;
    } else {
      Statement q(db_,
                  "INSERT INTO conversations (uuid, title, created_at, updated_at, pinned, system_prompt, "
                  "settings, model_file, model_quant) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                  path_);
      q.bind(1, conversation.uuid)
          .bind(2, conversation.title)
          .bind(3, to_ms(conversation.created_at))
          .bind(4, to_ms(conversation.updated_at))
          .bind(5, conversation.pinned)
          .bind(6, conversation.system_prompt)
          .bind(7, QString::fromUtf8(QJsonDocument(conversation.settings.to_json()).toJson(QJsonDocument::Compact)))
          .bind(8, conversation.model_file)
          .bind(9, conversation.model_quant)
          .run();
      conversation_id = sqlite3_last_insert_rowid(db_);
      ++result.conversations_added;
    }
    const bool new_conversation = result.conversations_added > 0;

    Statement find(db_, "SELECT id, conversation_id FROM messages WHERE uuid = ?1", path_);
    Statement insert(db_,
                     "INSERT INTO messages (uuid, conversation_id, parent_id, role, content, created_at, state, "
                     "prompt_tokens, completion_tokens, time_to_first_token_ms, tokens_per_second, stop_reason) "
                     "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
                     path_);
    std::unordered_map<QString, qint64> ids;  // uuid -> id in this database, for parent lookups
    auto lookup = [&](const QString& uuid) -> std::optional<std::pair<qint64, qint64>> {
      find.reset();
      find.bind(1, uuid);
      if (!find.step()) return std::nullopt;
      return std::pair{find.int64(0), find.int64(1)};
    };
    for (const Message& m : messages) {
      if (auto known = lookup(m.uuid)) {
        // A uuid of another conversation's message: counting it as present and using it as a
        // parent would hang this conversation's messages under another one's tree, unseen.
        if (known->second != conversation_id)
          throw StoreError(QStringLiteral("message %1 of conversation %2 already exists in another conversation; "
                                          "nothing of this conversation was imported")
                               .arg(m.uuid, conversation.uuid)
                               .toStdString());
        ids[m.uuid] = known->first;
        ++result.messages_already_present;
        continue;
      }
      qint64 parent_id = 0;
      if (!m.parent_uuid.isEmpty()) {
        auto parent = ids.find(m.parent_uuid);
        if (parent != ids.end()) {
          parent_id = parent->second;
        } else if (auto known = lookup(m.parent_uuid); known && known->second == conversation_id) {
          parent_id = known->first;
        } else {
          throw StoreError(QStringLiteral("message %1 refers to parent %2, which is not an earlier message of "
                                          "conversation %3")
                               .arg(m.uuid, m.parent_uuid, conversation.uuid)
                               .toStdString());
        }
      }
      insert.reset();
      insert.bind(1, m.uuid)
          .bind(2, conversation_id)
          .bind_id_or_null(3, parent_id)
          .bind(4, role_name(m.role))
          .bind(5, m.content)
          .bind(6, to_ms(m.created_at))
          .bind(7, state_name(m.state))
          .bind(8, m.stats.prompt_tokens)
          .bind(9, m.stats.completion_tokens)
          .bind(10, m.stats.time_to_first_token_ms)
          .bind(11, m.stats.tokens_per_second);
      if (m.stats.stop) insert.bind(12, reply_stop_name(*m.stats.stop));
      else insert.bind_null(12);
      insert.run();
      const qint64 id = sqlite3_last_insert_rowid(db_);
      ids[m.uuid] = id;
      ++result.messages_added;
      // Keep the file's choice of shown branch for a new conversation; an existing one keeps
      // the user's current choice.
      if (new_conversation && m.active) set_active_child(id);
    }
  });
  return result;
}

}  // namespace veloce::storage
