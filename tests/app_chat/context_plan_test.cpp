// The app's context setting reaches the Vulkan memory plan, and the plan reaches the user in
// words: ChatController loads the tiny model on the Vulkan backend (lavapipe) and its modelInfo
// says where the weights and the KV cache went, with sizes and counts in the user's locale, in
// English and in Italian; a small device budget (VELOCE_VK_DEVICE_BUDGET) forces part of the
// weights into system memory, which spillWarning then says.
#include <QCoreApplication>
#include <QLocale>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <QTranslator>
#include <memory>

#include "app/chat/chat_controller.h"
#include "app/settings/app_settings.h"
#include "app/storage/conversation_store.h"
#include "inference/gguf/gguf_file.h"
#include "inference/model/model_config.h"
#include "test_support.h"

using veloce::app::ChatController;

namespace {
struct Loaded {
  QString error, info, spill;
};

// The KV cache as the model's shape implies it: K and V, every layer, every position, f16.
double expectedKvBytes(int n_ctx) {
  const auto file = veloce::GgufFile::open(veloce::chat_test::dataPath(QStringLiteral("phi4-tiny-Q4_0.gguf")).toStdString());
  const auto c = veloce::ModelConfig::from_gguf(*file);
  return 2.0 * c.n_layer * n_ctx * c.n_head_kv * c.head_dim * 2.0;
}

// "3.5 MiB" / "3,5 MiB" back to bytes.
double parseSize(const QString& number, const QString& unit, const QLocale& locale) {
  const double v = locale.toDouble(number);
  const double scale = unit == QLatin1String("GiB")   ? 1024.0 * 1024 * 1024
                       : unit == QLatin1String("MiB") ? 1024.0 * 1024
                                                      : 1024.0;
  return v * scale;
}
}  // namespace

class ContextPlanTest : public QObject {
  Q_OBJECT

  Loaded loadWithContext(int contextSize) {
    QTemporaryDir dir;
    if (!dir.isValid()) return {QStringLiteral("<no temp dir>"), {}, {}};
    veloce::storage::ConversationStore store(dir.filePath(QStringLiteral("chat.sqlite")));
    veloce::app::AppSettings settings(dir.filePath(QStringLiteral("settings.ini")));
    settings.setDevice(QString());  // the Vulkan backend on the best device
    settings.setContextSize(contextSize);
    // What the app hands the engine factory carries the setting too.
    if (settings.engineOptions().n_ctx != static_cast<size_t>(contextSize))
      return {QStringLiteral("<engineOptions>"), {}, {}};
    ChatController chat(&store, &settings);
    chat.model()->load(veloce::chat_test::dataPath(QStringLiteral("phi4-tiny-Q4_0.gguf")));
    if (!QTest::qWaitFor([&] { return chat.model()->state() != QLatin1String("loading"); }, 120000))
      return {QStringLiteral("<timeout>"), {}, {}};
    if (chat.model()->state() != QLatin1String("ready")) return {QStringLiteral("<error> ") + chat.model()->error(), {}, {}};
    if (chat.model()->contextSize() != contextSize)
      return {QStringLiteral("<session context %1>").arg(chat.model()->contextSize()), {}, {}};
    return {{}, chat.model()->info(), chat.model()->spillWarning()};
  }

 private slots:
  void init() { QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates)); }

  void settingReachesThePlanInWords() {
    const QLocale locale;
    for (const int n : {512, 2048}) {
      const Loaded l = loadWithContext(n);
      QVERIFY2(l.error.isEmpty(), qPrintable(l.error));
      // Sentences, not the engine's log line.
      QVERIFY2(!l.info.contains(QStringLiteral("memory plan")), qPrintable(l.info));
      QVERIFY2(l.info.contains(QStringLiteral("Model weights: ")), qPrintable(l.info));
      QVERIFY2(l.info.contains(QStringLiteral("Total on the GPU: ")), qPrintable(l.info));
      const QRegularExpression kv(
          QStringLiteral("Conversation memory \\(KV cache\\): ([0-9.,]+) (KiB|MiB|GiB) for %1 tokens")
              .arg(QRegularExpression::escape(locale.toString(n))));
      const auto m = kv.match(l.info);
      QVERIFY2(m.hasMatch(), qPrintable(l.info));
      const double shown = parseSize(m.captured(1), m.captured(2), locale), expected = expectedKvBytes(n);
      QVERIFY2(qAbs(shown - expected) <= expected * 0.05, qPrintable(QStringLiteral("%1 vs %2").arg(shown).arg(expected)));
      QVERIFY2(l.spill.isEmpty(), qPrintable(l.spill));  // the default budget holds the tiny model
    }
    // English separators: the 2,048 of the second load.
    QCOMPARE(locale.toString(2048), QStringLiteral("2,048"));
  }

  void spillIsWarnedInEnglishAndItalian() {
    // Room for the activations, the KV cache of 256 tokens and part of the weights (as in
    // tests/vulkan/plan_test.cpp).
    qputenv("VELOCE_VK_DEVICE_BUDGET", "3584K");
    const Loaded en = loadWithContext(256);
    QVERIFY2(en.error.isEmpty(), qPrintable(en.error));
    QVERIFY2(en.spill.contains(QStringLiteral("did not fit in GPU memory")), qPrintable(en.spill));
    QVERIFY2(QRegularExpression(QStringLiteral("^[0-9.]+ (KiB|MiB) of the model")).match(en.spill).hasMatch(),
             qPrintable(en.spill));
    QVERIFY2(
        QRegularExpression(QStringLiteral("Model weights: [0-9.]+ (KiB|MiB) on the GPU, [0-9.]+ (KiB|MiB) in system memory"))
            .match(en.info)
            .hasMatch(),
        qPrintable(en.info));
    QVERIFY2(en.info.contains(QStringLiteral("of 3.5 MiB available")), qPrintable(en.info));

    QTranslator it;
    QVERIFY(it.load(QStringLiteral(":/i18n/veloce_it.qm")));
    QCoreApplication::installTranslator(&it);
    QLocale::setDefault(QLocale(QLocale::Italian, QLocale::Italy));
    const Loaded l = loadWithContext(256);
    QCoreApplication::removeTranslator(&it);
    qunsetenv("VELOCE_VK_DEVICE_BUDGET");
    QVERIFY2(l.error.isEmpty(), qPrintable(l.error));
    QVERIFY2(l.info.contains(QStringLiteral("Pesi del modello: ")), qPrintable(l.info));
    QVERIFY2(l.info.contains(QStringLiteral("nella memoria di sistema")), qPrintable(l.info));
    QVERIFY2(l.info.contains(QStringLiteral("Memoria della conversazione (cache KV): ")), qPrintable(l.info));
    QVERIFY2(l.info.contains(QStringLiteral("per 256 token")), qPrintable(l.info));
    QVERIFY2(l.info.contains(QStringLiteral("di 3,5 MiB disponibili")), qPrintable(l.info));  // Italian decimal comma
    QVERIFY2(l.spill.contains(QStringLiteral("non è entrata nella memoria della GPU")), qPrintable(l.spill));
  }
};

QTEST_GUILESS_MAIN(ContextPlanTest)
#include "context_plan_test.moc"
