// Keyboard focus is visible on every Tab stop: Tab through the main window (sidebar buttons, the
// search field, the conversation list, the open conversation's controls) and through the
// Settings dialog (tabs, switches, combos, its buttons), in the light and the dark theme. At each
// stop the focus ring must be in the focused control (or the list's current row), shown, 2 px
// wide in the theme's focus colour, and actually painted there (the pixels of the grabbed
// window); focus set by a mouse click or by the app shows no ring. Before FocusRing.qml several
// stops (ToolButtons, switches, the list rows' ⋮ buttons) showed nothing a user could see.
#include <QQuickStyle>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

#include <string_view>

#include "tests/ui/app_window.h"

using veloce::uitest::AppWindow;

namespace {

// What the Settings dialog's Tab stops must include (over its three pages): its tabs, combo
// boxes, spin boxes, sliders and buttons.
constexpr const char* kKinds[] = {"QQuickTabButton", "QQuickComboBox", "QQuickSpinBox", "QQuickSlider", "QQuickButton"};

QString describe(QQuickItem* item) {
  if (!item) return QStringLiteral("(none)");
  const QString name = item->objectName();
  const QString accessible = item->property("text").toString();
  return QStringLiteral("%1 \"%2\" %3").arg(QString::fromLatin1(item->metaObject()->className()), name, accessible);
}

// Whether some pixel across the ring's left edge and across its top edge has the ring's colour:
// the ring is not only set up but on screen, above the control and not clipped away.
bool ringPainted(const QImage& image, QQuickItem* ring, const QColor& colour, qreal dpr) {
  auto near = [&](QPointF scenePoint, bool horizontal) {
    for (int d = -3; d <= 3; ++d) {
      const QPointF p = scenePoint + (horizontal ? QPointF(d, 0) : QPointF(0, d));
      const QPoint px((p * dpr).toPoint());
      if (!image.rect().contains(px)) continue;
      const QColor c = image.pixelColor(px);
      if (qAbs(c.red() - colour.red()) + qAbs(c.green() - colour.green()) + qAbs(c.blue() - colour.blue()) < 40) return true;
    }
    return false;
  };
  const QPointF left = ring->mapToScene(QPointF(1, ring->height() / 2));
  const QPointF top = ring->mapToScene(QPointF(ring->width() / 2, 1));
  return near(left, true) && near(top, false);
}

// The sidebar's row of the conversation with this title, as the user sees it.
QQuickItem* sidebarRow(const AppWindow& app, const QString& title) {
  QQuickItem* list = app.item(QStringLiteral("conversationList"));
  if (!list) return nullptr;
  for (QQuickItem* it : veloce::uitest::allItems(list))
    if (it->inherits("QQuickItemDelegate") && it->isVisible() && it->property("text").toString() == title) return it;
  return nullptr;
}

// The paragraph of a reply (a ProseBlock) whose text contains needle.
QQuickItem* replyParagraph(const AppWindow& app, const QString& needle) {
  for (QQuickItem* it : veloce::uitest::allItems(app.window()->contentItem()))
    if (QString::fromLatin1(it->metaObject()->className()).startsWith(QLatin1String("ProseBlock")) && it->isVisible() &&
        it->property("text").toString().contains(needle))
      return it;
  return nullptr;
}

}  // namespace

class TestFocusRings : public QObject {
  Q_OBJECT
 private slots:
  void initTestCase() {
    QVERIFY(dir_.isValid());
    QQuickStyle::setStyle(QStringLiteral("Material"));
    app_ = std::make_unique<AppWindow>(dir_.path());
    app_->settings().setLanguage(QStringLiteral("en"));
    app_->settings().setTheme(QStringLiteral("light"));
    for (const char* title : {"Snails", "Orders"}) {
      const auto c = app_->store().create_conversation({QString::fromLatin1(title), {}, {}, {}, {}});
      const auto q = app_->store().append_message(c.id, 0, veloce::storage::Role::User, QStringLiteral("How many?"));
      app_->store().append_message(c.id, q.id, veloce::storage::Role::Assistant, QStringLiteral("**Five**."));
      id_ = c.id;
    }
    QVERIFY(app_->show());
    app_->window()->requestActivate();
    QVERIFY(QTest::qWaitForWindowActive(app_->window()));
    QVERIFY(app_->chat().openConversation(id_));
    // A model, as a user who tabs through a conversation has: "New conversation" (the first
    // stop) is disabled, and no stop, without one.
    app_->settings().setDevice(QStringLiteral("reference"));
    app_->chat().model()->load(QStringLiteral(VELOCE_TEST_DATA "/phi4-tiny-Q8_0.gguf"));
    QTRY_COMPARE_WITH_TIMEOUT(app_->chat().model()->state(), QStringLiteral("ready"), 60000);
    ring_ = qobject_cast<QQuickItem*>(app_->object(QStringLiteral("focusRing")));
    QVERIFY2(ring_, "no focus ring in the main window");
  }
  void cleanupTestCase() { app_.reset(); }

  void mainWindowLight() { tabThroughMainWindow(QColor(QStringLiteral("#1565c0"))); }
  void settingsDialogLight() { tabThroughSettings(QColor(QStringLiteral("#1565c0"))); }

  // Focus given by the app or by a click is not keyboard focus: no ring.
  void noRingForMouseFocus() {
    auto* search = app_->item(QStringLiteral("searchField"));
    QVERIFY(search);
    veloce::uitest::click(search);
    QTRY_VERIFY(search->hasActiveFocus());
    QVERIFY2(!ring_->isVisible(), "a ring after a mouse click");
    auto* list = app_->item(QStringLiteral("messageList"));
    QVERIFY(list);
    list->forceActiveFocus(Qt::MouseFocusReason);
    QTest::keyClick(app_->window(), Qt::Key_Tab);
    QTRY_VERIFY(ring_->isVisible());  // and the next Tab shows it again
  }

  void mainWindowDark() {
    app_->settings().setTheme(QStringLiteral("dark"));
    QTRY_COMPARE(app_->root()->property("focusRingColor").value<QColor>(), QColor(QStringLiteral("#90caf9")));
    tabThroughMainWindow(QColor(QStringLiteral("#90caf9")));
  }
  void settingsDialogDark() { tabThroughSettings(QColor(QStringLiteral("#90caf9"))); }

  // A click into a reply's paragraph puts the text cursor there (to select and copy), but it is
  // no keyboard focus: no ring; the Tab after it shows the ring on the next stop.
  void clickingIntoAReplyShowsNoRingTabDoes() {
    QVERIFY(app_->chat().openConversation(id_));
    QQuickItem* paragraph = nullptr;
    QTRY_VERIFY((paragraph = replyParagraph(*app_, QStringLiteral("Five"))) != nullptr);
    veloce::uitest::click(paragraph);
    QTRY_VERIFY(paragraph->hasActiveFocus());
    QVERIFY2(!ring_->isVisible(), qPrintable(QStringLiteral("a ring on %1 after a click")
                                                 .arg(QString::fromLatin1(ring_->parentItem()->metaObject()->className()))));
    QTest::keyClick(app_->window(), Qt::Key_Tab);
    QTRY_VERIFY(!paragraph->hasActiveFocus());
    QTRY_VERIFY(ring_->isVisible());
  }

  // After Tab put the ring on the message list, a click into a reply's paragraph (inside the
  // list) is still a click: no ring on the paragraph.
  void clickingIntoAReplyAfterTabbingToTheListShowsNoRing() {
    QVERIFY(app_->chat().openConversation(id_));
    QQuickItem* paragraph = nullptr;
    QTRY_VERIFY((paragraph = replyParagraph(*app_, QStringLiteral("Five"))) != nullptr);
    auto* list = app_->item(QStringLiteral("messageList"));
    QVERIFY(list);
    // Tab from the sidebar's first button until the list has the focus.
    app_->item(QStringLiteral("newConversationButton"))->forceActiveFocus(Qt::TabFocusReason);
    for (int i = 0; i < 40 && !list->hasActiveFocus(); ++i) QTest::keyClick(app_->window(), Qt::Key_Tab);
    QVERIFY2(list->hasActiveFocus(), "Tab never reached the message list");
    QTRY_VERIFY2(ring_->isVisible(), "no ring on the message list reached with Tab");
    veloce::uitest::click(paragraph);
    QTRY_VERIFY(paragraph->hasActiveFocus());
    QTest::qWait(100);
    QVERIFY2(!ring_->isVisible(), qPrintable(QStringLiteral("a ring on %1 after a click into the paragraph")
                                                 .arg(QString::fromLatin1(ring_->parentItem()->metaObject()->className()))));
  }

  // Settings opened from the main menu with the mouse: no ring around the tab bar; the first
  // Tab in the dialog shows it.
  void settingsOpenedWithTheMouseShowNoRingTabDoes() {
    QObject* dialog = app_->object(QStringLiteral("settingsDialog"));
    QVERIFY(dialog);
    auto* menuButton = app_->item(QStringLiteral("mainMenuButton"));
    QVERIFY(menuButton);
    veloce::uitest::click(menuButton);
    QQuickItem* item = nullptr;
    QTRY_VERIFY((item = visibleButton(QStringLiteral("Settings"))) != nullptr);
    veloce::uitest::click(item);
    QTRY_VERIFY(dialog->property("opened").toBool());
    QTest::qWait(100);
    QVERIFY2(
        !ring_->isVisible(),
        qPrintable(QStringLiteral("a ring on %1 after opening Settings with the mouse").arg(describe(ring_->parentItem()))));
    QTest::keyClick(app_->window(), Qt::Key_Tab);
    QTRY_VERIFY(ring_->isVisible());
    QMetaObject::invokeMethod(dialog, "close");
    QTRY_VERIFY(!dialog->property("visible").toBool());
  }

  // The window's shortcuts work while a reply's text has the focus (the read-only text took
  // Ctrl+, Ctrl+F, Ctrl+E and Ctrl+N for itself).
  void windowShortcutsWorkFromAReplysText() {
    QVERIFY(app_->chat().openConversation(id_));
    QQuickItem* paragraph = nullptr;
    QTRY_VERIFY((paragraph = replyParagraph(*app_, QStringLiteral("Five"))) != nullptr);
    auto clickParagraph = [&] {
      veloce::uitest::click(paragraph);
      QTRY_VERIFY(paragraph->hasActiveFocus());
    };

    QObject* settings = app_->object(QStringLiteral("settingsDialog"));
    QVERIFY(settings);
    clickParagraph();
    QTest::keyClick(app_->window(), Qt::Key_Comma, Qt::ControlModifier);
    QTRY_VERIFY2(settings->property("opened").toBool(), "Ctrl+, did not open the settings");
    QMetaObject::invokeMethod(settings, "close");
    QTRY_VERIFY(!settings->property("visible").toBool());

    QObject* exporter = app_->object(QStringLiteral("exportDialog"));
    QVERIFY(exporter);
    clickParagraph();
    QTest::keyClick(app_->window(), Qt::Key_E, Qt::ControlModifier);
    QTRY_VERIFY2(exporter->property("opened").toBool(), "Ctrl+E did not open the export dialog");
    QMetaObject::invokeMethod(exporter, "close");
    QTRY_VERIFY(!exporter->property("visible").toBool());

    auto* search = app_->item(QStringLiteral("searchField"));
    QVERIFY(search);
    clickParagraph();
    QTest::keyClick(app_->window(), Qt::Key_F, Qt::ControlModifier);
    QTRY_VERIFY2(search->hasActiveFocus(), "Ctrl+F did not go to the search field");

    clickParagraph();
    QTest::keyClick(app_->window(), Qt::Key_N, Qt::ControlModifier);
    QTRY_COMPARE(app_->chat().currentConversationId(), qint64{-1});
    QVERIFY(app_->chat().openConversation(id_));
  }

  // After a click on a conversation in the sidebar, F2 renames that conversation and Delete
  // deletes it (Ctrl+Z brings it back), though the focus was in the composer before the click.
  void f2AndDeleteActOnTheConversationClickedInTheSidebar() {
    auto* input = app_->item(QStringLiteral("composerInput"));
    QVERIFY(input);
    veloce::uitest::click(input);
    QTRY_VERIFY(input->hasActiveFocus());
    QQuickItem* row = sidebarRow(*app_, QStringLiteral("Snails"));
    QVERIFY(row);
    veloce::uitest::click(row);
    QTRY_COMPARE(app_->chat().currentTitle(), QStringLiteral("Snails"));

    QObject* rename = app_->object(QStringLiteral("renameDialog"));
    QVERIFY(rename);
    QTest::keyClick(app_->window(), Qt::Key_F2);
    QTRY_VERIFY2(rename->property("opened").toBool(), "F2 did not open the rename dialog");
    auto* field = app_->item(QStringLiteral("renameField"));
    QVERIFY(field);
    QCOMPARE(field->property("text").toString(), QStringLiteral("Snails"));
    QMetaObject::invokeMethod(rename, "reject");
    QTRY_VERIFY(!rename->property("visible").toBool());

    row = sidebarRow(*app_, QStringLiteral("Snails"));
    QVERIFY(row);
    veloce::uitest::click(row);
    QTest::keyClick(app_->window(), Qt::Key_Delete);
    QTRY_VERIFY2(sidebarRow(*app_, QStringLiteral("Snails")) == nullptr, "Delete did not delete the conversation");
    QVERIFY(sidebarRow(*app_, QStringLiteral("Orders")));
    QTest::keyClick(app_->window(), Qt::Key_Z, Qt::ControlModifier);
    QTRY_VERIFY2(sidebarRow(*app_, QStringLiteral("Snails")) != nullptr, "Ctrl+Z did not bring the conversation back");
  }

  // In the composer and the search field Delete still deletes a character, and F2 does nothing,
  // after a click on a conversation before.
  void deleteInTextStillDeletesACharacter() {
    QQuickItem* orders = sidebarRow(*app_, QStringLiteral("Orders"));
    QVERIFY(orders);
    veloce::uitest::click(orders);
    auto* list = app_->item(QStringLiteral("conversationList"));
    QVERIFY(list);
    const int conversations = list->property("count").toInt();
    for (const char* name : {"composerInput", "searchField"}) {
      auto* text = app_->item(QString::fromLatin1(name));
      QVERIFY(text);
      veloce::uitest::click(text);
      QTRY_VERIFY(text->hasActiveFocus());
      text->setProperty("text", QString());
      for (const char c : std::string_view("abc")) QTest::keyClick(app_->window(), c);
      QTest::keyClick(app_->window(), Qt::Key_Home);
      QTest::keyClick(app_->window(), Qt::Key_Delete);
      QCOMPARE(text->property("text").toString(), QStringLiteral("bc"));
      QTest::keyClick(app_->window(), Qt::Key_F2);
      QVERIFY(!app_->object(QStringLiteral("renameDialog"))->property("visible").toBool());
      QCOMPARE(list->property("count").toInt(), conversations);
      text->setProperty("text", QString());
    }
  }

  // Last: it replaces the reply the tests before click into.
  // Regenerate clicked with the mouse: the button goes away while the reply is written and the
  // focus falls back to the message list, but no keyboard ring is drawn around a message.
  void clickingRegenerateShowsNoRingWhileTheReplyIsWritten() {
    QVERIFY(app_->chat().openConversation(id_));
    app_->settings().setMaxReplyTokens(400);
    QQuickItem* regenerate = nullptr;
    QTRY_VERIFY((regenerate = visibleButton(QStringLiteral("Regenerate"))) != nullptr);
    veloce::uitest::click(regenerate);
    QTRY_VERIFY(app_->chat().busy());
    bool ringSeen = false;
    while (app_->chat().busy()) {
      if (ring_->isVisible()) {
        ringSeen = true;
        break;
      }
      QTest::qWait(5);
    }
    const QString where =
        ring_->parentItem() ? QString::fromLatin1(ring_->parentItem()->metaObject()->className()) : QStringLiteral("-");
    QTRY_VERIFY_WITH_TIMEOUT(!app_->chat().busy(), 60000);
    QVERIFY2(!ringSeen, qPrintable(QStringLiteral("a keyboard ring on %1 after a mouse click on Regenerate").arg(where)));
  }

 private:
  // A shown button of the open conversation with this text.
  QQuickItem* visibleButton(const QString& text) const {
    for (QQuickItem* it : veloce::uitest::allItems(app_->window()->contentItem()))
      if (it->inherits("QQuickAbstractButton") && it->isVisible() && it->isEnabled() &&
          it->property("text").toString() == text)
        return it;
    return nullptr;
  }
  // Checks the ring at the current focus; returns the item it outlines.
  QQuickItem* checkStop(const QColor& colour) {
    QQuickItem* focus = app_->window()->activeFocusItem();
    if (!focus) {
      QTest::qFail("nothing has the focus", __FILE__, __LINE__);
      return nullptr;
    }
    QQuickItem* expected = focus;
    if (focus->inherits("QQuickListView")) {
      auto* current = focus->property("currentItem").value<QQuickItem*>();
      if (current) expected = current;
    }
    // An editable spin box's text field: the ring outlines the spin box.
    if (QQuickItem* owner = focus->parentItem(); owner &&
                                                 (owner->inherits("QQuickSpinBox") || owner->inherits("QQuickComboBox")) &&
                                                 owner->property("contentItem").value<QQuickItem*>() == focus)
      expected = owner;
    const QString where = describe(expected);
    [&] {
      QTRY_VERIFY2(ring_->isVisible(), qPrintable(QStringLiteral("no ring on ") + where));
      QVERIFY2(ring_->parentItem() == expected,
               qPrintable(QStringLiteral("the ring is on %1, not on %2").arg(describe(ring_->parentItem()), where)));
      QObject* border = ring_->property("border").value<QObject*>();
      QVERIFY(border);
      QCOMPARE(border->property("width").toDouble(), 2.0);
      QCOMPARE(border->property("color").value<QColor>(), colour);
      QVERIFY2(ring_->width() >= 8 && ring_->height() >= 8, qPrintable(where));
      // Retried: the first frame after a theme change may still be on its way.
      QTRY_VERIFY2_WITH_TIMEOUT(
          ringPainted(app_->window()->grabWindow(), ring_, colour, app_->window()->effectiveDevicePixelRatio()),
          qPrintable(QStringLiteral("the ring on %1 is not painted").arg(where)), 3000);
    }();
    return QTest::currentTestFailed() ? nullptr : expected;
  }

  // Tabs from the sidebar's first button round the whole window and back.
  void tabThroughMainWindow(const QColor& colour) {
    auto* first = app_->item(QStringLiteral("newConversationButton"));
    QVERIFY(first);
    first->forceActiveFocus(Qt::TabFocusReason);
    QSet<QString> names;
    QSet<QQuickItem*> seen;
    for (int i = 0; i < 40; ++i) {
      QQuickItem* at = checkStop(colour);
      if (!at) return;
      if (seen.contains(at) && at == first) break;
      seen.insert(at);
      // A list view gives the focus back to the row (or row button) that had it last, so a stop
      // inside a list counts as reaching the list.
      for (QQuickItem* up = app_->window()->activeFocusItem(); up; up = up->parentItem())
        if (!up->objectName().isEmpty()) names.insert(up->objectName());
      QTest::keyClick(app_->window(), Qt::Key_Tab);
    }
    // The stops a user meets on the way (others, like each message's actions, come on top).
    for (const char* name : {"newConversationButton", "mainMenuButton", "searchField", "conversationList", "messageList"})
      QVERIFY2(names.contains(QString::fromLatin1(name)),
               qPrintable(QStringLiteral("Tab never reached %1 (stops: %2)")
                              .arg(QString::fromLatin1(name), QStringList(names.values()).join(QLatin1Char(' ')))));
    QVERIFY2(seen.size() >= 6, qPrintable(QStringLiteral("only %1 Tab stops").arg(seen.size())));
  }

  void tabThroughSettings(const QColor& colour) {
    QObject* dialog = app_->object(QStringLiteral("settingsDialog"));
    QVERIFY(dialog);
    QMetaObject::invokeMethod(dialog, "open");
    QTRY_VERIFY(dialog->property("opened").toBool());
    auto* tabs = app_->item(QStringLiteral("settingsTabs"));
    QVERIFY(tabs);
    QSet<QString> kinds;
    for (int page = 0; page < 3 && !QTest::currentTestFailed(); ++page) {
      tabs->setProperty("currentIndex", page);
      for (int i = 0; i < 40; ++i) {
        QTest::keyClick(app_->window(), Qt::Key_Tab);
        QQuickItem* at = checkStop(colour);
        if (!at) break;
        for (const char* kind : kKinds)
          if (at->inherits(kind)) kinds.insert(QString::fromLatin1(kind));
      }
    }
    QMetaObject::invokeMethod(dialog, "close");
    QTRY_VERIFY(!dialog->property("visible").toBool());
    if (QTest::currentTestFailed()) return;
    // Tab bar buttons, switches, combo boxes and the dialog's own buttons all had their ring.
    for (const char* kind : kKinds)
      QVERIFY2(kinds.contains(QString::fromLatin1(kind)),
               qPrintable(QStringLiteral("no %1 among the stops: %2")
                              .arg(QString::fromLatin1(kind), QStringList(kinds.values()).join(QLatin1Char(' ')))));
  }

  QTemporaryDir dir_;
  std::unique_ptr<AppWindow> app_;
  QQuickItem* ring_ = nullptr;
  qint64 id_ = 0;
};

QTEST_MAIN(TestFocusRings)
#include "test_focus_rings.moc"
