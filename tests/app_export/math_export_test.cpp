// Formulas in the HTML and PDF exports, checked the way a reader sees them: the HTML export opened
// in headless Chromium (each <math> element gets a rendered box, a displayed sum with limits is
// taller than an inline formula), and the PDF rendered by poppler (pdftoppm) with word boxes
// from pdftotext: no formula is an image or its TeX source, an inline formula's baseline is the
// text's, a displayed formula is centred and taller than a line, one wider than the column is
// scaled into it, and one the engine cannot lay out is printed as its source. Markdown, JSON and
// text keep the LaTeX as written. Chromium and poppler-utils are installed by scripts/setup.sh;
// a missing one fails the test (it is never skipped).
//
// VELOCE_MATH_EXPORT_SHOTS=DIR keeps the Chromium screenshot and the PDF page there, to look at.
#include <QDir>
#include <QFile>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <functional>

#include "app/export/exporter.h"
#include "app/storage/conversation_store.h"

using namespace veloce::storage;
using namespace veloce::exporting;

namespace {

const QString kReply = QStringLiteral(
    "Let $x^2$ be known, and $5 and $10 are prices.\n\n"
    "$$\\sum_{k=1}^{n} k = \\frac{n(n+1)}{2}$$\n\n"
    "After that, \\(\\binom{5}{2} = 10\\) orders. Broken: $\\nosuchcommand{y}$ here.\n\n"
    "\\begin{align} x &= 1 \\\\ y + z &= 2 + 3 \\end{align}\n");

// The number of formulas in kReply (the broken one becomes <merror> in MathML, source in PDF).
constexpr int kFormulas = 5;

ConversationExport math_conversation(ConversationStore& store) {
  const auto c = store.create_conversation({QStringLiteral("Math export"), {}, {}, {}, {}});
  const auto q = store.append_message(c.id, 0, Role::User, QStringLiteral("Sum of the first n integers?"));
  const auto a = store.append_message(c.id, q.id, Role::Assistant, {}, MessageState::Streaming);
  store.finish_message(a.id, kReply, MessageState::Complete);
  return load_for_export(store, c.id);
}

QString tool(const char* name) {
  const QString path = QStandardPaths::findExecutable(QString::fromLatin1(name));
  if (path.isEmpty()) qWarning("%s is not installed: scripts/setup.sh installs it", name);
  return path;
}

// Runs a program to completion; its standard output, or a failure message in `error`.
QByteArray run(const QString& program, const QStringList& args, QString& error, int timeout_ms = 90000) {
  QProcess p;
  p.start(program, args);
  if (!p.waitForFinished(timeout_ms) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
    error =
        program + u' ' + args.join(u' ') + QStringLiteral(" failed: ") + QString::fromLocal8Bit(p.readAllStandardError());
    p.kill();
    return {};
  }
  return p.readAllStandardOutput();
}

void keep_for_eyes(const QString& file, const QString& name) {
  const QString dir = qEnvironmentVariable("VELOCE_MATH_EXPORT_SHOTS");
  if (dir.isEmpty()) return;
  QDir().mkpath(dir);
  QFile::remove(dir + u'/' + name);
  QFile::copy(file, dir + u'/' + name);
}

struct Word {
  QString text;
  QRectF box;  // points, y down
};

// pdftotext -bbox: <word xMin=".." yMin=".." xMax=".." yMax="..">text</word>, page 1.
std::vector<Word> words(const QString& bbox_html) {
  std::vector<Word> out;
  static const QRegularExpression word(
      QStringLiteral("<word xMin=\"([0-9.]+)\" yMin=\"([0-9.]+)\" xMax=\"([0-9.]+)\" yMax=\"([0-9.]+)\">([^<]*)</word>"));
  for (auto it = word.globalMatch(bbox_html); it.hasNext();) {
    const auto m = it.next();
    out.push_back({m.captured(5), QRectF(QPointF(m.captured(1).toDouble(), m.captured(2).toDouble()),
                                         QPointF(m.captured(3).toDouble(), m.captured(4).toDouble()))});
  }
  return out;
}

const Word* find_word(const std::vector<Word>& all, const QString& text) {
  for (const Word& w : all)
    if (w.text == text) return &w;
  return nullptr;
}

// One question and `reply` exported as `name`.pdf in `dir`, and the words pdftotext finds on its
// first page; `error` says what failed.
struct PrintedReply {
  QString file;
  std::vector<Word> words;
  QString error;
};

PrintedReply print_reply(const QTemporaryDir& dir, const QString& name, const QString& question, const QString& reply) {
  PrintedReply out;
  ConversationStore store(dir.filePath(QStringLiteral("c.sqlite")));
  const auto c = store.create_conversation({name, {}, {}, {}, {}});
  const auto q = store.append_message(c.id, 0, Role::User, question);
  store.append_message(c.id, q.id, Role::Assistant, reply);
  out.file = dir.filePath(name + QStringLiteral(".pdf"));
  QFile f(out.file);
  if (!f.open(QIODevice::WriteOnly)) {
    out.error = QStringLiteral("cannot write ") + out.file;
    return out;
  }
  f.write(render(load_for_export(store, c.id), ExportFormat::Pdf));
  f.close();
  out.words =
      words(QString::fromUtf8(run(tool("pdftotext"), {QStringLiteral("-bbox"), out.file, QStringLiteral("-")}, out.error)));
  return out;
}

// The bounding box of dark pixels (ink) inside `area` of a rendered page; null when there is none.
QRect ink(const QImage& page, const QRect& area) {
  QRect found;
  const QRect clipped = area.intersected(page.rect());
  for (int y = clipped.top(); y <= clipped.bottom(); ++y)
    for (int x = clipped.left(); x <= clipped.right(); ++x)
      if (qGray(page.pixel(x, y)) < 128) found = found.united(QRect(x, y, 1, 1));
  return found;
}

}  // namespace

class MathExportTest : public QObject {
  Q_OBJECT
 private slots:
  void htmlFormulasHaveRenderedBoxesInChromium() {
    const QString chromium = tool("chromium");
    QVERIFY2(!chromium.isEmpty(), "chromium is not installed (scripts/setup.sh installs it)");
    QTemporaryDir dir;
    ConversationStore store(dir.filePath(QStringLiteral("c.sqlite")));
    QString html = QString::fromUtf8(render(math_conversation(store), ExportFormat::Html));
    QCOMPARE(html.count(QStringLiteral("<math ")), kFormulas);
    // The export forbids scripts (its Content-Security-Policy); the copy measured here lifts that
    // and adds one that writes each <math> element's box into the page, which --dump-dom prints.
    static const QRegularExpression csp(QStringLiteral("<meta http-equiv=\"Content-Security-Policy\"[^>]*>"));
    QVERIFY(html.contains(csp));
    html.remove(csp);
    html.replace(
        QStringLiteral("</body>"),
        QStringLiteral("<script>addEventListener('load', () => { const boxes = [...document.querySelectorAll('math')]"
                       ".map(m => { const r = m.getBoundingClientRect(); return {display: m.getAttribute('display'),"
                       " width: r.width, height: r.height, tex: m.querySelector('annotation').textContent,"
                       " equals: [...m.querySelectorAll('mtd > mrow > mo')].filter(o => o.textContent === '=')"
                       ".map(o => o.getBoundingClientRect().left)}; });"
                       " const pre = document.createElement('pre'); pre.id = 'veloce-boxes';"
                       " pre.textContent = JSON.stringify(boxes); document.body.appendChild(pre); });</script>"
                       "</body>"));
    const QString page = dir.filePath(QStringLiteral("export.html"));
    {
      QFile f(page);
      QVERIFY(f.open(QIODevice::WriteOnly));
      f.write(html.toUtf8());
    }
    const QStringList common = {QStringLiteral("--headless"),
                                QStringLiteral("--no-sandbox"),
                                QStringLiteral("--disable-gpu"),
                                QStringLiteral("--disable-dev-shm-usage"),
                                QStringLiteral("--no-first-run"),
                                QStringLiteral("--user-data-dir=") + dir.filePath(QStringLiteral("profile")),
                                QStringLiteral("--virtual-time-budget=5000")};
    QString error;
    const QByteArray dom =
        run(chromium, common + QStringList{QStringLiteral("--dump-dom"), QUrl::fromLocalFile(page).toString()}, error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    static const QRegularExpression result(QStringLiteral("<pre id=\"veloce-boxes\">(.*?)</pre>"));
    const auto m = result.match(QString::fromUtf8(dom));
    QVERIFY2(m.hasMatch(), dom.right(2000).constData());
    const QString json = m.captured(1)
                             .replace(QStringLiteral("&quot;"), QStringLiteral("\""))
                             .replace(QStringLiteral("&amp;"), QStringLiteral("&"))
                             .replace(QStringLiteral("&lt;"), QStringLiteral("<"))
                             .replace(QStringLiteral("&gt;"), QStringLiteral(">"));
    const QJsonArray boxes = QJsonDocument::fromJson(json.toUtf8()).array();
    QCOMPARE(boxes.size(), kFormulas);
    double inline_height = 0, display_height = 0;
    for (const QJsonValue& v : boxes) {
      const QJsonObject b = v.toObject();
      QVERIFY2(b[QStringLiteral("width")].toDouble() > 0 && b[QStringLiteral("height")].toDouble() > 0, qPrintable(json));
      if (b[QStringLiteral("tex")].toString() == QStringLiteral("x^2"))
        inline_height = b[QStringLiteral("height")].toDouble();
      const QString tex = b[QStringLiteral("tex")].toString();
      if (tex.startsWith(QStringLiteral("\\sum"))) display_height = b[QStringLiteral("height")].toDouble();
      // align: the relations of its rows line up, as TeX sets them.
      if (tex.startsWith(QStringLiteral("\\begin{align}"))) {
        const QJsonArray equals = b[QStringLiteral("equals")].toArray();
        QCOMPARE(equals.size(), 2);
        QVERIFY2(std::abs(equals[0].toDouble() - equals[1].toDouble()) < 1, qPrintable(json));
      }
    }
    // The displayed sum carries its limits above and below: well over one inline formula's height.
    QVERIFY2(inline_height > 0 && display_height > 1.8 * inline_height, qPrintable(json));
    const QString shot = dir.filePath(QStringLiteral("chromium.png"));
    run(chromium,
        common + QStringList{QStringLiteral("--window-size=1000,900"), QStringLiteral("--screenshot=") + shot,
                             QUrl::fromLocalFile(page).toString()},
        error);
    keep_for_eyes(shot, QStringLiteral("html-math-chromium.png"));
  }

  void markdownJsonAndTextKeepTheLatexAsWritten() {
    QTemporaryDir dir;
    ConversationStore store(dir.filePath(QStringLiteral("c.sqlite")));
    const ConversationExport c = math_conversation(store);
    QVERIFY2(QString::fromUtf8(render(c, ExportFormat::Markdown)).contains(kReply), "Markdown");
    QVERIFY2(QString::fromUtf8(render(c, ExportFormat::Text)).contains(kReply), "text");
    // JSON: some message's content is the reply, character for character.
    const QJsonDocument json = QJsonDocument::fromJson(render(c, ExportFormat::Json));
    std::function<bool(const QJsonValue&)> holds = [&](const QJsonValue& v) {
      if (v.isString()) return v.toString() == kReply;
      if (v.isArray()) {
        for (const QJsonValue& e : v.toArray())
          if (holds(e)) return true;
      }
      if (v.isObject()) {
        for (const QJsonValue& e : v.toObject())
          if (holds(e)) return true;
      }
      return false;
    };
    QVERIFY2(holds(json.object()), "JSON");
  }

  void pdfFormulasAreVectorsOnTheTextBaseline() {
    const QString pdftoppm = tool("pdftoppm"), pdftotext = tool("pdftotext");
    QVERIFY2(!pdftoppm.isEmpty() && !pdftotext.isEmpty(), "poppler-utils is not installed (scripts/setup.sh installs it)");
    QTemporaryDir dir;
    ConversationStore store(dir.filePath(QStringLiteral("c.sqlite")));
    const QByteArray pdf = render(math_conversation(store), ExportFormat::Pdf);
    const QString file = dir.filePath(QStringLiteral("export.pdf"));
    {
      QFile f(file);
      QVERIFY(f.open(QIODevice::WriteOnly));
      f.write(pdf);
    }
    // Vector outlines: no image anywhere in the file.
    QVERIFY(!QString::fromLatin1(pdf).contains(QRegularExpression(QStringLiteral("/Subtype\\s*/Image"))));

    QString error;
    const QString text = QString::fromUtf8(run(pdftotext, {file, QStringLiteral("-")}, error));
    QVERIFY2(error.isEmpty(), qPrintable(error));
    // The prose is text; the formulas are drawn, not printed as TeX; the broken one is its source.
    for (const char* shown : {"Let", "be known", "$5 and $10 are prices", "After that", "orders", "\\nosuchcommand{y}"})
      QVERIFY2(text.contains(QString::fromUtf8(shown)), shown);
    for (const char* hidden : {"x^2", "\\sum", "\\frac", "\\binom", "$$"})
      QVERIFY2(!text.contains(QLatin1String(hidden)), qPrintable(text));

    const std::vector<Word> all =
        words(QString::fromUtf8(run(pdftotext,
                                    {QStringLiteral("-bbox"), QStringLiteral("-f"), QStringLiteral("1"),
                                     QStringLiteral("-l"), QStringLiteral("1"), file, QStringLiteral("-")},
                                    error)));
    QVERIFY2(error.isEmpty(), qPrintable(error));
    const Word* let = find_word(all, QStringLiteral("Let"));
    const Word* be = find_word(all, QStringLiteral("be"));
    const Word* after = find_word(all, QStringLiteral("After"));
    QVERIFY(let && be && after);

    constexpr int kDpi = 144;
    constexpr double kScale = kDpi / 72.0;  // pixels per point
    run(pdftoppm,
        {QStringLiteral("-png"), QStringLiteral("-r"), QString::number(kDpi), QStringLiteral("-f"), QStringLiteral("1"),
         QStringLiteral("-l"), QStringLiteral("1"), QStringLiteral("-singlefile"), file,
         dir.filePath(QStringLiteral("page"))},
        error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    const QImage page(dir.filePath(QStringLiteral("page.png")));
    QVERIFY(!page.isNull());
    keep_for_eyes(dir.filePath(QStringLiteral("page.png")), QStringLiteral("pdf-math-page1.png"));
    auto pixels = [&](const QRectF& points) {
      return QRect(QPoint(qFloor(points.left() * kScale), qFloor(points.top() * kScale)),
                   QPoint(qCeil(points.right() * kScale), qCeil(points.bottom() * kScale)));
    };

    // Inline: ink between "Let" and "be" on their line, whose lowest point (the x) is on the
    // baseline of "Let" (no descender in L, e, t).
    const QRect let_ink = ink(page, pixels(let->box));
    const double line = let->box.height();
    const QRect formula = ink(page, pixels(QRectF(QPointF(let->box.right() + 0.5, let->box.top() - 0.4 * line),
                                                  QPointF(be->box.left() - 0.5, let->box.bottom() + 0.3 * line))));
    QVERIFY2(!let_ink.isNull() && !formula.isNull(), "no ink for the inline formula x^2");
    QVERIFY2(std::abs(formula.bottom() - let_ink.bottom()) <= 1,
             qPrintable(QStringLiteral("x^2 ends at row %1, the text's baseline is row %2")
                            .arg(formula.bottom())
                            .arg(let_ink.bottom())));
    QVERIFY2(formula.top() < let_ink.top() + 2, "the superscript is not raised");

    // Displayed: between the first line and "After" (less the binomial rising above that
    // line), centred on the page, taller than a line.
    const QRect shown = ink(page, QRect(QPoint(0, qCeil(let->box.bottom() * kScale) + 2),
                                        QPoint(page.width() - 1, qFloor((after->box.top() - 0.5 * line) * kScale))));
    QVERIFY2(!shown.isNull(), "no ink for the displayed sum");
    QVERIFY2(shown.height() > 2.5 * let_ink.height(), qPrintable(QStringLiteral("%1 px tall").arg(shown.height())));
    const double centre = shown.center().x(), page_centre = page.width() / 2.0;
    QVERIFY2(std::abs(centre - page_centre) < 12 * kScale,
             qPrintable(QStringLiteral("centred at %1 px (ink %2..%3, rows %4..%5), the page at %6")
                            .arg(centre)
                            .arg(shown.left())
                            .arg(shown.right())
                            .arg(shown.top())
                            .arg(shown.bottom())
                            .arg(page_centre)));
  }

  void aWideDisplayedFormulaIsScaledIntoThePdfColumn() {
    const QString pdftoppm = tool("pdftoppm"), pdftotext = tool("pdftotext");
    QVERIFY2(!pdftoppm.isEmpty() && !pdftotext.isEmpty(), "poppler-utils is not installed (scripts/setup.sh installs it)");
    QTemporaryDir dir;
    // About 1.4 times the column's width at the export's size, and text that fills whole lines.
    const QString reply = QStringLiteral(
        "Start:\n\n$$(a+b)^{10} = a^{10} + 10a^9b + 45a^8b^2 + 120a^7b^3 + 210a^6b^4 + 252a^5b^5 + 210a^4b^6 + "
        "120a^3b^7 + 45a^2b^8 + 10ab^9 + b^{10} + \\sum_{k=0}^{10}\\binom{10}{k}$$\n\n"
        "Ending words here, then a line of ordinary prose long enough to wrap across the whole width of the "
        "column so that its words mark where the column starts and where it ends on the printed page.\n");
    const PrintedReply printed = print_reply(dir, QStringLiteral("wide"), QStringLiteral("Expand it."), reply);
    QVERIFY2(printed.error.isEmpty(), qPrintable(printed.error));
    const QString& file = printed.file;
    const std::vector<Word>& all = printed.words;
    QString error;
    const Word* start = find_word(all, QStringLiteral("Start:"));
    const Word* ending = find_word(all, QStringLiteral("Ending"));
    QVERIFY(start && ending);
    double column_right = 0;
    for (const Word& w : all)
      if (w.box.top() >= ending->box.top()) column_right = std::max(column_right, w.box.right());
    constexpr double kScale = 2;  // 144 dpi
    run(pdftoppm,
        {QStringLiteral("-png"), QStringLiteral("-r"), QStringLiteral("144"), QStringLiteral("-singlefile"), file,
         dir.filePath(QStringLiteral("wide"))},
        error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    const QImage page(dir.filePath(QStringLiteral("wide.png")));
    keep_for_eyes(dir.filePath(QStringLiteral("wide.png")), QStringLiteral("pdf-math-wide.png"));
    const QRect formula = ink(page, QRect(QPoint(0, qCeil(start->box.bottom() * kScale) + 2),
                                          QPoint(page.width() - 1, qFloor(ending->box.top() * kScale) - 2)));
    QVERIFY2(!formula.isNull(), "no ink for the wide formula");
    const double left = start->box.left() * kScale, right = column_right * kScale;
    // Inside the column (a pixel or two of antialiasing aside), and not shrunk to a sliver.
    QVERIFY2(formula.left() >= left - 2 && formula.right() <= right + 2,
             qPrintable(
                 QStringLiteral("ink %1..%2, column %3..%4").arg(formula.left()).arg(formula.right()).arg(left).arg(right)));
    QVERIFY2(formula.width() > 0.8 * (right - left), qPrintable(QStringLiteral("%1 px wide").arg(formula.width())));
  }

  // Models write a displayed formula on a line of its own inside a paragraph, or in the middle of
  // a sentence; the HTML export shows it as a block ($$...$$ is always display math, pandoc's
  // rule), and so must the PDF (and the chat view, render_blocks.cpp): on a line of its own,
  // centred, between the text before and after it. Before, the PDF drew it inside the text's
  // line, made as tall as it.
  void aDisplayedFormulaInAParagraphIsPrintedCentredBetweenTheTextLines_data() {
    QTest::addColumn<QString>("reply");
    QTest::newRow("on its own line") << QStringLiteral(
        "The integral is\n$$\\int_0^1 x^2\\,dx = \\frac{1}{3}$$\nso the area is a third.");
    QTest::newRow("mid-sentence") << QStringLiteral(
        "The integral is $$\\int_0^1 x^2\\,dx = \\frac{1}{3}$$ so the area is a third.");
  }
  void aDisplayedFormulaInAParagraphIsPrintedCentredBetweenTheTextLines() {
    QFETCH(QString, reply);
    const QString pdftoppm = tool("pdftoppm"), pdftotext = tool("pdftotext");
    QVERIFY2(!pdftoppm.isEmpty() && !pdftotext.isEmpty(), "poppler-utils is not installed (scripts/setup.sh installs it)");
    QTemporaryDir dir;
    const PrintedReply printed =
        print_reply(dir, QStringLiteral("integral"), QStringLiteral("The area under x^2 from 0 to 1?"), reply);
    QVERIFY2(printed.error.isEmpty(), qPrintable(printed.error));
    const QString& file = printed.file;
    const std::vector<Word>& all = printed.words;
    QString error;
    const Word* integral = find_word(all, QStringLiteral("integral"));
    const Word* third = find_word(all, QStringLiteral("third."));
    QVERIFY(integral && third);
    QVERIFY2(third->box.top() > integral->box.bottom(),
             qPrintable(QStringLiteral("\"so the area is a third.\" starts at %1 pt, on the line of \"The integral is\" "
                                       "(%2..%3 pt)")
                            .arg(third->box.top())
                            .arg(integral->box.top())
                            .arg(integral->box.bottom())));
    constexpr double kScale = 2;  // 144 dpi
    run(pdftoppm,
        {QStringLiteral("-png"), QStringLiteral("-r"), QStringLiteral("144"), QStringLiteral("-f"), QStringLiteral("1"),
         QStringLiteral("-l"), QStringLiteral("1"), QStringLiteral("-singlefile"), file,
         dir.filePath(QStringLiteral("integral"))},
        error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    const QImage page(dir.filePath(QStringLiteral("integral.png")));
    QVERIFY(!page.isNull());
    keep_for_eyes(dir.filePath(QStringLiteral("integral.png")), QStringLiteral("pdf-math-integral.png"));
    const QRect shown = ink(page, QRect(QPoint(0, qCeil(integral->box.bottom() * kScale) + 1),
                                        QPoint(page.width() - 1, qFloor(third->box.top() * kScale) - 1)));
    QVERIFY2(!shown.isNull(), "no ink between the lines for the displayed integral");
    QVERIFY2(shown.height() > 2 * integral->box.height() * kScale * 0.6,
             qPrintable(QStringLiteral("the integral is %1 px tall").arg(shown.height())));
    const double centre = shown.center().x(), page_centre = page.width() / 2.0;
    QVERIFY2(std::abs(centre - page_centre) < 12 * kScale,
             qPrintable(QStringLiteral("centred at %1 px (ink %2..%3), the page at %4")
                            .arg(centre)
                            .arg(shown.left())
                            .arg(shown.right())
                            .arg(page_centre)));
  }

  // A list item cut around its displayed formula stays one item: the text after the formula at
  // the item's indent, with no number or bullet of its own, and the next item numbered on.
  void aDisplayedFormulaInAListItemLeavesTheListAsNumbered() {
    const QString pdftotext = tool("pdftotext");
    QVERIFY2(!pdftotext.isEmpty(), "poppler-utils is not installed (scripts/setup.sh installs it)");
    QTemporaryDir dir;
    const PrintedReply printed =
        print_reply(dir, QStringLiteral("list"), QStringLiteral("Steps?"),
                    QStringLiteral("1. Firststep is\n   $$w^2 + 1$$\n   Aftertext here\n2. Secondstep"));
    QVERIFY2(printed.error.isEmpty(), qPrintable(printed.error));
    const std::vector<Word>& all = printed.words;
    const Word* first = find_word(all, QStringLiteral("Firststep"));
    const Word* after = find_word(all, QStringLiteral("Aftertext"));
    const Word* second = find_word(all, QStringLiteral("Secondstep"));
    QVERIFY(first && after && second);
    QVERIFY2(after->box.top() > first->box.bottom() && std::abs(after->box.left() - first->box.left()) < 1,
             qPrintable(QStringLiteral("\"Aftertext\" at (%1, %2) pt, \"Firststep\" at (%3, %4) pt")
                            .arg(after->box.left())
                            .arg(after->box.top())
                            .arg(first->box.left())
                            .arg(first->box.top())));
    QVERIFY(find_word(all, QStringLiteral("2.")) && !find_word(all, QStringLiteral("3.")));
  }
};

QTEST_MAIN(MathExportTest)
#include "math_export_test.moc"
