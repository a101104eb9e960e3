// StreamingRenderer and the pieces it is built on: math source kept exactly as written, the
// cut of a reply into pieces, incremental rendering equal to rendering from scratch wherever
// the stream is cut, highlight.js output for closed code blocks, quote markers and code tints.
#include <QQmlComponent>
#include <QQmlEngine>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTest>
#include <QTextBlock>
#include <QTextDocument>

#include "app/models/code_highlighter.h"
#include "app/models/markdown_renderer.h"
#include "app/models/math_spans.h"
#include "app/models/render_blocks.h"
#include "app/models/streaming_renderer.h"

using namespace veloce::app;

namespace {

QString shownText(const QString& html) {
  QTextDocument doc;
  doc.setHtml(html);
  return doc.toPlainText();
}

// Pieces of typical replies, including the hard cases for the cut: loose lists, a list item's
// indented paragraph, display math across a blank line, fences of both kinds, a table, numbers
// at the start of a line.
const QStringList kFragments = {
    QStringLiteral("Intro with **bold** and `code`.\n\n"),
    QStringLiteral("1. first\n\n2. second\n\n   still the second item\n\n"),
    QStringLiteral("- a\n- b\n\n"),
    QStringLiteral("$$\nx = 1\n\n+ 2\n$$\n\n"),
    QStringLiteral("\\[ \\frac{a}{b}\\,c \\]\n\n"),
    QStringLiteral("So\n$$\\int_0^1 x\\,dx$$\nwhich is a half.\n\n"),
    QStringLiteral("Thus $$x^2$$ holds, and $$y$$    too.\n\n"),
    QStringLiteral("Inline \\(a\\,b\\) and $x_1 *y*$ here.\n"),
    QStringLiteral("```python\ndef f(x):\n    return x * 2\n```\n"),
    QStringLiteral("~~~\nplain ``` inside\n~~~\n\n"),
    QStringLiteral("| a | b |\n|---|---|\n| 1 | 2 |\n\n"),
    QStringLiteral("> quoted\n> more\n\n"),
    QStringLiteral("12 apples\n\n"),
    QStringLiteral("# Heading\n\nText after.\n\n"),
    QStringLiteral("```js\nlet a = 1;\n"),  // a fence left open
};

QString randomReply(QRandomGenerator& rng, int parts) {
  QString s;
  for (int i = 0; i < parts; ++i) s += kFragments[rng.bounded(static_cast<int>(kFragments.size()))];
  return s;
}

}  // namespace

class TestStreamingRenderer : public QObject {
  Q_OBJECT
 private slots:
  void mathSourceIsKeptExactly() {
    // Each of these lost its backslashes (or its stars) to Markdown escapes before.
    const QStringList exact = {
        QStringLiteral("\\(a\\,b\\)"),
        QStringLiteral("\\[ \\int_0^1 f(x)\\,\\mathrm{d}x \\]"),
        QStringLiteral("$x_1 *y* z_2$"),
        QStringLiteral("$\\{a\\}$"),
    };
    for (const QString& m : exact) {
      const QString text = shownText(proseToRichText(QStringLiteral("See ") + m + QStringLiteral(" here.")));
      QVERIFY2(text.contains(m), qPrintable(text));
    }
    // Display math over several lines: the source, line for line.
    const QString display = shownText(proseToRichText(QStringLiteral("$$\n\\sum_{k=1}^{n} k\\,\\\\\n= x\n$$")));
    QVERIFY2(display.contains(QStringLiteral("$$")), qPrintable(display));
    QVERIFY2(display.contains(QStringLiteral("\\sum_{k=1}^{n} k\\,\\\\")), qPrintable(display));
    // Not math: prices, an escaped dollar, and math-like text inside inline code.
    QCOMPARE(shownText(proseToRichText(QStringLiteral("It costs $5 and $10."))), QStringLiteral("It costs $5 and $10."));
    QCOMPARE(shownText(proseToRichText(QStringLiteral("A \\$ sign and *em*"))), QStringLiteral("A $ sign and em"));
    QCOMPARE(shownText(proseToRichText(QStringLiteral("Use `$a$ \\(b\\)` here"))), QStringLiteral("Use $a$ \\(b\\) here"));
  }

  void mathSpansAreFound() {
    const QString s = QStringLiteral("a $x$ b $$y$$ c \\(z\\) d \\[w\\] `$no$` \\$no$");
    const auto spans = findMathSpans(s);
    QCOMPARE(spans.size(), size_t{4});
    QCOMPARE(s.mid(spans[0].innerStart, spans[0].innerLength), QStringLiteral("x"));
    QVERIFY(!spans[0].display);
    QCOMPARE(s.mid(spans[1].innerStart, spans[1].innerLength), QStringLiteral("y"));
    QVERIFY(spans[1].display);
    QCOMPARE(s.mid(spans[2].start, spans[2].length), QStringLiteral("\\(z\\)"));
    QVERIFY(spans[3].display);

    // A bare display environment, after text outside the BMP and with accents (offsets are
    // UTF-16 units): display, the TeX keeping its \begin and \end.
    const QString env = QStringLiteral("Étape 🐌 : \\begin{align} a &= b \\\\ c &= d \\end{align} é $q$");
    const auto found = findMathSpans(env);
    QCOMPARE(found.size(), size_t{2});
    QVERIFY(found[0].display);
    QCOMPARE(env.mid(found[0].start, found[0].length), QStringLiteral("\\begin{align} a &= b \\\\ c &= d \\end{align}"));
    QCOMPARE(env.mid(found[0].innerStart, found[0].innerLength), env.mid(found[0].start, found[0].length));
    QCOMPARE(env.mid(found[1].innerStart, found[1].innerLength), QStringLiteral("q"));
    // \begin of something that is not a display environment is text.
    QVERIFY(findMathSpans(QStringLiteral("\\begin{document} x \\end{document}")).empty());
  }

  void replyIsCutIntoPieces() {
    const QString md = QStringLiteral(
        "First paragraph.\n\nSecond one.\n\n1. item\n\n2. item\n\n   more of item 2\n\n"
        "$$\na\n\nb\n$$\n\n```py\nx = 1\n```\nAfter");
    const auto blocks = splitRenderBlocks(md);
    QCOMPARE(blocks.size(), size_t{6});
    QCOMPARE(blocks[0].text, QStringLiteral("First paragraph."));
    QCOMPARE(blocks[1].text, QStringLiteral("Second one."));
    // The loose list with its indented paragraph stays one piece.
    QCOMPARE(blocks[2].text, QStringLiteral("1. item\n\n2. item\n\n   more of item 2"));
    QCOMPARE(blocks[3].kind, RenderBlock::Kind::Math);
    QCOMPARE(blocks[3].text, QStringLiteral("$$\na\n\nb\n$$"));
    QCOMPARE(blocks[4].kind, RenderBlock::Kind::Code);
    QCOMPARE(blocks[4].text, QStringLiteral("x = 1"));
    QCOMPARE(blocks[4].language, QStringLiteral("py"));
    QVERIFY(blocks[4].closed);
    QCOMPARE(blocks[5].text, QStringLiteral("After"));
    QVERIFY(!blocks[5].closed);  // the text may go on
    for (size_t i = 0; i < 5; ++i) QVERIFY(blocks[i].closed);
    // A line that may still become a list item ("1" -> "1. x") keeps the piece before it open.
    const auto pending = splitRenderBlocks(QStringLiteral("Para.\n\n1"));
    QCOMPARE(pending.size(), size_t{2});
    QVERIFY(!pending[0].closed);
    // The same pieces when split from the start of a piece (what the incremental renderer does).
    const auto tail = splitRenderBlocks(md, blocks[3].start);
    QCOMPARE(tail.size(), size_t{3});
    QCOMPARE(tail[0], blocks[3]);
    QCOMPARE(tail[2], blocks[5]);
  }

  void piecesShowWhatTheWholeShows() {
    // Cutting prose into pieces must not change what a reader sees (modulo blank lines).
    const QString md = QStringLiteral(
        "Intro *x*.\n\n1. a\n\n2. b\n\n   b2\n\nText after.\n\n> quote\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\nEnd.");
    QString pieces;
    for (const RenderBlock& b : splitRenderBlocks(md)) pieces += shownText(proseToRichText(b.text)) + u'\n';
    auto squeeze = [](QString s) { return s.split(u'\n', Qt::SkipEmptyParts).join(u'\n'); };
    QCOMPARE(squeeze(pieces), squeeze(shownText(proseToRichText(md))));
  }

  void incrementalEqualsFullRenderAtRandomCuts() {
    // Seeds 4-6 draw the formulas as images (the chat view's style), 1-3 keep their source.
    const MathStyle drawn{18, 2, QColor(0x20, 0x20, 0x20)};
    for (quint32 seed = 1; seed <= 6; ++seed) {
      const RenderStyle style{QColor(0x00, 0x79, 0x6b), false, seed > 3 ? drawn : MathStyle{}};
      QRandomGenerator rng(seed);
      const QString reply = randomReply(rng, 14);
      StreamingRenderer r;
      r.setLinkColor(style.link);
      r.setMathPixelSize(style.math.pixelSize);
      r.setMathColor(style.math.colour);
      r.setDevicePixelRatio(style.math.devicePixelRatio);
      qsizetype at = 0;
      int step = 0;
      while (at < reply.size()) {
        const qsizetype n = 1 + rng.bounded(12);
        r.append(reply.mid(at, n));
        at += n;
        // Comparing every step would render the whole reply hundreds of times; every 7th step
        // and the end cover cuts inside fences, math, list markers and blank lines.
        if (++step % 7 == 0 || at >= reply.size()) {
          const auto full = renderAll(reply.left(at), false, style);
          QVERIFY2(r.rows() == full, qPrintable(QStringLiteral("seed %1, cut at %2").arg(seed).arg(at)));
        }
      }
      r.setFinished(true);
      QVERIFY(r.rows() == renderAll(reply, true, style));
    }
  }

  void closedRowsAreLeftAlone() {
    // The view keeps its delegates for closed pieces: no change signal reaches their rows.
    StreamingRenderer r;
    r.append(QStringLiteral("First paragraph.\n\nSecond"));
    QCOMPARE(r.count(), 2);
    QSignalSpy changed(&r, &QAbstractItemModel::dataChanged);
    QSignalSpy reset(&r, &QAbstractItemModel::modelReset);
    for (int i = 0; i < 20; ++i) r.append(QStringLiteral(" word"));
    QCOMPARE(reset.count(), 0);
    QVERIFY(changed.count() >= 20);
    for (const auto& args : changed) QCOMPARE(args.at(0).value<QModelIndex>().row(), 1);
    // setText with a longer text is the same incremental path (what the QML binding calls).
    r.setText(r.text() + QStringLiteral(" end"));
    QCOMPARE(reset.count(), 0);
    QVERIFY(shownText(r.rows()[1].html).endsWith(QStringLiteral("word end")));
  }

  void closedPythonBlockIsHighlighted() {
    QVERIFY2(CodeHighlighter::forThisThread().available(), qPrintable(CodeHighlighter::forThisThread().errorString()));
    StreamingRenderer r;
    r.append(QStringLiteral("Code:\n```python\ndef total(xs):\n    return sum(xs)  # all\n"));
    QCOMPARE(r.count(), 2);
    QVERIFY(r.rows()[1].highlighted.isEmpty());  // still open: plain, not highlighted per piece
    r.append(QStringLiteral("```\n"));
    const QString html = r.rows()[1].highlighted;
    const QString keyword = highlightColour(QStringLiteral("keyword"), false);
    QVERIFY2(html.contains(QStringLiteral("<span style=\"color:%1\">def</span>").arg(keyword)), qPrintable(html));
    QVERIFY2(html.contains(QStringLiteral("<span style=\"color:%1\">return</span>").arg(keyword)), qPrintable(html));
    QVERIFY2(html.contains(highlightColour(QStringLiteral("comment"), false)), qPrintable(html));
    // The code itself is unchanged, and the highlighted text shows exactly the code.
    QCOMPARE(r.rows()[1].code, QStringLiteral("def total(xs):\n    return sum(xs)  # all"));
    QCOMPARE(shownText(html), r.rows()[1].code);
    // Dark theme: the dark palette.
    r.setDark(true);
    QVERIFY(r.rows()[1].highlighted.contains(highlightColour(QStringLiteral("keyword"), true)));
  }

  void finishedReplyHighlightsItsCode() {
    // A stored reply (what opening a conversation shows): text first, then finished.
    StreamingRenderer r;
    r.setText(QStringLiteral(
        "Sort:\n\n```cpp\n#include <vector>\n\nstruct Runner {\n    double seconds;\n};\n```\n\nA few things."));
    r.setFinished(true);
    QCOMPARE(r.count(), 3);
    QVERIFY2(r.rows()[1].highlighted.contains(highlightColour(QStringLiteral("keyword"), false)),
             qPrintable(r.rows()[1].highlighted));
  }

  void highlightsWhenBoundFromQml() {
    // The view sets the text from a QML binding, inside the QML engine's own JavaScript: the
    // highlighter's separate engine must work from there too.
    qmlRegisterType<StreamingRenderer>("Veloce", 1, 0, "StreamingRenderer");
    QQmlEngine engine;
    QQmlComponent component(&engine);
    component.setData(
        "import QtQuick\nimport Veloce 1.0\nStreamingRenderer { text: 'Code:\\n```python\\ndef f():\\n    return "
        "1\\n```\\nEnd'; finished: true }",
        QUrl());
    std::unique_ptr<QObject> object(component.create());
    QVERIFY2(object, qPrintable(component.errorString()));
    auto* r = qobject_cast<StreamingRenderer*>(object.get());
    QVERIFY(r);
    QCOMPARE(r->count(), 3);
    QVERIFY2(r->rows()[1].highlighted.contains(QStringLiteral(">def</span>")),
             qPrintable(r->rows()[1].highlighted + CodeHighlighter::forThisThread().errorString()));
  }

  void languagesPhi4WritesAreHighlighted() {
    const QList<QPair<QString, QString>> samples = {
        {QStringLiteral("python"), QStringLiteral("import os\nfor x in range(3): pass")},
        {QStringLiteral("javascript"), QStringLiteral("const x = function() { return 1; };")},
        {QStringLiteral("js"), QStringLiteral("let y = 2;")},
        {QStringLiteral("typescript"), QStringLiteral("interface A { x: number }")},
        {QStringLiteral("c"), QStringLiteral("#include <stdio.h>\nint main(void) { return 0; }")},
        {QStringLiteral("cpp"), QStringLiteral("#include <vector>\nint main() { std::vector<int> v; }")},
        {QStringLiteral("java"), QStringLiteral("public class A { static void m() {} }")},
        {QStringLiteral("bash"), QStringLiteral("if [ -f x ]; then echo hi; fi")},
        {QStringLiteral("sh"), QStringLiteral("for f in *; do echo $f; done")},
        {QStringLiteral("sql"), QStringLiteral("SELECT a FROM t WHERE b = 1;")},
        {QStringLiteral("json"), QStringLiteral("{\"a\": 1, \"b\": true}")},
        {QStringLiteral("html"), QStringLiteral("<div class=\"x\">hi</div>")},
        {QStringLiteral("rust"), QStringLiteral("fn main() { let x: i32 = 5; }")},
        {QStringLiteral("go"), QStringLiteral("package main\nfunc main() { var x int }")},
    };
    for (const auto& [language, code] : samples) {
      const QString html = CodeHighlighter::forThisThread().toHtml(code, language, false);
      QVERIFY2(html.contains(QStringLiteral("<span style=\"color:")), qPrintable(language + QStringLiteral(": ") + html));
      QCOMPARE(shownText(html), code);
    }
    // Unknown language: no highlighting (plain code is shown).
    QVERIFY(CodeHighlighter::forThisThread().toHtml(QStringLiteral("x"), QStringLiteral("nolang"), false).isEmpty());
  }

  void quotesAndInlineCodeAreMarked() {
    QTextDocument doc;
    doc.setHtml(proseToRichText(QStringLiteral("> quoted words\n\nuse `ls -l` now")));
    QVERIFY2(doc.toPlainText().startsWith(QStringLiteral("\u258E quoted words")), qPrintable(doc.toPlainText()));
    bool tinted = false;
    for (QTextBlock b = doc.begin(); b.isValid(); b = b.next()) {
      for (auto it = b.begin(); !it.atEnd(); ++it) {
        if (it.fragment().text() == QStringLiteral("ls -l"))
          tinted = it.fragment().charFormat().background().style() != Qt::NoBrush;
      }
    }
    QVERIFY(tinted);
  }

  void displayMathOnItsOwnLinesInsideAParagraphIsAMathPiece() {
    // How models write it: single newlines around the $$...$$. The HTML export shows it displayed
    // (MathML display="block"); the chat view drew it inline, in a line as tall as the integral.
    const QString md = QStringLiteral("so\n$$\\int_0^1 x\\,dx$$\nwhich is a half.\n\nNext.");
    const auto blocks = splitRenderBlocks(md);
    QCOMPARE(blocks.size(), size_t{4});
    QCOMPARE(blocks[0].kind, RenderBlock::Kind::Prose);
    QCOMPARE(blocks[0].text, QStringLiteral("so"));
    QCOMPARE(blocks[1].kind, RenderBlock::Kind::Math);
    QCOMPARE(blocks[1].text, QStringLiteral("$$\\int_0^1 x\\,dx$$"));
    QCOMPARE(blocks[1].start, md.indexOf(u'$'));
    QCOMPARE(blocks[2].kind, RenderBlock::Kind::Prose);
    QCOMPARE(blocks[2].text, QStringLiteral("which is a half."));
    QCOMPARE(blocks[2].start, md.indexOf(QStringLiteral("which")));
    for (size_t i = 0; i < 3; ++i) QVERIFY(blocks[i].closed);  // the paragraph is over
    QVERIFY(!blocks[3].closed);

    // What the view gets: a displayed formula's row between two prose rows, laid out.
    StreamingRenderer r;
    r.setText(md);
    QCOMPARE(r.count(), 4);
    QCOMPARE(r.rows()[0].kind, QStringLiteral("prose"));
    QCOMPARE(r.rows()[1].kind, QStringLiteral("math"));
    QCOMPARE(r.rows()[1].tex, QStringLiteral("\\int_0^1 x\\,dx"));
    QVERIFY2(r.rows()[1].mathError.isEmpty(), qPrintable(r.rows()[1].mathError));
    QCOMPARE(r.rows()[2].kind, QStringLiteral("prose"));

    // \[...\] too, with white space beside it, and while the paragraph is still streaming.
    const auto open = splitRenderBlocks(QStringLiteral("Then\n  \\[ x^2 \\] \nso"));
    QCOMPARE(open.size(), size_t{3});
    QCOMPARE(open[1].kind, RenderBlock::Kind::Math);
    QCOMPARE(open[1].text, QStringLiteral("  \\[ x^2 \\] "));
    for (const RenderBlock& b : open) QVERIFY(!b.closed);  // the paragraph may go on

    // A formula in a list item stays where it is (cutting there would break the list apart).
    const auto item = splitRenderBlocks(QStringLiteral("1. so\n   $$x$$\n   which"));
    QCOMPARE(item.size(), size_t{1});
    QCOMPARE(item[0].kind, RenderBlock::Kind::Prose);
  }

  // $$...$$ is always displayed (pandoc's rule; the HTML and PDF exports show it as a block),
  // also in the middle of a sentence: the chat view drew it inline there.
  void displayMathInTheMiddleOfASentenceIsAMathPieceOfItsOwn() {
    const QString md = QStringLiteral("so $$x^2$$ holds, and\nthen \\[y\\]    more.\n\nNext.");
    const auto blocks = splitRenderBlocks(md);
    QCOMPARE(blocks.size(), size_t{6});
    const QStringList texts = {QStringLiteral("so"),      QStringLiteral("$$x^2$$"), QStringLiteral("holds, and\nthen"),
                               QStringLiteral("\\[y\\]"), QStringLiteral("more."),   QStringLiteral("Next.")};
    for (size_t i = 0; i < blocks.size(); ++i) {
      QCOMPARE(blocks[i].text, texts[static_cast<qsizetype>(i)]);
      // Each piece's offset is where its text is in the whole (the white space at a cut dropped).
      QCOMPARE(md.mid(blocks[i].start, blocks[i].text.size()), blocks[i].text);
      QCOMPARE(blocks[i].kind, i == 1 || i == 3 ? RenderBlock::Kind::Math : RenderBlock::Kind::Prose);
      QCOMPARE(blocks[i].closed, i < 5);
    }
    // A formula at the start of its line, with text after it, and one at the end of a line.
    const auto edges = splitRenderBlocks(QStringLiteral("$$a$$ then\nso $$b$$"));
    QCOMPARE(edges.size(), size_t{3});
    QCOMPARE(edges[0].text, QStringLiteral("$$a$$"));
    QCOMPARE(edges[1].text, QStringLiteral("then\nso"));
    QCOMPARE(edges[2].text, QStringLiteral("$$b$$"));
    // Inline math ($x$) stays in its line; text after a formula that would read as a list item
    // on a line of its own keeps the formula in its line.
    QCOMPARE(splitRenderBlocks(QStringLiteral("so $x$ which")).size(), size_t{1});
    QCOMPARE(splitRenderBlocks(QStringLiteral("so $$x$$ - 1 which")).size(), size_t{1});

    // What the view gets: the formula as a displayed formula's row between two prose rows.
    StreamingRenderer r;
    r.setText(QStringLiteral("so $$x^2$$ holds"));
    QCOMPARE(r.count(), 3);
    QCOMPARE(r.rows()[1].kind, QStringLiteral("math"));
    QCOMPARE(r.rows()[1].tex, QStringLiteral("x^2"));
    QCOMPARE(shownText(r.rows()[0].html).trimmed(), QStringLiteral("so"));
    QCOMPARE(shownText(r.rows()[2].html).trimmed(), QStringLiteral("holds"));
  }

  void aFormulaNestedTooDeeplyIsShownAsItsSource() {
    // \sqrt chained 25,000 times without braces overflowed the math parser's stack.
    QString chain;
    for (int i = 0; i < 25000; ++i) chain += QStringLiteral("\\sqrt");
    chain += u'2';
    StreamingRenderer r;
    r.setText(QStringLiteral("Before.\n\n$$") + chain + QStringLiteral("$$\n\nAfter."));
    QCOMPARE(r.count(), 3);
    QCOMPARE(r.rows()[1].kind, QStringLiteral("math"));
    QCOMPARE(r.rows()[1].mathError, QStringLiteral("formula nested too deeply (more than 120 levels)"));
  }

  void mathPieceKeepsItsTex() {
    StreamingRenderer r;
    r.setText(QStringLiteral("Before.\n\n\\[ \\frac{1}{2}\\,x \\]\n\nAfter."));
    QCOMPARE(r.count(), 3);
    QCOMPARE(r.rows()[1].kind, QStringLiteral("math"));
    QCOMPARE(r.rows()[1].tex, QStringLiteral(" \\frac{1}{2}\\,x "));
    QCOMPARE(shownText(r.rows()[1].html), QStringLiteral("\\[ \\frac{1}{2}\\,x \\]"));

    // A bare environment on its own is a displayed formula too.
    r.setText(QStringLiteral("Before.\n\n\\begin{align} x &= 1 \\\\ y &= 2 \\end{align}\n\nAfter."));
    QCOMPARE(r.count(), 3);
    QCOMPARE(r.rows()[1].kind, QStringLiteral("math"));
    QCOMPARE(r.rows()[1].tex, QStringLiteral("\\begin{align} x &= 1 \\\\ y &= 2 \\end{align}"));
    QVERIFY2(r.rows()[1].mathError.isEmpty(), qPrintable(r.rows()[1].mathError));  // it lays out
  }
};

QTEST_MAIN(TestStreamingRenderer)
#include "test_streaming_renderer.moc"
