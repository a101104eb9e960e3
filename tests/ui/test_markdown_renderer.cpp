// MarkdownRenderer: model output is untrusted, so the rich text it produces must hold no markup
// from the input, no image, and code blocks must come out verbatim.
#include <QTest>
#include <QTextBlock>
#include <QTextDocument>
#include <QTextList>

#include "app/models/markdown_renderer.h"

using veloce::app::MarkdownBlock;
using veloce::app::MarkdownRenderer;
using veloce::app::proseToRichText;
using veloce::app::splitMarkdown;

class TestMarkdownRenderer : public QObject {
  Q_OBJECT
 private slots:
  void splitsProseAndFencedCode() {
    const auto blocks = splitMarkdown(
        QStringLiteral("Intro **bold**\n\n```cpp title\nint main() {\n  return 0;\n}\n```\nAfter\n~~~\nplain\n~~~~\n"));
    QCOMPARE(blocks.size(), size_t{4});
    QCOMPARE(blocks[0].kind, MarkdownBlock::Kind::Prose);
    QCOMPARE(blocks[0].text, QStringLiteral("Intro **bold**\n"));
    QCOMPARE(blocks[1].kind, MarkdownBlock::Kind::Code);
    QCOMPARE(blocks[1].language, QStringLiteral("cpp"));
    QCOMPARE(blocks[1].text, QStringLiteral("int main() {\n  return 0;\n}"));
    QCOMPARE(blocks[2].text, QStringLiteral("After"));
    // A longer closing fence of the same character closes it (CommonMark).
    QCOMPARE(blocks[3].kind, MarkdownBlock::Kind::Code);
    QCOMPARE(blocks[3].text, QStringLiteral("plain"));
  }

  void unclosedFenceRunsToTheEnd() {
    // What a reply looks like while it is still streaming.
    const auto blocks = splitMarkdown(QStringLiteral("Here:\n```python\nprint(1)\nprint("));
    QCOMPARE(blocks.size(), size_t{2});
    QCOMPARE(blocks[1].kind, MarkdownBlock::Kind::Code);
    QCOMPARE(blocks[1].text, QStringLiteral("print(1)\nprint("));
  }

  void fenceMarkersThatAreNotFences() {
    // Inline code with backticks, a fence indented by four spaces, and a tilde fence closed by
    // backticks are not fences.
    const auto blocks = splitMarkdown(QStringLiteral("use ``` `x` ``` inline\n    ```\nnot code\n~~~\na\n```\nb"));
    QCOMPARE(blocks.size(), size_t{2});
    QCOMPARE(blocks[0].kind, MarkdownBlock::Kind::Prose);
    QCOMPARE(blocks[1].kind, MarkdownBlock::Kind::Code);
    QCOMPARE(blocks[1].text, QStringLiteral("a\n```\nb"));
  }

  // A numbered list that starts at 3 (after a bullet list, as models write a continued count)
  // shows 3. and 4., not 1. and 2.; a "3." that is no list item is left as the text it was.
  void aNumberedListKeepsTheNumberItStartsAt() {
    QTextDocument shown;
    shown.setHtml(proseToRichText(QStringLiteral("- bullet\n- list\n\n3. numbered\n4. next\n\nPlain text\n7. goes on\n")));
    QStringList lines;
    for (QTextBlock b = shown.begin(); b.isValid(); b = b.next())
      lines << (b.textList() ? b.textList()->itemText(b) + u' ' : QString()) + b.text();
    const QString seen = lines.join(u'|');
    QVERIFY2(lines.contains(QStringLiteral("3. numbered")), qPrintable(seen));
    QVERIFY2(lines.contains(QStringLiteral("4. next")), qPrintable(seen));
    QVERIFY2(seen.contains(QStringLiteral("Plain text")) && seen.contains(QStringLiteral("7. goes on")), qPrintable(seen));
    QVERIFY2(!seen.contains(QChar(0xE010)) && !seen.contains(QChar(0xE011)), qPrintable(seen));
    // A list from 1 is still Qt's own numbered list.
    shown.setHtml(proseToRichText(QStringLiteral("1. one\n2. two\n")));
    QVERIFY(shown.begin().textList());
    QCOMPARE(shown.begin().textList()->itemText(shown.begin()), QStringLiteral("1."));
    QCOMPARE(shown.begin().text(), QStringLiteral("one"));
  }

  void rawHtmlStaysText() {
    const QString html = proseToRichText(QStringLiteral(
        "Hi <script>alert(1)</script> <b onclick=\"x()\">bold</b>\n\n<div style=\"position:fixed\">block</div>"));
    QVERIFY(!html.contains(QStringLiteral("<script"), Qt::CaseInsensitive));
    QVERIFY(!html.contains(QStringLiteral("<b onclick"), Qt::CaseInsensitive));
    QVERIFY(!html.contains(QStringLiteral("<div style=\"position"), Qt::CaseInsensitive));
    // The text the model wrote is still there, visibly, as text.
    QTextDocument shown;
    shown.setHtml(html);
    const QString text = shown.toPlainText();
    QVERIFY2(text.contains(QStringLiteral("<script>alert(1)</script>")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("<div style=\"position:fixed\">block</div>")), qPrintable(text));
  }

  void imagesAreNeverLoaded() {
    const QString html =
        proseToRichText(QStringLiteral("Look: ![pixel](http://127.0.0.1:9/track.png) and ![local](file:///etc/passwd) "
                                       "and <img src=\"http://127.0.0.1:9/raw.png\">"));
    QVERIFY2(!html.contains(QStringLiteral("<img"), Qt::CaseInsensitive), qPrintable(html));
    QTextDocument shown;
    shown.setHtml(html);
    const QString text = shown.toPlainText();
    QVERIFY2(text.contains(QStringLiteral("[image not loaded: http://127.0.0.1:9/track.png]")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("[image not loaded: file:///etc/passwd]")), qPrintable(text));
  }

  void markdownFormattingSurvives() {
    const QString html = proseToRichText(QStringLiteral(
        "# Title\n\n**bold** *it* `code` [site](https://example.org/a?b=1)\n\n| a | b |\n|---|---|\n| 1 | 2 |\n"));
    QVERIFY(html.contains(QStringLiteral("font-weight:700")) || html.contains(QStringLiteral("font-weight:600")));
    QVERIFY(html.contains(QStringLiteral("href=\"https://example.org/a?b=1\"")));
    QVERIFY(html.contains(QStringLiteral("<table")));
    QVERIFY(html.contains(QStringLiteral("border-collapse:collapse")));
    // The document font is dropped so the view's font size applies.
    QVERIFY(html.contains(QStringLiteral("<body>")));
  }

  void linksTakeTheThemeColour() {
    // Dark theme: the link must come out in the colour asked for, not Qt's default #0000ff.
    const QString md = QStringLiteral("See [the docs](https://example.org/) and *more*.");
    QTextDocument shown;
    shown.setHtml(proseToRichText(md, QColor(0x90, 0xca, 0xf9)));
    bool sawLink = false;
    for (QTextBlock b = shown.begin(); b.isValid(); b = b.next()) {
      for (auto it = b.begin(); !it.atEnd(); ++it) {
        const QTextCharFormat f = it.fragment().charFormat();
        if (f.isAnchor()) {
          sawLink = true;
          QCOMPARE(f.foreground().color(), QColor(0x90, 0xca, 0xf9));
          QCOMPARE(it.fragment().text(), QStringLiteral("the docs"));
        } else {
          QVERIFY(f.foreground().color() != QColor(0x90, 0xca, 0xf9));  // only the link
        }
      }
    }
    QVERIFY(sawLink);
    // Without a colour the renderer leaves Qt's own choice.
    QVERIFY(!proseToRichText(md).contains(QStringLiteral("#90caf9")));
  }

  void rendererListsBlocksForQml() {
    MarkdownRenderer renderer;
    const QVariantList blocks = renderer.blocks(QStringLiteral("a <i>x</i>\n```\n<b>raw</b>\n```"));
    QCOMPARE(blocks.size(), 2);
    const QVariantMap prose = blocks[0].toMap();
    const QVariantMap code = blocks[1].toMap();
    QCOMPARE(prose.value(QStringLiteral("kind")).toString(), QStringLiteral("prose"));
    QVERIFY(prose.value(QStringLiteral("html")).toString().contains(QStringLiteral("&lt;i&gt;x&lt;/i&gt;")));
    QCOMPARE(code.value(QStringLiteral("kind")).toString(), QStringLiteral("code"));
    // Code is handed over verbatim; the view shows it as plain text.
    QCOMPARE(code.value(QStringLiteral("code")).toString(), QStringLiteral("<b>raw</b>"));
  }
};

QTEST_MAIN(TestMarkdownRenderer)
#include "test_markdown_renderer.moc"
