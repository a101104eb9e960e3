// DatabaseHealth (QML singleton DatabaseHealth): the background whole-file check finds damage that
// start-up did not look at, says so in words and leaves the marker that makes the next start move
// the file aside; a file already checked whole at start-up needs no second pass.
#include <QFile>
#include <QFileInfo>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <memory>

#include "app/chat/database_health.h"
#include "app/storage/conversation_store.h"

using veloce::app::DatabaseHealth;
using veloce::storage::ConversationStore;

class DatabaseHealthTest : public QObject {
  Q_OBJECT

 private slots:
  void backgroundCheckReportsDamage() {
    // Start-up checked only part of a large file (simulated with IntegrityCheck::None, as building
    // a 24 MB file would take long): the background check must find damage elsewhere in the file.
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("damaged.sqlite"));
    {
      ConversationStore store(path);
      const auto c = store.create_conversation({QStringLiteral("Pages"), {}, {}, {}, {}});
      store.in_transaction([&] {
        for (int i = 0; i < 300; ++i)
          store.append_message(c.id, 0, veloce::storage::Role::User, QStringLiteral("row %1 ").arg(i).repeated(30));
      });
    }
    QString problem;
    for (const bool damage : {false, true}) {
      if (damage) {
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadWrite));
        f.seek(f.size() / 2);
        f.write(QByteArray(8192, static_cast<char>(0xA5)));
      }
      ConversationStore store(path, veloce::storage::OpenOptions{.integrity = veloce::storage::IntegrityCheck::None});
      QVERIFY(!store.open_report().whole_file_checked);
      DatabaseHealth health(&store);
      QSignalSpy done(&health, &DatabaseHealth::checkFinished);
      QSignalSpy changed(&health, &DatabaseHealth::databaseProblemChanged);
      health.checkInBackground();
      QTRY_VERIFY_WITH_TIMEOUT(done.count() == 1, 120000);
      QCOMPARE(done.at(0).at(0).toString().isEmpty(), !damage);
      QCOMPARE(health.databaseProblem().isEmpty(), !damage);
      QCOMPARE(changed.count(), damage ? 1 : 0);
      QCOMPARE(QFileInfo::exists(ConversationStore::damage_marker_path(path)), damage);
      problem = health.databaseProblem();
    }
    QVERIFY2(problem.contains(QStringLiteral("next start")), qPrintable(problem));
    // The next start moves the file aside (kept), starts afresh and says so.
    ConversationStore next(path);
    QVERIFY(next.open_report().recovered_from_corruption);
    QVERIFY(QFileInfo::exists(next.open_report().corrupt_moved_to));
    QVERIFY(!DatabaseHealth(&next).startupNotice().isEmpty());
  }

  void wholeFileCheckedAtStartNeedsNoSecondPass() {
    QTemporaryDir dir;
    ConversationStore small(dir.filePath(QStringLiteral("small.sqlite")));
    QVERIFY(small.open_report().whole_file_checked);
    DatabaseHealth health(&small);
    QCOMPARE(health.startupNotice(), QString());
    QSignalSpy done(&health, &DatabaseHealth::checkFinished);
    health.checkInBackground();
    QCOMPARE(done.count(), 1);  // at once, no thread
    QCOMPARE(health.databaseProblem(), QString());
  }
};

QTEST_GUILESS_MAIN(DatabaseHealthTest)
#include "database_health_test.moc"
