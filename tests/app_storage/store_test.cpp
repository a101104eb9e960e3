// Qt Test for ConversationStore: schema, migrations from every shipped version, conversations,
// branches, streaming, search, corruption handling and use from two threads at once.
#include <sqlite3.h>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

#include <atomic>
#include <thread>

#include "app/storage/conversation_store.h"
#include "v1_database.h"

using namespace veloce::storage;

namespace {

QString branch_text(const std::vector<BranchEntry>& branch) {
  QStringList parts;
  for (const auto& e : branch)
    parts << QStringLiteral("%1[%2/%3]").arg(e.message.content).arg(e.sibling_index + 1).arg(e.sibling_count);
  return parts.join(QStringLiteral(" > "));
}

// A rollback-journal database, as another application (or a newer Veloce) may leave it: the
// header then says so in bytes 18-19, which switching to WAL would rewrite.
void use_rollback_journal(const QString& path) {
  sqlite3* db = nullptr;
  QCOMPARE(sqlite3_open(QFile::encodeName(path).constData(), &db), SQLITE_OK);
  QCOMPARE(sqlite3_exec(db, "PRAGMA journal_mode=DELETE", nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(db);
}

QByteArray file_bytes(const QString& path) {
  QFile f(path);
  return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

QStringList files_starting_with(const QString& folder, const QString& prefix) {
  return QDir(folder).entryList({prefix + QLatin1Char('*')}, QDir::Files, QDir::Name);
}

}  // namespace

class StoreTest : public QObject {
  Q_OBJECT

 private:
  QTemporaryDir dir_;
  QString db_path() const { return dir_.filePath(QStringLiteral("conversations.sqlite")); }

 private slots:
  void init() { QVERIFY(dir_.isValid()); }
  void cleanup() {
    // Each test starts from an empty folder.
    for (const QString& f : QDir(dir_.path()).entryList(QDir::Files)) QFile::remove(dir_.filePath(f));
  }

  void newDatabaseHasLatestSchema() {
    {
      ConversationStore store(db_path());
      QVERIFY(store.open_report().created);
      QCOMPARE(store.open_report().schema_before, 0);
      QCOMPARE(store.open_report().schema_after, ConversationStore::kSchemaVersion);
      QVERIFY(store.open_report().backup_path.isEmpty());
      QVERIFY(store.open_report().user_message.isEmpty());
      QVERIFY(store.list_conversations().empty());
    }
    QCOMPARE(veloce::test::read_user_version(db_path()), 3);
    QCOMPARE(veloce::test::count_rows(db_path(), QStringLiteral("message_fts")), 0);
    // Reopening an up-to-date file migrates nothing and makes no backup.
    ConversationStore again(db_path());
    QVERIFY(!again.open_report().created);
    QCOMPARE(again.open_report().schema_before, 3);
    QVERIFY(again.open_report().backup_path.isEmpty());
    QVERIFY(files_starting_with(dir_.path(), QStringLiteral("conversations.sqlite.v")).isEmpty());
  }

  void migratesFromVersion1KeepingDataAndBackup() {
    const veloce::test::V1Contents v1;
    veloce::test::write_v1_database(db_path(), v1);
    {
      ConversationStore store(db_path());
      const auto& report = store.open_report();
      QCOMPARE(report.schema_before, 1);
      QCOMPARE(report.schema_after, 3);
      QVERIFY(!report.created);
      QVERIFY(!report.user_message.isEmpty());
      // The backup is a real copy of the version-1 file.
      QVERIFY(QFileInfo::exists(report.backup_path));
      QCOMPARE(veloce::test::read_user_version(report.backup_path), 1);
      QCOMPARE(veloce::test::count_rows(report.backup_path, QStringLiteral("messages")), 3);

      const auto list = store.list_conversations();
      QCOMPARE(list.size(), size_t{1});
      QCOMPARE(list[0].uuid, v1.conversation_uuid);
      QCOMPARE(list[0].title, v1.title);
      QVERIFY(list[0].pinned);
      QCOMPARE(list[0].created_at.toMSecsSinceEpoch(), Q_INT64_C(1700000000000));
      const auto conv = *store.conversation(list[0].id);
      QCOMPARE(conv.system_prompt, QStringLiteral("Be brief."));
      QCOMPARE(conv.settings.temperature, 0.25);
      QCOMPARE(conv.settings.top_k, 12);
      QCOMPARE(conv.settings.top_p, GenerationSettings{}.top_p);  // absent key: default
      QCOMPARE(conv.model_file, QStringLiteral("phi-4-Q4_K_M.gguf"));
      QCOMPARE(conv.model_quant, QStringLiteral("Q4_K_M"));

      // The shown branch recorded in version 1 (the first reply) is kept.
      const auto branch = store.current_branch(conv.id);
      QCOMPARE(branch_text(branch), v1.question + QStringLiteral("[1/1] > ") + v1.first_answer + QStringLiteral("[1/2]"));
      QCOMPARE(store.all_messages(conv.id).size(), size_t{3});
      QCOMPARE(store.all_messages(conv.id)[2].state, MessageState::Stopped);

      // Version 2 indexed the old rows for search, and its new columns work.
      const auto hits = store.search(QStringLiteral("factorial"));
      QCOMPARE(hits.size(), size_t{1});
      QCOMPARE(hits[0].message_id, qint64{12});
      QCOMPARE(hits[0].role, store.message(12)->role);
      QCOMPARE(hits[0].created_at, store.message(12)->created_at);
      QCOMPARE(store.search(QStringLiteral("snail race")).at(0).message_id, qint64{0});  // title hit
      store.finish_message(12, v1.second_answer, MessageState::Complete, {{}, 40, 310.5, 22.25});
      QCOMPARE(*store.message(12)->stats.tokens_per_second, 22.25);
      // Version 3: old rows have no stop reason; a finished reply stores the engine's.
      QVERIFY(!store.all_messages(conv.id)[2].stats.stop);
      QVERIFY(!store.message(12)->stats.stop);
      store.finish_message(12, v1.second_answer, MessageState::Complete, {{}, 40, 310.5, 22.25, ReplyStop::Length});
      QCOMPARE(store.message(12)->stats.stop, std::optional<ReplyStop>(ReplyStop::Length));
    }
    QCOMPARE(veloce::test::read_user_version(db_path()), 3);
  }

  void refusesNewerSchemaWithoutTouchingIt() {
    veloce::test::write_v1_database(db_path());
    veloce::test::set_user_version(db_path(), 99);
    use_rollback_journal(db_path());
    const QByteArray before = file_bytes(db_path());
    QVERIFY(before.size() > 100);
    QCOMPARE(before.at(18), char{1});
    try {
      ConversationStore store(db_path());
      QFAIL("a database from a newer version was opened");
    } catch (const StoreError& e) {
      QVERIFY2(QString::fromUtf8(e.what()).contains(QStringLiteral("newer Veloce")), e.what());
    }
    // Not one byte changed (WAL mode would rewrite header bytes 18-19).
    QVERIFY(file_bytes(db_path()) == before);
    QCOMPARE(veloce::test::read_user_version(db_path()), 99);
    QCOMPARE(veloce::test::count_rows(db_path(), QStringLiteral("messages")), 3);
    QVERIFY(files_starting_with(dir_.path(), QStringLiteral("conversations.sqlite.")).isEmpty());
  }

  void refusesForeignSqliteDatabase() {
    veloce::test::write_v1_database(db_path());
    veloce::test::set_user_version(db_path(), 0);  // tables but no version: not ours
    use_rollback_journal(db_path());
    const QByteArray before = file_bytes(db_path());
    QVERIFY(before.size() > 100);
    QCOMPARE(before.at(18), char{1});
    QVERIFY_THROWS_EXCEPTION(StoreError, ConversationStore{db_path()});
    QVERIFY(file_bytes(db_path()) == before);
    QCOMPARE(veloce::test::count_rows(db_path(), QStringLiteral("conversations")), 1);
  }

  void conversationsListRenamePinDelete() {
    ConversationStore store(db_path());
    GenerationSettings settings;
    settings.temperature = 0.1;
    settings.seed = 42;
    const auto a = store.create_conversation({QStringLiteral("Alpha"), QStringLiteral("sys"), settings,
                                              QStringLiteral("phi-4-Q4_K_M.gguf"), QStringLiteral("Q4_K_M")});
    QTest::qWait(3);  // distinct millisecond timestamps
    const auto b = store.create_conversation({QStringLiteral("Beta"), {}, {}, {}, {}});
    QTest::qWait(3);
    const auto c = store.create_conversation({QStringLiteral("Gamma"), {}, {}, {}, {}});
    QCOMPARE(store.conversation(a.id)->settings, settings);
    QCOMPARE(store.conversation(a.id)->system_prompt, QStringLiteral("sys"));
    QVERIFY(QUuid(a.uuid).version() == QUuid::Random);

    auto titles = [&] {
      QStringList t;
      for (const auto& s : store.list_conversations()) t << s.title;
      return t.join(QLatin1Char(','));
    };
    QCOMPARE(titles(), QStringLiteral("Gamma,Beta,Alpha"));  // newest first
    store.set_pinned(a.id, true);
    QCOMPARE(titles(), QStringLiteral("Alpha,Gamma,Beta"));  // pinned first
    QTest::qWait(3);
    store.append_message(b.id, 0, Role::User, QStringLiteral("hello"));  // activity moves Beta up
    QCOMPARE(titles(), QStringLiteral("Alpha,Beta,Gamma"));
    // Renaming is not activity: the conversation keeps its place (and its date group).
    const QDateTime before = store.conversation(c.id)->updated_at;
    store.rename_conversation(c.id, QStringLiteral("Gamma renamed"));
    QCOMPARE(store.conversation(c.id)->title, QStringLiteral("Gamma renamed"));
    QCOMPARE(store.conversation(c.id)->updated_at, before);
    QCOMPARE(store.search(QStringLiteral("renamed")).size(), size_t{1});
    QVERIFY(store.search(QStringLiteral("gamma")).size() == 1);
    QVERIFY_THROWS_EXCEPTION(StoreError, store.rename_conversation(9999, QStringLiteral("x")));

    // Delete with undo, then purge for good (messages go too).
    store.delete_conversation(b.id);
    QCOMPARE(titles(), QStringLiteral("Alpha,Gamma renamed"));
    QVERIFY(store.search(QStringLiteral("hello")).empty());
    store.restore_conversation(b.id);
    QCOMPARE(titles(), QStringLiteral("Alpha,Beta,Gamma renamed"));
    QCOMPARE(store.search(QStringLiteral("hello")).size(), size_t{1});
    store.delete_conversation(b.id);
    QCOMPARE(store.purge_deleted(), 1);
    QVERIFY(!store.conversation(b.id));
    QCOMPARE(veloce::test::count_rows(db_path(), QStringLiteral("messages")), 0);
    QVERIFY(store.search(QStringLiteral("hello")).empty());
    QCOMPARE(store.purge_deleted(), 0);
  }

  void branchesFromRegenerateAndEdit() {
    ConversationStore store(db_path());
    const auto conv = store.create_conversation({QStringLiteral("Branches"), {}, {}, {}, {}});
    const auto q1 = store.append_message(conv.id, 0, Role::User, QStringLiteral("Q1"));
    const auto a1 = store.append_message(conv.id, q1.id, Role::Assistant, QStringLiteral("A1"));
    const auto q2 = store.append_message(conv.id, a1.id, Role::User, QStringLiteral("Q2"));
    store.append_message(conv.id, q2.id, Role::Assistant, QStringLiteral("A2"));
    QCOMPARE(branch_text(store.current_branch(conv.id)), QStringLiteral("Q1[1/1] > A1[1/1] > Q2[1/1] > A2[1/1]"));

    // Regenerate the first reply: a sibling of A1, shown at once, the old one kept.
    const auto a1b = store.append_message(conv.id, q1.id, Role::Assistant, QStringLiteral("A1b"));
    QCOMPARE(branch_text(store.current_branch(conv.id)), QStringLiteral("Q1[1/1] > A1b[2/2]"));
    QCOMPARE(store.siblings(a1.id).size(), size_t{2});
    QCOMPARE(store.siblings(a1b.id).at(0).content, QStringLiteral("A1"));
    QVERIFY(store.message(a1b.id)->active);
    QVERIFY(!store.message(a1.id)->active);

    // Switch back: the old branch with its whole continuation is still there.
    store.set_active_child(a1.id);
    QCOMPARE(branch_text(store.current_branch(conv.id)), QStringLiteral("Q1[1/1] > A1[1/2] > Q2[1/1] > A2[1/1]"));

    // Edit Q2: a sibling user message with its own reply; the original Q2 and A2 remain.
    const auto q2b = store.append_message(conv.id, a1.id, Role::User, QStringLiteral("Q2 edited"));
    store.append_message(conv.id, q2b.id, Role::Assistant, QStringLiteral("A2 for edit"));
    QCOMPARE(branch_text(store.current_branch(conv.id)),
             QStringLiteral("Q1[1/1] > A1[1/2] > Q2 edited[2/2] > A2 for edit[1/1]"));
    store.set_active_child(q2.id);
    QCOMPARE(branch_text(store.current_branch(conv.id)), QStringLiteral("Q1[1/1] > A1[1/2] > Q2[1/2] > A2[1/1]"));

    // Edit the very first message: a second root.
    const auto q1b = store.append_message(conv.id, 0, Role::User, QStringLiteral("Q1 edited"));
    QCOMPARE(branch_text(store.current_branch(conv.id)), QStringLiteral("Q1 edited[2/2]"));
    store.set_active_child(q1.id);
    QCOMPARE(store.current_branch(conv.id).size(), size_t{4});
    QCOMPARE(store.all_messages(conv.id).size(), size_t{8});  // Q1 A1 Q2 A2 A1b Q2e A2e Q1e
    QCOMPARE(store.all_messages(conv.id).at(7).uuid, q1b.uuid);
    QCOMPARE(store.message(q2b.id)->parent_uuid, a1.uuid);

    // A parent from another conversation is refused.
    const auto other = store.create_conversation({QStringLiteral("Other"), {}, {}, {}, {}});
    QVERIFY_THROWS_EXCEPTION(StoreError, store.append_message(other.id, q1.id, Role::User, QStringLiteral("x")));
  }

  void streamingCheckpointsAreDurable() {
    qint64 reply_id = 0;
    qint64 conv_id = 0;
    {
      ConversationStore store(db_path());
      conv_id = store.create_conversation({QStringLiteral("Stream"), {}, {}, {}, {}}).id;
      const auto q = store.append_message(conv_id, 0, Role::User, QStringLiteral("Tell me"));
      const auto r = store.append_message(conv_id, q.id, Role::Assistant, {}, MessageState::Streaming);
      reply_id = r.id;
      store.update_message_content(reply_id, QStringLiteral("Once upon"));
      store.update_message_content(reply_id, QStringLiteral("Once upon a time"));
      QCOMPARE(store.message(reply_id)->state, MessageState::Streaming);
      QVERIFY_THROWS_EXCEPTION(StoreError, store.update_message_content(123456, QStringLiteral("x")));
    }
    {
      // As after a crash: the checkpointed text is there; start-up marks the reply stopped.
      ConversationStore store(db_path());
      QCOMPARE(store.message(reply_id)->content, QStringLiteral("Once upon a time"));
      QCOMPARE(store.mark_interrupted_streams(), 1);
      QCOMPARE(store.message(reply_id)->state, MessageState::Stopped);
      QCOMPARE(store.mark_interrupted_streams(), 0);
      store.finish_message(reply_id, QStringLiteral("Once upon a time, the end."), MessageState::Complete,
                           {120, 9, 85.5, 31.0});
    }
    ConversationStore store(db_path());
    const auto m = *store.message(reply_id);
    QCOMPARE(m.content, QStringLiteral("Once upon a time, the end."));
    QCOMPARE(m.state, MessageState::Complete);
    QCOMPARE(m.stats, (MessageStats{120, 9, 85.5, 31.0}));
    QCOMPARE(store.search(QStringLiteral("end")).size(), size_t{1});  // FTS follows updates
    QVERIFY(store.search(QStringLiteral("upon")).size() == 1);
  }

  void searchFindsTitlesAndMessagesWithSnippets() {
    ConversationStore store(db_path());
    const auto c1 = store.create_conversation({QStringLiteral("Vulkan shaders"), {}, {}, {}, {}});
    const auto c2 = store.create_conversation({QStringLiteral("Cooking"), {}, {}, {}, {}});
    const QString long_text = QStringLiteral(
        "Preheat the oven. Mix flour, sugar and eggs, then add the butter slowly. Bake the cake for "
        "forty minutes and let it cool before serving it to everyone at the table.");
    const auto m = store.append_message(c2.id, 0, Role::User, long_text);
    store.append_message(c1.id, 0, Role::User, QStringLiteral("Why is my café compute shader slow?"));

    auto hits = store.search(QStringLiteral("butter"));
    QCOMPARE(hits.size(), size_t{1});
    QCOMPARE(hits[0].conversation_id, c2.id);
    QCOMPARE(hits[0].message_id, m.id);
    QCOMPARE(hits[0].title, QStringLiteral("Cooking"));
    QCOMPARE(hits[0].matches.size(), size_t{1});
    const auto [start, length] = hits[0].matches[0];
    QCOMPARE(hits[0].snippet.mid(start, length), QStringLiteral("butter"));
    QVERIFY(hits[0].snippet.size() < long_text.size());  // cut around the match
    QVERIFY(long_text.contains(QString(hits[0].snippet).remove(QStringLiteral("…")).trimmed()));
    QVERIFY(snippet_html(hits[0]).contains(QStringLiteral("<b>butter</b>")));

    // Title match first, then the message; the last word matches as a prefix.
    hits = store.search(QStringLiteral("shad"));
    QCOMPARE(hits.size(), size_t{2});
    QCOMPARE(hits[0].message_id, qint64{0});
    QCOMPARE(hits[0].conversation_id, c1.id);
    QCOMPARE(hits[1].conversation_id, c1.id);
    QVERIFY(hits[1].message_id != 0);
    // All words must match; diacritics are folded.
    QCOMPARE(store.search(QStringLiteral("flour cake")).size(), size_t{1});
    QVERIFY(store.search(QStringLiteral("flour shader")).empty());
    QCOMPARE(store.search(QStringLiteral("cafe")).size(), size_t{1});
    // FTS syntax typed by the user is just text: no error, sensible results.
    for (const QString& q :
         {QStringLiteral("\""), QStringLiteral("AND"), QStringLiteral("NEAR(oven"), QStringLiteral("title:oven"),
          QStringLiteral("*"), QStringLiteral("oven\" OR \"x"), QStringLiteral("   "), QStringLiteral("(-)")})
      store.search(q);
    QCOMPARE(store.search(QStringLiteral("\"oven\"")).size(), size_t{1});
    QCOMPARE(store.search(QStringLiteral("compute?")).size(), size_t{1});
    QCOMPARE(store.search(QStringLiteral("slow")).size(), size_t{2});  // "slow" and "slowly"
    QVERIFY(store.search(QStringLiteral("")).empty());

    // A snippet with markup in the text stays escaped in its HTML form.
    store.append_message(c2.id, 0, Role::User, QStringLiteral("<b>bold</b> & marmalade"));
    hits = store.search(QStringLiteral("marmalade"));
    QCOMPARE(snippet_html(hits.at(0)), QStringLiteral("&lt;b&gt;bold&lt;/b&gt; &amp; <b>marmalade</b>"));
  }

  void garbageFileIsMovedAsideAndReported() {
    QFile f(db_path());
    QVERIFY(f.open(QIODevice::WriteOnly));
    const QByteArray garbage = QByteArray("this is not a database at all\n").repeated(400);
    f.write(garbage);
    f.close();

    ConversationStore store(db_path());
    const auto& report = store.open_report();
    QVERIFY(report.recovered_from_corruption);
    QVERIFY(report.created);
    QVERIFY(report.user_message.contains(report.corrupt_moved_to));
    QVERIFY(report.corrupt_moved_to.startsWith(db_path() + QStringLiteral(".corrupt-")));
    QFile moved(report.corrupt_moved_to);
    QVERIFY(moved.open(QIODevice::ReadOnly));
    QCOMPARE(moved.readAll(), garbage);  // kept byte for byte, never deleted
    // The fresh database works.
    const auto c = store.create_conversation({QStringLiteral("After"), {}, {}, {}, {}});
    store.append_message(c.id, 0, Role::User, QStringLiteral("works"));
    QCOMPARE(store.search(QStringLiteral("works")).size(), size_t{1});
  }

  void truncatedDatabaseIsMovedAside() {
    {
      ConversationStore store(db_path());
      const auto c = store.create_conversation({QStringLiteral("Big"), {}, {}, {}, {}});
      store.in_transaction([&] {
        qint64 parent = 0;
        for (int i = 0; i < 400; ++i)
          parent = store
                       .append_message(c.id, parent, i % 2 ? Role::Assistant : Role::User,
                                       QStringLiteral("message number %1 ").arg(i).repeated(20))
                       .id;
      });
    }
    QVERIFY(!QFileInfo::exists(db_path() + QStringLiteral("-wal")));  // checkpointed at close
    const qint64 size = QFileInfo(db_path()).size();
    QVERIFY(size > 100000);
    QVERIFY(QFile::resize(db_path(), size / 2));

    ConversationStore store(db_path());
    QVERIFY(store.open_report().recovered_from_corruption);
    QCOMPARE(QFileInfo(store.open_report().corrupt_moved_to).size(), size / 2);
    QVERIFY(store.list_conversations().empty());
  }

  void damagedPageIsMovedAside() {
    {
      ConversationStore store(db_path());
      const auto c = store.create_conversation({QStringLiteral("Pages"), {}, {}, {}, {}});
      store.in_transaction([&] {
        for (int i = 0; i < 300; ++i)
          store.append_message(c.id, 0, Role::User, QStringLiteral("row %1 ").arg(i).repeated(30));
      });
    }
    // Overwrite the middle of the file (b-tree pages), keeping the valid header.
    QFile f(db_path());
    QVERIFY(f.open(QIODevice::ReadWrite));
    f.seek(f.size() / 2);
    f.write(QByteArray(8192, static_cast<char>(0xA5)));
    f.close();
    ConversationStore store(db_path());
    QVERIFY(store.open_report().recovered_from_corruption);
    QVERIFY(!store.open_report().user_message.isEmpty());
  }

  void damageFoundLaterIsHandledAtNextStart() {
    {
      ConversationStore store(db_path());
      const auto c = store.create_conversation({QStringLiteral("Later"), {}, {}, {}, {}});
      store.in_transaction([&] {
        for (int i = 0; i < 300; ++i)
          store.append_message(c.id, 0, Role::User, QStringLiteral("text %1 ").arg(i).repeated(30));
      });
    }
    QFile f(db_path());
    QVERIFY(f.open(QIODevice::ReadWrite));
    f.seek(f.size() / 2);
    f.write(QByteArray(8192, static_cast<char>(0x5A)));
    f.close();
    {
      // As the worker's store would after start-up: the background check finds the damage.
      ConversationStore worker(db_path(), OpenOptions{.integrity = IntegrityCheck::None});
      QVERIFY(!worker.check_integrity_full().isEmpty());
      QVERIFY(QFileInfo::exists(ConversationStore::damage_marker_path(db_path())));
    }
    ConversationStore store(db_path());
    QVERIFY(store.open_report().recovered_from_corruption);
    QVERIFY(!QFileInfo::exists(ConversationStore::damage_marker_path(db_path())));
    QVERIFY(QFileInfo::exists(store.open_report().corrupt_moved_to + QStringLiteral(".damaged")));
    QVERIFY(store.check_integrity_full().isEmpty());  // the fresh file is sound
  }

  void storesOnTwoThreads() {
    ConversationStore ui_store(db_path());
    const auto conv = ui_store.create_conversation({QStringLiteral("Threads"), {}, {}, {}, {}});
    const auto q = ui_store.append_message(conv.id, 0, Role::User, QStringLiteral("go"));
    std::atomic<bool> done{false};
    std::string worker_error;
    qint64 reply_id = 0;
    std::thread worker([&] {
      try {
        ConversationStore store(db_path(), OpenOptions{.integrity = IntegrityCheck::None});
        reply_id = store.append_message(conv.id, q.id, Role::Assistant, {}, MessageState::Streaming).id;
        QString text;
        for (int i = 0; i < 200; ++i) {
          text += QStringLiteral("word%1 ").arg(i);
          store.update_message_content(reply_id, text);
        }
        store.finish_message(reply_id, text, MessageState::Complete);
      } catch (const std::exception& e) {
        worker_error = e.what();
      }
      done = true;
    });
    int reads = 0;
    while (!done) {  // the UI thread keeps reading while the worker writes
      QVERIFY(ui_store.list_conversations().size() == 1);
      ui_store.current_branch(conv.id);
      ++reads;
    }
    worker.join();
    QVERIFY2(worker_error.empty(), worker_error.c_str());
    QVERIFY(reads > 0);
    const auto branch = ui_store.current_branch(conv.id);
    QCOMPARE(branch.size(), size_t{2});
    QVERIFY(branch[1].message.content.endsWith(QStringLiteral("word199 ")));
    QCOMPARE(branch[1].message.state, MessageState::Complete);
  }

  void importKeepsUuidsAndAddsNothingTwice() {
    ConversationStore store(db_path());
    Conversation conv;
    conv.uuid = QStringLiteral("11111111-2222-4333-8444-555555555555");
    conv.title = QStringLiteral("Imported");
    conv.created_at = QDateTime::fromMSecsSinceEpoch(1600000000123, Qt::UTC);
    conv.updated_at = QDateTime::fromMSecsSinceEpoch(1600000999456, Qt::UTC);
    Message root;
    root.uuid = QStringLiteral("aaaaaaaa-0000-4000-8000-000000000001");
    root.content = QStringLiteral("root");
    root.created_at = conv.created_at;
    Message reply = root;
    reply.uuid = QStringLiteral("aaaaaaaa-0000-4000-8000-000000000002");
    reply.parent_uuid = root.uuid;
    reply.role = Role::Assistant;
    reply.content = QStringLiteral("reply");
    reply.stats.completion_tokens = 3;
    auto r = store.import_conversation(conv, {root, reply});
    QCOMPARE(r.conversations_added, 1);
    QCOMPARE(r.messages_added, 2);
    r = store.import_conversation(conv, {root, reply});
    QCOMPARE(r.conversations_added, 0);
    QCOMPARE(r.conversations_already_present, 1);
    QCOMPARE(r.messages_added, 0);
    QCOMPARE(r.messages_already_present, 2);
    const qint64 id = *store.conversation_id_by_uuid(conv.uuid);
    QCOMPARE(store.conversation(id)->updated_at, conv.updated_at);
    QCOMPARE(store.all_messages(id).at(1).parent_uuid, root.uuid);
    QCOMPARE(store.all_messages(id).at(1).stats.completion_tokens, std::optional<int>(3));

    // A message whose parent is unknown is refused and the transaction leaves nothing behind.
    Message orphan = reply;
    orphan.uuid = QStringLiteral("aaaaaaaa-0000-4000-8000-000000000003");
    orphan.parent_uuid = QStringLiteral("aaaaaaaa-0000-4000-8000-0000000000ff");
    Conversation other = conv;
    other.uuid = QStringLiteral("11111111-2222-4333-8444-666666666666");
    QVERIFY_THROWS_EXCEPTION(StoreError, store.import_conversation(other, {root, orphan}));
    QVERIFY(!store.conversation_id_by_uuid(other.uuid));
    QCOMPARE(store.list_conversations().size(), size_t{1});
  }

  void importNeverLinksAcrossConversations() {
    ConversationStore store(db_path());
    Conversation a;
    a.uuid = QStringLiteral("11111111-2222-4333-8444-000000000001");
    a.title = QStringLiteral("A");
    Message shared;
    shared.uuid = QStringLiteral("bbbbbbbb-0000-4000-8000-000000000001");
    shared.content = QStringLiteral("in A");
    QCOMPARE(store.import_conversation(a, {shared}).messages_added, 1);

    // B reuses A's message uuid as its root and hangs a reply under it.
    Conversation b = a;
    b.uuid = QStringLiteral("11111111-2222-4333-8444-000000000002");
    b.title = QStringLiteral("B");
    Message reply;
    reply.uuid = QStringLiteral("bbbbbbbb-0000-4000-8000-000000000002");
    reply.parent_uuid = shared.uuid;
    reply.role = Role::Assistant;
    reply.content = QStringLiteral("in B");
    try {
      store.import_conversation(b, {shared, reply});
      QFAIL("a message uuid of another conversation was accepted");
    } catch (const StoreError& e) {
      QVERIFY2(QString::fromUtf8(e.what()).contains(QStringLiteral("another conversation")), e.what());
    }
    QVERIFY(!store.conversation_id_by_uuid(b.uuid));
    const qint64 a_id = *store.conversation_id_by_uuid(a.uuid);
    QCOMPARE(store.all_messages(a_id).size(), size_t{1});
    QCOMPARE(veloce::test::count_rows(db_path(), QStringLiteral("messages")), 1);
  }

  void importRestoresADeletedConversation() {
    ConversationStore store(db_path());
    Conversation c;
    c.uuid = QStringLiteral("11111111-2222-4333-8444-000000000003");
    c.title = QStringLiteral("Backed up");
    Message m;
    m.uuid = QStringLiteral("cccccccc-0000-4000-8000-000000000001");
    m.content = QStringLiteral("keep me");
    store.import_conversation(c, {m});
    const qint64 id = *store.conversation_id_by_uuid(c.uuid);
    store.delete_conversation(id);
    QVERIFY(store.list_conversations().empty());

    const auto r = store.import_conversation(c, {m});  // the user restores the backup
    QCOMPARE(r.conversations_already_present, 1);
    QCOMPARE(r.conversations_restored, 1);
    QCOMPARE(store.list_conversations().size(), size_t{1});
    QCOMPARE(store.purge_deleted(), 0);
    QCOMPARE(store.all_messages(id).at(0).content, QStringLiteral("keep me"));
  }
};

QTEST_GUILESS_MAIN(StoreTest)
#include "store_test.moc"
