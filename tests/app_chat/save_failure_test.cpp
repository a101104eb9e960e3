// What the chat flow tells the user when the database fails under it (and, at the end, what
// `veloce-cli chat` prints when another process holds the database's write lock too long). A send (user message,
// reply row, streamed reply, final write) runs once per write and per sync it performs, with that
// operation failing and every later one too (a full disk, a failing device), through a test VFS.
// Whatever the controller signalled must be what the database holds afterwards:
//   userMessageStored(id)          -> the user message is stored
//   replyFinished(id, state)       -> the reply is stored in that state with the streamed text
//   replySaveFailed(id, length)    -> the reply is still "streaming" with exactly `length` units,
//                                     never reported finished; once the disk works again,
//                                     retrySave() stores the whole text and replyFinished follows
//   errorOccurred                  -> no reply was acknowledged
#include <sqlite3.h>

#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <memory>

#include "app/chat/chat_controller.h"
#include "app/settings/app_settings.h"
#include "app/storage/conversation_store.h"
#include "test_support.h"
#include "tests/app_storage/fault_vfs.h"

using veloce::app::ChatController;
using veloce::storage::MessageState;
namespace fault = veloce::test::fault_vfs;

namespace {

constexpr int kTimeoutMs = 120000;

struct Run {
  std::unique_ptr<QTemporaryDir> dir = std::make_unique<QTemporaryDir>();
  std::unique_ptr<veloce::storage::ConversationStore> store;
  std::unique_ptr<veloce::app::AppSettings> settings;
  std::unique_ptr<ChatController> chat;
  QString db() const { return dir->filePath(QStringLiteral("chat.sqlite")); }
};

}  // namespace

class SaveFailureTest : public QObject {
  Q_OBJECT

  // A controller on a fresh database with the tiny model loaded; checkpoints off, so the only
  // writes of a reply are its row and its final text.
  static std::unique_ptr<Run> makeRun() {
    auto r = std::make_unique<Run>();
    r->store = std::make_unique<veloce::storage::ConversationStore>(r->db());
    r->settings = std::make_unique<veloce::app::AppSettings>(r->dir->filePath(QStringLiteral("settings.ini")));
    r->settings->setDevice(QStringLiteral("reference"));
    r->settings->setContextSize(1024);
    r->settings->setTemperature(0);
    r->settings->setMaxReplyTokens(24);
    r->chat = std::make_unique<ChatController>(r->store.get(), r->settings.get());
    r->chat->setCheckpointInterval(600000);
    r->chat->model()->load(veloce::chat_test::dataPath(QStringLiteral("phi4-tiny-F32.gguf")));
    return r;
  }

  // One send with operation n of kind `op` failing (sticky); checks signals against the database.
  void sendWithFault(unsigned op, int code, long long n, long long* counted, int* saveFailures) {
    auto r = makeRun();
    QTRY_VERIFY_WITH_TIMEOUT(r->chat->model()->state() != QLatin1String("loading"), kTimeoutMs);
    QCOMPARE(r->chat->model()->state(), QStringLiteral("ready"));
    QSignalSpy userStored(r->chat.get(), &ChatController::userMessageStored);
    QSignalSpy pieces(r->chat.get(), &ChatController::replyPiece);
    QSignalSpy finished(r->chat.get(), &ChatController::replyFinished);
    QSignalSpy saveFailed(r->chat.get(), &ChatController::replySaveFailed);
    QSignalSpy errors(r->chat.get(), &ChatController::errorOccurred);
    fault::arm(op, n, code, /*sticky=*/true);
    QVERIFY(r->chat->send(QStringLiteral("How many orders for 5 snails?")));
    QTRY_VERIFY_WITH_TIMEOUT(!r->chat->busy(), kTimeoutMs);
    if (counted) *counted = fault::counted();
    fault::disarm();
    QString streamed;
    for (const auto& args : pieces) streamed += args.at(0).toString();

    veloce::storage::ConversationStore check(r->db());
    if (!userStored.isEmpty()) QVERIFY(check.message(userStored.at(0).at(0).toLongLong()).has_value());
    QVERIFY2(finished.size() + saveFailed.size() <= 1, "a reply was reported twice");
    if (!finished.isEmpty()) {
      const auto m = check.message(finished.at(0).at(0).toLongLong());
      QVERIFY(m.has_value());
      QCOMPARE(veloce::storage::state_name(m->state), finished.at(0).at(1).toString());
      QCOMPARE(m->content, streamed);
    } else if (!saveFailed.isEmpty()) {
      ++*saveFailures;
      const qint64 id = saveFailed.at(0).at(0).toLongLong();
      const auto m = check.message(id);
      QVERIFY(m.has_value());
      QCOMPARE(m->state, MessageState::Streaming);  // not acknowledged, and indeed not final
      QCOMPARE(static_cast<int>(m->content.size()), saveFailed.at(0).at(1).toInt());
      QVERIFY(r->chat->lastError().contains(QStringLiteral("could not be saved")));
      QVERIFY(!r->chat->lastError().contains(QStringLiteral("text so far is kept")));
      QCOMPARE(r->chat->messages()->at(r->chat->messages()->rowCount() - 1).content, streamed);  // still on screen
      // The disk works again: the retry stores the whole reply, and only now is it finished.
      QVERIFY(r->chat->retrySave());
      QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty(), kTimeoutMs);
      QCOMPARE(finished.at(0).at(0).toLongLong(), id);
      const auto saved = check.message(id);
      QCOMPARE(saved->state, MessageState::Complete);
      QCOMPARE(saved->content, streamed);
    } else {
      QVERIFY2(!errors.isEmpty(), "the send ended with neither a reply nor an error");
    }
  }

 private slots:
  void initTestCase() { fault::install(); }

  void sendUnderFailingDisk() {
    struct Mode {
      const char* name;
      unsigned op;
      int code;
    };
    for (const Mode& mode : {Mode{"sync", fault::Sync, SQLITE_IOERR_FSYNC}, Mode{"write", fault::Write, SQLITE_FULL}}) {
      long long points = 0;
      int saveFailures = 0;
      sendWithFault(mode.op, mode.code, 0, &points, &saveFailures);  // counts, fails nothing
      QVERIFY(points > 0);
      for (long long n = 1; n <= points; ++n) {
        sendWithFault(mode.op, mode.code, n, nullptr, &saveFailures);
        if (QTest::currentTestFailed()) {
          qWarning("%s failing from point %lld of %lld", mode.name, n, points);
          return;
        }
      }
      qInfo("send with a failing %s: %lld injection points covered, %d of them at the final write", mode.name, points,
            saveFailures);
      QVERIFY2(saveFailures > 0, "no run failed at the final write: the unsaved-reply path went untested");
    }
  }

  // veloce-cli chat while another connection holds the write lock from the moment the reply
  // starts streaming: the final write times out (5 s busy timeout), so no "stored reply" line may
  // appear; the CLI says what is stored, retries once, and exits 1 if the lock is still held, or
  // stores the reply (and only then says so) once it is released.
  void cliReportsAnUnsavedReply() {
    for (const bool release : {false, true}) {
      QTemporaryDir dir;
      QVERIFY(dir.isValid());
      const QString db = dir.filePath(QStringLiteral("chat.sqlite"));
      QProcess cli;
      cli.setReadChannel(QProcess::StandardError);
      cli.start(
          QStringLiteral(VELOCE_CLI),
          {QStringLiteral("chat"), QStringLiteral("-m"), veloce::chat_test::dataPath(QStringLiteral("phi4-tiny-Q8_0.gguf")),
           QStringLiteral("--db"), db, QStringLiteral("--backend"), QStringLiteral("reference"), QStringLiteral("-n"),
           QStringLiteral("300"), QStringLiteral("--temp"), QStringLiteral("0"), QStringLiteral("--checkpoint-ms"),
           QStringLiteral("600000"), QStringLiteral("-p"), QStringLiteral("How many orders for 5 snails?")});
      QVERIFY(cli.waitForStarted(10000));
      QByteArray err;
      QElapsedTimer waited;
      waited.start();
      while (!err.contains(" streaming\n") && cli.state() == QProcess::Running && waited.elapsed() < 60000) {
        cli.waitForReadyRead(50);
        err += cli.readAllStandardError();
      }
      QVERIFY2(err.contains(" streaming\n"), err.constData());
      sqlite3* lock = nullptr;
      QCOMPARE(sqlite3_open(QFile::encodeName(db).constData(), &lock), SQLITE_OK);
      sqlite3_busy_timeout(lock, 10000);
      QCOMPARE(sqlite3_exec(lock, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr), SQLITE_OK);
      while (!err.contains(" not saved") && cli.state() == QProcess::Running && waited.elapsed() < 90000) {
        cli.waitForReadyRead(50);
        err += cli.readAllStandardError();
      }
      QVERIFY2(err.contains(" not saved: the database holds its first 0 units"), err.constData());
      if (release) sqlite3_exec(lock, "ROLLBACK", nullptr, nullptr, nullptr);
      QVERIFY(cli.waitForFinished(60000));
      err += cli.readAllStandardError();
      sqlite3_exec(lock, "ROLLBACK", nullptr, nullptr, nullptr);
      sqlite3_close(lock);
      const QString out = QString::fromUtf8(cli.readAllStandardOutput());
      veloce::storage::ConversationStore check(db);
      const auto branch = check.current_branch(check.list_conversations().at(0).id);
      QCOMPARE(branch.size(), size_t{2});
      if (release) {
        QCOMPARE(cli.exitCode(), 0);
        QVERIFY2(err.contains(" complete\n") && err.indexOf(" not saved") < err.indexOf(" complete\n"), err.constData());
        QCOMPARE(branch[1].message.state, MessageState::Complete);
        QCOMPARE(branch[1].message.content + QLatin1Char('\n'), out);
      } else {
        QCOMPARE(cli.exitCode(), 1);
        QVERIFY2(!err.contains("stored reply"), err.constData());  // nothing acknowledged that is not stored
        QVERIFY2(err.contains("could not be saved"), err.constData());
        QCOMPARE(branch[1].message.state, MessageState::Streaming);
        QCOMPARE(branch[1].message.content, QString());
      }
    }
  }
};

QTEST_GUILESS_MAIN(SaveFailureTest)
#include "save_failure_test.moc"
