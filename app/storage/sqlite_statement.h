#pragma once
// A prepared SQLite statement that finalizes itself and turns every error into a StoreError that
// names the database file. Internal to app/storage.
#include <QString>
#include <QtGlobal>

#include <optional>

struct sqlite3;
struct sqlite3_stmt;

namespace veloce::storage::detail {

class Statement {
 public:
  Statement(sqlite3* db, const char* sql, const QString& path);
  ~Statement();
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  // Parameters are 1-based, as in SQL's ?1, ?2, ...
  Statement& bind(int index, qint64 value);
  Statement& bind(int index, int value) { return bind(index, static_cast<qint64>(value)); }
  Statement& bind(int index, bool value) { return bind(index, static_cast<qint64>(value ? 1 : 0)); }
  Statement& bind(int index, double value);
  Statement& bind(int index, const QString& value);
  Statement& bind(int index, std::optional<int> value);
  Statement& bind(int index, std::optional<double> value);
  Statement& bind_null(int index);
  // 0 means "no row" for the optional foreign keys (parent_id, active ids).
  Statement& bind_id_or_null(int index, qint64 id) { return id == 0 ? bind_null(index) : bind(index, id); }

  int parameter_count() const;
  bool step();  // true: a row is ready; false: done
  void run();   // steps to the end; for statements that return no rows
  void reset();

  bool is_null(int column) const;
  qint64 int64(int column) const;  // NULL reads as 0
  double real(int column) const;
  QString text(int column) const;
  std::optional<int> opt_int(int column) const;
  std::optional<double> opt_real(int column) const;

 private:
  [[noreturn]] void fail(const char* what) const;
  sqlite3* db_;
  sqlite3_stmt* stmt_ = nullptr;
  const QString& path_;
};

// Records that path was found damaged (see ConversationStore::damage_marker_path).
void write_damage_marker(const QString& path, const QString& problem);

// Throws StoreError "<path>: <what>: <sqlite message>". A corruption error also writes the damage
// marker, so the next start checks the whole file and moves it aside.
[[noreturn]] void throw_sqlite_error(sqlite3* db, const QString& path, const QString& what);

}  // namespace veloce::storage::detail
