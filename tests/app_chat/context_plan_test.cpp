// The app's context setting reaches the Vulkan memory plan: ChatController loads the tiny model
// on the Vulkan backend, and the plan the worker reports reserves the KV cache for exactly the
// context in the settings (before, the plan always counted 4096 tokens whatever the setting).
#include <QTemporaryDir>
#include <QTest>
#include <memory>

#include "app/chat/chat_controller.h"
#include "app/settings/app_settings.h"
#include "app/storage/conversation_store.h"
#include "test_support.h"

using veloce::app::ChatController;

class ContextPlanTest : public QObject {
  Q_OBJECT

  // Loads the model with the given context setting; returns the model info lines shown to the user.
  QString loadWithContext(int contextSize) {
    QTemporaryDir dir;
    if (!dir.isValid()) return QStringLiteral("<no temp dir>");
    veloce::storage::ConversationStore store(dir.filePath(QStringLiteral("chat.sqlite")));
    veloce::app::AppSettings settings(dir.filePath(QStringLiteral("settings.ini")));
    settings.setDevice(QString());  // the Vulkan backend on the best device
    settings.setContextSize(contextSize);
    // What the app hands the engine factory carries the setting too.
    if (settings.engineOptions().n_ctx != static_cast<size_t>(contextSize)) return QStringLiteral("<engineOptions>");
    ChatController chat(&store, &settings);
    chat.loadModel(veloce::chat_test::dataPath(QStringLiteral("phi4-tiny-Q4_0.gguf")));
    if (!QTest::qWaitFor([&] { return chat.modelState() != QLatin1String("loading"); }, 120000))
      return QStringLiteral("<timeout>");
    if (chat.modelState() != QLatin1String("ready")) return QStringLiteral("<error> ") + chat.modelError();
    if (chat.contextSize() != contextSize) return QStringLiteral("<session context %1>").arg(chat.contextSize());
    return chat.modelInfo();
  }

 private slots:
  void settingReachesThePlan() {
    for (const int n : {512, 2048}) {
      const QString info = loadWithContext(n);
      QVERIFY2(info.contains(QStringLiteral("for %1 tokens").arg(n)), qPrintable(info));
      QVERIFY2(info.contains(QStringLiteral("memory plan")), qPrintable(info));
    }
  }
};

QTEST_GUILESS_MAIN(ContextPlanTest)
#include "context_plan_test.moc"
