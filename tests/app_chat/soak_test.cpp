// Soak: kill -9 at random moments of the four things that write, on one database, many times:
// `veloce-cli chat` (new conversations and continuing one), `chat --regenerate`, `import` of a
// JSON file and `export --all --format json`. After every kill the database must open without
// being moved aside, pass PRAGMA integrity_check, and hold everything acknowledged so far:
//   chat / regenerate: the stderr contract of veloce-cli chat (see kill_test.cpp)
//   import: all of the file's conversations or none; all of them once "conversations:" printed
//   export: the output file is absent or a complete, parseable export (never half written)
// The number of runs comes from VELOCE_SOAK_RUNS (default 40, what CI runs; 200 by hand).
#include <signal.h>
#include <sqlite3.h>

#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QFile>
#include <QHash>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>
#include <algorithm>
#include <random>

#include "app/export/export_types.h"
#include "app/export/json_format.h"
#include "app/storage/conversation_store.h"
#include "test_support.h"

using namespace veloce::storage;

namespace {

constexpr int kMaxKillDelayMs = 900;

int soakRuns() {
  const int runs = qEnvironmentVariableIntValue("VELOCE_SOAK_RUNS");
  return runs > 0 ? runs : 40;
}

QString integrityCheck(const QString& path) {
  sqlite3* db = nullptr;
  QString result;
  if (sqlite3_open_v2(QFile::encodeName(path).constData(), &db, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) {
    result = QStringLiteral("open failed: ") + QString::fromUtf8(sqlite3_errmsg(db));
  } else {
    sqlite3_stmt* stmt = nullptr;
    sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &stmt, nullptr);
    while (stmt && sqlite3_step(stmt) == SQLITE_ROW)
      result += QString::fromUtf8(reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0)));
    sqlite3_finalize(stmt);
  }
  sqlite3_close(db);
  return result;
}

struct AckedReply {
  int length = 0;
  QString state;
  QString streamed;
};

// A JSON export file of `count` new conversations (fresh uuids), written by the app's exporter
// from a scratch database; returns their uuids.
QStringList writeImportFile(const QString& scratchDb, const QString& file, int count, int run) {
  QFile::remove(scratchDb);
  ConversationStore scratch(scratchDb);
  std::vector<veloce::exporting::ConversationExport> all;
  QStringList uuids;
  for (int i = 0; i < count; ++i) {
    const auto c = scratch.create_conversation({QStringLiteral("Imported %1.%2").arg(run).arg(i), {}, {}, {}, {}});
    qint64 parent = 0;
    for (int m = 0; m < 6; ++m) {
      const QString text = QStringLiteral("message %1 of imported conversation %2.%3 ").arg(m).arg(run).arg(i).repeated(20);
      parent = scratch.append_message(c.id, parent, m % 2 ? Role::Assistant : Role::User, text).id;
    }
    all.push_back(veloce::exporting::load_for_export(scratch, c.id));
    uuids << all.back().conversation.uuid;
  }
  QFile out(file);
  if (!out.open(QIODevice::WriteOnly)) return {};
  out.write(veloce::exporting::export_json(all, QDateTime::currentDateTimeUtc()));
  return uuids;
}

}  // namespace

class SoakTest : public QObject {
  Q_OBJECT

 private slots:
  void killAtRandomMoments() {
    const int runs = soakRuns();
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString db = dir.filePath(QStringLiteral("soak.sqlite"));
    const QString model = veloce::chat_test::dataPath(QStringLiteral("phi4-tiny-Q8_0.gguf"));
    const unsigned seed = 20261201;
    std::mt19937 rng(seed);
    std::uniform_int_distribution<int> delay(0, kMaxKillDelayMs);

    QHash<qint64, QString> users;
    QHash<qint64, AckedReply> replies;
    QList<QStringList> importsAcked;    // every uuid of these must be present
    QList<QStringList> importsUnacked;  // all or none of these
    qint64 firstConversation = -1;
    int killed = 0, finished = 0;
    int byKind[4] = {0, 0, 0, 0};
    const char* kKinds[4] = {"chat", "regenerate", "import", "export"};
    const QRegularExpression userLine(QStringLiteral("^stored user message (\\d+)$"));
    const QRegularExpression partialLine(QStringLiteral("^stored reply (\\d+) partial (\\d+)$"));
    const QRegularExpression finalLine(QStringLiteral("^stored reply (\\d+) (complete|stopped|error)$"));
    const QRegularExpression conversationLine(QStringLiteral("^conversation (\\d+)$"));
    const QString exportFile = dir.filePath(QStringLiteral("export.json"));
    QElapsedTimer timer;
    timer.start();

    for (int run = 0; run < runs; ++run) {
      // The first run makes the conversation that later runs continue and regenerate in.
      const int kind = firstConversation < 0 ? 0 : static_cast<int>(rng() % 4);
      ++byKind[kind];
      const QString text = QStringLiteral("Soak %1: how many ways can %2 snails finish?").arg(run).arg(run % 5 + 2);
      QStringList args;
      QStringList importUuids;
      const QString outPath = dir.filePath(QStringLiteral("stdout-%1.txt").arg(run));
      if (kind <= 1) {
        args = {QStringLiteral("chat"),
                QStringLiteral("-m"),
                model,
                QStringLiteral("--db"),
                db,
                QStringLiteral("--backend"),
                QStringLiteral("reference"),
                QStringLiteral("-n"),
                QStringLiteral("200"),
                QStringLiteral("-c"),
                QStringLiteral("1024"),
                QStringLiteral("--temp"),
                QStringLiteral("1"),
                QStringLiteral("--seed"),
                QString::number(run + 1),
                QStringLiteral("--checkpoint-ms"),
                QStringLiteral("25")};
        if (kind == 1)
          args << QStringLiteral("--conversation") << QString::number(firstConversation) << QStringLiteral("--regenerate");
        else if (firstConversation > 0 && run % 2 == 1)
          args << QStringLiteral("--conversation") << QString::number(firstConversation) << QStringLiteral("-p") << text;
        else args << QStringLiteral("-p") << text;
      } else if (kind == 2) {
        const QString file = dir.filePath(QStringLiteral("import-%1.json").arg(run));
        importUuids = writeImportFile(dir.filePath(QStringLiteral("scratch.sqlite")), file, 40, run);
        QVERIFY(!importUuids.isEmpty());
        args = {QStringLiteral("import"), QStringLiteral("--db"), db, file};
      } else {
        args = {
            QStringLiteral("export"), QStringLiteral("--db"), db,        QStringLiteral("--all"), QStringLiteral("--format"),
            QStringLiteral("json"),   QStringLiteral("-o"),   exportFile};
      }

      QProcess cli;
      cli.setStandardOutputFile(outPath);
      cli.setReadChannel(QProcess::StandardError);
      cli.setProcessEnvironment(veloce::chat_test::cliEnvironment(dir.path()));
      cli.start(QStringLiteral(VELOCE_CLI), args);
      QVERIFY2(cli.waitForStarted(10000), qPrintable(cli.errorString()));
      QByteArray err;
      if (kind <= 1) {
        // Kill while the reply streams: wait for it to start first.
        QElapsedTimer waited;
        waited.start();
        while (!err.contains(" streaming\n") && cli.state() == QProcess::Running && waited.elapsed() < 60000) {
          cli.waitForReadyRead(100);
          err += cli.readAllStandardError();
        }
        QVERIFY2(err.contains(" streaming\n"),
                 qPrintable(QStringLiteral("run %1 never streamed: %2").arg(run).arg(QString::fromUtf8(err))));
      }
      const int wait = kind <= 1 ? delay(rng) : delay(rng) / 3;  // import and export are quick
      if (cli.waitForFinished(wait)) {
        ++finished;
      } else {
        ::kill(static_cast<pid_t>(cli.processId()), SIGKILL);
        QVERIFY(cli.waitForFinished(10000));
        if (cli.exitStatus() == QProcess::CrashExit) ++killed;
        else ++finished;
      }
      err += cli.readAllStandardError();
      QFile outFile(outPath);
      QVERIFY(outFile.open(QIODevice::ReadOnly));
      const QString out = QString::fromUtf8(outFile.readAll());
      if (cli.exitStatus() == QProcess::NormalExit)
        QVERIFY2(
            cli.exitCode() == 0,
            qPrintable(
                QStringLiteral("run %1 (%2) failed: %3").arg(run).arg(QLatin1String(kKinds[kind]), QString::fromUtf8(err))));

      for (const QString& line : QString::fromUtf8(err).split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
        if (auto m = conversationLine.match(line); m.hasMatch() && firstConversation < 0) {
          firstConversation = m.captured(1).toLongLong();
        } else if (auto u = userLine.match(line); u.hasMatch()) {
          users[u.captured(1).toLongLong()] = text;
        } else if (auto p = partialLine.match(line); p.hasMatch()) {
          AckedReply& r = replies[p.captured(1).toLongLong()];
          r.length = std::max(r.length, p.captured(2).toInt());
          r.streamed = out;
        } else if (auto f = finalLine.match(line); f.hasMatch()) {
          AckedReply& r = replies[f.captured(1).toLongLong()];
          r.state = f.captured(2);
          r.streamed = out.endsWith(QLatin1Char('\n')) ? out.chopped(1) : out;
          r.length = static_cast<int>(r.streamed.size());
        }
      }
      if (kind == 2) (out.startsWith(QStringLiteral("conversations:")) ? importsAcked : importsUnacked).append(importUuids);

      // Everything acknowledged so far, in this run and every earlier one, survived.
      QCOMPARE(integrityCheck(db), QStringLiteral("ok"));
      ConversationStore store(db);
      QVERIFY2(!store.open_report().recovered_from_corruption, qPrintable(store.open_report().user_message));
      for (auto it = users.cbegin(); it != users.cend(); ++it) {
        const auto m = store.message(it.key());
        QVERIFY2(m.has_value(), qPrintable(QStringLiteral("run %1: user message %2 lost").arg(run).arg(it.key())));
        QCOMPARE(m->content, it.value());
      }
      for (auto it = replies.cbegin(); it != replies.cend(); ++it) {
        const auto m = store.message(it.key());
        QVERIFY2(m.has_value(), qPrintable(QStringLiteral("run %1: reply %2 lost").arg(run).arg(it.key())));
        QVERIFY(m->content.size() >= it->length);
        const qsizetype overlap = std::min<qsizetype>(it->length, it->streamed.size());
        QCOMPARE(m->content.left(overlap), it->streamed.left(overlap));
        if (!it->state.isEmpty()) {
          QCOMPARE(state_name(m->state), it->state);
          QCOMPARE(m->content, it->streamed);
        }
      }
      for (const QStringList& uuids : importsAcked)
        for (const QString& u : uuids) QVERIFY2(store.conversation_id_by_uuid(u).has_value(), qPrintable(u));
      for (const QStringList& uuids : importsUnacked) {
        int present = 0;
        for (const QString& u : uuids) present += store.conversation_id_by_uuid(u).has_value() ? 1 : 0;
        QVERIFY2(
            present == 0 || present == uuids.size(),
            qPrintable(QStringLiteral("run %1: a killed import left %2 of %3").arg(run).arg(present).arg(uuids.size())));
      }
      if (kind == 3 && QFile::exists(exportFile)) {
        QFile f(exportFile);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QVERIFY_THROWS_NO_EXCEPTION(veloce::exporting::parse_json_export(f.readAll(), exportFile));
      }
    }
    qInfo(
        "soak (seed %u): %d runs (chat %d, regenerate %d, import %d, export %d), %d killed, %d finished first, "
        "%lld user messages, %lld replies and %lld imports acknowledged and found, %lld ms",
        seed, runs, byKind[0], byKind[1], byKind[2], byKind[3], killed, finished, static_cast<long long>(users.size()),
        static_cast<long long>(replies.size()), static_cast<long long>(importsAcked.size()),
        static_cast<long long>(timer.elapsed()));
    QVERIFY2(killed >= runs / 4, "too few runs were killed to mean anything");
  }
};

// QTEST_GUILESS_MAIN, with Qt Test's 5-minute limit per test function lifted unless the caller set
// one: 200 runs take longer than that on a loaded 2-core machine (CTest's TIMEOUT still applies).
int main(int argc, char** argv) {
  if (qEnvironmentVariableIsEmpty("QTEST_FUNCTION_TIMEOUT")) qputenv("QTEST_FUNCTION_TIMEOUT", "3600000");
  QCoreApplication app(argc, argv);
  SoakTest test;
  return QTest::qExec(&test, argc, argv);
}
#include "soak_test.moc"
