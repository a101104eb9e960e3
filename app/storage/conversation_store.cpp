// ConversationStore: opening, integrity check, corruption recovery, migrations, transactions.
// The conversation/message/search/import methods live in the store_*.cpp files beside this one.
#include "app/storage/conversation_store.h"

#include <sqlite3.h>

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>

#include "app/storage/schema.h"
#include "app/storage/sqlite_statement.h"

namespace veloce::storage {

using detail::Statement;

namespace {

QString tr(const char* text) { return QCoreApplication::translate("ConversationStore", text); }

QString timestamp_suffix() { return QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyyMMdd-HHmmss")); }

// "<base><suffix>", or "<base><suffix>-2", ... so nothing existing is ever overwritten.
QString unused_name(const QString& base, const QString& suffix) {
  QString candidate = base + suffix;
  for (int n = 2; QFileInfo::exists(candidate) || QFileInfo::exists(candidate + QStringLiteral("-wal")); ++n)
    candidate = base + suffix + QStringLiteral("-%1").arg(n);
  return candidate;
}

// Errors that mean "this file is damaged or is not a database", as opposed to "cannot open it
// right now" (locked, no permission, disk full), which must never lead to moving the file.
bool is_corruption(int code) {
  const int primary = code & 0xff;
  return primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB;
}

}  // namespace

ConversationStore::ConversationStore(const QString& path, OpenOptions options) : path_(path) {
  try {
    open_and_check(options);
    // Refuse before anything writes: switching to WAL rewrites header bytes 18-19, and a database
    // the app refuses must stay byte for byte as it was.
    refuse_unknown_schema();
    configure_connection();
    migrate();
  } catch (...) {
    sqlite3_close(db_);
    db_ = nullptr;
    throw;
  }
}

ConversationStore::~ConversationStore() { sqlite3_close(db_); }

void ConversationStore::fail(const QString& what) const { detail::throw_sqlite_error(db_, path_, what); }

void ConversationStore::exec(const char* sql) {
  char* error = nullptr;
  if (sqlite3_exec(db_, sql, nullptr, nullptr, &error) != SQLITE_OK) {
    const QString reason = QString::fromUtf8(error ? error : "unknown error");
    sqlite3_free(error);
    throw StoreError(QStringLiteral("%1: %2").arg(path_, reason).toStdString());
  }
}

void ConversationStore::open_and_check(const OpenOptions& options) {
  const QFileInfo info(path_);
  report_.created = !info.exists() || info.size() == 0;
  if (!info.absoluteDir().exists())
    throw StoreError(QStringLiteral("%1: the folder does not exist").arg(path_).toStdString());

  // NOMUTEX: each connection is used by one thread only (see the header), so SQLite's own
  // per-connection mutex is not needed.
  const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
  if (sqlite3_open_v2(QFile::encodeName(path_).constData(), &db_, flags, nullptr) != SQLITE_OK)
    fail(QStringLiteral("cannot open the database"));
  sqlite3_extended_result_codes(db_, 1);
  sqlite3_busy_timeout(db_, 5000);
  if (report_.created) report_.whole_file_checked = true;  // nothing in it to be damaged
  if (!options.check_integrity || options.integrity == IntegrityCheck::None || report_.created) return;

  const bool marked = QFileInfo::exists(damage_marker_path(path_));
  const bool full = options.integrity == IntegrityCheck::Full || marked || info.size() <= kFullCheckMaxBytes;
  // quick_check reads pages and checks the b-tree structure (not index contents, which
  // integrity_check also cross-checks at several times the cost). The table-limited form checks
  // what the sidebar reads; parsing the schema and the header checks (a truncated file is
  // caught by SQLite comparing the header's page count with the file size) come with it.
  const QString problem = run_quick_check(full ? "PRAGMA quick_check" : "PRAGMA quick_check(conversations)");
  if (problem.isEmpty()) {
    report_.whole_file_checked = full;
    if (marked && full) QFile::remove(damage_marker_path(path_));  // a false alarm: the file is sound
    return;
  }

  sqlite3_close(db_);
  db_ = nullptr;
  move_aside_corrupt(problem);
  if (sqlite3_open_v2(QFile::encodeName(path_).constData(), &db_, flags, nullptr) != SQLITE_OK)
    fail(QStringLiteral("cannot create a new database after moving the damaged one aside"));
  sqlite3_extended_result_codes(db_, 1);
  sqlite3_busy_timeout(db_, 5000);
  report_.created = true;
  report_.whole_file_checked = true;
}

QString ConversationStore::damage_marker_path(const QString& path) { return path + QStringLiteral(".damaged"); }

QString ConversationStore::run_quick_check(const char* sql) {
  QString problem;
  char* error = nullptr;
  auto collect = [](void* out, int, char** values, char**) {
    auto* text = static_cast<QString*>(out);
    if (values[0] && QByteArray(values[0]) != "ok") *text += QString::fromUtf8(values[0]) + QLatin1Char(' ');
    return 0;
  };
  const int rc = sqlite3_exec(db_, sql, collect, &problem, &error);
  if (rc != SQLITE_OK) {
    const QString reason = QString::fromUtf8(error ? error : sqlite3_errmsg(db_));
    sqlite3_free(error);
    if (!is_corruption(sqlite3_extended_errcode(db_)))
      throw StoreError(QStringLiteral("%1: cannot check the database: %2").arg(path_, reason).toStdString());
    problem = reason;
  }
  return problem.trimmed();
}

QString ConversationStore::check_integrity_full() {
  const QString problem = run_quick_check("PRAGMA quick_check");
  if (!problem.isEmpty()) detail::write_damage_marker(path_, problem);
  return problem;
}

void ConversationStore::move_aside_corrupt(const QString& reason) {
  const QString target = unused_name(path_, QStringLiteral(".corrupt-") + timestamp_suffix());
  if (!QFile::rename(path_, target))
    throw StoreError(
        QStringLiteral("%1 is damaged (%2) and could not be moved aside to %3").arg(path_, reason, target).toStdString());
  // The journal files belong to the damaged database: keep them with it, never delete them.
  for (const char* suffix : {"-wal", "-shm", "-journal", ".damaged"}) {
    const QString side = path_ + QLatin1String(suffix);
    if (QFileInfo::exists(side)) QFile::rename(side, target + QLatin1String(suffix));
  }
  report_.recovered_from_corruption = true;
  report_.corrupt_moved_to = target;
  report_.user_message = tr("The conversation database %1 is damaged (%2). It was moved to %3, where it is kept "
                            "untouched, and a new, empty database was started.")
                             .arg(path_, reason, target);
}

void ConversationStore::configure_connection() {
  {
    Statement wal(db_, "PRAGMA journal_mode=WAL", path_);
    if (!wal.step() || wal.text(0).compare(QLatin1String("wal"), Qt::CaseInsensitive) != 0)
      throw StoreError(QStringLiteral("%1: cannot switch the database to WAL mode").arg(path_).toStdString());
  }
  exec("PRAGMA synchronous=FULL");
  exec("PRAGMA cache_size=-16384");  // 16 MiB (default 2 MiB): the sidebar and search indexes stay cached
  exec("PRAGMA foreign_keys=ON");
}

qint64 ConversationStore::data_version() const {
  Statement q(db_, "PRAGMA data_version", path_);
  return q.step() ? q.int64(0) : 0;
}

int ConversationStore::user_version() {
  Statement q(db_, "PRAGMA user_version", path_);
  q.step();
  return static_cast<int>(q.int64(0));
}

void ConversationStore::refuse_unknown_schema() {
  // Reads only: the header's user_version and the schema table.
  const int found = user_version();
  if (found > kSchemaVersion)
    throw StoreError(QStringLiteral("%1: written by a newer Veloce (schema version %2; this version knows up to %3)")
                         .arg(path_)
                         .arg(found)
                         .arg(kSchemaVersion)
                         .toStdString());
  if (found == 0) {
    Statement tables(db_, "SELECT count(*) FROM sqlite_master", path_);
    tables.step();
    if (tables.int64(0) != 0)
      throw StoreError(QStringLiteral("%1: an SQLite database, but not a Veloce one (it has tables and no schema version)")
                           .arg(path_)
                           .toStdString());
  }
}

void ConversationStore::migrate() {
  const int found = user_version();
  report_.schema_before = found;
  report_.schema_after = found;
  // refuse_unknown_schema() ran before WAL was switched on; checked again because another
  // process may have written the file in between.
  refuse_unknown_schema();
  if (found == kSchemaVersion) return;
  if (found > 0) {
    // A consistent copy (WAL content included) before touching anything; kept, never deleted.
    const QString backup = unused_name(path_, QStringLiteral(".v%1-backup-%2").arg(found).arg(timestamp_suffix()));
    Statement copy(db_, "VACUUM INTO ?1", path_);
    copy.bind(1, backup).run();
    report_.backup_path = backup;
  }

  exec("BEGIN IMMEDIATE");
  try {
    const int start = user_version();  // another process may have migrated meanwhile
    for (const auto& step : detail::migrations()) {
      if (step.to_version <= start) continue;
      exec(step.sql);
      exec(QStringLiteral("PRAGMA user_version=%1").arg(step.to_version).toUtf8().constData());
    }
    exec("COMMIT");
  } catch (...) {
    sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
    throw;
  }
  report_.schema_after = kSchemaVersion;
  if (found > 0)
    report_.user_message = tr("Your conversations were upgraded to a new storage format. A copy of the "
                              "previous file was kept at %1.")
                               .arg(report_.backup_path);
}

void ConversationStore::in_transaction(const std::function<void()>& fn) {
  // Nested calls join the outer transaction, so helpers can be composed freely.
  if (transaction_depth_ > 0) {
    fn();
    return;
  }
  exec("BEGIN IMMEDIATE");
  ++transaction_depth_;
  try {
    fn();
    --transaction_depth_;
    exec("COMMIT");
  } catch (...) {
    transaction_depth_ = 0;
    sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
    throw;
  }
}

}  // namespace veloce::storage
