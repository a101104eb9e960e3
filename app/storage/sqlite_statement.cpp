#include "app/storage/sqlite_statement.h"

#include <sqlite3.h>

#include <QFile>

#include "app/storage/conversation_store.h"

namespace veloce::storage::detail {

void write_damage_marker(const QString& path, const QString& problem) {
  QFile marker(path + QStringLiteral(".damaged"));
  if (marker.open(QIODevice::WriteOnly | QIODevice::Append)) marker.write(problem.toUtf8() + '\n');
}

void throw_sqlite_error(sqlite3* db, const QString& path, const QString& what) {
  const int code = db ? (sqlite3_extended_errcode(db) & 0xff) : SQLITE_NOMEM;
  const QString reason = db ? QString::fromUtf8(sqlite3_errmsg(db)) : QStringLiteral("out of memory");
  if (code == SQLITE_CORRUPT || code == SQLITE_NOTADB) write_damage_marker(path, what + QStringLiteral(": ") + reason);
  throw StoreError(QStringLiteral("%1: %2: %3").arg(path, what, reason).toStdString());
}

Statement::Statement(sqlite3* db, const char* sql, const QString& path) : db_(db), path_(path) {
  if (sqlite3_prepare_v2(db_, sql, -1, &stmt_, nullptr) != SQLITE_OK) fail("preparing a query");
}

Statement::~Statement() { sqlite3_finalize(stmt_); }

void Statement::fail(const char* what) const { throw_sqlite_error(db_, path_, QString::fromUtf8(what)); }

Statement& Statement::bind(int index, qint64 value) {
  if (sqlite3_bind_int64(stmt_, index, value) != SQLITE_OK) fail("binding a value");
  return *this;
}

Statement& Statement::bind(int index, double value) {
  if (sqlite3_bind_double(stmt_, index, value) != SQLITE_OK) fail("binding a value");
  return *this;
}

Statement& Statement::bind(int index, const QString& value) {
  const QByteArray utf8 = value.toUtf8();
  // SQLITE_TRANSIENT: SQLite copies the bytes, since utf8 dies at the end of this call.
  if (sqlite3_bind_text64(stmt_, index, utf8.constData(), static_cast<sqlite3_uint64>(utf8.size()), SQLITE_TRANSIENT,
                          SQLITE_UTF8) != SQLITE_OK)
    fail("binding a value");
  return *this;
}

Statement& Statement::bind(int index, std::optional<int> value) {
  return value ? bind(index, static_cast<qint64>(*value)) : bind_null(index);
}

Statement& Statement::bind(int index, std::optional<double> value) { return value ? bind(index, *value) : bind_null(index); }

Statement& Statement::bind_null(int index) {
  if (sqlite3_bind_null(stmt_, index) != SQLITE_OK) fail("binding a value");
  return *this;
}

int Statement::parameter_count() const { return sqlite3_bind_parameter_count(stmt_); }

bool Statement::step() {
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  fail("running a query");
}

void Statement::run() {
  while (step()) {
  }
}

void Statement::reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

bool Statement::is_null(int column) const { return sqlite3_column_type(stmt_, column) == SQLITE_NULL; }

qint64 Statement::int64(int column) const { return sqlite3_column_int64(stmt_, column); }

double Statement::real(int column) const { return sqlite3_column_double(stmt_, column); }

QString Statement::text(int column) const {
  const auto* data = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, column));
  const int size = sqlite3_column_bytes(stmt_, column);
  return data ? QString::fromUtf8(data, size) : QString();
}

std::optional<int> Statement::opt_int(int column) const {
  if (is_null(column)) return std::nullopt;
  return sqlite3_column_int(stmt_, column);
}

std::optional<double> Statement::opt_real(int column) const {
  if (is_null(column)) return std::nullopt;
  return real(column);
}

}  // namespace veloce::storage::detail
