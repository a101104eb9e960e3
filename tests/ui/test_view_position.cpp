// Where the conversation view puts the reader: a long conversation opens at its latest message
// (before: somewhere in the middle, where the first height estimates left it), and switching the
// version of a message with ‹ › keeps that message where it was on screen (before: the list
// was reset and jumped away).
#include <QQuickStyle>
#include <QTemporaryDir>
#include <QTest>

#include "tests/ui/app_window.h"

using veloce::storage::Role;
using veloce::uitest::AppWindow;

namespace {

// The delegate of row `row` in the message list, if it is instantiated.
QQuickItem* rowItem(QQuickItem* list, int row) {
  QQuickItem* item = nullptr;
  QMetaObject::invokeMethod(list, "itemAtIndex", Q_RETURN_ARG(QQuickItem*, item), Q_ARG(int, row));
  return item;
}

// The delegate's top relative to the top of the list's viewport.
double topOnScreen(QQuickItem* list, QQuickItem* item) { return item->y() - list->property("contentY").toDouble(); }

}  // namespace

class TestViewPosition : public QObject {
  Q_OBJECT
 private slots:
  void initTestCase() {
    QVERIFY(dir_.isValid());
    QQuickStyle::setStyle(QStringLiteral("Material"));
    app_ = std::make_unique<AppWindow>(dir_.path());
    app_->settings().setLanguage(QStringLiteral("en"));
    auto& store = app_->store();
    // 40 exchanges of a few paragraphs each (replies with lists and code, whose delegates are
    // much taller than the list's first estimate); the last reply has two versions, as after
    // "Regenerate", both long.
    const auto c = store.create_conversation({QStringLiteral("Long"), {}, {}, {}, {}});
    id_ = c.id;
    qint64 parent = 0;
    for (int i = 0; i < 40; ++i) {
      parent = store.append_message(c.id, parent, Role::User, QStringLiteral("Question %1?").arg(i)).id;
      const QString reply = QStringLiteral("Answer %1.\n\n- one\n- two\n- three\n\n```cpp\nint x = %1;\n```\n\n").arg(i) +
                            QStringLiteral("A longer paragraph that wraps over several lines of the view. ").repeated(6);
      // Two versions of one length, so "where it was" is well defined even at the very end.
      if (i == 39) store.append_message(c.id, parent, Role::Assistant, QStringLiteral("Version A. ") + reply);
      parent =
          store.append_message(c.id, parent, Role::Assistant, (i == 39 ? QStringLiteral("Version B. ") : QString()) + reply)
              .id;
    }
    QVERIFY(app_->show());
  }
  void cleanupTestCase() { app_.reset(); }

  void longConversationOpensAtTheEnd() {
    QVERIFY(app_->chat().openConversation(id_));
    auto* list = app_->item(QStringLiteral("messageList"));
    QVERIFY(list);
    QTRY_COMPARE(list->property("count").toInt(), 80);
    QTest::qWait(1500);  // every delegate laid out: the view must still be at the end
    QVERIFY2(list->property("atYEnd").toBool(), qPrintable(QStringLiteral("contentY %1 of contentHeight %2, height %3")
                                                               .arg(list->property("contentY").toDouble())
                                                               .arg(list->property("contentHeight").toDouble())
                                                               .arg(list->height())));
    QQuickItem* last = rowItem(list, 79);
    QVERIFY(last);
    QVERIFY2(topOnScreen(list, last) < list->height(),
             qPrintable(QStringLiteral("the last reply is at %1").arg(topOnScreen(list, last))));
  }

  void switchingVersionsKeepsTheView() {
    auto* list = app_->item(QStringLiteral("messageList"));
    const int row = 79;  // the last reply, with the view still at the end where it opened
    QQuickItem* item = rowItem(list, row);
    QVERIFY(item);
    const double before = topOnScreen(list, item);
    // A person clicks ‹ on that reply.
    QQuickItem* previous = nullptr;
    for (QQuickItem* it : veloce::uitest::allItems(item))
      if (it->objectName() == QStringLiteral("previousVersionButton")) previous = it;
    QVERIFY(previous && previous->isVisible() && previous->isEnabled());
    veloce::uitest::click(previous);
    QTRY_VERIFY(app_->chat().messages()->at(row).content.startsWith(QStringLiteral("Version A.")));
    QTest::qWait(1200);  // the new branch's delegates settle to their real heights
    item = rowItem(list, row);
    QVERIFY(item);
    QVERIFY2(qAbs(topOnScreen(list, item) - before) <= 2,
             qPrintable(QStringLiteral("the switched reply moved from %1 to %2").arg(before).arg(topOnScreen(list, item))));
  }

  // F2 and Delete act on the open conversation wherever the focus is (here: the message list),
  // except in a text field, where they edit the text.
  void renameAndDeleteFromAnywhere() {
    auto* list = app_->item(QStringLiteral("messageList"));
    QObject* rename = app_->object(QStringLiteral("renameDialog"));
    QVERIFY(list && rename);
    app_->window()->requestActivate();
    list->forceActiveFocus();
    QTRY_VERIFY(list->hasActiveFocus());
    QTest::keyClick(app_->window(), Qt::Key_F2);
    QTRY_VERIFY(rename->property("opened").toBool());
    // In the dialog's text field Delete edits the (selected) title, it does not delete.
    auto* field = app_->item(QStringLiteral("renameField"));
    QTRY_VERIFY(field->hasActiveFocus());
    QCOMPARE(field->property("text").toString(), QStringLiteral("Long"));
    QTest::keyClick(app_->window(), Qt::Key_Delete);
    QCOMPARE(field->property("text").toString(), QString());
    QCOMPARE(app_->chat().conversationList()->model()->rowCount(), 1);
    QMetaObject::invokeMethod(rename, "close");
    QTRY_VERIFY(!rename->property("visible").toBool());

    list->forceActiveFocus();
    QTRY_VERIFY(list->hasActiveFocus());
    QTest::keyClick(app_->window(), Qt::Key_Delete);
    QTRY_COMPARE(app_->chat().conversationList()->model()->rowCount(), 0);
    QVERIFY(app_->chat().conversationList()->canUndoDelete());
  }

  // The sidebar can be narrowed by dragging its divider and hidden (and shown) with Ctrl+B;
  // the conversation takes the room.
  void sidebarNarrowsAndHides() {
    auto* sidebar = app_->item(QStringLiteral("sidebar"));
    auto* divider = app_->item(QStringLiteral("sidebarDivider"));
    // Whichever view shows on the right (the last test deleted the conversation, no model).
    auto* list = app_->item(QStringLiteral("conversationView"));
    if (list && !list->isVisible()) list = app_->item(QStringLiteral("setupView"));
    QVERIFY(sidebar && divider && list && list->isVisible());
    QCOMPARE(sidebar->width(), 300.0);
    const double listWidth = list->width();
    const QPoint from = divider->mapToScene(QPointF(0, divider->height() / 2)).toPoint();
    QTest::mousePress(app_->window(), Qt::LeftButton, Qt::NoModifier, from);
    for (int dx = -10; dx >= -80; dx -= 10) QTest::mouseMove(app_->window(), from + QPoint(dx, 0));
    QTest::mouseRelease(app_->window(), Qt::LeftButton, Qt::NoModifier, from + QPoint(-80, 0));
    QTRY_VERIFY2(qAbs(sidebar->width() - 220) <= 1, qPrintable(QString::number(sidebar->width())));
    QTRY_VERIFY(list->width() > listWidth + 70);
    QTest::keyClick(app_->window(), Qt::Key_B, Qt::ControlModifier);
    QTRY_VERIFY(!sidebar->isVisible());
    QTRY_VERIFY(list->width() > listWidth + 290);
    QTest::keyClick(app_->window(), Qt::Key_B, Qt::ControlModifier);
    QTRY_VERIFY(sidebar->isVisible());
    QTRY_VERIFY(qAbs(sidebar->width() - 220) <= 1);
  }

 private:
  QTemporaryDir dir_;
  std::unique_ptr<AppWindow> app_;
  qint64 id_ = 0;
};

QTEST_MAIN(TestViewPosition)
#include "test_view_position.moc"
