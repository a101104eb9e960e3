// AppSettings: values persist across instances (a new process), ranges are clamped, the model
// override (--model / VELOCE_MODEL) wins without being written, and the device picks the backend.
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include "app/settings/app_settings.h"
#include "app/settings/startup_options.h"

using veloce::app::AppSettings;

class SettingsTest : public QObject {
  Q_OBJECT

 private slots:
  void defaultsAndPersistence() {
    QTemporaryDir dir;
    const QString ini = dir.filePath(QStringLiteral("settings.ini"));
    {
      AppSettings s(ini);
      QCOMPARE(s.contextSize(), 4096);
      QCOMPARE(s.kvType(), QStringLiteral("f16"));
      QCOMPARE(s.temperature(), 0.7);
      QCOMPARE(s.topK(), 40);
      QCOMPARE(s.theme(), QStringLiteral("system"));
      QCOMPARE(s.modelPath(), QString());
      QSignalSpy sampling(&s, &AppSettings::samplingChanged);
      s.setModelPath(QStringLiteral("/models/phi-4-Q4_K_M.gguf"));
      s.setDevice(QStringLiteral("reference"));
      s.setContextSize(8192);
      QSignalSpy kv(&s, &AppSettings::kvTypeChanged);
      s.setKvType(QStringLiteral("q4_0"));  // not offered: ignored
      QCOMPARE(kv.count(), 0);
      s.setKvType(QStringLiteral("q8_0"));
      QCOMPARE(kv.count(), 1);
      QCOMPARE(s.kvType(), QStringLiteral("q8_0"));
      s.setTemperature(0.2);
      s.setTopK(10);
      s.setTopP(0.9);
      s.setMinP(0.1);
      s.setRepeatPenalty(1.1);
      s.setSeed(42);
      s.setMaxReplyTokens(300);
      s.setDefaultSystemPrompt(QStringLiteral("Be brief."));
      s.setTheme(QStringLiteral("dark"));
      s.setFontSize(14);
      s.setLanguage(QStringLiteral("it"));
      QCOMPARE(sampling.count(), 7);
      s.setTemperature(0.2);  // unchanged: no signal
      QCOMPARE(sampling.count(), 7);
    }
    AppSettings again(ini);  // as after a restart
    QCOMPARE(again.modelPath(), QStringLiteral("/models/phi-4-Q4_K_M.gguf"));
    QCOMPARE(again.device(), QStringLiteral("reference"));
    QCOMPARE(again.contextSize(), 8192);
    QCOMPARE(again.kvType(), QStringLiteral("q8_0"));
    QVERIFY(again.engineOptions().kv_type == veloce::KvType::Q8_0);
    QCOMPARE(again.temperature(), 0.2);
    QCOMPARE(again.topK(), 10);
    QCOMPARE(again.topP(), 0.9);
    QCOMPARE(again.minP(), 0.1);
    QCOMPARE(again.repeatPenalty(), 1.1);
    QCOMPARE(again.seed(), 42);
    QCOMPARE(again.maxReplyTokens(), 300);
    QCOMPARE(again.defaultSystemPrompt(), QStringLiteral("Be brief."));
    QCOMPARE(again.theme(), QStringLiteral("dark"));
    QCOMPARE(again.fontSize(), 14);
    QCOMPARE(again.language(), QStringLiteral("it"));

    const auto p = again.samplerParams();
    QCOMPARE(p.temperature, 0.2f);
    QCOMPARE(p.top_k, 10);
    QCOMPARE(p.seed, uint64_t{42});
    QCOMPARE(again.engineOptions().backend, std::string("reference"));

    again.resetToDefaults();
    QCOMPARE(again.contextSize(), 4096);
    QCOMPARE(again.kvType(), QStringLiteral("f16"));
    QVERIFY(again.engineOptions().kv_type == veloce::KvType::F16);
    QCOMPARE(again.theme(), QStringLiteral("system"));
    QCOMPARE(again.modelPath(), QStringLiteral("/models/phi-4-Q4_K_M.gguf"));  // kept
  }

  void clampsAndDevices() {
    QTemporaryDir dir;
    AppSettings s(dir.filePath(QStringLiteral("settings.ini")));
    s.setContextSize(10);
    QCOMPARE(s.contextSize(), 256);
    s.setContextSize(1 << 20);
    QCOMPARE(s.contextSize(), 16384);
    s.setTemperature(-1);
    QCOMPARE(s.temperature(), 0.0);
    s.setTopP(7);
    QCOMPARE(s.topP(), 1.0);
    s.setTheme(QStringLiteral("purple"));
    QCOMPARE(s.theme(), QStringLiteral("system"));
    s.setFontSize(200);
    QCOMPARE(s.fontSize(), 32);

    // Seed 0 is "random per reply": two calls give different seeds.
    s.setSeed(0);
    QVERIFY(s.samplerParams().seed != s.samplerParams().seed);

    // A Vulkan device selector goes to the Vulkan backend as is.
    s.setDevice(QStringLiteral("0123456789abcdef0123456789abcdef"));
    QCOMPARE(s.engineOptions().backend, std::string("vulkan"));
    QCOMPARE(s.engineOptions().device, std::string("0123456789abcdef0123456789abcdef"));
    s.setDevice(QString());
    QCOMPARE(s.engineOptions().backend, std::string("vulkan"));
    QCOMPARE(s.engineOptions().device, std::string());

    // The device list always offers automatic and the reference backend first.
    const QVariantList devices = s.devices();
    QVERIFY(devices.size() >= 2);
    QCOMPARE(devices[0].toMap().value(QStringLiteral("id")).toString(), QString());
    QCOMPARE(devices[1].toMap().value(QStringLiteral("id")).toString(), QStringLiteral("reference"));
    for (const QVariant& d : devices) QVERIFY(!d.toMap().value(QStringLiteral("name")).toString().isEmpty());
  }

  void modelOverride() {
    QTemporaryDir dir;
    const QString ini = dir.filePath(QStringLiteral("settings.ini"));
    {
      AppSettings s(ini);
      s.setModelPath(QStringLiteral("/saved.gguf"));
      s.setModelPathOverride(QStringLiteral("/override.gguf"));
      QVERIFY(s.modelPathOverridden());
      QCOMPARE(s.modelPath(), QStringLiteral("/override.gguf"));
    }
    AppSettings s(ini);  // the override was never written
    QCOMPARE(s.modelPath(), QStringLiteral("/saved.gguf"));
    s.setModelPathOverride(QStringLiteral("/override.gguf"));
    s.setModelPath(QStringLiteral("/picked.gguf"));  // the user picks a file: it wins and is saved
    QVERIFY(!s.modelPathOverridden());
    QCOMPARE(s.modelPath(), QStringLiteral("/picked.gguf"));
  }

  void startupOptions() {
    QProcessEnvironment env;
    env.insert(QStringLiteral("VELOCE_MODEL"), QStringLiteral("/env.gguf"));
    auto o = veloce::app::parseStartupOptions({QStringLiteral("veloce")}, env);
    QCOMPARE(o.modelPath, QStringLiteral("/env.gguf"));
    QCOMPARE(o.dbPath, QString());
    o = veloce::app::parseStartupOptions(
        {QStringLiteral("veloce"), QStringLiteral("--model"), QStringLiteral("/arg.gguf"), QStringLiteral("--db=/x.sqlite")},
        env);
    QCOMPARE(o.modelPath, QStringLiteral("/arg.gguf"));  // the argument beats the environment
    QCOMPARE(o.dbPath, QStringLiteral("/x.sqlite"));
    o = veloce::app::parseStartupOptions({QStringLiteral("veloce"), QStringLiteral("--model=/eq.gguf")},
                                         QProcessEnvironment());
    QCOMPARE(o.modelPath, QStringLiteral("/eq.gguf"));
  }
};

QTEST_GUILESS_MAIN(SettingsTest)
#include "settings_test.moc"
