// HTML (and so PDF) exports show replies formatted as in the chat, not as raw Markdown:
// headings, lists, tables, block quotes, inline code and code blocks in monospace under their
// language, with the chat's rules for untrusted Markdown (raw HTML stays text, no image is ever
// loaded, links are not clickable). Dates are in the reader's locale and time zone, and each
// reply carries its own stored figures.
#include <QLocale>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

#include "app/export/exporter.h"
#include "app/export/html_markdown.h"
#include "app/models/math_spans.h"
#include "app/storage/conversation_store.h"

using namespace veloce::storage;
using namespace veloce::exporting;

namespace {

const QString kReply = QStringLiteral(
    "### Snail count\n\n"
    "Some **bold** and `inline_code` here.\n\n"
    "- first item\n- second item\n\n"
    "| Animal | Legs |\n|---|---|\n| snail | 0 |\n\n"
    "> a quoted line\n\n"
    "```python\nprint(\"<b>hi</b>\")\n```\n\n"
    "Raw <img src=http://127.0.0.1:9/x.png> and ![pic](http://127.0.0.1:9/y.png) and "
    "[a link](https://example.org/page).\n");

struct Parsed {
  QStringList elements;
  QStringList attributes;  // "name=value"
  QString text;            // all text nodes
  QString error;
};

Parsed parse(const QString& xml) {
  Parsed p;
  QXmlStreamReader r(xml);
  while (!r.atEnd()) {
    r.readNext();
    if (r.isStartElement()) {
      p.elements << r.name().toString().toLower();
      for (const auto& a : r.attributes()) p.attributes << a.name().toString() + u'=' + a.value().toString();
    } else if (r.isCharacters()) {
      p.text += r.text();
    }
  }
  if (r.hasError()) p.error = r.errorString();
  return p;
}

}  // namespace

class HtmlMarkdownTest : public QObject {
  Q_OBJECT
 private slots:
  void replyMarkdownIsRendered() {
    const QString html = markdown_to_export_html(kReply);
    const Parsed p = parse(QStringLiteral("<div>") + html + QStringLiteral("</div>"));
    QVERIFY2(p.error.isEmpty(), qPrintable(p.error + u'\n' + html));
    QVERIFY2(p.elements.contains(QStringLiteral("h3")), qPrintable(html));
    QVERIFY(p.elements.contains(QStringLiteral("li")));
    QVERIFY(p.elements.contains(QStringLiteral("table")));
    QVERIFY(p.elements.contains(QStringLiteral("pre")));
    // No Markdown syntax left as text.
    for (const char* mark : {"###", "**", "| Animal", "```", "- first"})
      QVERIFY2(!p.text.contains(QLatin1String(mark)), mark);
    QVERIFY(p.text.contains(QStringLiteral("Snail count")));
    QVERIFY(p.text.contains(QStringLiteral("\u258E a quoted line")));  // the quote's bar, as in the chat
    // Code: monospace, the language shown above it, the code verbatim (escaped, not markup).
    QVERIFY(p.text.contains(QStringLiteral("python\nprint(\"<b>hi</b>\")")));
    QVERIFY(!html.contains(QStringLiteral("<b>hi</b>")));
    bool monospacedInline = false, monospacedBlock = false;
    for (const QString& a : p.attributes) {
      if (a.startsWith(QStringLiteral("style=")) && a.contains(QStringLiteral("monospace"))) {
        if (a.contains(QStringLiteral("white-space: pre-wrap"))) monospacedBlock = true;
        else monospacedInline = true;
      }
    }
    QVERIFY2(monospacedInline && monospacedBlock, qPrintable(p.attributes.join(u'\n')));
    // Untrusted: the raw tag is text, the image is a placeholder, the link is its address.
    QVERIFY(p.text.contains(QStringLiteral("<img src=http://127.0.0.1:9/x.png>")));
    for (const char* forbidden : {"img", "a", "script", "style", "link", "iframe"})
      QVERIFY2(!p.elements.contains(QLatin1String(forbidden)), forbidden);
    for (const QString& a : p.attributes)
      QVERIFY2(!a.startsWith(QStringLiteral("src=")) && !a.startsWith(QStringLiteral("href=")), qPrintable(a));
    QVERIFY(p.text.contains(QStringLiteral("a link (https://example.org/page)")));
    QVERIFY(p.text.contains(QStringLiteral("[image not loaded: http://127.0.0.1:9/y.png]")));
  }

  void formulasBecomeMathMLWithTheirExactSource() {
    const QString reply = QStringLiteral(
        "So $\\frac{5!}{2!} = 60$ orders, at $5 and $10 each.\n\nIn code, `$x$` stays code.\n\n"
        "\\[ \\sum_{k=1}^{n} k = \\frac{n(n+1)}{2} \\]\n\n"
        "A *bad* one: $\\frac{a$ and $x_*y*$ stays math.\n");
    const QString html = markdown_to_export_html(reply);
    const Parsed p = parse(QStringLiteral("<div>") + html + QStringLiteral("</div>"));
    QVERIFY2(p.error.isEmpty(), qPrintable(p.error + u'\n' + html));
    QCOMPARE(p.elements.count(QStringLiteral("math")), 4);
    QCOMPARE(p.elements.count(QStringLiteral("annotation")), 4);
    QVERIFY(p.elements.contains(QStringLiteral("mfrac")));
    QVERIFY(p.elements.contains(QStringLiteral("munderover")));  // the displayed sum's limits
    QCOMPARE(p.attributes.count(QStringLiteral("display=block")), 1);
    QCOMPARE(p.attributes.count(QStringLiteral("display=inline")), 3);
    QVERIFY(p.attributes.contains(QStringLiteral("encoding=application/x-tex")));
    // The annotations hold the TeX exactly as written; Markdown touched none of it.
    for (const char* tex : {"\\frac{5!}{2!} = 60", " \\sum_{k=1}^{n} k = \\frac{n(n+1)}{2} ", "x_*y*"})
      QVERIFY2(p.text.contains(QString::fromUtf8(tex)), tex);
    // Prices stay text, code stays code, and a formula that does not parse is an <merror> with
    // its source.
    QVERIFY(p.text.contains(QStringLiteral("at $5 and $10 each")));
    QVERIFY(p.text.contains(QStringLiteral("$x$")));
    QVERIFY(p.elements.contains(QStringLiteral("merror")));
    QVERIFY(p.text.contains(QStringLiteral("\\frac{a")));
    QVERIFY(!html.contains(QChar(0xE000)));  // no placeholder left behind

    // For the PDF: placeholders numbered on from those already collected, and the sources.
    QStringList sources{QStringLiteral("$y$")};
    const QString marked = markdown_to_export_html(reply, &sources);
    QCOMPARE(sources.size(), 5);
    QCOMPARE(sources[1], QStringLiteral("$\\frac{5!}{2!} = 60$"));
    QCOMPARE(sources[2], QStringLiteral("\\[ \\sum_{k=1}^{n} k = \\frac{n(n+1)}{2} \\]"));
    for (int k = 1; k < 5; ++k) QVERIFY2(marked.contains(veloce::app::mathPlaceholder(k)), qPrintable(marked));
    QVERIFY(!marked.contains(veloce::app::mathPlaceholder(0)));
    QVERIFY(!marked.contains(QStringLiteral("<math")));
  }

  void aFormulaNestedTooDeeplyIsExportedAsItsSourceNotACrash() {
    // The red team's reply: \sqrt chained 25,000 times without braces, which overflowed the math
    // parser's stack in both exports (HTML through MathML, PDF through the layout).
    QString chain;
    for (int i = 0; i < 25000; ++i) chain += QStringLiteral("\\sqrt");
    chain += u'2';
    const QString reply = QStringLiteral("Deep: $$") + chain + QStringLiteral("$$ and $x$ after.\n");
    QTemporaryDir dir;
    ConversationStore store(dir.filePath(QStringLiteral("c.sqlite")));
    const auto c = store.create_conversation({QStringLiteral("Deep"), {}, {}, {}, {}});
    const auto q = store.append_message(c.id, 0, Role::User, QStringLiteral("Nest it"));
    const auto a = store.append_message(c.id, q.id, Role::Assistant, {}, MessageState::Streaming);
    store.finish_message(a.id, reply, MessageState::Complete);
    const auto loaded = load_for_export(store, c.id);

    const QString html = QString::fromUtf8(render(loaded, ExportFormat::Html));
    const Parsed p = parse(html);
    QVERIFY2(p.error.isEmpty(), qPrintable(p.error));
    // The deep formula is an <merror> holding its source; the one after it is still MathML.
    QVERIFY(p.elements.contains(QStringLiteral("merror")));
    QVERIFY(p.text.contains(chain));
    QVERIFY(p.text.contains(QStringLiteral("after.")));
    QCOMPARE(p.elements.count(QStringLiteral("math")), 2);

    const QByteArray pdf = render(loaded, ExportFormat::Pdf);
    QVERIFY(pdf.startsWith("%PDF-"));
    QVERIFY(pdf.trimmed().endsWith("%%EOF"));
  }

  void exportShowsLocalDatesAndEachReplysFigures() {
    QTemporaryDir dir;
    ConversationStore store(dir.filePath(QStringLiteral("c.sqlite")));
    const auto c = store.create_conversation({QStringLiteral("Figures"), {}, {}, {}, {}});
    const auto q = store.append_message(c.id, 0, Role::User, QStringLiteral("Count **snails**"));
    const auto a = store.append_message(c.id, q.id, Role::Assistant, {}, MessageState::Streaming);
    store.finish_message(a.id, kReply, MessageState::Stopped, {17, 12, 40.5, 25.0});
    const auto loaded = load_for_export(store, c.id);
    const QString html = QString::fromUtf8(render(loaded, ExportFormat::Html));
    const Parsed p = parse(html);
    QVERIFY2(p.error.isEmpty(), qPrintable(p.error));
    const QLocale locale;
    QVERIFY2(p.text.contains(QStringLiteral("12 tokens")), qPrintable(p.text));
    QVERIFY(p.text.contains(locale.toString(25.0, 'f', 1) + QStringLiteral(" tokens/s")));
    QVERIFY(p.text.contains(QStringLiteral("first token after 41 ms")) ||
            p.text.contains(QStringLiteral("first token after 40 ms")));
    QVERIFY(p.text.contains(QStringLiteral("stopped by the user")));
    const auto message = store.message(a.id);
    QVERIFY(message);
    QVERIFY(p.text.contains(locale.toString(message->created_at.toLocalTime(), QLocale::LongFormat)));
    QVERIFY(!p.text.contains(message->created_at.toUTC().toString(Qt::ISODateWithMs)));
    // What the user typed stays as typed.
    QVERIFY(p.text.contains(QStringLiteral("Count **snails**")));
    QVERIFY(p.elements.contains(QStringLiteral("h3")));
  }
};

QTEST_MAIN(HtmlMarkdownTest)
#include "html_markdown_test.moc"
