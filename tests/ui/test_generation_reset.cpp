// Settings > Generation's "Reset to defaults", as a new user met it (issue 23): it reset every
// setting (theme, language, device, context, server) without a word. Now it resets what the page
// shows and offers an Undo; and the Model page says when its values are not the loaded model's.
#include <QQuickStyle>
#include <QTemporaryDir>
#include <QTest>
#include <algorithm>

#include "tests/ui/app_window.h"

using veloce::uitest::AppWindow;
using veloce::uitest::click;

namespace {

// The visible button whose label reads `text` (what the user looks for).
QQuickItem* visibleButton(QObject* root, const QString& text) {
  for (QQuickItem* it : veloce::uitest::allItems(root))
    if (it->inherits("QQuickAbstractButton") && it->isVisible() && it->property("text").toString() == text) return it;
  return nullptr;
}

// Scrolls the page that holds `item` until it is in view, as the user does with the wheel.
void scrollIntoView(QQuickItem* item) {
  for (QQuickItem* up = item->parentItem(); up; up = up->parentItem()) {
    if (!up->inherits("QQuickFlickable")) continue;
    const qreal bottom = item->mapToItem(up->property("contentItem").value<QQuickItem*>(), QPointF(0, item->height())).y();
    up->setProperty("contentY", std::max(0.0, bottom - up->height()));
    return;
  }
}

}  // namespace

class TestGenerationReset : public QObject {
  Q_OBJECT
 private slots:
  void initTestCase() {
    QVERIFY(dir_.isValid());
    QQuickStyle::setStyle(QStringLiteral("Material"));
  }

  void resetOnTheGenerationPageResetsOnlyItsSettingsAndCanBeUndone() {
    AppWindow app(dir_.path());
    auto& s = app.settings();
    s.setLanguage(QStringLiteral("en"));
    s.setTheme(QStringLiteral("dark"));
    s.setDevice(QStringLiteral("reference"));
    s.setContextSize(8192);
    s.setServerPort(9123);
    s.setTemperature(1.3);
    s.setTopK(7);
    s.setDefaultSystemPrompt(QStringLiteral("Answer in verse."));
    QVERIFY(app.show());
    QObject* dialog = app.object(QStringLiteral("settingsDialog"));
    QMetaObject::invokeMethod(dialog, "open");
    QTRY_VERIFY(dialog->property("opened").toBool());
    app.object(QStringLiteral("settingsTabs"))->setProperty("currentIndex", 1);
    QQuickItem* reset = nullptr;
    QTRY_VERIFY((reset = visibleButton(app.window(), QStringLiteral("Reset to defaults"))));
    scrollIntoView(reset);
    click(reset);

    // The page's settings are the defaults, and nothing else moved (before: theme "system",
    // context 4096, port 8734, device automatic).
    QTRY_COMPARE(s.topK(), 40);
    QCOMPARE(s.theme(), QStringLiteral("dark"));
    QCOMPARE(s.language(), QStringLiteral("en"));
    QCOMPARE(s.device(), QStringLiteral("reference"));
    QCOMPARE(s.contextSize(), 8192);
    QCOMPARE(s.serverPort(), 9123);
    QCOMPARE(s.temperature(), 0.7);
    QCOMPARE(s.defaultSystemPrompt(), QStringLiteral("You are a helpful assistant."));
    // The page shows them.
    QQuickItem* topK = app.item(QStringLiteral("topKBox"));
    QVERIFY(topK);
    QCOMPARE(topK->property("value").toInt(), 40);

    // It says what it did, and Undo puts back what was there.
    auto* notice = app.item(QStringLiteral("generationResetNotice"));
    QVERIFY(notice && notice->isVisible());
    QCOMPARE(notice->property("text").toString(), QStringLiteral("The settings on this page are back to their defaults."));
    QQuickItem* undo = visibleButton(app.window(), QStringLiteral("Undo"));
    QVERIFY(undo);
    scrollIntoView(undo);
    click(undo);
    QTRY_COMPARE(s.topK(), 7);
    QCOMPARE(s.temperature(), 1.3);
    QCOMPARE(s.defaultSystemPrompt(), QStringLiteral("Answer in verse."));
    QCOMPARE(topK->property("value").toInt(), 7);
    QTRY_VERIFY(!notice->isVisible());
    QVERIFY(!undo->isVisible());
  }

  // A context size changed after the load is not in use yet: the Model page says which is.
  void modelPageSaysWhenItsContextIsNotTheLoadedOne() {
    QTemporaryDir dir;
    AppWindow app(dir.path());
    auto& s = app.settings();
    s.setLanguage(QStringLiteral("en"));
    s.setDevice(QStringLiteral("reference"));
    s.setContextSize(512);
    QVERIFY(app.show());
    app.chat().model()->load(QStringLiteral(VELOCE_TEST_DATA "/phi4-tiny-Q8_0.gguf"));
    QTRY_COMPARE_WITH_TIMEOUT(app.chat().model()->state(), QStringLiteral("ready"), 60000);
    QObject* dialog = app.object(QStringLiteral("settingsDialog"));
    QMetaObject::invokeMethod(dialog, "open");
    QTRY_VERIFY(dialog->property("opened").toBool());
    auto* differs = app.item(QStringLiteral("loadedModelDiffers"));
    QVERIFY(differs);
    QVERIFY(!differs->isVisible());  // the settings are the loaded model's

    s.setContextSize(8192);
    QTRY_VERIFY(differs->isVisible());
    QCOMPARE(
        differs->property("text").toString(),
        QStringLiteral("The loaded model uses a 512-token context; “Load the model with these settings” applies 8,192."));
    s.setContextSize(512);
    QTRY_VERIFY(!differs->isVisible());
  }

 private:
  QTemporaryDir dir_;
};

QTEST_MAIN(TestGenerationReset)
#include "test_generation_reset.moc"
