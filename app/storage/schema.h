#pragma once
// The database schema as an ordered list of migrations. Migration i takes user_version i to i+1.
// A new database runs every step from 0, so the upgrade path is exercised on every start-up of a
// fresh install, not only on upgrades. Never edit a shipped step: add a new one.
#include <span>

namespace veloce::storage::detail {

struct Migration {
  int to_version;
  const char* description;
  const char* sql;  // one or more statements, run inside the migration transaction
};

std::span<const Migration> migrations();

}  // namespace veloce::storage::detail
