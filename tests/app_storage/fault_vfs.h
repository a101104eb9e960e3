#pragma once
// A test-only SQLite VFS that wraps the default one and makes one chosen I/O operation fail, so
// tests can sweep a failure over every write, sync and lock that a piece of code performs.
//
// install() registers it as the default VFS, so every connection opened afterwards (the app's
// ConversationStore included, on any thread) goes through it. It forwards everything to the
// real VFS; only while armed does it count operations of the chosen kinds (across all files and
// connections, in the order they happen) and fail the nth one, or the nth and every later one.
namespace veloce::test::fault_vfs {

enum Op : unsigned {
  Write = 1u << 0,  // xWrite (database, WAL, journal); fails with the armed code, e.g. SQLITE_FULL
  Sync = 1u << 1,   // xSync; e.g. SQLITE_IOERR_FSYNC
  Lock = 1u << 2,   // xLock and xShmLock (lock requests only, never unlocks); e.g. SQLITE_BUSY
};

void install();  // idempotent

// From now on count operations of the kinds in `ops`; the nth (1-based) fails with `code`, and
// with sticky every later one too (a full disk stays full). nth 0: count only, never fail.
void arm(unsigned ops, long long nth, int code, bool sticky = false);
void disarm();        // stop counting and failing (counters keep their values)
long long counted();  // operations of the armed kinds since arm()
long long failed();   // how many were failed since arm()

}  // namespace veloce::test::fault_vfs
