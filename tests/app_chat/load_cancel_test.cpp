// Loading a model can be cancelled: in the middle of the weight upload (the worker driven
// directly, the cancel asked at its first progress report, so the upload is surely under way) and
// through ChatController (cancel pressed right after "load"), which returns to "none" with a
// message; a later load of the same file works.
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include "app/chat/chat_controller.h"
#include "app/chat/generation_worker.h"
#include "app/settings/app_settings.h"
#include "app/storage/conversation_store.h"
#include "test_support.h"

using veloce::app::ChatController;
using veloce::app::GenerationWorker;

class LoadCancelTest : public QObject {
  Q_OBJECT

  static QString model() { return veloce::chat_test::dataPath(QStringLiteral("phi4-tiny-Q4_0.gguf")); }

 private slots:
  void cancelDuringTheUpload() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    veloce::storage::ConversationStore store(dir.filePath(QStringLiteral("chat.sqlite")));
    GenerationWorker worker(dir.filePath(QStringLiteral("chat.sqlite")));
    QList<double> progress;
    // Direct: runs inside the upload's progress callback, on this thread.
    connect(
        &worker, &GenerationWorker::loadProgress, &worker,
        [&](double f) {
          progress << f;
          worker.requestLoadCancel();
        },
        Qt::DirectConnection);
    QSignalSpy cancelled(&worker, &GenerationWorker::modelLoadCancelled);
    QSignalSpy loaded(&worker, &GenerationWorker::modelLoaded);
    QSignalSpy failed(&worker, &GenerationWorker::modelLoadFailed);
    veloce::app::LoadRequest request;
    request.path = model();
    request.backend = QStringLiteral("vulkan");
    request.contextSize = 256;
    worker.clearLoadCancel();
    worker.loadModel(request);  // synchronous here
    QCOMPARE(cancelled.count(), 1);
    QCOMPARE(loaded.count(), 0);
    QCOMPARE(failed.count(), 0);
    // Stopped after the first report (0 %), long before the end.
    QCOMPARE(progress.size(), 1);
    QVERIFY(progress.front() < 1.0);

    // The same worker loads the model afterwards.
    disconnect(&worker, &GenerationWorker::loadProgress, &worker, nullptr);
    worker.clearLoadCancel();
    worker.loadModel(request);
    QCOMPARE(loaded.count(), 1);
    QCOMPARE(cancelled.count(), 1);
  }

  void controllerReturnsToNoModel() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    veloce::storage::ConversationStore store(dir.filePath(QStringLiteral("chat.sqlite")));
    veloce::app::AppSettings settings(dir.filePath(QStringLiteral("settings.ini")));
    settings.setDevice(QString());
    settings.setContextSize(256);
    ChatController chat(&store, &settings);
    chat.model()->load(model());
    QCOMPARE(chat.model()->state(), QStringLiteral("loading"));
    chat.model()->cancelLoading();
    QVERIFY(QTest::qWaitFor([&] { return chat.model()->state() != QLatin1String("loading"); }, 120000));
    QCOMPARE(chat.model()->state(), QStringLiteral("none"));
    QVERIFY2(chat.model()->error().contains(QStringLiteral("cancelled")), qPrintable(chat.model()->error()));
    QVERIFY(chat.model()->name().isEmpty());
    QVERIFY(chat.model()->info().isEmpty());

    chat.model()->load(model());
    QVERIFY(QTest::qWaitFor([&] { return chat.model()->state() != QLatin1String("loading"); }, 120000));
    QCOMPARE(chat.model()->state(), QStringLiteral("ready"));
    QVERIFY(chat.model()->error().isEmpty());
    QVERIFY(!chat.model()->info().isEmpty());
    // Cancelling when nothing loads changes nothing.
    chat.model()->cancelLoading();
    QTest::qWait(50);
    QCOMPARE(chat.model()->state(), QStringLiteral("ready"));
  }
};

QTEST_GUILESS_MAIN(LoadCancelTest)
#include "load_cancel_test.moc"
