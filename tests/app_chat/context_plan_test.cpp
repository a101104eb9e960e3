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
#include "app/chat/load_report.h"
#include "app/settings/app_settings.h"
#include "app/storage/conversation_store.h"
#include "inference/gguf/gguf_file.h"
#include "inference/model/model_config.h"
#include "inference/vulkan/device_list.h"
#include "inference/vulkan/memory_plan.h"
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

// Whether the device the app picks by default is a CPU driver (lavapipe in CI): its summary speaks
// of the CPU and system memory, a GPU's of the graphics card.
bool defaultDeviceIsCpu() {
  const auto devices = veloce::vk::list_devices();
  std::string warning;
  return devices.at(veloce::vk::choose_device(devices, "", &warning)).kind == veloce::vk::DeviceKind::Cpu;
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
      QVERIFY2(l.info.contains(defaultDeviceIsCpu() ? QStringLiteral("Total in system memory: ")
                                                    : QStringLiteral("Total on the GPU: ")),
               qPrintable(l.info));
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
    const bool cpu = defaultDeviceIsCpu();
    // A CPU device has no GPU memory to spill from: no warning (aSpilledPlanWarnsOnAGpuOnly).
    if (cpu) QVERIFY2(en.spill.isEmpty(), qPrintable(en.spill));
    if (!cpu) QVERIFY2(en.spill.contains(QStringLiteral("did not fit in GPU memory")), qPrintable(en.spill));
    if (!cpu)
      QVERIFY2(QRegularExpression(QStringLiteral("^[0-9.]+ (KiB|MiB) of the model")).match(en.spill).hasMatch(),
               qPrintable(en.spill));
    // A CPU device holds all of it in system memory; a GPU says what went where of its budget.
    QVERIFY2(QRegularExpression(cpu ? QStringLiteral("Model weights: [0-9.]+ (KiB|MiB) in system memory")
                                    : QStringLiteral("Model weights: [0-9.]+ (KiB|MiB) on the GPU, [0-9.]+ (KiB|MiB) in "
                                                     "system memory"))
                 .match(en.info)
                 .hasMatch(),
             qPrintable(en.info));
    if (!cpu) QVERIFY2(en.info.contains(QStringLiteral("of 3.5 MiB available")), qPrintable(en.info));

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
    if (!cpu) QVERIFY2(l.info.contains(QStringLiteral("di 3,5 MiB disponibili")), qPrintable(l.info));  // decimal comma
    if (cpu) QVERIFY2(l.info.contains(QStringLiteral("Totale nella memoria di sistema: ")), qPrintable(l.info));
    if (!cpu) QVERIFY2(l.spill.contains(QStringLiteral("non è entrata nella memoria della GPU")), qPrintable(l.spill));
  }

  // The same spilled plan warns on a GPU, in English and Italian, and not on a CPU device, where
  // the "spilled" weights sit in the same system memory as the rest (the main window's banner
  // said part of the model "did not fit in GPU memory" on lavapipe).
  void aSpilledPlanWarnsOnAGpuOnly() {
    veloce::vk::MemoryPlan plan;
    plan.n_ctx = 256;
    plan.budget = 3584 * 1024;
    plan.weights_device = 2 * 1024 * 1024;
    plan.weights_spilled = 1024 * 1024;
    const auto gpu =
        veloce::app::describeLoad(plan, {.name = QStringLiteral("Radeon"), .processor = veloce::app::Processor::Gpu});
    QVERIFY2(gpu.spillWarning.startsWith(QStringLiteral("1.0 MiB of the model did not fit in GPU memory")),
             qPrintable(gpu.spillWarning));
    const auto cpu =
        veloce::app::describeLoad(plan, {.name = QStringLiteral("llvmpipe"), .processor = veloce::app::Processor::Cpu});
    QVERIFY2(cpu.spillWarning.isEmpty(), qPrintable(cpu.spillWarning));
    QCOMPARE(cpu.spilledBytes, 0);

    QTranslator it;
    QVERIFY(it.load(QStringLiteral(":/i18n/veloce_it.qm")));
    QCoreApplication::installTranslator(&it);
    QLocale::setDefault(QLocale(QLocale::Italian, QLocale::Italy));
    const auto italian =
        veloce::app::describeLoad(plan, {.name = QStringLiteral("Radeon"), .processor = veloce::app::Processor::Gpu});
    QCoreApplication::removeTranslator(&it);
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    QVERIFY2(italian.spillWarning.contains(QStringLiteral("non è entrata nella memoria della GPU")),
             qPrintable(italian.spillWarning));
  }

  // Settings > Model's summary for a CPU device (a Vulkan CPU driver such as llvmpipe) says the
  // model runs on the CPU from system memory, as the download list's verdict does. Before, it read
  // "Graphics card: llvmpipe ... Total on the GPU: 6.1 MiB of 1.8 GiB available".
  void aCpuDevicesSummarySaysTheCpuAndSystemMemory() {
    veloce::vk::MemoryPlan plan;
    plan.n_ctx = 4096;
    plan.budget = 1932735283;  // the 1.8 GiB llvmpipe reported
    plan.weights_device = 4 * 1024 * 1024;
    plan.embedding_host = 1024 * 1024;
    plan.kv_cache = 1024 * 1024;
    plan.activations = 512 * 1024;
    const auto report = veloce::app::describeLoad(
        plan, {.name = QStringLiteral("llvmpipe (LLVM 15.0.6, 256 bits)"), .processor = veloce::app::Processor::Cpu});
    QCOMPARE(
        report.lines,
        QStringList({QStringLiteral("Runs on the CPU, from system memory: llvmpipe (LLVM 15.0.6, 256 bits) (no GPU in use)"),
                     QStringLiteral("Model weights: 5.0 MiB in system memory"),
                     QStringLiteral("Conversation memory (KV cache): 1.0 MiB for 4,096 tokens"),
                     QStringLiteral("Working memory: 512 KiB"), QStringLiteral("Total in system memory: 6.5 MiB")}));
    QVERIFY(report.spillWarning.isEmpty());
    // A GPU's summary is as it was.
    const auto gpu =
        veloce::app::describeLoad(plan, {.name = QStringLiteral("Radeon"), .processor = veloce::app::Processor::Gpu});
    QCOMPARE(gpu.lines.first(), QStringLiteral("Graphics card: Radeon"));
    QCOMPARE(gpu.lines.last(), QStringLiteral("Total on the GPU: 5.5 MiB of 1.8 GiB available"));
  }
};

QTEST_GUILESS_MAIN(ContextPlanTest)
#include "context_plan_test.moc"
