// The chat worker when the GPU does not finish the model upload in time: the model ends in
// "error" with the reason in words, the process does not crash (the staging ring used to free
// buffers the queue was still copying), and once the GPU keeps up again the same controller loads
// the model and answers. The first fence wait reports VK_TIMEOUT by fault injection, without
// asking the driver, so the copy is surely still in flight; a 0 ms timeout alone was a race that
// lavapipe sometimes won (CI saw the 3.7 MiB upload finish before the poll, and "ready").
// The 0 ms timeout stays too: the staging ring's drain must not reuse that spent timeout.
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <memory>

#include "app/chat/chat_controller.h"
#include "app/settings/app_settings.h"
#include "app/storage/conversation_store.h"
#include "inference/vulkan/fault_injection.h"
#include "test_support.h"

using veloce::app::ChatController;

class GpuTimeoutTest : public QObject {
  Q_OBJECT

 private slots:
  void uploadTimeoutIsAnErrorAndReloadWorks() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    veloce::storage::ConversationStore store(dir.filePath(QStringLiteral("chat.sqlite")));
    veloce::app::AppSettings settings(dir.filePath(QStringLiteral("settings.ini")));
    settings.setContextSize(512);
    settings.setTemperature(0);
    settings.setMaxReplyTokens(4);
    ChatController chat(&store, &settings);
    const QString model = veloce::chat_test::dataPath(QStringLiteral("phi4-tiny-Q8_0.gguf"));

    namespace fault = veloce::vk::fault;
    qputenv("VELOCE_VK_FENCE_TIMEOUT_MS", "0");
    fault::configure({fault::Kind::Wait, 1, VK_TIMEOUT});
    chat.model()->load(model);
    QTRY_VERIFY_WITH_TIMEOUT(chat.model()->state() != QLatin1String("loading"), 120000);
    qunsetenv("VELOCE_VK_FENCE_TIMEOUT_MS");
    const bool fired = fault::fired();
    fault::reset();
    QVERIFY(fired);
    QCOMPARE(chat.model()->state(), QStringLiteral("error"));
    QVERIFY2(chat.model()->error().contains(QStringLiteral("the GPU did not finish")), qPrintable(chat.model()->error()));
    QVERIFY(!chat.canSend());

    chat.model()->load(model);
    QTRY_VERIFY_WITH_TIMEOUT(chat.model()->state() != QLatin1String("loading"), 120000);
    QCOMPARE(chat.model()->state(), QStringLiteral("ready"));
    QSignalSpy finished(&chat, &ChatController::replyFinished);
    QVERIFY(chat.send(QStringLiteral("hi")));
    QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty(), 120000);
    QCOMPARE(finished.at(0).at(1).toString(), QStringLiteral("complete"));
  }
};

QTEST_GUILESS_MAIN(GpuTimeoutTest)
#include "gpu_timeout_test.moc"
