// The colours of the app's own controls, read in both themes as a user reads them: an open combo
// box's list (its highlighted entry was the accent's teal on Material's faint grey, 2.9:1 light
// and 4.1:1 dark) and the selection in every text box (white on the accent, 1.9:1 on the dark
// theme's light teal, 3:1 on the light theme's teal; the reading view already selected in
// readable colours). Each must read at 4.5:1 at least (WCAG AA for text).
#include <QColor>
#include <QQuickStyle>
#include <QTemporaryDir>
#include <QTest>
#include <cmath>

#include "tests/ui/app_window.h"
#include "tests/ui/contrast.h"

using veloce::uitest::AppWindow;

namespace {

using veloce::uitest::contrast;
using veloce::uitest::luminance;

// The colour a translucent top is drawn as over an opaque bottom.
QColor over(const QColor& top, const QColor& bottom) {
  const double a = top.alphaF();
  return QColor::fromRgbF(static_cast<float>(top.redF() * a + bottom.redF() * (1 - a)),
                          static_cast<float>(top.greenF() * a + bottom.greenF() * (1 - a)),
                          static_cast<float>(top.blueF() * a + bottom.blueF() * (1 - a)));
}

QColor colourOf(QObject* o, const char* property = "color") { return o->property(property).value<QColor>(); }

}  // namespace

class TestControlColours : public QObject {
  Q_OBJECT
 private slots:
  void initTestCase() {
    QVERIFY(dir_.isValid());
    QQuickStyle::setStyle(QStringLiteral("Material"));
    app_ = std::make_unique<AppWindow>(dir_.path());
    app_->settings().setLanguage(QStringLiteral("en"));
    app_->settings().setDevice(QStringLiteral("reference"));
    QVERIFY(app_->show());
    app_->window()->requestActivate();
    QTest::qWait(100);
  }
  void cleanupTestCase() { app_.reset(); }

  void theHighlightedEntryOfAnOpenComboBoxIsReadable_data() { themes(); }
  // Settings > Appearance > Theme opened with a click, then the highlight moved down the list
  // with the arrow key: every entry's text, the highlighted one included, reads at 4.5:1 on
  // what is drawn behind it.
  void theHighlightedEntryOfAnOpenComboBoxIsReadable() {
    QFETCH(QString, theme);
    app_->settings().setTheme(theme);
    QObject* dialog = app_->object(QStringLiteral("settingsDialog"));
    QMetaObject::invokeMethod(dialog, "open");
    QTRY_VERIFY(dialog->property("opened").toBool());
    app_->object(QStringLiteral("settingsTabs"))->setProperty("currentIndex", 2);
    QQuickItem* box = app_->item(QStringLiteral("languageBox"));
    QVERIFY(box);
    QTRY_VERIFY(box->isVisible());
    QTest::qWait(300);  // the page's slide in
    auto* popup = box->property("popup").value<QObject*>();
    QVERIFY(popup);
    veloce::uitest::click(box);
    QTRY_VERIFY(popup->property("opened").toBool());
    const QColor listBackground = colourOf(popup->property("background").value<QObject*>());
    // Gathered, then checked with the list closed: a failure leaves the window as it found it.
    QStringList unreadable;
    int highlightedEntries = 0;
    for (int step = 0; step < 2; ++step) {
      for (QQuickItem* entry : veloce::uitest::allItems(popup->property("contentItem").value<QObject*>())) {
        if (!entry->inherits("QQuickMenuItem") || !entry->isVisible()) continue;
        const bool highlighted = entry->property("highlighted").toBool();
        const QColor fill = over(colourOf(entry->property("background").value<QObject*>()), listBackground);
        const QColor text = over(colourOf(entry->property("contentItem").value<QObject*>()), fill);
        const double ratio = contrast(text, fill);
        if (ratio < 4.5)
          unreadable << QStringLiteral("%1 theme, \"%2\"%3: %4 on %5 is %6:1")
                            .arg(theme, entry->property("text").toString(), highlighted ? " (highlighted)" : "", text.name(),
                                 fill.name())
                            .arg(ratio, 0, 'f', 1);
        highlightedEntries += highlighted ? 1 : 0;
      }
      QTest::keyClick(app_->window(), Qt::Key_Down);
    }
    QTest::keyClick(app_->window(), Qt::Key_Escape);
    QTRY_VERIFY(!popup->property("visible").toBool());
    QMetaObject::invokeMethod(dialog, "close");
    QTRY_VERIFY(!dialog->property("visible").toBool());
    QVERIFY2(unreadable.isEmpty(), qPrintable(unreadable.join(QStringLiteral("; "))));
    QCOMPARE(highlightedEntries, 2);  // one highlighted entry at each step
  }

  void selectedTextIsReadableInEveryTextBox_data() { themes(); }
  // The rename box, the search field, the system prompts, the export folder, the model file and
  // the server's address select in the reading view's colours, readable in both themes.
  void selectedTextIsReadableInEveryTextBox() {
    QFETCH(QString, theme);
    app_->settings().setTheme(theme);
    QObject* root = app_->root();
    QTRY_COMPARE(root->property("darkTheme").toBool(), theme == QStringLiteral("dark"));
    const QColor reading = colourOf(root, "selectionColor"), readingText = colourOf(root, "selectedTextColor");
    const QStringList boxes{QStringLiteral("renameField"),
                            QStringLiteral("searchField"),
                            QStringLiteral("conversationSystemPrompt"),
                            QStringLiteral("defaultSystemPrompt"),
                            QStringLiteral("exportFolderField"),
                            QStringLiteral("modelPathField"),
                            QStringLiteral("serverAddress"),
                            QStringLiteral("linkAddress")};
    for (const QString& name : boxes) {
      QQuickItem* box = app_->item(name);
      QVERIFY2(box, qPrintable(name));
      const QColor fill = colourOf(box, "selectionColor"), text = colourOf(box, "selectedTextColor");
      const double ratio = contrast(text, fill);
      QVERIFY2(ratio >= 4.5, qPrintable(QStringLiteral("%1 theme, %2: %3 on %4 is %5:1")
                                            .arg(theme, name, text.name(), fill.name())
                                            .arg(ratio, 0, 'f', 1)));
      // The same colours as a reply's selection, so selecting looks alike everywhere.
      QCOMPARE(fill, reading);
      QCOMPARE(text, readingText);
    }
  }

 private:
  static void themes() {
    QTest::addColumn<QString>("theme");
    QTest::newRow("light") << QStringLiteral("light");
    QTest::newRow("dark") << QStringLiteral("dark");
  }

  QTemporaryDir dir_;
  std::unique_ptr<AppWindow> app_;
};

QTEST_MAIN(TestControlColours)
#include "test_control_colours.moc"
