// The standalone HTML export is semantic HTML: a reply's Markdown heading is an <h2>, **x** a
// <strong>, a quote a <blockquote>, a table a <table>, lists <ul>/<ol>, code <code> and <pre>,
// so a browser's outline, a screen reader and a paste into another editor keep the structure.
// The look is one stylesheet in <head>: no element styles itself (MathML aside), nothing loads.
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

#include "app/export/exporter.h"
#include "app/export/semantic_html.h"
#include "app/storage/conversation_store.h"

using namespace veloce::storage;
using namespace veloce::exporting;

namespace {

const QString kReply = QStringLiteral(
    "## Snail count\n\n"
    "Some **bold**, *slanted* and `inline_code` here, $x^2$ too.\n\n"
    "- first item\n- second item\n  - nested item\n\n"
    "1. one\n2. two\n\n"
    "| Animal | Legs |\n|---|---|\n| snail | 0 |\n\n"
    "> a quoted line\n\n"
    "```python\nprint(\"<b>hi</b>\")\n```\n\n"
    "    indented code\n    line two\n\n"
    "Raw <img src=http://127.0.0.1:9/x.png> and ![pic](http://127.0.0.1:9/y.png) and "
    "[a link](https://example.org/page).\n");

// Every element of a parsed document: its path from the root ("div/ul/li/ul/li") and all the
// text inside it.
struct Element {
  QString path;
  QString name;
  QString text;
  QStringList attributes;  // "name=value"
};

struct Parsed {
  std::vector<Element> elements;
  QString error;
  // The texts of the elements whose path ends with `suffix` ("blockquote/p").
  QStringList texts(const QString& suffix) const {
    QStringList out;
    for (const Element& e : elements)
      if (e.path == suffix || e.path.endsWith(u'/' + suffix)) out << e.text;
    return out;
  }
};

Parsed parse(const QString& xml) {
  Parsed p;
  QXmlStreamReader r(xml);
  QStringList stack;
  std::vector<std::pair<qsizetype, QStringList>> open;  // text start, attributes
  QString text;
  while (!r.atEnd()) {
    r.readNext();
    if (r.isStartElement()) {
      stack << r.name().toString().toLower();
      QStringList attributes;
      for (const auto& a : r.attributes()) attributes << a.name().toString() + u'=' + a.value().toString();
      open.push_back({text.size(), attributes});
    } else if (r.isEndElement()) {
      p.elements.push_back({stack.join(u'/'), stack.last(), text.mid(open.back().first), open.back().second});
      stack.removeLast();
      open.pop_back();
    } else if (r.isCharacters()) {
      text += r.text();
    }
  }
  if (r.hasError()) p.error = r.errorString();
  return p;
}

}  // namespace

class SemanticHtmlTest : public QObject {
  Q_OBJECT
 private slots:
  void replyMarkdownBecomesItsHtmlElements() {
    const QString html = markdown_to_semantic_html(kReply);
    const Parsed p = parse(QStringLiteral("<div>") + html + QStringLiteral("</div>"));
    QVERIFY2(p.error.isEmpty(), qPrintable(p.error + u'\n' + html));
    QCOMPARE(p.texts(QStringLiteral("div/h2")), QStringList{QStringLiteral("Snail count")});
    QCOMPARE(p.texts(QStringLiteral("p/strong")), QStringList{QStringLiteral("bold")});
    QCOMPARE(p.texts(QStringLiteral("p/em")), QStringList{QStringLiteral("slanted")});
    QCOMPARE(p.texts(QStringLiteral("p/code")), QStringList{QStringLiteral("inline_code")});
    QCOMPARE(p.texts(QStringLiteral("div/ul/li")).size(), 2);
    QVERIFY(p.texts(QStringLiteral("div/ul/li")).first().startsWith(QStringLiteral("first item")));
    QCOMPARE(p.texts(QStringLiteral("div/ul/li/ul/li")), QStringList{QStringLiteral("nested item")});
    QCOMPARE(p.texts(QStringLiteral("div/ol/li")), (QStringList{QStringLiteral("one"), QStringLiteral("two")}));
    QCOMPARE(p.texts(QStringLiteral("table/tr/th")), (QStringList{QStringLiteral("Animal"), QStringLiteral("Legs")}));
    QVERIFY(p.texts(QStringLiteral("th/strong")).isEmpty());  // a header cell is bold by being one
    QCOMPARE(p.texts(QStringLiteral("table/tr/td")), (QStringList{QStringLiteral("snail"), QStringLiteral("0")}));
    QCOMPARE(p.texts(QStringLiteral("div/blockquote/p")), QStringList{QStringLiteral("a quoted line")});
    // Code: verbatim (escaped, not markup), under its language.
    QCOMPARE(p.texts(QStringLiteral("pre/code")),
             (QStringList{QStringLiteral("print(\"<b>hi</b>\")"), QStringLiteral("indented code\nline two")}));
    QCOMPARE(p.texts(QStringLiteral("figure/figcaption")), QStringList{QStringLiteral("python")});
    // The formula is MathML, its TeX kept.
    QCOMPARE(p.texts(QStringLiteral("p/math/semantics/annotation")), QStringList{QStringLiteral("x^2")});
    // Untrusted: the raw tag is text, the image a placeholder, the link its text and address.
    const QString last = p.texts(QStringLiteral("div/p")).last();
    QVERIFY2(last.contains(QStringLiteral("Raw <img src=http://127.0.0.1:9/x.png> and")), qPrintable(last));
    QVERIFY2(last.contains(QStringLiteral("[image not loaded: http://127.0.0.1:9/y.png]")), qPrintable(last));
    QVERIFY2(last.contains(QStringLiteral("a link (https://example.org/page)")), qPrintable(last));
    for (const Element& e : p.elements) {
      for (const char* forbidden : {"img", "a", "script", "style", "link", "iframe", "span"})
        QVERIFY2(e.name != QLatin1String(forbidden) ||
                     (e.name == QLatin1String("span") && e.attributes == QStringList{QStringLiteral("class=address")}),
                 qPrintable(e.path));
      // Structure, not looks: only the formulas carry a style of their own.
      for (const QString& a : e.attributes)
        QVERIFY2(!a.startsWith(QStringLiteral("style=")) || e.name == QLatin1String("math"), qPrintable(e.path + u' ' + a));
    }
    for (const char* mark : {"##", "**", "| Animal", "```", "- first", "> a quoted"})
      QVERIFY2(!html.contains(QLatin1String(mark)), qPrintable(QLatin1String(mark) + u'\n' + html));
  }

  // Structures inside one another (a list in a quote, a quote in a list, code in a quote, a
  // table after a quote) and markup-like text still make well-formed XML with nothing active.
  // A numbered list that starts at 3 is an <ol start="3"> (a browser numbers it 3., 4.); one
  // from 1 has no start.
  void aNumberedListKeepsItsStartNumber() {
    const QString html = markdown_to_semantic_html(QStringLiteral("- bullet\n- list\n\n3. numbered\n4. next\n"));
    QVERIFY2(html.contains(QStringLiteral("<ol start=\"3\"><li>numbered</li>\n<li>next")), qPrintable(html));
    const QString fromOne = markdown_to_semantic_html(QStringLiteral("1. one\n2. two\n"));
    QVERIFY2(fromOne.contains(QStringLiteral("<ol><li>one</li>")), qPrintable(fromOne));
    QVERIFY2(!html.contains(QChar(0xE010)), qPrintable(html));
  }

  void nestedStructuresStayWellFormed() {
    const QStringList replies = {
        QStringLiteral("> - quoted item\n>   - deeper\n>\n> back in the quote\n\nout"),
        QStringLiteral("- item\n\n  > quote in an item\n\n- next"),
        QStringLiteral("> ```\n> code in a quote <b>\n> ```\n\n| a | b |\n|---|---|\n| $x$ | `c` |"),
        QStringLiteral("# `code` and [a **bold** link](javascript:alert(1)) in a heading\n\n1. one\n   1. one.one\n2. two"),
        QStringLiteral("> > > three deep\n\n***\n\n&lt;script&gt; &amp; <script>alert(1)</script>\n\n- [ ] open"),
    };
    for (const QString& reply : replies) {
      const QString html = markdown_to_semantic_html(reply);
      const Parsed p = parse(QStringLiteral("<div>") + html + QStringLiteral("</div>"));
      QVERIFY2(p.error.isEmpty(), qPrintable(p.error + u'\n' + html));
      for (const Element& e : p.elements) {
        QVERIFY2(e.name != QLatin1String("a") && e.name != QLatin1String("script"), qPrintable(html));
        for (const QString& a : e.attributes) QVERIFY2(!a.startsWith(QStringLiteral("href=")), qPrintable(html));
      }
    }
    const Parsed quoted = parse(QStringLiteral("<div>") + markdown_to_semantic_html(replies[0]) + QStringLiteral("</div>"));
    QCOMPARE(quoted.texts(QStringLiteral("div/blockquote/ul/li/ul/li")), QStringList{QStringLiteral("deeper")});
    QCOMPARE(quoted.texts(QStringLiteral("div/blockquote/p")), QStringList{QStringLiteral("back in the quote")});
    QCOMPARE(quoted.texts(QStringLiteral("div/p")), QStringList{QStringLiteral("out")});
    const Parsed deep = parse(QStringLiteral("<div>") + markdown_to_semantic_html(replies[4]) + QStringLiteral("</div>"));
    QCOMPARE(deep.texts(QStringLiteral("div/blockquote/blockquote/blockquote/p")),
             QStringList{QStringLiteral("three deep")});
    QVERIFY(!deep.texts(QStringLiteral("div/p")).filter(QStringLiteral("<script>alert(1)</script>")).isEmpty());
  }

  void theExportIsSemanticWithOneStylesheet() {
    QTemporaryDir dir;
    ConversationStore store(dir.filePath(QStringLiteral("c.sqlite")));
    const auto c = store.create_conversation({QStringLiteral("Snails"), {}, {}, {}, {}});
    const auto q = store.append_message(c.id, 0, Role::User, QStringLiteral("Count **snails**"));
    const auto reply = store.append_message(c.id, q.id, Role::Assistant, {}, MessageState::Streaming);
    store.finish_message(reply.id, kReply, MessageState::Complete, {17, 12, 40.5, 25.0});
    const QString html = QString::fromUtf8(render(load_for_export(store, c.id), ExportFormat::Html));
    const Parsed p = parse(html);
    QVERIFY2(p.error.isEmpty(), qPrintable(p.error));
    QCOMPARE(p.texts(QStringLiteral("html/body/h1")), QStringList{QStringLiteral("Snails")});
    // One stylesheet, in <head>, that loads nothing.
    const QStringList styles = p.texts(QStringLiteral("style"));
    QCOMPARE(styles.size(), 1);
    QCOMPARE(p.texts(QStringLiteral("html/head/style")).size(), 1);
    for (const char* load : {"url(", "@import", "://"}) QVERIFY2(!styles[0].contains(QLatin1String(load)), load);
    // Each message is an article headed by who wrote it; the reply's own structure inside.
    const QStringList headers = p.texts(QStringLiteral("body/article/h2"));
    QCOMPARE(headers.size(), 2);
    QVERIFY2(headers[0].startsWith(QStringLiteral("User · ")), qPrintable(headers[0]));
    QVERIFY2(headers[1].startsWith(QStringLiteral("Assistant · ")) && headers[1].contains(QStringLiteral("12 tokens")),
             qPrintable(headers[1]));
    QCOMPARE(p.texts(QStringLiteral("article/pre")), QStringList{QStringLiteral("Count **snails**")});
    QCOMPARE(p.texts(QStringLiteral("article/div/h2")), QStringList{QStringLiteral("Snail count")});
    QCOMPARE(p.texts(QStringLiteral("article/div/p/strong")), QStringList{QStringLiteral("bold")});
    QCOMPARE(p.texts(QStringLiteral("article/div/blockquote/p")), QStringList{QStringLiteral("a quoted line")});
    QCOMPARE(p.texts(QStringLiteral("article/div/table/tr/th")).size(), 2);
    for (const Element& e : p.elements)
      for (const QString& a : e.attributes)
        QVERIFY2(!a.startsWith(QStringLiteral("style=")) || e.name == QLatin1String("math"), qPrintable(e.path + u' ' + a));
  }
};

QTEST_MAIN(SemanticHtmlTest)
#include "semantic_html_test.moc"
