#pragma once
// Builds databases in the shape of every schema version the app ever shipped, with raw SQL
// written here independently of the store (as an older Veloce would have left them on disk).
#include <QString>

namespace veloce::test {

struct V1Contents {
  QString conversation_uuid = QStringLiteral("3f2c1a9e-8b7d-4c6e-9a1b-2d3e4f5a6b7c");
  QString title = QStringLiteral("Snail race from version 1");
  QString question = QStringLiteral("In how many orders can five snails finish?");
  QString first_answer = QStringLiteral("There are 120 orders.");
  QString second_answer = QStringLiteral("Five factorial: 5! = 120 finishing orders.");
};

// Writes a schema-version-1 database at path holding one conversation: a user message with two
// replies, the first of them shown (active).
void write_v1_database(const QString& path, const V1Contents& contents = {});

// PRAGMA user_version of the file at path, read with QtSql (not with the store).
int read_user_version(const QString& path);
// Overwrites PRAGMA user_version (to fake a newer or a foreign database).
void set_user_version(const QString& path, int version);
// SELECT count(*) FROM table, read with QtSql.
long long count_rows(const QString& path, const QString& table);

}  // namespace veloce::test
