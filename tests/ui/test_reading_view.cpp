// Reading a stored conversation as a user does (issue 23): a long code line scrolls sideways
// instead of wrapping; a search result shows text without Markdown marks and the message it opens
// is marked; a right click on a reply offers Copy, Copy message and Select all.
#include <QClipboard>
#include <QGuiApplication>
#include <QQuickStyle>
#include <QTemporaryDir>
#include <QTest>

#include "tests/ui/app_window.h"

using veloce::uitest::allItems;
using veloce::uitest::AppWindow;
using veloce::uitest::click;

namespace {

const QString kLongLine = QStringLiteral("auto snail_race_result = compute_the_winner_of_the_race(") +
                          QStringLiteral("first_snail_with_a_long_name, ").repeated(8) + QStringLiteral("last);");
const QString kReply =
    QStringLiteral("The **fastest** snail wins the race.\n\nSecond paragraph, about lettuce.\n\n```cpp\n") + kLongLine +
    QStringLiteral("\n```\n");

// What a text item shows: a TextEdit's plain text (its `text` may be rich text markup).
QString shownText(QQuickItem* item) {
  QString plain;
  if (item->inherits("QQuickTextEdit") &&
      QMetaObject::invokeMethod(item, "getText", Q_RETURN_ARG(QString, plain), Q_ARG(int, 0),
                                Q_ARG(int, item->property("length").toInt())))
    return plain;
  return item->property("text").toString();
}

// The visible text item (Text or TextEdit) whose text contains `fragment`.
QQuickItem* textItemContaining(QQuickWindow* window, const QString& fragment, const char* kind) {
  for (QQuickItem* it : allItems(window))
    if (it->inherits(kind) && it->isVisible() && shownText(it).contains(fragment)) return it;
  return nullptr;
}

bool withinWindowWidth(QQuickItem* item) {
  const QRectF r = item->mapRectToScene(QRectF(0, 0, item->width(), item->height()));
  return r.left() >= 0 && r.right() <= item->window()->width();
}

void rightClick(QQuickItem* item, QPointF at) {
  QTest::mouseClick(item->window(), Qt::RightButton, Qt::NoModifier, item->mapToScene(at).toPoint());
}

}  // namespace

class TestReadingView : public QObject {
  Q_OBJECT
 private slots:
  void initTestCase() {
    QVERIFY(dir_.isValid());
    QQuickStyle::setStyle(QStringLiteral("Material"));
    app_ = std::make_unique<AppWindow>(dir_.path());
    app_->settings().setLanguage(QStringLiteral("en"));
    auto& store = app_->store();
    // An older conversation with many turns, so that the one a search opens is scrolled to.
    const auto snails = store.create_conversation({QStringLiteral("Snail race"), {}, {}, {}, {}});
    qint64 parent = 0;
    for (int i = 0; i < 12; ++i) {
      parent =
          store.append_message(snails.id, parent, veloce::storage::Role::User, QStringLiteral("Question %1?").arg(i)).id;
      const QString text =
          i == 3 ? QStringLiteral("## Lettuce\n> Snails **prefer** `crisp` leaves.") : QStringLiteral("Answer %1.").arg(i);
      const auto reply = store.append_message(snails.id, parent, veloce::storage::Role::Assistant, text);
      if (i == 3) lettuceReply_ = reply.id;
      parent = reply.id;
    }
    const auto code = store.create_conversation({QStringLiteral("Code"), {}, {}, {}, {}});
    const auto q = store.append_message(code.id, 0, veloce::storage::Role::User, QStringLiteral("Show me the race code"));
    store.append_message(code.id, q.id, veloce::storage::Role::Assistant, kReply);
    codeConversation_ = code.id;
    QVERIFY(app_->show());
    app_->window()->resize(800, 700);
    app_->window()->requestActivate();
    QTest::qWait(100);
  }
  void cleanupTestCase() { app_.reset(); }

  void longCodeLinesScrollSidewaysInsteadOfWrapping() {
    QVERIFY(app_->chat().openConversation(codeConversation_));
    QQuickItem* code = nullptr;
    QTRY_VERIFY((code = textItemContaining(app_->window(), kLongLine, "QQuickTextEdit")) != nullptr);
    // One line, as written (before: wrapped at the bubble's width into several).
    QTRY_COMPARE(code->property("lineCount").toInt(), 1);
    QVERIFY(code->width() > app_->window()->width());
    // The block itself stays inside the window, with a scroll bar to reach the rest.
    auto* scroll = app_->item(QStringLiteral("codeScroll"));
    QVERIFY(scroll);
    QVERIFY(withinWindowWidth(scroll));
    auto* bar = app_->item(QStringLiteral("codeScrollBar"));
    QVERIFY(bar && bar->isVisible());
    QVERIFY(scroll->property("contentWidth").toReal() > scroll->width());
    // It opens at the start of the lines (it had scrolled itself to where the cursor was).
    QCOMPARE(scroll->property("contentX").toReal(), 0.0);
  }

  void rightClickOnAReplyOffersCopyCopyMessageAndSelectAll() {
    QVERIFY(app_->chat().openConversation(codeConversation_));
    QQuickItem* prose = nullptr;
    QTRY_VERIFY((prose = textItemContaining(app_->window(), QStringLiteral("snail wins"), "QQuickTextEdit")) != nullptr);
    // The view settles at the end of the conversation first (delegates reach their heights).
    QTest::qWait(1500);
    QVERIFY(prose->isVisible());
    QObject* menu = app_->object(QStringLiteral("messageMenu"));
    QVERIFY2(menu, "no context menu");
    QClipboard* clipboard = QGuiApplication::clipboard();

    rightClick(prose, QPointF(10, prose->height() / 2));
    QTRY_VERIFY(menu->property("opened").toBool());
    auto* copy = app_->item(QStringLiteral("menuCopySelection"));
    auto* copyMessage = app_->item(QStringLiteral("menuCopyMessage"));
    auto* selectAll = app_->item(QStringLiteral("menuSelectAll"));
    QVERIFY(copy && copyMessage && selectAll);
    QVERIFY(!copy->isEnabled());  // nothing selected yet
    click(selectAll);
    QTRY_VERIFY(!menu->property("visible").toBool());
    QCOMPARE(prose->property("selectedText").toString(), QStringLiteral("The fastest snail wins the race."));

    rightClick(prose, QPointF(10, prose->height() / 2));
    QTRY_VERIFY(menu->property("opened").toBool());
    QVERIFY(copy->isEnabled());
    // Opened again it holds its three items and nothing else (it grew to the window's height,
    // taking the keyboard focus ring for a fourth item).
    QVERIFY2(menu->property("height").toReal() < 4 * copy->height(),
             qPrintable(QStringLiteral("menu %1 px high").arg(menu->property("height").toReal())));
    clipboard->clear();
    click(copy);
    QTRY_COMPARE(clipboard->text(), QStringLiteral("The fastest snail wins the race."));
    QTRY_VERIFY(!menu->property("visible").toBool());

    // Copy message: the whole reply as written (all paragraphs and the code).
    QQuickItem* second = textItemContaining(app_->window(), QStringLiteral("lettuce"), "QQuickTextEdit");
    QVERIFY(second);
    rightClick(second, QPointF(10, second->height() / 2));
    QTRY_VERIFY(menu->property("opened").toBool());
    click(copyMessage);
    QTRY_COMPARE(clipboard->text(), kReply);
    QTRY_VERIFY(!menu->property("visible").toBool());
  }

  void aSearchResultShowsTextAndMarksTheMessageItOpens() {
    app_->chat().newConversation();
    auto* search = app_->item(QStringLiteral("searchField"));
    QVERIFY(search);
    search->setProperty("text", QStringLiteral("prefer"));
    QQuickItem* snippet = nullptr;
    QTRY_VERIFY((snippet = app_->item(QStringLiteral("searchHitSnippet"))) != nullptr && snippet->isVisible());
    // What a reader sees, with the match in bold: no "##", "**", backticks or "> ".
    QCOMPARE(snippet->property("text").toString(), QStringLiteral("Lettuce Snails <b>prefer</b> crisp leaves."));

    // Opening it shows that reply, marked (before: only a brief flash, easy to miss).
    auto* result = snippet->parentItem();
    while (result && !result->inherits("QQuickItemDelegate")) result = result->parentItem();
    QVERIFY(result);
    QTRY_VERIFY(result->height() > 0 && result->isVisible());
    QTest::qWait(100);
    click(result);
    QTRY_COMPARE(app_->chat().currentConversationId(), app_->store().message(lettuceReply_)->conversation_id);
    QQuickItem* mark = nullptr;
    QTRY_VERIFY((mark = visibleMark()) != nullptr);
    QQuickItem* list = app_->item(QStringLiteral("messageList"));
    QVERIFY(list);
    const QRectF shown = mark->mapRectToItem(list, QRectF(0, 0, mark->width(), mark->height()));
    QVERIFY2(shown.top() >= 0 && shown.top() < list->height(), qPrintable(QStringLiteral("mark at %1").arg(shown.top())));
    QQuickItem* text = textItemContaining(app_->window(), QStringLiteral("crisp"), "QQuickTextEdit");
    QVERIFY(text);
    QVERIFY(text->mapRectToScene(QRectF(0, 0, 1, 1))
                .intersects(mark->mapRectToScene(QRectF(0, 0, mark->width(), mark->height()))));
    // Still marked a while later (not a flash) ...
    QTest::qWait(2000);
    QVERIFY(mark->isVisible());
    // ... until the next click in the conversation.
    click(list);
    QTRY_VERIFY(!mark->isVisible());
  }

 private:
  QQuickItem* visibleMark() const {
    for (QQuickItem* it : allItems(app_->window()))
      if (it->objectName() == QStringLiteral("searchHitMark") && it->isVisible()) return it;
    return nullptr;
  }

  QTemporaryDir dir_;
  std::unique_ptr<AppWindow> app_;
  qint64 codeConversation_ = 0;
  qint64 lettuceReply_ = 0;
};

QTEST_MAIN(TestReadingView)
#include "test_reading_view.moc"
