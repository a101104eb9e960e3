// The sidebar follows changes another process makes to the database while the app runs (before,
// `veloce-cli import` showed its conversations only after a restart): ChatController's list is
// merged again when SQLite's data_version moves, and only then.
#include <QAbstractItemModelTester>
#include <QTemporaryDir>
#include <QTest>
#include <memory>

#include "app/chat/chat_controller.h"
#include "app/settings/app_settings.h"
#include "app/storage/conversation_store.h"

using veloce::app::ChatController;
using veloce::storage::ConversationStore;

namespace {

veloce::storage::NewConversation titled(const char* title) {
  veloce::storage::NewConversation c;
  c.title = QString::fromUtf8(title);
  return c;
}

constexpr int kPollTimeoutMs = 20000;  // a few of the controller's polls, on a loaded machine

QString titleAt(const QAbstractItemModel& model, int row) {
  return model.data(model.index(row, 0), model.roleNames().key("title")).toString();
}

}  // namespace

class OutsideChangesTest : public QObject {
  Q_OBJECT

 private slots:
  void conversationsImportedByAnotherProcessAppearWhileTheAppRuns() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("chat.sqlite"));
    ConversationStore store(path);
    veloce::app::AppSettings settings(dir.filePath(QStringLiteral("settings.ini")));
    ChatController chat(&store, &settings);
    auto* list = chat.conversationList()->model();
    QAbstractItemModelTester tester(list, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(list->rowCount(), 0);

    // What `veloce-cli import` does: its own connection, its own commits.
    ConversationStore other(
        path, veloce::storage::OpenOptions{.check_integrity = false, .integrity = veloce::storage::IntegrityCheck::None});
    const auto imported = other.create_conversation(titled("Imported while open"));
    other.append_message(imported.id, 0, veloce::storage::Role::User, QStringLiteral("Hello from the CLI"));
    QTRY_COMPARE_WITH_TIMEOUT(list->rowCount(), 1, kPollTimeoutMs);
    QCOMPARE(titleAt(*list, 0), QStringLiteral("Imported while open"));

    // A rename and a deletion made elsewhere show too.
    other.rename_conversation(imported.id, QStringLiteral("Renamed elsewhere"));
    QTRY_COMPARE_WITH_TIMEOUT(titleAt(*list, 0), QStringLiteral("Renamed elsewhere"), kPollTimeoutMs);
    other.delete_conversation(imported.id);
    QTRY_COMPARE_WITH_TIMEOUT(list->rowCount(), 0, kPollTimeoutMs);
  }

  void theListIsReadAgainOnlyWhenAnotherConnectionWrote() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("chat.sqlite"));
    ConversationStore store(path);
    veloce::app::AppSettings settings(dir.filePath(QStringLiteral("settings.ini")));
    ChatController chat(&store, &settings);
    auto* conversations = chat.conversationList();
    QVERIFY(!conversations->refreshIfChangedElsewhere());
    // The app's own writes (through its store) are in the list already: no second read.
    const auto own = store.create_conversation(titled("Mine"));
    conversations->upsert(own.id);
    QVERIFY(conversations->rename(own.id, QStringLiteral("Still mine")));
    QVERIFY(!conversations->refreshIfChangedElsewhere());

    ConversationStore other(
        path, veloce::storage::OpenOptions{.check_integrity = false, .integrity = veloce::storage::IntegrityCheck::None});
    other.create_conversation(titled("Theirs"));
    QVERIFY(conversations->refreshIfChangedElsewhere());
    QCOMPARE(conversations->model()->rowCount(), 2);
    QVERIFY(!conversations->refreshIfChangedElsewhere());
  }
};

QTEST_MAIN(OutsideChangesTest)
#include "outside_changes_test.moc"
