// SQLite fault injection over the whole storage flow: a chat turn (send, stream checkpoints,
// finish), regenerate, edit, delete and undo, delete and purge, import, and the migration of a
// version-1 database. A dry run counts the writes, syncs and locks the flow performs; then the
// flow runs once per injection point with that one operation failing (writes with SQLITE_FULL or
// SQLITE_IOERR_WRITE, syncs with SQLITE_IOERR_FSYNC, locks with SQLITE_BUSY), and also with a
// disk that stays full from that point on. After each run the database is reopened without
// faults and must pass PRAGMA integrity_check and hold exactly what the store acknowledged:
// every call that returned is stored, and a call that threw left nothing of itself behind.
#include <sqlite3.h>

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

#include <functional>
#include <map>
#include <optional>

#include "app/storage/conversation_store.h"
#include "tests/app_storage/fault_vfs.h"
#include "v1_database.h"

using namespace veloce::storage;
namespace fault = veloce::test::fault_vfs;

namespace {

QString integrity(const QString& path) {
  sqlite3* db = nullptr;
  QString out;
  if (sqlite3_open_v2(QFile::encodeName(path).constData(), &db, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) {
    out = QStringLiteral("open: ") + QString::fromUtf8(sqlite3_errmsg(db));
  } else {
    sqlite3_stmt* q = nullptr;
    sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &q, nullptr);
    while (q && sqlite3_step(q) == SQLITE_ROW)
      out += QString::fromUtf8(reinterpret_cast<const char*>(sqlite3_column_text(q, 0)));
    sqlite3_finalize(q);
  }
  sqlite3_close(db);
  return out;
}

// What the flow was told, per message id: the content and state of the last call that returned.
struct Expected {
  std::map<qint64, std::pair<QString, MessageState>> messages;
  std::map<QString, bool> conversation_listed;  // conversation uuid -> shown in the sidebar (ids are reused)
  QStringList refused_contents;                 // contents of appends that threw: must not be stored anywhere
  std::map<qint64, QString> refused_updates;    // message id -> content of a failed update/finish
  bool imported = false, import_refused = false;
  int steps_failed = 0;
};

Conversation import_sample() {
  Conversation c;
  c.uuid = QStringLiteral("11111111-2222-4333-8444-0000000000aa");
  c.title = QStringLiteral("Imported backup");
  return c;
}
std::vector<Message> import_messages() {
  Message q;
  q.uuid = QStringLiteral("dddddddd-0000-4000-8000-000000000001");
  q.content = QStringLiteral("imported question");
  Message a = q;
  a.uuid = QStringLiteral("dddddddd-0000-4000-8000-000000000002");
  a.parent_uuid = q.uuid;
  a.role = Role::Assistant;
  a.content = QStringLiteral("imported answer");
  return {q, a};
}

// The flow a user drives through the app, as the worker and the UI thread's store perform it.
// Each store call that throws is recorded as refused and the flow goes on where it can.
Expected run_flow(const QString& path) {
  Expected e;
  std::optional<ConversationStore> store;
  try {
    store.emplace(path);
  } catch (const StoreError&) {
    ++e.steps_failed;
    return e;
  }
  auto step = [&](const std::function<void()>& fn) {
    try {
      fn();
      return true;
    } catch (const StoreError&) {
      ++e.steps_failed;
      return false;
    }
  };
  auto append = [&](qint64 conv, qint64 parent, Role role, const QString& text, MessageState state) -> qint64 {
    qint64 id = 0;
    if (!step([&] { id = store->append_message(conv, parent, role, text, state).id; })) {
      if (!text.isEmpty()) e.refused_contents << text;
      return 0;
    }
    e.messages[id] = {text, state};
    return id;
  };
  auto update = [&](qint64 id, const QString& text) {
    if (id == 0) return;
    if (step([&] { store->update_message_content(id, text); })) e.messages[id].first = text;
    else e.refused_updates[id] = text;
  };
  auto finish = [&](qint64 id, const QString& text, MessageState state) {
    if (id == 0) return;
    if (step([&] { store->finish_message(id, text, state, {5, 7, 12.5, 30.0}); })) e.messages[id] = {text, state};
    else e.refused_updates[id] = text;
  };

  qint64 conv = 0;
  QString conv_uuid;
  if (step([&] {
        const auto c = store->create_conversation({QStringLiteral("Snails"), {}, {}, {}, {}});
        conv = c.id;
        conv_uuid = c.uuid;
      }))
    e.conversation_listed[conv_uuid] = true;
  if (conv == 0) return e;
  // send: the user message, the streaming reply, three checkpoints, the final text
  const qint64 user = append(conv, 0, Role::User, QStringLiteral("How many orders for 5 snails?"), MessageState::Complete);
  if (user == 0) return e;
  const qint64 reply = append(conv, user, Role::Assistant, QString(), MessageState::Streaming);
  update(reply, QStringLiteral("There are"));
  update(reply, QStringLiteral("There are 5!"));
  update(reply, QStringLiteral("There are 5! = 120"));
  finish(reply, QStringLiteral("There are 5! = 120 orders."), MessageState::Complete);
  // regenerate: a sibling reply
  const qint64 again = append(conv, user, Role::Assistant, QString(), MessageState::Streaming);
  update(again, QStringLiteral("Five factorial"));
  finish(again, QStringLiteral("Five factorial: 120."), MessageState::Stopped);
  // edit: a sibling user message and its reply
  const qint64 edited = append(conv, 0, Role::User, QStringLiteral("And for 6 snails?"), MessageState::Complete);
  const qint64 reply6 = edited ? append(conv, edited, Role::Assistant, QString(), MessageState::Streaming) : 0;
  finish(reply6, QStringLiteral("720 orders."), MessageState::Complete);
  // delete and undo
  if (step([&] { store->delete_conversation(conv); })) e.conversation_listed[conv_uuid] = false;
  if (step([&] { store->restore_conversation(conv); })) e.conversation_listed[conv_uuid] = true;
  // a second conversation, deleted for good
  qint64 doomed = 0;
  QString doomed_uuid;
  if (step([&] {
        const auto c = store->create_conversation({QStringLiteral("Doomed"), {}, {}, {}, {}});
        doomed = c.id;
        doomed_uuid = c.uuid;
      })) {
    e.conversation_listed[doomed_uuid] = true;
    if (step([&] { store->delete_conversation(doomed); })) {
      e.conversation_listed[doomed_uuid] = false;
      // Purging removes every deleted conversation: also the first one if its undo was refused.
      if (step([&] { store->purge_deleted(); }) && !e.conversation_listed[conv_uuid]) {
        e.messages.clear();
        e.conversation_listed.erase(conv_uuid);
      }
    }
  }
  // import
  if (step([&] { store->import_conversation(import_sample(), import_messages()); })) e.imported = true;
  else e.import_refused = true;
  return e;
}

// Checks the reopened database against what the flow was told; returns "" or the first mismatch.
QString verify(const QString& path, const Expected& e) {
  const QString check = integrity(path);
  if (check != QLatin1String("ok")) return QStringLiteral("integrity_check: ") + check;
  ConversationStore store(path);
  if (store.open_report().recovered_from_corruption) return QStringLiteral("the database was moved aside as corrupt");
  for (const auto& [id, want] : e.messages) {
    const auto m = store.message(id);
    if (!m) return QStringLiteral("acknowledged message %1 lost").arg(id);
    if (m->content != want.first || m->state != want.second)
      return QStringLiteral("message %1 is '%2' (%3), acknowledged '%4' (%5)")
          .arg(id)
          .arg(m->content, state_name(m->state), want.first, state_name(want.second));
  }
  QStringList stored;
  std::map<QString, bool> listed;
  for (const auto& c : store.list_conversations()) {
    if (const auto full = store.conversation(c.id)) listed[full->uuid] = true;
    for (const auto& m : store.all_messages(c.id)) stored << m.content;
  }
  for (const auto& [uuid, shown] : e.conversation_listed) {
    if (!shown && listed.count(uuid) != 0)
      return QStringLiteral("conversation %1 acknowledged as deleted is listed").arg(uuid);
    if (shown && listed.count(uuid) == 0)
      return QStringLiteral("conversation %1 acknowledged as listed is missing").arg(uuid);
  }
  for (const QString& text : e.refused_contents)
    if (stored.contains(text)) return QStringLiteral("a refused message is stored: %1").arg(text);
  const bool has_import = store.conversation_id_by_uuid(import_sample().uuid).has_value();
  if (e.imported && !has_import) return QStringLiteral("an acknowledged import is missing");
  if (e.import_refused && has_import) return QStringLiteral("a refused import is stored");
  return {};
}

struct Mode {
  const char* name;
  unsigned op;
  int code;
  bool sticky;
};
constexpr Mode kModes[] = {
    {"write SQLITE_FULL", fault::Write, SQLITE_FULL, false},
    {"write SQLITE_IOERR_WRITE", fault::Write, SQLITE_IOERR_WRITE, false},
    {"disk full from here on", fault::Write, SQLITE_FULL, true},
    {"sync SQLITE_IOERR_FSYNC", fault::Sync, SQLITE_IOERR_FSYNC, false},
    {"lock SQLITE_BUSY", fault::Lock, SQLITE_BUSY, false},
};

}  // namespace

class FaultSweepTest : public QObject {
  Q_OBJECT

 private:
  // In memory where the system has it: a thousand small databases, each fsync'd at every commit,
  // would otherwise spend minutes on the disk; the VFS above the real one sees the same calls.
  QTemporaryDir dir_{QDir(QStringLiteral("/dev/shm")).exists() ? QStringLiteral("/dev/shm/veloce-faults-XXXXXX")
                                                               : QDir::tempPath() + QStringLiteral("/veloce-faults-XXXXXX")};

  // Runs `flow` on a fresh folder once per injection point of every mode.
  void sweep(const char* what, const std::function<void(const QString&)>& prepare,
             const std::function<Expected(const QString&)>& flow,
             const std::function<QString(const QString&, const Expected&)>& check) {
    int points = 0, runs = 0, refused_runs = 0, unreached = 0;
    QElapsedTimer timer;
    timer.start();
    for (const Mode& mode : kModes) {
      const QString probe = dir_.filePath(QStringLiteral("%1-probe-%2.sqlite").arg(QLatin1String(what)).arg(runs));
      prepare(probe);
      fault::arm(mode.op, 0, mode.code);
      const Expected clean = flow(probe);
      const long long count = fault::counted();
      fault::disarm();
      QCOMPARE(clean.steps_failed, 0);
      QVERIFY2(check(probe, clean).isEmpty(), qPrintable(check(probe, clean)));
      QVERIFY2(count > 0, mode.name);
      points += static_cast<int>(count);
      for (long long n = 1; n <= count; ++n) {
        const QString db = dir_.filePath(QStringLiteral("%1-%2.sqlite").arg(QLatin1String(what)).arg(++runs));
        prepare(db);
        fault::arm(mode.op, n, mode.code, mode.sticky);
        const Expected told = flow(db);
        const long long failed = fault::failed();
        fault::disarm();
        if (told.steps_failed > 0) ++refused_runs;
        // The last few writes (the WAL checkpoint when the connection closes) vary by a few from
        // run to run; a point the run did not reach is counted, not failed.
        if (failed == 0) ++unreached;
        const QString problem = check(db, told);
        QVERIFY2(problem.isEmpty(), qPrintable(QStringLiteral("%1 %2, failing point %3 of %4: %5")
                                                   .arg(QLatin1String(what), QLatin1String(mode.name))
                                                   .arg(n)
                                                   .arg(count)
                                                   .arg(problem)));
        for (const QString& f : QDir(dir_.path()).entryList({QFileInfo(db).fileName() + QLatin1Char('*')}, QDir::Files))
          QFile::remove(dir_.filePath(f));
      }
    }
    qInfo("%s: %d injection points covered in %d runs (%d of them refused a step, %d not reached), %lld ms", what,
          points - unreached, runs, refused_runs, unreached, static_cast<long long>(timer.elapsed()));
    QVERIFY2(unreached * 20 <= points, "more than 5% of the injection points were not reached: the flow is not repeatable");
  }

 private slots:
  void initTestCase() {
    QVERIFY(dir_.isValid());
    fault::install();
  }

  void chatFlowUnderFaults() {
    sweep(
        "chat flow", [](const QString&) {}, run_flow, verify);
  }

  void migrationUnderFaults() {
    // A version-1 database is upgraded (backup copy, then the migration in one transaction). A
    // failure anywhere leaves the old data readable: still version 1, or fully migrated.
    const veloce::test::V1Contents v1;
    sweep(
        "migration", [](const QString& path) { veloce::test::write_v1_database(path); },
        [](const QString& path) {
          Expected e;
          try {
            ConversationStore store(path);
          } catch (const StoreError&) {
            ++e.steps_failed;
          }
          return e;
        },
        [&](const QString& path, const Expected& e) -> QString {
          const QString check = integrity(path);
          if (check != QLatin1String("ok")) return QStringLiteral("integrity_check: ") + check;
          const int version = veloce::test::read_user_version(path);
          if (e.steps_failed == 0 && version != ConversationStore::kSchemaVersion)
            return QStringLiteral("the open succeeded but the schema is version %1").arg(version);
          if (version != 1 && version != ConversationStore::kSchemaVersion)
            return QStringLiteral("half-migrated: version %1").arg(version);
          ConversationStore store(path);
          const auto list = store.list_conversations();
          if (list.size() != 1 || list[0].title != v1.title) return QStringLiteral("the conversation is gone");
          QStringList contents;
          for (const auto& m : store.all_messages(list[0].id)) contents << m.content;
          if (contents != QStringList{v1.question, v1.first_answer, v1.second_answer})
            return QStringLiteral("messages after migration: ") + contents.join(QLatin1String(" | "));
          return {};
        });
  }
};

QTEST_GUILESS_MAIN(FaultSweepTest)
#include "fault_sweep_test.moc"
