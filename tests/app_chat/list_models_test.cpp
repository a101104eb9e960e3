// The list models QML binds to, each with QAbstractItemModelTester attached before any data.
#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include "app/models/conversation_list_model.h"
#include "app/models/message_list_model.h"
#include "app/models/search_result_model.h"
#include "app/storage/conversation_store.h"

using veloce::app::ConversationItem;
using veloce::app::ConversationListModel;
using veloce::app::MessageItem;
using veloce::app::MessageListModel;
using veloce::app::SearchResultModel;

namespace {

QVariant roleValue(const QAbstractItemModel& model, int row, const QByteArray& name) {
  const int role = model.roleNames().key(name, -1);
  if (role < 0) return QVariant(QStringLiteral("<no role %1>").arg(QString::fromLatin1(name)));
  return model.data(model.index(row, 0), role);
}

MessageItem message(qint64 id, const char* role, const char* content) {
  MessageItem m;
  m.id = id;
  m.role = QString::fromLatin1(role);
  m.content = QString::fromUtf8(content);
  return m;
}

QDateTime local(int y, int mo, int d, int h, int mi) { return QDateTime(QDate(y, mo, d), QTime(h, mi)); }

}  // namespace

class ListModelsTest : public QObject {
  Q_OBJECT

 private slots:
  void messagesRolesAndStreaming() {
    MessageListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(model.rowCount(), 0);

    model.setMessages({message(1, "user", "Hi"), message(2, "assistant", "Hello!")});
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(roleValue(model, 0, "id").toLongLong(), 1);
    QCOMPARE(roleValue(model, 0, "role").toString(), QStringLiteral("user"));
    QCOMPARE(roleValue(model, 1, "content").toString(), QStringLiteral("Hello!"));
    QCOMPARE(roleValue(model, 1, "state").toString(), QStringLiteral("complete"));
    QCOMPARE(roleValue(model, 0, "isLast").toBool(), false);
    QCOMPARE(roleValue(model, 1, "isLast").toBool(), true);
    QCOMPARE(roleValue(model, 1, "siblingCount").toInt(), 1);

    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    MessageItem reply = message(-1, "assistant", "");
    reply.state = QStringLiteral("streaming");
    model.append(message(3, "user", "Tell me more"));
    model.append(reply);
    QCOMPARE(inserted.count(), 2);
    QCOMPARE(model.rowCount(), 4);
    QCOMPARE(roleValue(model, 1, "isLast").toBool(), false);

    // Streaming: each piece changes exactly the last row: its content and the footer's live
    // figures (pieces so far, rate), nothing else. The time to the first token is the worker's,
    // set once (setLastTimeToFirstToken) and kept to the end.
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    const auto names = model.roleNames();
    const int contentRole = names.key("content");
    const QList<int> perPiece{contentRole, names.key("completionTokens"), names.key("tokensPerSecond")};
    for (const char* piece : {"Once", " upon", " a time"}) {
      model.appendToLast(QString::fromUtf8(piece));
    }
    QCOMPARE(changed.count(), 3);
    for (const auto& args : changed) {
      QCOMPARE(args.at(0).toModelIndex().row(), 3);
      QCOMPARE(args.at(1).toModelIndex().row(), 3);
      QCOMPARE(args.at(2).value<QList<int>>(), perPiece);
    }
    QCOMPARE(roleValue(model, 3, "content").toString(), QStringLiteral("Once upon a time"));
    QCOMPARE(roleValue(model, 3, "completionTokens").toInt(), 3);
    changed.clear();
    model.setLastTimeToFirstToken(212.5);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.at(0).at(2).value<QList<int>>(), QList<int>{names.key("timeToFirstTokenMs")});
    model.appendToLast(QStringLiteral(" there"));
    QCOMPARE(roleValue(model, 3, "timeToFirstTokenMs").toDouble(), 212.5);

    model.setIdAt(3, 4);
    model.setLastState(QStringLiteral("stopped"));
    QCOMPARE(roleValue(model, 3, "id").toLongLong(), 4);
    QCOMPARE(roleValue(model, 3, "state").toString(), QStringLiteral("stopped"));
    QCOMPARE(model.rowOfMessage(4), 3);
    QCOMPARE(model.rowOfMessage(99), -1);

    model.setSiblingInfo(3, 1, 3);
    QCOMPARE(roleValue(model, 3, "siblingIndex").toInt(), 1);
    QCOMPARE(roleValue(model, 3, "siblingCount").toInt(), 3);

    model.truncateFrom(2);
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(roleValue(model, 1, "isLast").toBool(), true);
    // Markdown marks of the message source do not show in the result; the match stays bold.
    veloce::storage::SearchHit marked;
    marked.snippet = QStringLiteral("split into **groups** that `finish`");
    marked.matches = {{13, 6}};  // "groups"
    QCOMPARE(veloce::storage::snippet_html(marked), QStringLiteral("split into <b>groups</b> that finish"));

    model.clear();
    QCOMPARE(model.rowCount(), 0);
    model.appendToLast(QStringLiteral("ignored"));  // no row: nothing to append to, no crash
    QCOMPARE(model.rowCount(), 0);
  }

  void conversationsSortedIntoSections() {
    ConversationListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setReferenceTime(local(2024, 5, 10, 12, 0));

    // Given out of order; expected: pinned first, then newest first.
    model.setConversations({
        {4, QStringLiteral("eight days ago"), local(2024, 5, 2, 9, 0), false},
        {1, QStringLiteral("this morning"), local(2024, 5, 10, 8, 0), false},
        {5, QStringLiteral("pinned old"), local(2023, 1, 1, 10, 0), true},
        {3, QStringLiteral("seven days ago"), local(2024, 5, 3, 10, 0), false},
        {2, QStringLiteral("late yesterday"), local(2024, 5, 9, 23, 30), false},
        {6, QStringLiteral("yesterday at midnight"), local(2024, 5, 9, 0, 0), false},
    });
    const QList<qint64> order{5, 1, 2, 6, 3, 4};
    const QStringList keys{"pinned", "today", "yesterday", "yesterday", "week", "older"};
    const QStringList sections{"Pinned", "Today", "Yesterday", "Yesterday", "Previous 7 days", "Older"};
    QCOMPARE(model.rowCount(), 6);
    for (int row = 0; row < 6; ++row) {
      QCOMPARE(roleValue(model, row, "id").toLongLong(), order[row]);
      QCOMPARE(roleValue(model, row, "sectionKey").toString(), keys[row]);
      QCOMPARE(roleValue(model, row, "section").toString(), sections[row]);
    }
    QCOMPARE(roleValue(model, 0, "pinned").toBool(), true);
    QCOMPARE(roleValue(model, 1, "title").toString(), QStringLiteral("this morning"));

    // A new message in the oldest conversation moves that one row to the top of "Today".
    QSignalSpy moved(&model, &QAbstractItemModel::rowsMoved);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    model.upsert({4, QStringLiteral("eight days ago"), local(2024, 5, 10, 11, 0), false});
    QCOMPARE(moved.count(), 1);
    QCOMPARE(reset.count(), 0);
    QCOMPARE(model.rowOf(4), 1);
    QCOMPARE(roleValue(model, 1, "sectionKey").toString(), QStringLiteral("today"));
    QCOMPARE(model.rowOf(1), 2);

    // Unpinning sends the 2023 conversation to the bottom; a new pinned one goes first.
    model.upsert({5, QStringLiteral("pinned old"), local(2023, 1, 1, 10, 0), false});
    QCOMPARE(model.rowOf(5), 5);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    model.upsert({7, QStringLiteral("new pinned"), local(2024, 5, 10, 11, 30), true});
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(model.rowOf(7), 0);
    QCOMPARE(model.rowCount(), 7);

    // A rename in place changes no order.
    moved.clear();
    model.upsert({2, QStringLiteral("renamed"), local(2024, 5, 9, 23, 30), false});
    QCOMPARE(moved.count(), 0);
    QCOMPARE(roleValue(model, model.rowOf(2), "title").toString(), QStringLiteral("renamed"));

    model.remove(3);
    QCOMPARE(model.rowOf(3), -1);
    QCOMPARE(model.rowCount(), 6);
    model.remove(42);  // unknown: nothing happens
    QCOMPARE(model.rowCount(), 6);

    // The day changes: "today" becomes "yesterday" without reloading.
    model.setReferenceTime(local(2024, 5, 11, 0, 5));
    QCOMPARE(roleValue(model, model.rowOf(1), "sectionKey").toString(), QStringLiteral("yesterday"));
  }

  void sectionBoundaries() {
    const QDateTime now = local(2024, 3, 1, 0, 30);  // just after midnight, after a leap day
    QCOMPARE(ConversationListModel::sectionKeyFor(local(2024, 3, 1, 0, 0), false, now), QStringLiteral("today"));
    QCOMPARE(ConversationListModel::sectionKeyFor(local(2024, 2, 29, 23, 59), false, now), QStringLiteral("yesterday"));
    QCOMPARE(ConversationListModel::sectionKeyFor(local(2024, 2, 23, 0, 0), false, now), QStringLiteral("week"));
    QCOMPARE(ConversationListModel::sectionKeyFor(local(2024, 2, 22, 23, 59), false, now), QStringLiteral("older"));
    QCOMPARE(ConversationListModel::sectionKeyFor(local(2024, 3, 2, 9, 0), false, now), QStringLiteral("today"));
    QCOMPARE(ConversationListModel::sectionKeyFor(local(2020, 1, 1, 0, 0), true, now), QStringLiteral("pinned"));
  }

  void searchResults() {
    SearchResultModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy queryChanged(&model, &SearchResultModel::queryChanged);

    veloce::storage::SearchHit message;
    message.conversation_id = 3;
    message.message_id = 17;
    message.title = QStringLiteral("Snails");
    message.snippet = QStringLiteral("race of <five> snails");
    message.matches = {{8, 6}};  // "<five>"
    message.role = veloce::storage::Role::Assistant;
    message.created_at = QDateTime::fromMSecsSinceEpoch(Q_INT64_C(1700000123456), Qt::UTC);
    veloce::storage::SearchHit title;
    title.conversation_id = 4;
    title.message_id = 0;  // the title matched
    title.title = QStringLiteral("Five ways");
    title.snippet = QStringLiteral("Five ways");
    title.matches = {{0, 4}};
    model.setResults(QStringLiteral("five"), {message, title});

    QCOMPARE(queryChanged.count(), 1);
    QCOMPARE(model.query(), QStringLiteral("five"));
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(roleValue(model, 0, "conversationId").toLongLong(), 3);
    QCOMPARE(roleValue(model, 0, "messageId").toLongLong(), 17);
    QCOMPARE(roleValue(model, 1, "messageId").toLongLong(), -1);
    // Who wrote the match and when; a title match has no author.
    QCOMPARE(roleValue(model, 0, "role").toString(), QStringLiteral("assistant"));
    QCOMPARE(roleValue(model, 1, "role").toString(), QString());
    QCOMPARE(roleValue(model, 0, "createdAt").toDateTime().toMSecsSinceEpoch(), Q_INT64_C(1700000123456));
    QCOMPARE(roleValue(model, 0, "snippet").toString(), QStringLiteral("race of <five> snails"));
    const QString html = roleValue(model, 0, "snippetHtml").toString();
    // Text from the database never reaches QML as markup: the match is bold, its "<" escaped.
    QVERIFY2(html.contains(QStringLiteral("<b>&lt;five&gt;</b>")), qPrintable(html));
    QVERIFY2(!html.contains(QStringLiteral("<five>")), qPrintable(html));

    // Markdown marks of the message source do not show in the result; the match stays bold.
    veloce::storage::SearchHit marked;
    marked.snippet = QStringLiteral("split into **groups** that `finish`");
    marked.matches = {{13, 6}};  // "groups"
    QCOMPARE(veloce::storage::snippet_html(marked), QStringLiteral("split into <b>groups</b> that finish"));

    model.clear();
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(model.query(), QString());
  }

  void searchSnippetsShowTheTextAReaderSeesWithTheMatchInBold() {
    // A reply's Markdown source cut around the match: the result list showed "## ", "**",
    // backticks, "> " and link targets as they are in the source.
    SearchResultModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    veloce::storage::SearchHit hit;
    hit.conversation_id = 1;
    hit.message_id = 2;
    hit.snippet = QStringLiteral(
        "## Racing *snails*\n> the **fastest** snail wins\n- see [the rules](https://example.org/r)\n"
        "```python\nrace(`snails`)");
    const auto at = [&](const char* word) { return static_cast<int>(hit.snippet.indexOf(QString::fromUtf8(word))); };
    hit.matches = {{at("snails*"), 6}, {at("fastest"), 7}};
    model.setResults(QStringLiteral("snails fastest"), {hit});
    QCOMPARE(roleValue(model, 0, "snippet").toString(),
             QStringLiteral("Racing snails the fastest snail wins • see the rules race(snails)"));
    QCOMPARE(roleValue(model, 0, "snippetHtml").toString(),
             QStringLiteral("Racing <b>snails</b> the <b>fastest</b> snail wins • see the rules race(snails)"));
    // Arithmetic and identifiers keep their characters; markup from the text is escaped.
    hit.snippet = QStringLiteral("2 * 3 in snake_case <b>");
    hit.matches = {{4, 1}};
    model.setResults(QStringLiteral("3"), {hit});
    QCOMPARE(roleValue(model, 0, "snippetHtml").toString(), QStringLiteral("2 * <b>3</b> in snake_case &lt;b&gt;"));
  }

  // The snippet SQLite's FTS5 cuts around a match after a table and a 300-character line (a
  // string in code is one word to FTS5): the list shows about three lines of it, and those held
  // the table's raw markup and the long line, never the match.
  void aSearchSnippetShowsItsMatchInBoldNearItsStartAndNoTableMarkup() {
    QTemporaryDir dir;
    veloce::storage::ConversationStore store(dir.filePath(QStringLiteral("c.sqlite")));
    const auto c = store.create_conversation({QStringLiteral("Long lines"), {}, {}, {}, {}});
    const QString longLine = QStringLiteral("abcdefghij").repeated(30);
    store.append_message(
        c.id, 0, veloce::storage::Role::Assistant,
        QStringLiteral("| a | b |\n|---|:---:|\n| 1 | 2 |\n\nx = '%1'\n\n## A heading after it\n\nMore text.")
            .arg(longLine));
    const auto hits = store.search(QStringLiteral("heading"), 10);
    QCOMPARE(hits.size(), size_t{1});
    SearchResultModel model;
    model.setResults(QStringLiteral("heading"), hits);
    const QString text = roleValue(model, 0, "snippet").toString();
    const QString html = roleValue(model, 0, "snippetHtml").toString();
    // The match, bold, within the first line or so, with the words around it.
    const qsizetype match = html.indexOf(QStringLiteral("<b>heading</b>"));
    QVERIFY2(match >= 0 && match <= 45, qPrintable(html));
    QVERIFY2(text.startsWith(QStringLiteral("…A heading after it More text.")), qPrintable(text));
    // A table reads as its cells: no pipes, no separator row.
    const auto table = store.search(QStringLiteral("b"), 10);
    QCOMPARE(table.size(), size_t{1});
    model.setResults(QStringLiteral("b"), table);
    const QString cells = roleValue(model, 0, "snippet").toString();
    QVERIFY2(cells.startsWith(QStringLiteral("a b 1 2 x = 'abcdefghij")), qPrintable(cells));
    const QString cellsHtml = roleValue(model, 0, "snippetHtml").toString();
    QVERIFY2(cellsHtml.startsWith(QStringLiteral("a <b>b</b> 1 2 x")), qPrintable(cellsHtml));
  }
};

QTEST_GUILESS_MAIN(ListModelsTest)
#include "list_models_test.moc"
