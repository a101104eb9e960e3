// Display formulas in the chat view (MathBlock.qml over image://math/): a closed $$…$$ is drawn by
// the math engine, centred, in the theme's text colour, with pixels where a formula has ink; a
// formula wider than the message scrolls sideways instead of being cut; one the engine cannot
// parse shows its source in monospace with the reason; "Copy LaTeX" copies it as written; and a
// formula still open while a reply streams shows its source until it closes.
#include <QClipboard>
#include <QGuiApplication>
#include <QImage>
#include <QQuickImageProvider>
#include <QQuickStyle>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include "app/desktop/math_image_provider.h"
#include "app/math/math_raster.h"
#include "app/math_qt/math_picture.h"
#include "app/models/inline_math.h"
#include "app/models/streaming_renderer.h"
#include "tests/ui/app_window.h"

using veloce::storage::Role;
using veloce::uitest::allItems;
using veloce::uitest::AppWindow;

namespace {

QList<QQuickItem*> named(QObject* root, const QString& name) {
  QList<QQuickItem*> out;
  for (QQuickItem* it : allItems(root))
    if (it->objectName() == name && it->isVisible()) out << it;
  return out;
}

// Pixels of `image` that are more than half opaque.
int inked(const QImage& image) {
  int n = 0;
  const QImage a = image.convertToFormat(QImage::Format_ARGB32);
  for (int y = 0; y < a.height(); ++y)
    for (int x = 0; x < a.width(); ++x) n += qAlpha(a.pixel(x, y)) > 128 ? 1 : 0;
  return n;
}

}  // namespace

class TestMathView : public QObject {
  Q_OBJECT
 private slots:
  void initTestCase() {
    QVERIFY(dir_.isValid());
    QQuickStyle::setStyle(QStringLiteral("Material"));
    app_ = std::make_unique<AppWindow>(dir_.path());
    app_->settings().setLanguage(QStringLiteral("en"));
    auto& store = app_->store();
    const auto c = store.create_conversation({QStringLiteral("Sums"), {}, {}, {}, {}});
    id_ = c.id;
    const qint64 user = store.append_message(c.id, 0, Role::User, QStringLiteral("Sum of the first n integers?")).id;
    store.append_message(c.id, user, Role::Assistant,
                         QStringLiteral("By pairing terms:\n\n$$\\sum_{k=1}^{n} k = \\frac{n(n+1)}{2}$$\n\n"
                                        "A long one:\n\n\\[") +
                             QStringLiteral("a_1 + a_2 + ").repeated(40) +
                             QStringLiteral("a_n\\]\n\nA broken one:\n\n$$\\frac{1}{$$\n\nDone."));
    const auto inl = store.create_conversation({QStringLiteral("Inline"), {}, {}, {}, {}});
    inline_ = inl.id;
    const qint64 q = store.append_message(inl.id, 0, Role::User, QStringLiteral("x?")).id;
    store.append_message(inl.id, q, Role::Assistant, QStringLiteral("xx $x$ xx $\\frac{a}{b}$ xx"));
    const auto mid = store.create_conversation({QStringLiteral("Mid-sentence"), {}, {}, {}, {}});
    midSentence_ = mid.id;
    const qint64 m = store.append_message(mid.id, 0, Role::User, QStringLiteral("Why?")).id;
    store.append_message(mid.id, m, Role::Assistant, QStringLiteral("so $$x^2 + y^2$$ holds"));
    QVERIFY(app_->show());
    QVERIFY(app_->chat().openConversation(id_));
  }
  void cleanupTestCase() { app_.reset(); }

  void aClosedFormulaIsDrawnCentredInTheTextColour() {
    QTRY_COMPARE(named(app_->window(), QStringLiteral("mathImage")).size(), 2);
    QQuickItem* image = named(app_->window(), QStringLiteral("mathImage")).first();
    QTRY_COMPARE(image->property("status").toInt(), 1);     // Image.Ready
    QQuickItem* flick = image->parentItem()->parentItem();  // contentItem, then the Flickable
    QVERIFY(image->width() > 40 && image->height() > 20);
    // Centred in the message's width.
    const double left = image->x(), right = flick->width() - image->x() - image->width();
    QVERIFY2(std::abs(left - right) <= 1.0, qPrintable(QStringLiteral("%1 left, %2 right").arg(left).arg(right)));
    QVERIFY(!flick->property("interactive").toBool());

    // The provider's picture: ink, in the colour the URL asks for, at the pixel ratio given.
    const QString url = image->property("source").toUrl().toString();
    QVERIFY2(url.startsWith(QStringLiteral("image://math/")), qPrintable(url));
    auto* provider = dynamic_cast<QQuickImageProvider*>(qmlEngine(image)->imageProvider(QStringLiteral("math")));
    QVERIFY(provider);
    QSize size;
    const QString id = url.mid(QStringLiteral("image://math/").size());
    const QImage picture = provider->requestImage(id, &size, {});
    QVERIFY(inked(picture) > 50);
    const QString colour = id.section(u'/', 3, 3);
    // The most opaque pixel (the middle of a stroke) has the colour itself, alpha included.
    QColor ink;
    for (int y = 0; y < picture.height(); ++y)
      for (int x = 0; x < picture.width(); ++x)
        if (!ink.isValid() || picture.pixelColor(x, y).alpha() > ink.alpha()) ink = picture.pixelColor(x, y);
    const QColor asked(QLatin1Char('#') + colour);
    QCOMPARE(ink.name(QColor::HexRgb), asked.name(QColor::HexRgb));
    QVERIFY2(std::abs(ink.alpha() - asked.alpha()) <= 2,
             qPrintable(QStringLiteral("%1 vs %2").arg(ink.alpha()).arg(asked.alpha())));
    // Twice the ratio: twice the pixels, the same size on screen.
    QStringList doubled = id.split(u'/');
    doubled[2] = QString::number(doubled[2].toDouble() * 2);
    const QImage sharp = provider->requestImage(doubled.join(u'/'), &size, {});
    QVERIFY(std::abs(sharp.width() - 2 * picture.width()) <= 2);
  }

  void aHugeFormulaIsDrawnWithinThePixelBudgetAtItsSizeOnScreen() {
    // An 80 x 80 matrix at 18 px per em on a ratio-8 screen would be about 17,000 x 14,000 pixels
    // (almost 1 GB); the provider paints it at a lower ratio that fits the PNG writer's budget.
    QString tex = QStringLiteral("\\begin{pmatrix}");
    for (int r = 0; r < 80; ++r) tex += QStringLiteral("1 & ").repeated(79) + QStringLiteral("1 \\\\ ");
    tex += QStringLiteral("\\end{pmatrix}");
    const veloce::app::MathStyle style{18, 8, QColor(0x20, 0x20, 0x20)};
    const QString url = veloce::app::mathImageUrl(tex, true, style);
    veloce::app::MathImageProvider provider;
    QSize size;
    const QImage image = provider.requestImage(url.mid(QStringLiteral("image://math/").size()), &size, {});
    QVERIFY2(double(image.width()) * image.height() <= veloce::math::kMaxRasterPixels,
             qPrintable(QStringLiteral("%1 x %2").arg(image.width()).arg(image.height())));
    QVERIFY(image.devicePixelRatio() < 8);
    // Its size on screen is the formula's, and it has ink.
    const QSizeF logical = veloce::math_qt::MathPicture::layout(tex, true, 18).size();
    QVERIFY(std::abs(image.deviceIndependentSize().width() - logical.width()) <= 1);
    QVERIFY(std::abs(image.deviceIndependentSize().height() - logical.height()) <= 1);
    QVERIFY(inked(image) > 1000);
  }

  void formulasTakeTheThemesTextColour() {
    // Dark theme: the formulas are drawn in the light text colour the prose around them has.
    app_->settings().setTheme(QStringLiteral("dark"));
    QVERIFY(app_->chat().openConversation(inline_));
    static const QRegularExpression colour(QStringLiteral("image://math/t/[^/]+/[^/]+/([0-9a-f]{8})/"));
    QColor asked, prose;
    QTRY_VERIFY([&] {
      for (QQuickItem* it : allItems(app_->window()))
        if (it->inherits("QQuickTextEdit") && it->isVisible()) {
          const auto m = colour.match(it->property("text").toString());
          if (m.hasMatch()) {
            asked = QColor(QLatin1Char('#') + m.captured(1));
            prose = it->property("color").value<QColor>();
          }
        }
      return asked.isValid();
    }());
    QCOMPARE(asked.name(QColor::HexArgb), prose.name(QColor::HexArgb));
    QVERIFY2(asked.lightness() > 200, qPrintable(asked.name(QColor::HexArgb)));
    // The display formulas too.
    QVERIFY(app_->chat().openConversation(id_));
    QTRY_COMPARE(named(app_->window(), QStringLiteral("mathImage")).size(), 2);
    const QString url = named(app_->window(), QStringLiteral("mathImage")).first()->property("source").toUrl().toString();
    QCOMPARE(url.section(u'/', 6, 6), asked.name(QColor::HexArgb).mid(1));
    app_->settings().setTheme(QStringLiteral("light"));
  }

  void aWideFormulaScrollsSideways() {
    QQuickItem* image = named(app_->window(), QStringLiteral("mathImage")).last();
    QTRY_COMPARE(image->property("status").toInt(), 1);
    QQuickItem* flick = image->parentItem()->parentItem();
    QVERIFY2(image->width() > flick->width(),
             qPrintable(QStringLiteral("%1 in %2").arg(image->width()).arg(flick->width())));
    QVERIFY(flick->property("interactive").toBool());
    QCOMPARE(flick->property("contentWidth").toDouble(), image->width());
    QCOMPARE(image->x(), 0.0);
  }

  void aBrokenFormulaShowsItsSourceAndWhy() {
    const auto sources = named(app_->window(), QStringLiteral("mathSource"));
    QCOMPARE(sources.size(), 1);
    QCOMPARE(sources.first()->property("text").toString(), QStringLiteral("$$\\frac{1}{$$"));
    QCOMPARE(sources.first()->property("font").value<QFont>().family(), QStringLiteral("monospace"));
    const QString why = sources.first()->parentItem()->property("error").toString();
    QVERIFY2(!why.isEmpty(), "no reason given");
  }

  void copyLatexCopiesTheSourceAsWritten() {
    QQuickItem* block = named(app_->window(), QStringLiteral("mathImage")).first()->parentItem()->parentItem()->parentItem();
    QVERIFY(block->property("source").toString().startsWith(QStringLiteral("$$\\sum_{k=1}^{n}")));
    QObject* copy = nullptr;
    for (QObject* o : block->findChildren<QObject*>())
      if (o->objectName() == QLatin1String("copyLatex")) copy = o;
    QVERIFY(copy);
    QMetaObject::invokeMethod(copy, "triggered");
    QCOMPARE(QGuiApplication::clipboard()->text(), QStringLiteral("$$\\sum_{k=1}^{n} k = \\frac{n(n+1)}{2}$$"));
  }

  void inlineFormulasSitOnTheTextBaseline_data() {
    QTest::addColumn<int>("points");
    QTest::newRow("default size") << 0;
    QTest::newRow("16 pt") << 16;
  }

  void inlineFormulasSitOnTheTextBaseline() {
    QFETCH(int, points);
    if (points > 0) app_->settings().setFontSize(points);
    QVERIFY(app_->chat().openConversation(id_));  // away and back: the delegates are made anew
    QVERIFY(app_->chat().openConversation(inline_));
    // The reply's prose: the TextEdit whose text holds the two formulas' object characters.
    QQuickItem* prose = nullptr;
    QTRY_VERIFY([&] {
      for (QQuickItem* it : allItems(app_->window()))
        if (it->inherits("QQuickTextEdit") && it->property("length").toInt() == 12)
          prose = it;  // "xx ", x, " xx ", the fraction, " xx"
      return prose != nullptr;
    }());
    QImage shot;
    qreal dpr = 1;
    // The lowest inked row in the columns of character positions [from, to) of the prose.
    auto bottomInk = [&](int from, int to) {
      QRectF a, b;
      QMetaObject::invokeMethod(prose, "positionToRectangle", Q_RETURN_ARG(QRectF, a), Q_ARG(int, from));
      QMetaObject::invokeMethod(prose, "positionToRectangle", Q_RETURN_ARG(QRectF, b), Q_ARG(int, to));
      const QPointF topLeft = prose->mapToScene(a.topLeft());
      const QPointF bottomRight = prose->mapToScene(QPointF(b.left(), a.bottom()));
      int lowest = -1;
      for (int y = int(topLeft.y() * dpr); y < int(bottomRight.y() * dpr); ++y)
        for (int x = int(topLeft.x() * dpr) + 1; x < int(bottomRight.x() * dpr) - 1; ++x)
          if (qGray(shot.pixel(x, y)) < 128) lowest = y;
      return lowest / dpr;
    };
    // The images arrive from the provider after the text: grab until the fraction is there.
    QTRY_VERIFY([&] {
      shot = app_->window()->grabWindow();
      dpr = shot.devicePixelRatio();
      return bottomInk(8, 9) > bottomInk(0, 2) + 2;
    }());
    const double text = bottomInk(0, 2);     // "xx"
    const double formula = bottomInk(3, 4);  // $x$: an x without descender, like the text's
    QVERIFY2(text > 0 && formula > 0, "no ink found");
    QVERIFY2(std::abs(text - formula) <= 1.0,
             qPrintable(QStringLiteral("text baseline %1, formula %2").arg(text).arg(formula)));
    // The fraction reaches below the baseline (its denominator) and above the x-height.
    const double fraction = bottomInk(8, 9);  // the object character after "xx \$x\$ xx "
    QVERIFY2(fraction > text + 2, qPrintable(QStringLiteral("fraction bottom %1, text %2").arg(fraction).arg(text)));
  }

  void copyingASelectionGivesTheFormulasLatex() {
    QVERIFY(app_->chat().openConversation(inline_));
    QQuickItem* prose = nullptr;
    QTRY_VERIFY([&] {
      for (QQuickItem* it : allItems(app_->window()))
        if (it->inherits("QQuickTextEdit") && it->property("length").toInt() == 12) prose = it;
      return prose != nullptr;
    }());
    QGuiApplication::clipboard()->clear();
    prose->forceActiveFocus();
    QMetaObject::invokeMethod(prose, "selectAll");
    QTest::keySequence(app_->window(), QKeySequence::Copy);
    // Not two object characters: each formula's LaTeX, between its delimiters.
    QCOMPARE(QGuiApplication::clipboard()->text(), QStringLiteral("xx $x$ xx $\\frac{a}{b}$ xx"));
    // Part of it: from inside the first "xx" to just after the first formula.
    QMetaObject::invokeMethod(prose, "select", Q_ARG(int, 1), Q_ARG(int, 4));
    QTest::keySequence(app_->window(), QKeySequence::Copy);
    QCOMPARE(QGuiApplication::clipboard()->text(), QStringLiteral("x $x$"));
    // What a screen reader is given for the paragraph.
    QCOMPARE(veloce::app::textWithFormulas(prose->property("html").toString()),
             QStringLiteral("xx $x$ xx $\\frac{a}{b}$ xx"));
  }

  // $$...$$ in the middle of a sentence is displayed, as pandoc, the HTML export and the PDF
  // export have it: on its own line between the text before and after it, centred (the chat
  // view drew it inline, inside the sentence's line).
  void aDisplayFormulaInTheMiddleOfASentenceIsDrawnOnItsOwnCentredLine() {
    QVERIFY(app_->chat().openConversation(midSentence_));
    QQuickItem* image = nullptr;
    QTRY_VERIFY([&] {
      const auto images = named(app_->window(), QStringLiteral("mathImage"));
      image = images.size() == 1 ? images.first() : nullptr;
      return image != nullptr && image->property("status").toInt() == 1 && image->height() > 0;
    }());
    QQuickItem *before = nullptr, *after = nullptr;
    for (QQuickItem* it : allItems(app_->window())) {
      if (!it->inherits("QQuickTextEdit") || !it->isVisible()) continue;
      QString shown;
      QMetaObject::invokeMethod(it, "getText", Q_RETURN_ARG(QString, shown), Q_ARG(int, 0),
                                Q_ARG(int, it->property("length").toInt()));
      if (shown.startsWith(QStringLiteral("so"))) before = it;
      if (shown.contains(QStringLiteral("holds"))) after = it;
    }
    QVERIFY2(before && after && before != after, "the text before and after the formula are not paragraphs of their own");
    auto scene = [](QQuickItem* it) { return it->mapRectToScene(QRectF(0, 0, it->width(), it->height())); };
    const QRectF formula = scene(image), so = scene(before), holds = scene(after);
    QVERIFY2(formula.top() >= so.bottom() && holds.top() >= formula.bottom(),
             qPrintable(QStringLiteral("\"so\" %1..%2, formula %3..%4, \"holds\" %5..%6")
                            .arg(so.top())
                            .arg(so.bottom())
                            .arg(formula.top())
                            .arg(formula.bottom())
                            .arg(holds.top())
                            .arg(holds.bottom())));
    // Centred in the message's width, which the text before it starts at.
    QQuickItem* flick = image->parentItem()->parentItem();
    const QRectF line = scene(flick);
    QVERIFY2(std::abs((formula.left() - line.left()) - (line.right() - formula.right())) <= 1.0,
             qPrintable(QStringLiteral("formula %1..%2 in %3..%4")
                            .arg(formula.left())
                            .arg(formula.right())
                            .arg(line.left())
                            .arg(line.right())));
    QVERIFY(formula.left() > so.left() + 20);
  }

  void anOpenFormulaShowsItsSourceWhileStreaming() {
    veloce::app::StreamingRenderer r;
    r.setText(QStringLiteral("So:\n\n$$\\frac{a}{"));
    const QModelIndex last = r.index(r.rowCount() - 1);
    QCOMPARE(r.data(last, veloce::app::StreamingRenderer::TexRole).toString(), QString());  // still source
    r.setText(QStringLiteral("So:\n\n$$\\frac{a}{b}$$\n"));
    const QModelIndex closed = r.index(r.rowCount() - 1);
    QCOMPARE(r.data(closed, veloce::app::StreamingRenderer::KindRole).toString(), QStringLiteral("math"));
    QCOMPARE(r.data(closed, veloce::app::StreamingRenderer::TexRole).toString(), QStringLiteral("\\frac{a}{b}"));
    QCOMPARE(r.data(closed, veloce::app::StreamingRenderer::MathErrorRole).toString(), QString());
  }

 private:
  QTemporaryDir dir_;
  std::unique_ptr<AppWindow> app_;
  qint64 id_ = 0;
  qint64 inline_ = 0;
  qint64 midSentence_ = 0;
};

QTEST_MAIN(TestMathView)
#include "test_math_view.moc"
