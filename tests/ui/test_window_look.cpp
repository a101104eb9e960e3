// What a new user saw in the main window (issue 23), checked on what is drawn: highlighted buttons
// readable in the dark theme, dialogs that dim the window behind them, a long title in the rename
// box shown from its start, Regenerate and Continue apart, and "New conversation" that looks as
// usable as it is.
#include <QColor>
#include <QImage>
#include <QQmlEngine>
#include <QQuickStyle>
#include <QTemporaryDir>
#include <QTest>
#include <cmath>
#include <utility>

#include "app/chat/download_controller.h"
#include "tests/ui/app_window.h"
#include "tests/ui/contrast.h"

using veloce::uitest::AppWindow;

namespace {

using veloce::uitest::contrast;
using veloce::uitest::luminance;

QQuickItem* visibleButton(QObject* root, const QString& text) {
  for (QQuickItem* it : veloce::uitest::allItems(root))
    if (it->inherits("QQuickAbstractButton") && it->isVisible() && it->property("text").toString() == text) return it;
  return nullptr;
}

QRectF sceneRect(QQuickItem* item) { return item->mapRectToScene(QRectF(0, 0, item->width(), item->height())); }

// The rectangle a label's text covers in the window: its painted height, which overflows the
// item when a layout gave it less height than its wrapped lines need.
QRectF drawnRect(QQuickItem* label) {
  const qreal height = std::max(label->height(), label->property("contentHeight").toReal());
  return label->mapRectToScene(QRectF(0, 0, label->width(), height));
}

QQuickItem* childNamed(QQuickItem* parent, const QString& name) {
  for (QQuickItem* it : veloce::uitest::allItems(parent))
    if (it->objectName() == name) return it;
  return nullptr;
}

// The visible download cards (first-run view or Settings > Model).
QList<QQuickItem*> catalogueCards(QObject* root) {
  QList<QQuickItem*> cards;
  for (QQuickItem* it : veloce::uitest::allItems(root))
    if (it->objectName().startsWith(QStringLiteral("catalogue_")) && it->isVisible()) cards << it;
  return cards;
}

// The scrolling page that shows item, as its window shows it (the page's visible rectangle).
QQuickItem* pageOf(QQuickItem* item) {
  for (QQuickItem* up = item->parentItem(); up; up = up->parentItem())
    if (up->inherits("QQuickFlickable")) return up;
  return nullptr;
}

constexpr uint64_t kGiB = 1ull << 30;

// The window's download catalogue (a QML singleton).
veloce::app::DownloadController* downloadsOf(const AppWindow& app) {
  return qmlEngine(app.root())
      ->singletonInstance<veloce::app::DownloadController*>(qmlTypeId("Veloce", 1, 0, "DownloadController"));
}

}  // namespace

class TestWindowLook : public QObject {
  Q_OBJECT
 private slots:
  void initTestCase() {
    QVERIFY(dir_.isValid());
    QQuickStyle::setStyle(QStringLiteral("Material"));
    app_ = std::make_unique<AppWindow>(dir_.path());
    app_->settings().setLanguage(QStringLiteral("en"));
    app_->settings().setTheme(QStringLiteral("dark"));
    app_->settings().setDevice(QStringLiteral("reference"));
    QVERIFY(app_->show());
    app_->window()->requestActivate();
    QTest::qWait(200);
  }
  void cleanupTestCase() { app_.reset(); }

  // First run, no model: on every download card the description's second line was drawn over
  // the verdict under it. At each width the window may have, the text each label draws (its
  // painted height, which is what a user sees, not only the height the layout gave it) ends
  // above the next label's top. First of the tests: the cards checked are those made at start-up
  // (a catalogue made again later, as on a device change, was laid out right).
  void theCataloguesDescriptionAndVerdictNeverOverlap() {
    QCOMPARE(app_->chat().model()->state(), QStringLiteral("none"));
    const QSize original = app_->window()->size();
    for (const int width : {1180, 900, 700}) {
      app_->window()->resize(width, original.height());
      QList<QQuickItem*> cards;
      QTRY_VERIFY((cards = catalogueCards(app_->window())).size() >= 2);
      for (QQuickItem* card : cards) {
        QQuickItem* summary = childNamed(card, QStringLiteral("catalogueSummary"));
        QQuickItem* verdict = childNamed(card, QStringLiteral("verdict"));
        QVERIFY(summary && verdict);
        QVERIFY(!verdict->property("text").toString().isEmpty());
        // Retried while a resize is laid out (no fixed wait).
        QTRY_VERIFY2(drawnRect(summary).bottom() <= drawnRect(verdict).top() &&
                         drawnRect(verdict).bottom() <= sceneRect(card).bottom(),
                     qPrintable(QStringLiteral("%1 at width %2: description %3..%4, verdict %5..%6, card ends at %7")
                                    .arg(card->objectName())
                                    .arg(width)
                                    .arg(drawnRect(summary).top())
                                    .arg(drawnRect(summary).bottom())
                                    .arg(drawnRect(verdict).top())
                                    .arg(drawnRect(verdict).bottom())
                                    .arg(sceneRect(card).bottom())));
      }
    }
    app_->window()->resize(original);
  }

  // The setup view (no model yet) shows the most highlighted buttons: each one's white label
  // must read against its background at 4.5:1 at least (the recommended download was 1.8:1).
  void highlightedButtonsAreReadableInTheDarkTheme() {
    QVERIFY(app_->root()->property("darkTheme").toBool());
    // A GPU with room, so the recommended download is highlighted: on the test's CPU device no
    // file is recommended (1114de9), and only one highlighted button was left to check.
    downloadsOf(*app_)->setDeviceForTests(QStringLiteral("Test GPU"), {.deviceLocalBytes = 24 * kGiB});
    int checked = 0;
    for (QQuickItem* it : veloce::uitest::allItems(app_->window())) {
      if (!it->inherits("QQuickButton") || !it->isVisible() || !it->isEnabled() || !it->property("highlighted").toBool() ||
          it->property("flat").toBool())
        continue;
      auto* label = it->property("contentItem").value<QObject*>();
      auto* background = it->property("background").value<QObject*>();
      QVERIFY(label && background);
      const QColor text = label->property("color").value<QColor>();
      const QColor fill = background->property("color").value<QColor>();
      const double ratio = contrast(text, fill);
      QVERIFY2(ratio >= 4.5, qPrintable(QStringLiteral("\"%1\": %2 on %3 is %4:1")
                                            .arg(it->property("text").toString(), text.name(), fill.name())
                                            .arg(ratio, 0, 'f', 1)));
      ++checked;
    }
    QVERIFY2(checked >= 2, qPrintable(QString::number(checked)));  // "Choose model file…" and the recommended Download
  }

  // A modal dialog dims what is behind it; in the dark theme it lightened the window.
  void aDialogDimsTheWindowInTheDarkTheme() {
    const auto c = app_->store().create_conversation({QStringLiteral("Snails"), {}, {}, {}, {}});
    app_->chat().conversationList()->reload();
    const QPoint probe(8, app_->window()->height() - 8);  // the status line, far from any dialog
    QTest::qWait(100);
    const QColor before = app_->window()->grabWindow().pixelColor(probe);
    QObject* dialog = app_->object(QStringLiteral("renameDialog"));
    QVERIFY(dialog);
    QMetaObject::invokeMethod(dialog, "openFor", Q_ARG(QVariant, c.id), Q_ARG(QVariant, QStringLiteral("Snails")));
    QTRY_VERIFY(dialog->property("opened").toBool());
    // Retried while the backdrop fades in (no fixed wait: the frames come when they come).
    QColor after;
    QTRY_VERIFY2_WITH_TIMEOUT(
        luminance(after = app_->window()->grabWindow().pixelColor(probe)) < luminance(before),
        qPrintable(QStringLiteral("%1 behind the dialog, %2 without it").arg(after.name(), before.name())), 5000);
    QMetaObject::invokeMethod(dialog, "close");
    QTRY_VERIFY(!dialog->property("visible").toBool());
  }

  // "Replace existing files?" over the Export dialog washed the window in light grey in the dark
  // theme: a dialog over a dialog dims what is behind it further, as a single one does.
  void aDialogOverADialogDimsFurther() {
    QObject* exportDialog = app_->object(QStringLiteral("exportDialog"));
    QObject* ask = app_->object(QStringLiteral("exportOverwriteDialog"));
    QVERIFY(exportDialog && ask);
    const QPoint probe(8, app_->window()->height() - 8);  // the status line, behind both dialogs
    QMetaObject::invokeMethod(exportDialog, "open");
    QTRY_VERIFY(exportDialog->property("opened").toBool());
    // The backdrop has faded in once two grabs show the same colour (no fixed wait).
    QColor behindOne = app_->window()->grabWindow().pixelColor(probe);
    QTRY_VERIFY([&] {
      const QColor now = app_->window()->grabWindow().pixelColor(probe);
      return std::exchange(behindOne, now) == now;
    }());
    QMetaObject::invokeMethod(ask, "open");
    QTRY_VERIFY(ask->property("opened").toBool());
    QColor behindTwo;
    QTRY_VERIFY2_WITH_TIMEOUT(luminance(behindTwo = app_->window()->grabWindow().pixelColor(probe)) < luminance(behindOne),
                              qPrintable(QStringLiteral("%1 behind both dialogs, %2 behind the export dialog alone")
                                             .arg(behindTwo.name(), behindOne.name())),
                              5000);
    QMetaObject::invokeMethod(ask, "close");
    QTRY_VERIFY(!ask->property("visible").toBool());
    QMetaObject::invokeMethod(exportDialog, "close");
    QTRY_VERIFY(!exportDialog->property("visible").toBool());
  }

  // Renaming a long title shows its start, all of it selected, the cursor at the start (the box
  // showed the end of the title).
  void renameShowsTheStartOfALongTitle() {
    const QString title =
        QStringLiteral("Snails of the Mediterranean coast and where each of them lives in winter and in summer");
    const auto c = app_->store().create_conversation({title, {}, {}, {}, {}});
    QObject* dialog = app_->object(QStringLiteral("renameDialog"));
    QMetaObject::invokeMethod(dialog, "openFor", Q_ARG(QVariant, c.id), Q_ARG(QVariant, title));
    QTRY_VERIFY(dialog->property("opened").toBool());
    auto* field = app_->item(QStringLiteral("renameField"));
    QVERIFY(field);
    QTRY_VERIFY(field->hasActiveFocus());
    QCOMPARE(field->property("selectedText").toString(), title);
    QCOMPARE(field->property("cursorPosition").toInt(), 0);
    QRectF first;
    QVERIFY(QMetaObject::invokeMethod(field, "positionToRectangle", Q_RETURN_ARG(QRectF, first), Q_ARG(int, 0)));
    const qreal left = field->property("leftPadding").toReal();
    QVERIFY2(first.x() >= left - 0.5,
             qPrintable(QStringLiteral("the first letter is at x %1, the box starts at %2").arg(first.x()).arg(left)));
    QMetaObject::invokeMethod(dialog, "close");
    QTRY_VERIFY(!dialog->property("visible").toBool());
  }

  // Under the last reply, cut at the length limit, Regenerate and Continue do not touch.
  void regenerateAndContinueStandApart() {
    auto& store = app_->store();
    const auto c = store.create_conversation({QStringLiteral("Cut"), {}, {}, {}, {}});
    const auto q = store.append_message(c.id, 0, veloce::storage::Role::User, QStringLiteral("Count"));
    const auto r = store.append_message(c.id, q.id, veloce::storage::Role::Assistant, QStringLiteral("One, two"),
                                        veloce::storage::MessageState::Streaming);
    veloce::storage::MessageStats stats;
    stats.completion_tokens = 16;
    stats.stop = veloce::storage::ReplyStop::Length;
    store.finish_message(r.id, QStringLiteral("One, two"), veloce::storage::MessageState::Complete, stats);
    QVERIFY(app_->chat().openConversation(c.id));
    QQuickItem* regenerate = nullptr;
    QQuickItem* more = nullptr;
    QTRY_VERIFY((regenerate = visibleButton(app_->window(), QStringLiteral("Regenerate"))) &&
                (more = visibleButton(app_->window(), QStringLiteral("Continue"))));
    const QRectF a = sceneRect(regenerate), b = sceneRect(more);
    QCOMPARE(a.top(), b.top());
    QVERIFY2(b.left() - a.right() >= 4, qPrintable(QStringLiteral("%1 px between them").arg(b.left() - a.right())));
  }

  // Dark theme: a selection (Select all in a reply, the title selected in the rename box) was
  // white on light teal, 1.9:1. The colours these items select in read at 4.5:1 at least.
  void selectedTextIsReadableInTheDarkTheme() {
    QList<QQuickItem*> texts;
    for (QQuickItem* it : veloce::uitest::allItems(app_->window()))
      if (it->inherits("QQuickTextEdit") && it->isVisible() && it->property("readOnly").toBool()) texts << it;
    QVERIFY2(!texts.isEmpty(), "the reply opened above shows its text");
    texts << app_->item(QStringLiteral("renameField"));
    QVERIFY(texts.last());
    for (QQuickItem* it : texts) {
      const QColor text = it->property("selectedTextColor").value<QColor>();
      const QColor fill = it->property("selectionColor").value<QColor>();
      const double ratio = contrast(text, fill);
      QVERIFY2(ratio >= 4.5, qPrintable(QStringLiteral("%1 \"%2\": %3 on %4 is %5:1")
                                            .arg(QString::fromUtf8(it->metaObject()->className()), it->objectName(),
                                                 text.name(), fill.name())
                                            .arg(ratio, 0, 'f', 1)));
    }
  }

  // Settings > Model at the window's first size, no model yet: the "Load the model with these
  // settings" button under the settings is wholly on the page's first screen (it was cut in half
  // by the page's bottom edge).
  void theLoadButtonIsWhollyOnTheModelPagesFirstScreen() {
    QObject* dialog = app_->object(QStringLiteral("settingsDialog"));
    QVERIFY(dialog);
    QMetaObject::invokeMethod(dialog, "open");
    QTRY_VERIFY(dialog->property("opened").toBool());
    app_->object(QStringLiteral("settingsTabs"))->setProperty("currentIndex", 0);
    QQuickItem* button = app_->item(QStringLiteral("reloadModelButton"));
    QVERIFY(button);
    QQuickItem* page = pageOf(button);
    QVERIFY(page);
    QTRY_VERIFY(button->isVisible());
    QCOMPARE(page->property("contentY").toReal(), 0.0);
    QTRY_VERIFY2(sceneRect(page).contains(sceneRect(button)),
                 qPrintable(QStringLiteral("the button spans y %1..%2, the page shows y %3..%4")
                                .arg(sceneRect(button).top())
                                .arg(sceneRect(button).bottom())
                                .arg(sceneRect(page).top())
                                .arg(sceneRect(page).bottom())));
    QMetaObject::invokeMethod(dialog, "close");
    QTRY_VERIFY(!dialog->property("visible").toBool());
  }

  // With no model "New conversation" did nothing while looking like the main action: it looks,
  // and is, disabled until a model is ready (Ctrl+N too).
  void newConversationIsDisabledUntilAModelIsReady() {
    auto* button = app_->item(QStringLiteral("newConversationButton"));
    QVERIFY(button);
    QCOMPARE(app_->chat().model()->state(), QStringLiteral("none"));
    QVERIFY(!button->isEnabled());
    const QColor text = button->property("contentItem").value<QObject*>()->property("color").value<QColor>();
    const QColor fill = button->property("background").value<QObject*>()->property("color").value<QColor>();
    QVERIFY2(contrast(text, fill) < 4.5 || fill.alpha() < 255,  // Material's disabled look: faint
             qPrintable(text.name(QColor::HexArgb) + QStringLiteral(" on ") + fill.name(QColor::HexArgb)));
    const qint64 open = app_->chat().currentConversationId();  // the one the test above opened
    QVERIFY(open > 0);
    QTest::keyClick(app_->window(), Qt::Key_N, Qt::ControlModifier);
    QCOMPARE(app_->chat().currentConversationId(), open);  // Ctrl+N did nothing either

    app_->chat().model()->load(QStringLiteral(VELOCE_TEST_DATA "/phi4-tiny-Q8_0.gguf"));
    QTRY_COMPARE_WITH_TIMEOUT(app_->chat().model()->state(), QStringLiteral("ready"), 60000);
    QVERIFY(button->isEnabled());
    veloce::uitest::click(button);
    QCOMPARE(app_->chat().currentConversationId(), qint64{-1});
  }

  // A model is loaded and the user changes the context: the note that the loaded model uses
  // another context shows on the page's first screen, where the context is set (it was at the
  // page's bottom, below the fold).
  void theContextNoteShowsOnTheModelPagesFirstScreen() {
    QCOMPARE(app_->chat().model()->state(), QStringLiteral("ready"));  // loaded by the test above
    QObject* dialog = app_->object(QStringLiteral("settingsDialog"));
    QMetaObject::invokeMethod(dialog, "open");
    QTRY_VERIFY(dialog->property("opened").toBool());
    app_->object(QStringLiteral("settingsTabs"))->setProperty("currentIndex", 0);
    auto* differs = app_->item(QStringLiteral("loadedModelDiffers"));
    QVERIFY(differs);
    const int loaded = app_->settings().contextSize();
    app_->settings().setContextSize(loaded * 2);
    QTRY_VERIFY(differs->isVisible());
    QQuickItem* page = pageOf(differs);
    QVERIFY(page);
    QCOMPARE(page->property("contentY").toReal(), 0.0);
    QTRY_VERIFY2(sceneRect(page).contains(sceneRect(differs)),
                 qPrintable(QStringLiteral("the note spans y %1..%2, the page shows y %3..%4")
                                .arg(sceneRect(differs).top())
                                .arg(sceneRect(differs).bottom())
                                .arg(sceneRect(page).top())
                                .arg(sceneRect(page).bottom())));
    app_->settings().setContextSize(loaded);
    QTRY_VERIFY(!differs->isVisible());
    QMetaObject::invokeMethod(dialog, "close");
    QTRY_VERIFY(!dialog->property("visible").toBool());
  }

  // The context note says "Load the model with these settings" applies the new context: that
  // button is wholly on the page's first screen while the note shows (the note pushed it below
  // the page's bottom edge at the window's first size).
  void theLoadButtonStaysOnTheFirstScreenWhileTheContextNoteShows() {
    QCOMPARE(app_->chat().model()->state(), QStringLiteral("ready"));
    QObject* dialog = app_->object(QStringLiteral("settingsDialog"));
    QMetaObject::invokeMethod(dialog, "open");
    QTRY_VERIFY(dialog->property("opened").toBool());
    app_->object(QStringLiteral("settingsTabs"))->setProperty("currentIndex", 0);
    auto* differs = app_->item(QStringLiteral("loadedModelDiffers"));
    QQuickItem* button = app_->item(QStringLiteral("reloadModelButton"));
    QVERIFY(differs && button);
    const int loaded = app_->settings().contextSize();
    app_->settings().setContextSize(loaded * 2);
    QTRY_VERIFY(differs->isVisible());
    QQuickItem* page = pageOf(button);
    QVERIFY(page);
    QCOMPARE(page->property("contentY").toReal(), 0.0);
    auto* shown = dialog->property("contentItem").value<QQuickItem*>();
    QVERIFY(shown);
    QTest::qWait(300);  // the page lays out again under the note (a check at once saw the old places)
    QTRY_VERIFY2(sceneRect(page).contains(sceneRect(button)) && sceneRect(shown).contains(sceneRect(button)),
                 qPrintable(QStringLiteral("the button spans y %1..%2, the page shows y %3..%4, the dialog y %5..%6")
                                .arg(sceneRect(button).top())
                                .arg(sceneRect(button).bottom())
                                .arg(sceneRect(page).top())
                                .arg(sceneRect(page).bottom())
                                .arg(sceneRect(shown).top())
                                .arg(sceneRect(shown).bottom())));
    app_->settings().setContextSize(loaded);
    QTRY_VERIFY(!differs->isVisible());
    QMetaObject::invokeMethod(dialog, "close");
    QTRY_VERIFY(!dialog->property("visible").toBool());
  }

 private:
  QTemporaryDir dir_;
  std::unique_ptr<AppWindow> app_;
};

QTEST_MAIN(TestWindowLook)
#include "test_window_look.moc"
