// The warning that part of the model did not fit on the GPU reaches the main window (before: only
// Settings' model page said it, in an English log line): a small device budget
// (VELOCE_VK_DEVICE_BUDGET) spills part of the tiny model to system memory on lavapipe; the
// banner shows the sentence, its close button hides it, and the next load that spills shows it
// again. With the whole model on the GPU there is no banner, and on a CPU device (lavapipe,
// llvmpipe) there is none whatever the budget: all of it is in system memory anyway.
#include <QQuickStyle>
#include <QTemporaryDir>
#include <QTest>

#include "inference/vulkan/device_list.h"
#include "tests/ui/app_window.h"

using veloce::uitest::AppWindow;

namespace {
// The device the app picks by default (settings' device ""): lavapipe in CI, a CPU driver.
bool defaultDeviceIsCpu() {
  const auto devices = veloce::vk::list_devices();
  std::string warning;
  return devices.at(veloce::vk::choose_device(devices, "", &warning)).kind == veloce::vk::DeviceKind::Cpu;
}
}  // namespace

class TestSpillBanner : public QObject {
  Q_OBJECT

  bool load() {
    app_->chat().model()->load(QStringLiteral(VELOCE_TEST_DATA "/phi4-tiny-Q4_0.gguf"));
    return QTest::qWaitFor([&] { return app_->chat().model()->state() == QLatin1String("ready"); }, 120000);
  }

 private slots:
  void initTestCase() {
    QVERIFY(dir_.isValid());
    QQuickStyle::setStyle(QStringLiteral("Material"));
    app_ = std::make_unique<AppWindow>(dir_.path());
    app_->settings().setLanguage(QStringLiteral("en"));
    app_->settings().setDevice(QString());  // the Vulkan backend on the best device
    app_->settings().setContextSize(256);
    QVERIFY(app_->show());
  }
  void cleanupTestCase() { app_.reset(); }

  void noBannerWhenEverythingFits() {
    QVERIFY(load());
    auto* banner = app_->item(QStringLiteral("spillBanner"));
    QVERIFY(banner);
    QVERIFY(!banner->isVisible());
    QCOMPARE(banner->height(), 0.0);
  }

  // On a CPU device the "spilled" part of the plan is in the same system memory as the rest: the
  // window said part of the model "did not fit in GPU memory" with no GPU in use.
  void aCpuDeviceShowsNoSpillBannerWhateverItsBudget() {
    if (!defaultDeviceIsCpu()) QSKIP("the default device is a GPU");
    qputenv("VELOCE_VK_DEVICE_BUDGET", "3584K");  // what spills part of the weights on a GPU
    const bool loaded = load();
    qunsetenv("VELOCE_VK_DEVICE_BUDGET");
    QVERIFY2(loaded, qPrintable(app_->chat().model()->error()));
    auto* banner = app_->item(QStringLiteral("spillBanner"));
    QVERIFY(banner);
    QTest::qWait(200);  // a banner would be bound in at once; give the scene a frame to show one
    QVERIFY2(!banner->isVisible(), qPrintable(banner->property("message").toString()));
    QCOMPARE(banner->height(), 0.0);
    QVERIFY2(app_->chat().model()->info().contains(QStringLiteral("Runs on the CPU")),
             qPrintable(app_->chat().model()->info()));
  }

  void spillIsShownAndDismissedOnAGpu() {
    if (defaultDeviceIsCpu()) QSKIP("no GPU: a CPU device shows no spill banner (test above)");
    qputenv("VELOCE_VK_DEVICE_BUDGET", "3584K");  // as tests/vulkan/plan_test.cpp
    const bool loaded = load();
    qunsetenv("VELOCE_VK_DEVICE_BUDGET");
    QVERIFY2(loaded, qPrintable(app_->chat().model()->error()));
    auto* banner = app_->item(QStringLiteral("spillBanner"));
    QVERIFY(banner);
    QTRY_VERIFY(banner->isVisible());
    QVERIFY(banner->height() > 0);
    const QString message = banner->property("message").toString();
    QVERIFY2(message.contains(QStringLiteral("did not fit in GPU memory")), qPrintable(message));
    QCOMPARE(message, app_->chat().model()->spillWarning());

    QQuickItem* close = nullptr;
    for (QQuickItem* i : veloce::uitest::allItems(banner))
      if (i->objectName() == QLatin1String("dismissButton")) close = i;
    QVERIFY(close);
    // The button's own clicked signal (a synthesized mouse click at its centre did not reach it
    // here; not yet understood): what the banner does on dismissal is what is tested.
    QVERIFY(QMetaObject::invokeMethod(close, "clicked"));
    QTRY_VERIFY(!banner->isVisible());

    // Another load that spills warns again.
    qputenv("VELOCE_VK_DEVICE_BUDGET", "3584K");
    const bool again = load();
    qunsetenv("VELOCE_VK_DEVICE_BUDGET");
    QVERIFY(again);
    QTRY_VERIFY(banner->isVisible());
  }

 private:
  QTemporaryDir dir_;
  std::unique_ptr<AppWindow> app_;
};

QTEST_MAIN(TestSpillBanner)
#include "test_spill_banner.moc"
