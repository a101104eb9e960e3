// Reading a stored conversation as a user does (issue 23): a long code line scrolls sideways
// instead of wrapping; a search result shows text without Markdown marks and the message it opens
// is marked; a right click on a reply offers Copy, Copy message and Select all; a mouse drag selects
// across the paragraphs of a reply.
#include <QClipboard>
#include <QGuiApplication>
#include <QImage>
#include <QQuickStyle>
#include <QTemporaryDir>
#include <QTest>
#include <QWheelEvent>
#include <algorithm>
#include <cmath>
#include <map>

#include "tests/ui/app_window.h"
#include "tests/ui/contrast.h"

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

const QString kTableReply = QStringLiteral(
    "Snail table:\n\n| Name | Speed |\n|---|---|\n| alpha | 1 |\n| beta | 2 |\n\n- lettuce\n- rain\n\n1. start\n2. "
    "finish\n");

const QString kFormulasReply = QStringLiteral("A snail's speed $v = d / t$ in a sentence.\n\n$$s = v t$$\n");

using veloce::uitest::contrast;
using veloce::uitest::luminance;

// How a formula looks in a rectangle of the window's picture: the colour most of it is drawn in
// (what is behind the formula) and the ink that stands out most from it.
struct Looks {
  QColor background;
  QColor ink;
  double ratio = 0;
};
Looks looksIn(const QImage& picture, QRectF sceneRect) {
  const qreal dpr = picture.devicePixelRatio();
  const QRect r = QRectF(sceneRect.topLeft() * dpr, sceneRect.size() * dpr).toRect() & picture.rect();
  std::map<QRgb, int> counts;
  for (int y = r.top(); y <= r.bottom(); ++y)
    for (int x = r.left(); x <= r.right(); ++x) ++counts[picture.pixel(x, y) | 0xff000000u];
  Looks looks;
  if (counts.empty()) return looks;
  looks.background = QColor::fromRgb(
      std::max_element(counts.begin(), counts.end(), [](auto& a, auto& b) { return a.second < b.second; })->first);
  for (const auto& [rgb, n] : counts) {
    const double ratio = contrast(QColor::fromRgb(rgb), looks.background);
    if (ratio > looks.ratio) looks = {looks.background, QColor::fromRgb(rgb), ratio};
  }
  return looks;
}

bool sameColour(const QColor& a, const QColor& b) {
  return std::abs(a.red() - b.red()) <= 3 && std::abs(a.green() - b.green()) <= 3 && std::abs(a.blue() - b.blue()) <= 3;
}

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

// One notch of a mouse wheel at `at` in the window (angle: 120 per notch; y > 0 away from the user).
void turnWheel(QQuickWindow* window, QPointF at, QPoint angle, Qt::KeyboardModifiers modifiers) {
  QWheelEvent event(at, window->mapToGlobal(at), QPoint(), angle, Qt::NoButton, modifiers, Qt::NoScrollPhase, false);
  QGuiApplication::sendEvent(window, &event);
}

QQuickItem* visibleButton(QObject* root, const QString& text) {
  for (QQuickItem* it : allItems(root))
    if (it->inherits("QQuickAbstractButton") && it->isVisible() && it->property("text").toString() == text) return it;
  return nullptr;
}

QRectF sceneRect(QQuickItem* item) { return item->mapRectToScene(QRectF(0, 0, item->width(), item->height())); }

// Where a button's label is drawn, in the window: its contentItem's painted text.
QRectF labelRect(QQuickItem* button) {
  auto* label = qvariant_cast<QQuickItem*>(button->property("contentItem"));
  if (!label) return {};
  const qreal width = label->property("implicitWidth").toReal();
  // The label is centred in its content item.
  return label->mapRectToScene(QRectF((label->width() - width) / 2, 0, width, label->height()));
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
    const auto paragraphs = store.create_conversation({QStringLiteral("Paragraphs"), {}, {}, {}, {}});
    const auto ask = store.append_message(paragraphs.id, 0, veloce::storage::Role::User, QStringLiteral("Tell me"));
    store.append_message(paragraphs.id, ask.id, veloce::storage::Role::Assistant, kParagraphsReply);
    paragraphsConversation_ = paragraphs.id;
    // Paragraphs before and after a code block: the conversation scrolls, the code sideways.
    const auto wheel = store.create_conversation({QStringLiteral("Wheel"), {}, {}, {}, {}});
    const auto w = store.append_message(wheel.id, 0, veloce::storage::Role::User, QStringLiteral("Long one"));
    QString longReply;
    for (int i = 0; i < 20; ++i) longReply += QStringLiteral("Lettuce paragraph %1.\n\n").arg(i);
    longReply += QStringLiteral("```\n") + kLongLine + QStringLiteral("\n```\n\n");
    for (int i = 20; i < 40; ++i) longReply += QStringLiteral("Lettuce paragraph %1.\n\n").arg(i);
    store.append_message(wheel.id, w.id, veloce::storage::Role::Assistant, longReply);
    wheelConversation_ = wheel.id;
    const auto table = store.create_conversation({QStringLiteral("Table"), {}, {}, {}, {}});
    const auto t = store.append_message(table.id, 0, veloce::storage::Role::User, QStringLiteral("Tabulate"));
    store.append_message(table.id, t.id, veloce::storage::Role::Assistant, kTableReply);
    tableConversation_ = table.id;
    const auto formulas = store.create_conversation({QStringLiteral("Formulas"), {}, {}, {}, {}});
    const auto f = store.append_message(formulas.id, 0, veloce::storage::Role::User, QStringLiteral("Speed?"));
    store.append_message(formulas.id, f.id, veloce::storage::Role::Assistant, kFormulasReply);
    formulasConversation_ = formulas.id;
    // A reply the user stopped (Stop) while it was writing, with a code block.
    const auto stopped = store.create_conversation({QStringLiteral("Stopped"), {}, {}, {}, {}});
    const auto s = store.append_message(stopped.id, 0, veloce::storage::Role::User, QStringLiteral("Count"));
    const QString partial = QStringLiteral("Counting:\n\n```\none two\n```\n\nthree");
    const auto r = store.append_message(stopped.id, s.id, veloce::storage::Role::Assistant, partial,
                                        veloce::storage::MessageState::Streaming);
    veloce::storage::MessageStats stats;
    stats.completion_tokens = 9;
    stats.stop = veloce::storage::ReplyStop::Stopped;
    store.finish_message(r.id, partial, veloce::storage::MessageState::Stopped, stats);
    stoppedConversation_ = stopped.id;
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
    // Select all took the whole message: its paragraphs and its code, as shown.
    QTRY_COMPARE(clipboard->text(),
                 QStringLiteral("The fastest snail wins the race.\n\nSecond paragraph, about lettuce.\n\n") + kLongLine);
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

    // The menu's Select all selects the whole message, every piece shown selected (the formula
    // and the code too), and Copy then copies all of it (before: the clicked paragraph alone).
    rightClick(second, QPointF(10, second->height() / 2));
    QTRY_VERIFY(menu->property("opened").toBool());
    click(app_->item(QStringLiteral("menuSelectAll")));
    QTRY_VERIFY(!menu->property("visible").toBool());
    QCOMPARE(first->property("selectedText").toString(), kParagraph1);
    QCOMPARE(second->property("selectedText").toString(), kParagraph2);
    QCOMPARE(third->property("selectedText").toString(), kParagraph3);
    QCOMPARE(code->property("selectedText").toString(), QStringLiteral("count_laps();"));
    QVERIFY(app_->item(QStringLiteral("mathSelection"))->isVisible());
    const QString wholeMessage = kParagraph1 + QStringLiteral("\n\n") + kParagraph2 + QStringLiteral("\n\n") + kParagraph3 +
                                 QStringLiteral("\n\n") + kFormula + QStringLiteral("\n\ncount_laps();");
    clipboard->setText(untouched);
    pressCopy(window);
    QTRY_COMPARE(clipboard->text(), wholeMessage);
    rightClick(code, code->mapFromScene(QPointF(pointAtWord(code, QStringLiteral("laps")))));
    QTRY_VERIFY(menu->property("opened").toBool());
    clipboard->setText(untouched);
    click(app_->item(QStringLiteral("menuCopySelection")));
    QTRY_COMPARE(clipboard->text(), wholeMessage);
    QTRY_VERIFY(!menu->property("visible").toBool());

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

  // Select all and Copy give text a user can paste: a table's rows on lines of tab-separated
  // cells, list items with their markers (before: Qt's U+FDD0 table markers between the cells).
  void selectAllThenCopyGivesTableRowsAsTabSeparatedLinesAndListsWithMarkers() {
    QVERIFY(app_->chat().openConversation(tableConversation_));
    QQuickWindow* window = app_->window();
    QQuickItem* prose = nullptr;
    QTRY_VERIFY((prose = textItemContaining(window, QStringLiteral("Snail table"), "QQuickTextEdit")) != nullptr);
    QTest::qWait(1500);  // the view settles at the end of the conversation
    QObject* menu = app_->object(QStringLiteral("messageMenu"));
    QVERIFY(menu);
    rightClick(prose, QPointF(10, prose->height() / 2));
    QTRY_VERIFY(menu->property("opened").toBool());
    click(app_->item(QStringLiteral("menuSelectAll")));
    QTRY_VERIFY(!menu->property("visible").toBool());
    const QString expected =
        QStringLiteral("Snail table:\n\nName\tSpeed\nalpha\t1\nbeta\t2\n\n\u2022 lettuce\n\u2022 rain\n1. start\n2. finish");
    QClipboard* clipboard = QGuiApplication::clipboard();
    clipboard->setText(QStringLiteral("(clipboard before)"));
    pressCopy(window);
    QTRY_COMPARE(clipboard->text(), expected);
    rightClick(prose, QPointF(10, prose->height() / 2));
    QTRY_VERIFY(menu->property("opened").toBool());
    clipboard->setText(QStringLiteral("(clipboard before)"));
    click(app_->item(QStringLiteral("menuCopySelection")));
    QTRY_COMPARE(clipboard->text(), expected);
    QTRY_VERIFY(!menu->property("visible").toBool());
  }

  void selectedFormulasAreDrawnInTheSelectionsColours_data() {
    QTest::addColumn<QString>("theme");
    QTest::newRow("light") << QStringLiteral("light");
    QTest::newRow("dark") << QStringLiteral("dark");
  }
  // Selected, a formula in a sentence and a displayed one read as selected text does: the
  // selection's text colour on the selection's colour, at 4.5:1 at least (before: the inline one
  // kept its text colour, 3.9:1 and 1.9:1, and the displayed one sat on a pale block of its own).
  void selectedFormulasAreDrawnInTheSelectionsColours() {
    QFETCH(QString, theme);
    const QString themeBefore = app_->settings().theme();
    app_->settings().setTheme(theme);
    QObject* root = app_->root();
    QTRY_COMPARE(root->property("darkTheme").toBool(), theme == QStringLiteral("dark"));
    const QColor selection = root->property("selectionColor").value<QColor>();
    QVERIFY(app_->chat().openConversation(formulasConversation_));
    QQuickWindow* window = app_->window();
    QQuickItem* prose = nullptr;
    QTRY_VERIFY((prose = textItemContaining(window, QStringLiteral("in a sentence"), "QQuickTextEdit")) != nullptr);
    QTest::qWait(1500);  // the view settles at the end of the conversation
    QObject* menu = app_->object(QStringLiteral("messageMenu"));
    QVERIFY(menu);
    rightClick(prose, QPointF(10, prose->height() / 2));
    QTRY_VERIFY(menu->property("opened").toBool());
    click(app_->item(QStringLiteral("menuSelectAll")));
    QTRY_VERIFY(!menu->property("visible").toBool());
    QTest::qWait(500);  // the formulas' images redrawn

    // The inline formula: where its object character is laid out.
    const int at = static_cast<int>(shownText(prose).indexOf(QChar(QChar::ObjectReplacementCharacter)));
    QVERIFY(at >= 0);
    QRectF start, end;
    QMetaObject::invokeMethod(prose, "positionToRectangle", Q_RETURN_ARG(QRectF, start), Q_ARG(int, at));
    QMetaObject::invokeMethod(prose, "positionToRectangle", Q_RETURN_ARG(QRectF, end), Q_ARG(int, at + 1));
    const QRectF inlineRect = prose->mapRectToScene(QRectF(start.x(), start.y(), end.x() - start.x(), start.height()));
    QQuickItem* display = app_->item(QStringLiteral("mathImage"));
    QVERIFY(display && display->isVisible());
    const QImage picture = window->grabWindow();
    const Looks inlineLooks = looksIn(picture, inlineRect);
    const Looks displayLooks = looksIn(picture, sceneRect(display));
    app_->settings().setTheme(themeBefore);
    const auto describe = [](const char* what, const Looks& l) {
      return QStringLiteral("%1: %2 on %3 is %4:1").arg(what, l.ink.name(), l.background.name()).arg(l.ratio, 0, 'f', 1);
    };
    const QString seen = describe("inline", inlineLooks) + QStringLiteral("; ") + describe("displayed", displayLooks) +
                         QStringLiteral("; selection ") + selection.name();
    QVERIFY2(sameColour(inlineLooks.background, selection), qPrintable(seen));
    QVERIFY2(sameColour(displayLooks.background, selection), qPrintable(seen));
    // Drawn in the selection's text colour, but Qt Quick lays its selection colour at half
    // opacity over a selected image (2.4:1 and 3.3:1): still to do.
    QEXPECT_FAIL("", "Qt Quick covers a selected inline image with the selection colour at half opacity", Continue);
    QVERIFY2(inlineLooks.ratio >= 4.5, qPrintable(seen));
    QVERIFY2(displayLooks.ratio >= 4.5, qPrintable(seen));
  }

  // The window's shortcuts work after a click into a code block (its read-only text took Ctrl+,
  // Ctrl+F, Ctrl+E and Ctrl+N for itself, as the prose did before it). Ctrl+N is left out: New
  // conversation waits for a model, which this test has none of (test_focus_rings loads one).
  void windowShortcutsWorkFromACodeBlock() {
    QVERIFY(app_->chat().openConversation(codeConversation_));
    QQuickItem* code = nullptr;
    QTRY_VERIFY((code = textItemContaining(app_->window(), kLongLine, "QQuickTextEdit")) != nullptr);
    QTest::qWait(1500);  // the view settles at the end of the conversation
    auto clickCode = [&] {
      QTest::mouseClick(app_->window(), Qt::LeftButton, Qt::NoModifier, pointAtWord(code, QStringLiteral("snail_race")));
      QTRY_VERIFY(code->hasActiveFocus());
    };

    QObject* settings = app_->object(QStringLiteral("settingsDialog"));
    QVERIFY(settings);
    clickCode();
    QTest::keyClick(app_->window(), Qt::Key_Comma, Qt::ControlModifier);
    QTRY_VERIFY2(settings->property("opened").toBool(), "Ctrl+, did not open the settings");
    QMetaObject::invokeMethod(settings, "close");
    QTRY_VERIFY(!settings->property("visible").toBool());

    QObject* exporter = app_->object(QStringLiteral("exportDialog"));
    QVERIFY(exporter);
    clickCode();
    QTest::keyClick(app_->window(), Qt::Key_E, Qt::ControlModifier);
    QTRY_VERIFY2(exporter->property("opened").toBool(), "Ctrl+E did not open the export dialog");
    QMetaObject::invokeMethod(exporter, "close");
    QTRY_VERIFY(!exporter->property("visible").toBool());

    auto* search = app_->item(QStringLiteral("searchField"));
    QVERIFY(search);
    clickCode();
    QTest::keyClick(app_->window(), Qt::Key_F, Qt::ControlModifier);
    QTRY_VERIFY2(search->hasActiveFocus(), "Ctrl+F did not go to the search field");

    // Ctrl+C still copies the code's selection.
    clickCode();
    QMetaObject::invokeMethod(code, "select", Q_ARG(int, 0), Q_ARG(int, 4));
    QGuiApplication::clipboard()->clear();
    pressCopy(app_->window());
    QTRY_COMPARE(QGuiApplication::clipboard()->text(), QStringLiteral("auto"));
  }

  // Shift+wheel over a code block scrolls its long lines sideways (a mouse has no sideways
  // wheel), as a sideways wheel does; a plain wheel over it scrolls the conversation.
  void shiftWheelOverACodeBlockScrollsItSideways() {
    QVERIFY(app_->chat().openConversation(wheelConversation_));
    QQuickItem* code = nullptr;
    QTRY_VERIFY((code = textItemContaining(app_->window(), kLongLine, "QQuickTextEdit")) != nullptr);
    QTest::qWait(1500);  // the view settles at the end of the conversation
    QQuickItem* list = app_->item(QStringLiteral("messageList"));
    QVERIFY(list);
    QQuickItem* scroll = code->parentItem()->parentItem();  // contentItem, then the Flickable
    QCOMPARE(scroll->objectName(), QStringLiteral("codeScroll"));
    // The code block in the middle of the view.
    const QRectF shown = sceneRect(scroll);
    const QRectF view = sceneRect(list);
    list->setProperty("contentY", list->property("contentY").toReal() + shown.center().y() - view.center().y());
    QTRY_VERIFY(std::abs(sceneRect(scroll).center().y() - view.center().y()) < 5);
    QTest::qWait(200);
    // Over the code's line.
    const QPointF over(sceneRect(scroll).center().x(), sceneRect(code).center().y());
    QCOMPARE(scroll->property("contentX").toReal(), 0.0);

    // Shift+wheel towards the user: the code moves left, the conversation stays.
    const qreal listY = list->property("contentY").toReal();
    turnWheel(app_->window(), over, QPoint(0, -120), Qt::ShiftModifier);
    QTRY_VERIFY2(scroll->property("contentX").toReal() > 20,
                 qPrintable(QStringLiteral("contentX %1").arg(scroll->property("contentX").toReal())));
    QCOMPARE(list->property("contentY").toReal(), listY);
    // And back, no further than the start.
    for (int i = 0; i < 10; ++i) turnWheel(app_->window(), over, QPoint(0, 120), Qt::ShiftModifier);
    QTRY_COMPARE(scroll->property("contentX").toReal(), 0.0);
    // A sideways wheel (or trackpad) scrolls it too, no further than its end.
    for (int i = 0; i < 100; ++i) turnWheel(app_->window(), over, QPoint(-120, 0), Qt::NoModifier);
    QTRY_COMPARE(scroll->property("contentX").toReal(), scroll->property("contentWidth").toReal() - scroll->width());
    QCOMPARE(list->property("contentY").toReal(), listY);

    // A plain wheel over the code scrolls the conversation, the code stays where it is.
    const qreal codeX = scroll->property("contentX").toReal();
    turnWheel(app_->window(), over, QPoint(0, 120), Qt::NoModifier);
    QTRY_VERIFY2(list->property("contentY").toReal() < listY - 20,
                 qPrintable(QStringLiteral("contentY %1, was %2").arg(list->property("contentY").toReal()).arg(listY)));
    QCOMPARE(scroll->property("contentX").toReal(), codeX);
    // So does a trackpad's scroll that drifts a little sideways: it is the conversation's.
    const qreal listBefore = list->property("contentY").toReal();
    turnWheel(app_->window(), over, QPoint(12, -120), Qt::NoModifier);
    QTRY_VERIFY2(list->property("contentY").toReal() > listBefore + 20,
                 qPrintable(QStringLiteral("contentY %1, was %2 (contentX %3, was %4)")
                                .arg(list->property("contentY").toReal())
                                .arg(listBefore)
                                .arg(scroll->property("contentX").toReal())
                                .arg(codeX)));
    QCOMPARE(scroll->property("contentX").toReal(), codeX);
  }

  // A reply the user stopped can go on, as one the length limit cut (it offered only Regenerate).
  void aReplyStoppedByTheUserOffersContinue() {
    QVERIFY(app_->chat().openConversation(stoppedConversation_));
    QQuickItem* more = nullptr;
    QTRY_VERIFY(visibleButton(app_->window(), QStringLiteral("Regenerate")) != nullptr);
    QTest::qWait(500);
    more = visibleButton(app_->window(), QStringLiteral("Continue"));
    QVERIFY2(more != nullptr, "no Continue under the stopped reply");
    QCOMPARE(more->objectName(), QStringLiteral("continueButton"));
  }

  // Regenerate and Continue have the room of the message's other buttons (the code block's Copy
  // code): their labels were 2 px from the edges of their hover shades.
  void regenerateAndContinueHaveTheRoomOfTheOtherButtons() {
    // A reply the length limit cut, with a code block.
    auto& store = app_->store();
    const auto c = store.create_conversation({QStringLiteral("Cut"), {}, {}, {}, {}});
    const auto q = store.append_message(c.id, 0, veloce::storage::Role::User, QStringLiteral("Count"));
    const QString text = QStringLiteral("Counting:\n\n```\none two\n```\n\nthree");
    const auto r =
        store.append_message(c.id, q.id, veloce::storage::Role::Assistant, text, veloce::storage::MessageState::Streaming);
    veloce::storage::MessageStats stats;
    stats.completion_tokens = 9;
    stats.stop = veloce::storage::ReplyStop::Length;
    store.finish_message(r.id, text, veloce::storage::MessageState::Complete, stats);
    QVERIFY(app_->chat().openConversation(c.id));
    QQuickItem *regenerate = nullptr, *more = nullptr, *copyCode = nullptr;
    QTRY_VERIFY((regenerate = visibleButton(app_->window(), QStringLiteral("Regenerate"))) &&
                (more = visibleButton(app_->window(), QStringLiteral("Continue"))) &&
                (copyCode = visibleButton(app_->window(), QStringLiteral("Copy code"))));
    QTest::qWait(500);
    auto insets = [](QQuickItem* button) {
      const QRectF outer = sceneRect(button), label = labelRect(button);
      return std::pair(label.left() - outer.left(), outer.right() - label.right());
    };
    const auto [copyLeft, copyRight] = insets(copyCode);
    QVERIFY(copyLeft >= 8 && copyRight >= 8);
    for (QQuickItem* button : {regenerate, more}) {
      const auto [left, right] = insets(button);
      QVERIFY2(left >= copyLeft - 0.5 && right >= copyRight - 0.5,
               qPrintable(QStringLiteral("%1: label %2 px from the left edge, %3 px from the right (Copy code: %4, %5)")
                              .arg(button->property("text").toString())
                              .arg(left)
                              .arg(right)
                              .arg(copyLeft)
                              .arg(copyRight)));
    }
    // Side by side, their shades apart and their labels as far apart as two such buttons'.
    const QRectF a = sceneRect(regenerate), b = sceneRect(more);
    QCOMPARE(a.top(), b.top());
    QVERIFY2(b.left() - a.right() >= 8, qPrintable(QStringLiteral("%1 px between them").arg(b.left() - a.right())));
    const qreal labels = labelRect(more).left() - labelRect(regenerate).right();
    QVERIFY2(labels >= copyLeft + copyRight + 8 - 0.5, qPrintable(QStringLiteral("%1 px between the labels").arg(labels)));
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
  qint64 wheelConversation_ = 0;
  qint64 stoppedConversation_ = 0;
  qint64 tableConversation_ = 0;
  qint64 formulasConversation_ = 0;
  qint64 lettuceReply_ = 0;
};

QTEST_MAIN(TestReadingView)
#include "test_reading_view.moc"
