// Reading a stored conversation as a user does (issue 23): a long code line scrolls sideways
// instead of wrapping; a search result shows text without Markdown marks and the message it opens
// is marked; a right click on a reply offers Copy, Copy message and Select all; a mouse drag selects
// across the paragraphs of a reply.
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
const QString kParagraph1 = QStringLiteral("Snails race on wet leaves every morning.");
const QString kParagraph2 = QStringLiteral("The fastest one wins a lettuce.");
const QString kParagraph3 = QStringLiteral("Nobody knows who counts the laps.");
const QString kFormula = QStringLiteral("$$v = d / t$$");
const QString kParagraphsReply = kParagraph1 + QStringLiteral("\n\n") + kParagraph2 + QStringLiteral("\n\n") + kParagraph3 +
                                 QStringLiteral("\n\n") + kFormula + QStringLiteral("\n\n```\ncount_laps();\n```\n");
// From "wet" in the first paragraph to just before "counts" in the third.
const QString kAcrossParagraphs =
    QStringLiteral("wet leaves every morning.\n\n") + kParagraph2 + QStringLiteral("\n\nNobody knows who ");

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

// The point in the window just inside the first letter of `word` in a text item.
QPoint pointAtWord(QQuickItem* text, const QString& word) {
  const int position = static_cast<int>(shownText(text).indexOf(word));
  QRectF r;
  QMetaObject::invokeMethod(text, "positionToRectangle", Q_RETURN_ARG(QRectF, r), Q_ARG(int, position));
  return text->mapToScene(QPointF(r.x() + 2, r.center().y())).toPoint();
}

// A left-button drag as a mouse makes it: press, moves on the way, release.
void drag(QQuickWindow* window, QPoint from, QPoint to) {
  QTest::mousePress(window, Qt::LeftButton, Qt::NoModifier, from);
  constexpr int kSteps = 8;
  for (int i = 1; i <= kSteps; ++i) QTest::mouseMove(window, from + (to - from) * i / kSteps);
  QTest::mouseRelease(window, Qt::LeftButton, Qt::NoModifier, to);
}

void pressCopy(QQuickWindow* window) { QTest::keyClick(window, Qt::Key_C, Qt::ControlModifier); }

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
    const auto paragraphs = store.create_conversation({QStringLiteral("Paragraphs"), {}, {}, {}, {}});
    const auto ask = store.append_message(paragraphs.id, 0, veloce::storage::Role::User, QStringLiteral("Tell me"));
    store.append_message(paragraphs.id, ask.id, veloce::storage::Role::Assistant, kParagraphsReply);
    paragraphsConversation_ = paragraphs.id;
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

  void aDragAcrossParagraphsSelectsAndCopiesThemAll() {
    QVERIFY(app_->chat().openConversation(paragraphsConversation_));
    QQuickWindow* window = app_->window();
    QQuickItem *first = nullptr, *second = nullptr, *third = nullptr;
    QTRY_VERIFY((third = textItemContaining(window, kParagraph3, "QQuickTextEdit")) != nullptr);
    QTest::qWait(1500);  // the view settles at the end of the conversation
    first = textItemContaining(window, kParagraph1, "QQuickTextEdit");
    second = textItemContaining(window, kParagraph2, "QQuickTextEdit");
    QQuickItem* code = textItemContaining(window, QStringLiteral("count_laps"), "QQuickTextEdit");
    QVERIFY(first && second && code);
    QClipboard* clipboard = QGuiApplication::clipboard();
    const QString untouched = QStringLiteral("(clipboard before)");

    // Downwards: from "wet" to "counts"; each paragraph shows its part selected.
    drag(window, pointAtWord(first, QStringLiteral("wet")), pointAtWord(third, QStringLiteral("counts")));
    QTRY_COMPARE(first->property("selectedText").toString(), QStringLiteral("wet leaves every morning."));
    QCOMPARE(second->property("selectedText").toString(), kParagraph2);
    QCOMPARE(third->property("selectedText").toString(), QStringLiteral("Nobody knows who "));
    QCOMPARE(code->property("selectedText").toString(), QString());
    clipboard->setText(untouched);
    pressCopy(window);
    QTRY_COMPARE(clipboard->text(), kAcrossParagraphs);

    // A click clears it: nothing shown selected, and Ctrl+C copies nothing.
    QTest::mouseClick(window, Qt::LeftButton, Qt::NoModifier, pointAtWord(second, QStringLiteral("lettuce")));
    QTRY_COMPARE(first->property("selectedText").toString(), QString());
    QCOMPARE(second->property("selectedText").toString(), QString());
    QCOMPARE(third->property("selectedText").toString(), QString());
    clipboard->setText(untouched);
    pressCopy(window);  // copies at once when it copies at all
    QCOMPARE(clipboard->text(), untouched);

    // Upwards: from "counts" back to "wet" selects the same text.
    drag(window, pointAtWord(third, QStringLiteral("counts")), pointAtWord(first, QStringLiteral("wet")));
    QTRY_COMPARE(second->property("selectedText").toString(), kParagraph2);
    clipboard->setText(untouched);
    pressCopy(window);
    QTRY_COMPARE(clipboard->text(), kAcrossParagraphs);

    // The right-click menu's Copy copies it too (the menu opens on the paragraph in between).
    QObject* menu = app_->object(QStringLiteral("messageMenu"));
    QVERIFY(menu);
    rightClick(second, QPointF(10, second->height() / 2));
    QTRY_VERIFY(menu->property("opened").toBool());
    auto* copy = app_->item(QStringLiteral("menuCopySelection"));
    QVERIFY(copy && copy->isEnabled());
    clipboard->setText(untouched);
    click(copy);
    QTRY_COMPARE(clipboard->text(), kAcrossParagraphs);
    QTRY_VERIFY(!menu->property("visible").toBool());
    QCOMPARE(first->property("selectedText").toString(), QStringLiteral("wet leaves every morning."));

    // The menu's Select all selects that paragraph alone, and Copy then copies it alone.
    rightClick(second, QPointF(10, second->height() / 2));
    QTRY_VERIFY(menu->property("opened").toBool());
    click(app_->item(QStringLiteral("menuSelectAll")));
    QTRY_VERIFY(!menu->property("visible").toBool());
    QCOMPARE(first->property("selectedText").toString(), QString());
    QCOMPARE(second->property("selectedText").toString(), kParagraph2);
    clipboard->setText(untouched);
    pressCopy(window);
    QTRY_COMPARE(clipboard->text(), kParagraph2);

    // A shift-click extends: click at "wet", shift-click at "counts".
    QTest::mouseClick(window, Qt::LeftButton, Qt::NoModifier, pointAtWord(first, QStringLiteral("wet")));
    QTest::mouseClick(window, Qt::LeftButton, Qt::ShiftModifier, pointAtWord(third, QStringLiteral("counts")));
    QTRY_COMPARE(third->property("selectedText").toString(), QStringLiteral("Nobody knows who "));
    clipboard->setText(untouched);
    pressCopy(window);
    QTRY_COMPARE(clipboard->text(), kAcrossParagraphs);

    // Over the formula down into the code block: the formula as written and the code's text.
    drag(window, pointAtWord(third, QStringLiteral("counts")), pointAtWord(code, QStringLiteral("laps();")));
    QTRY_COMPARE(code->property("selectedText").toString(), QStringLiteral("count_"));
    QQuickItem* formulaMark = app_->item(QStringLiteral("mathSelection"));
    QVERIFY(formulaMark && formulaMark->isVisible());
    clipboard->setText(untouched);
    pressCopy(window);
    QTRY_COMPARE(clipboard->text(), QStringLiteral("counts the laps.\n\n") + kFormula + QStringLiteral("\n\ncount_"));

    // A click in another message (the question) clears it.
    QQuickItem* question = textItemContaining(window, QStringLiteral("Tell me"), "QQuickTextEdit");
    QVERIFY(question);
    QTest::mouseClick(window, Qt::LeftButton, Qt::NoModifier, pointAtWord(question, QStringLiteral("me")));
    QTRY_COMPARE(third->property("selectedText").toString(), QString());
    QCOMPARE(code->property("selectedText").toString(), QString());
    QVERIFY(!formulaMark->isVisible());
  }

  // A match after a table and a 300-character line (one word to FTS5): the result showed three
  // lines of the table's raw "|---|" and the long line, elided before the match, nothing bold.
  void aSearchResultShowsItsMatchInBoldWithinItsLinesAndNoTableMarkup() {
    auto& store = app_->store();
    const auto c = store.create_conversation({QStringLiteral("Table and long line"), {}, {}, {}, {}});
    store.append_message(c.id, 0, veloce::storage::Role::Assistant,
                         QStringLiteral("| a | b |\n|---|---|\n| 1 | 2 |\n\nx = '%1'\n\n## Zebra heading\n\nThe end.")
                             .arg(QStringLiteral("abcdefghij").repeated(30)));
    app_->chat().newConversation();
    auto* search = app_->item(QStringLiteral("searchField"));
    QVERIFY(search);
    search->setProperty("text", QStringLiteral("zebra"));
    QQuickItem* snippet = nullptr;
    QTRY_VERIFY((snippet = app_->item(QStringLiteral("searchHitSnippet"))) != nullptr && snippet->isVisible() &&
                snippet->property("text").toString().contains(QStringLiteral("<b>Zebra</b>")));
    const QString shown = snippet->property("text").toString();
    QVERIFY2(!shown.contains(u'|'), qPrintable(shown));
    // All of it within its three lines, so the bold match is in view (before: elided before it).
    QTRY_VERIFY2(snippet->height() > 0 && !snippet->property("truncated").toBool(), qPrintable(shown));
    // Leaves no result behind for the next test to find.
    search->setProperty("text", QString());
    QTRY_VERIFY(app_->item(QStringLiteral("searchHitSnippet")) == nullptr);
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
  qint64 paragraphsConversation_ = 0;
  qint64 lettuceReply_ = 0;
};

QTEST_MAIN(TestReadingView)
#include "test_reading_view.moc"
