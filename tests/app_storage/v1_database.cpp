#include "v1_database.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

#include <stdexcept>

namespace veloce::test {
namespace {

// A private QtSql connection, closed and removed when this goes out of scope.
class Connection {
 public:
  explicit Connection(const QString& path) : name_(QUuid::createUuid().toString()) {
    auto db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name_);
    db.setDatabaseName(path);
    if (!db.open()) throw std::runtime_error(db.lastError().text().toStdString());
  }
  ~Connection() {
    QSqlDatabase::database(name_).close();
    QSqlDatabase::removeDatabase(name_);
  }
  void exec(const QString& sql) {
    QSqlQuery q(QSqlDatabase::database(name_));
    if (!q.exec(sql)) throw std::runtime_error((sql + QStringLiteral(": ") + q.lastError().text()).toStdString());
  }
  QVariant value(const QString& sql) {
    QSqlQuery q(QSqlDatabase::database(name_));
    if (!q.exec(sql) || !q.next())
      throw std::runtime_error((sql + QStringLiteral(": ") + q.lastError().text()).toStdString());
    return q.value(0);
  }

 private:
  QString name_;
};

}  // namespace

void write_v1_database(const QString& path, const V1Contents& c) {
  Connection db(path);
  // Schema version 1 exactly as shipped (see app/storage/schema.cpp, kSchemaV1).
  db.exec(QStringLiteral("PRAGMA journal_mode=WAL"));
  db.exec(
      QStringLiteral("CREATE TABLE conversations (id INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE, title TEXT NOT NULL, "
                     "created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL, pinned INTEGER NOT NULL DEFAULT 0, "
                     "system_prompt TEXT NOT NULL DEFAULT '', settings TEXT NOT NULL DEFAULT '{}', "
                     "model_file TEXT NOT NULL DEFAULT '', model_quant TEXT NOT NULL DEFAULT '', "
                     "active_root_id INTEGER REFERENCES messages(id) ON DELETE SET NULL, deleted_at INTEGER)"));
  db.exec(
      QStringLiteral("CREATE TABLE messages (id INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE, "
                     "conversation_id INTEGER NOT NULL REFERENCES conversations(id) ON DELETE CASCADE, "
                     "parent_id INTEGER REFERENCES messages(id) ON DELETE CASCADE, "
                     "role TEXT NOT NULL CHECK (role IN ('system', 'user', 'assistant')), content TEXT NOT NULL, "
                     "created_at INTEGER NOT NULL, "
                     "state TEXT NOT NULL CHECK (state IN ('complete', 'streaming', 'stopped', 'error')), "
                     "active_child_id INTEGER REFERENCES messages(id) ON DELETE SET NULL)"));
  db.exec(QStringLiteral("CREATE INDEX messages_by_conversation ON messages(conversation_id, parent_id)"));
  db.exec(QStringLiteral("CREATE INDEX messages_by_parent ON messages(parent_id)"));
  db.exec(
      QStringLiteral("CREATE INDEX conversations_sidebar ON conversations(pinned DESC, updated_at DESC, id DESC) "
                     "WHERE deleted_at IS NULL"));
  db.exec(QStringLiteral("INSERT INTO conversations (id, uuid, title, created_at, updated_at, pinned, system_prompt, "
                         "settings, model_file, model_quant, active_root_id) VALUES (7, '%1', '%2', "
                         "1700000000000, 1700000300000, 1, 'Be brief.', '{\"temperature\":0.25,\"top_k\":12}', "
                         "'phi-4-Q4_K_M.gguf', 'Q4_K_M', 10)")
              .arg(c.conversation_uuid, c.title));
  db.exec(QStringLiteral("INSERT INTO messages VALUES (10, 'a0000000-0000-4000-8000-000000000010', 7, NULL, 'user', "
                         "'%1', 1700000100000, 'complete', 11)")
              .arg(c.question));
  db.exec(QStringLiteral("INSERT INTO messages VALUES (11, 'a0000000-0000-4000-8000-000000000011', 7, 10, "
                         "'assistant', '%1', 1700000200000, 'complete', NULL)")
              .arg(c.first_answer));
  db.exec(QStringLiteral("INSERT INTO messages VALUES (12, 'a0000000-0000-4000-8000-000000000012', 7, 10, "
                         "'assistant', '%1', 1700000300000, 'stopped', NULL)")
              .arg(c.second_answer));
  db.exec(QStringLiteral("PRAGMA user_version=1"));
}

int read_user_version(const QString& path) {
  Connection db(path);
  return db.value(QStringLiteral("PRAGMA user_version")).toInt();
}

void set_user_version(const QString& path, int version) {
  Connection db(path);
  db.exec(QStringLiteral("PRAGMA user_version=%1").arg(version));
}

long long count_rows(const QString& path, const QString& table) {
  Connection db(path);
  return db.value(QStringLiteral("SELECT count(*) FROM ") + table).toLongLong();
}

}  // namespace veloce::test
