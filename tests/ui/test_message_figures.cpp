// Per-message figures: the roles MessageListModel gives the footer (stored figures, live ones
// while a reply streams, the stop reason with "length" for a reply cut by the limit) and what
// the footer (MessageFooter.qml) shows a reader for them.
#include <QLocale>
#include <QQmlComponent>
#include <QQmlEngine>
#include <QQuickItem>
#include <QTest>
#include <QThread>
#include <memory>
#include <utility>

#include "app/models/message_list_model.h"

using veloce::app::MessageItem;
using veloce::app::MessageListModel;

namespace {

MessageItem reply(const QString& state, std::optional<int> tokens, int maxTokens) {
  MessageItem m;
  m.id = 7;
  m.role = QStringLiteral("assistant");
  m.content = QStringLiteral("text");
  m.state = state;
  m.completionTokens = tokens;
  m.timeToFirstTokenMs = tokens ? std::optional<double>(812.0) : std::nullopt;
  m.tokensPerSecond = tokens ? std::optional<double>(12.46) : std::nullopt;
  m.maxTokens = maxTokens;
  return m;
}

QVariant role(const MessageListModel& model, int row, MessageListModel::Role r) { return model.data(model.index(row), r); }

}  // namespace

class TestMessageFigures : public QObject {
  Q_OBJECT
 private slots:
  void initTestCase() { QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates)); }

  void storedFiguresAndStopReasons() {
    MessageListModel model;
    MessageItem user;
    user.role = QStringLiteral("user");
    model.setMessages({user, reply(QStringLiteral("complete"), 1234, 2048), reply(QStringLiteral("complete"), 1024, 1024),
                       reply(QStringLiteral("stopped"), 50, 1024), reply(QStringLiteral("error"), std::nullopt, 1024)});
    QCOMPARE(role(model, 0, MessageListModel::StopReasonRole).toString(), QString());
    QCOMPARE(role(model, 0, MessageListModel::CompletionTokensRole).toInt(), -1);
    QCOMPARE(role(model, 1, MessageListModel::StopReasonRole).toString(), QStringLiteral("finished"));
    QCOMPARE(role(model, 1, MessageListModel::CompletionTokensRole).toInt(), 1234);
    QCOMPARE(role(model, 1, MessageListModel::TokensPerSecondRole).toDouble(), 12.46);
    QCOMPARE(role(model, 1, MessageListModel::TimeToFirstTokenRole).toDouble(), 812.0);
    QCOMPARE(role(model, 2, MessageListModel::StopReasonRole).toString(), QStringLiteral("length"));
    QCOMPARE(role(model, 3, MessageListModel::StopReasonRole).toString(), QStringLiteral("stopped"));
    QCOMPARE(role(model, 4, MessageListModel::StopReasonRole).toString(), QStringLiteral("error"));
    QCOMPARE(role(model, 4, MessageListModel::TokensPerSecondRole).toDouble(), -1.0);
  }

  void liveFiguresWhileStreaming() {
    MessageListModel model;
    MessageItem m;
    m.role = QStringLiteral("assistant");
    m.state = QStringLiteral("streaming");
    model.append(m);
    QCOMPARE(role(model, 0, MessageListModel::StopReasonRole).toString(), QStringLiteral("streaming"));
    // The time to the first token is the worker's figure (from the user's send), given once with the
    // first token; the pieces that follow never change it, so the footer shows one figure throughout.
    model.setLastTimeToFirstToken(31.0);
    model.appendToLast(QStringLiteral("Hel"));
    QCOMPARE(role(model, 0, MessageListModel::CompletionTokensRole).toInt(), 1);
    QCOMPARE(role(model, 0, MessageListModel::TimeToFirstTokenRole).toDouble(), 31.0);
    QCOMPARE(role(model, 0, MessageListModel::TokensPerSecondRole).toDouble(), -1.0);  // one piece: no rate yet
    for (int i = 0; i < 4; ++i) {
      QThread::msleep(20);
      model.appendToLast(QStringLiteral("lo"));
    }
    QCOMPARE(role(model, 0, MessageListModel::CompletionTokensRole).toInt(), 5);
    QCOMPARE(role(model, 0, MessageListModel::TimeToFirstTokenRole).toDouble(), 31.0);
    const double live = role(model, 0, MessageListModel::TokensPerSecondRole).toDouble();
    QVERIFY2(live > 5 && live < 60, qPrintable(QString::number(live)));  // 4 pieces in >= 80 ms
    // The end: the engine's figures replace the live ones; the limit was used up: "length".
    model.setMaxTokensAt(0, 5);
    model.setLastState(QStringLiteral("complete"));
    model.setLastFigures(5, 31.0, 42.5);
    QCOMPARE(role(model, 0, MessageListModel::TokensPerSecondRole).toDouble(), 42.5);
    QCOMPARE(role(model, 0, MessageListModel::TimeToFirstTokenRole).toDouble(), 31.0);
    QCOMPARE(role(model, 0, MessageListModel::StopReasonRole).toString(), QStringLiteral("length"));
  }

  void footerShowsFiguresAndReason() {
    QQmlEngine engine;
    QQmlComponent component(&engine, QUrl(QStringLiteral("qrc:/ui/MessageFooter.qml")));
    QVERIFY2(component.status() == QQmlComponent::Ready, qPrintable(component.errorString()));
    struct Case {
      const char* reason;
      int tokens;
      double tps;
      double ttft;
      QString expected;
    };
    const QList<Case> cases = {
        {"finished", 1234, 12.46, 812, QStringLiteral("1,234 tokens · 12.5 tokens/s · 812 ms to first token · finished")},
        {"length", 1024, 9.0, 4267,
         QStringLiteral("1,024 tokens · 9.0 tokens/s · 4.3 s to first token · cut at the length limit")},
        {"stopped", 1, -1, 300, QStringLiteral("1 token · 300 ms to first token · stopped by you")},
        {"error", -1, -1, -1, QStringLiteral("failed")},
        {"streaming", 40, 3.25, 1500, QStringLiteral("40 tokens · 3.3 tokens/s · 1.5 s to first token · writing…")},
    };
    for (const Case& c : cases) {
      std::unique_ptr<QObject> footer(
          component.createWithInitialProperties({{QStringLiteral("stopReason"), QString::fromLatin1(c.reason)},
                                                 {QStringLiteral("completionTokens"), c.tokens},
                                                 {QStringLiteral("tokensPerSecond"), c.tps},
                                                 {QStringLiteral("timeToFirstTokenMs"), c.ttft}}));
      QVERIFY(footer);
      QCOMPARE(footer->property("text").toString(), c.expected);
      QVERIFY(footer->property("visible").toBool());
    }
  }

  // One format for a time to first token in the footer and the status line (FirstTokenTime.qml):
  // whole milliseconds under a second, then seconds with one decimal. Before, the footer said
  // "0.0 s" for 19 ms and "0.5 s" for 479 ms while the status line said "19 ms" and "479 ms"
  // (test_main_qml checks that the status line shows the footer's words for a real reply).
  void aTimeToFirstTokenIsMillisecondsUnderASecondThenSeconds() {
    QQmlEngine engine;
    QQmlComponent component(&engine, QUrl(QStringLiteral("qrc:/ui/MessageFooter.qml")));
    QVERIFY2(component.status() == QQmlComponent::Ready, qPrintable(component.errorString()));
    const QList<std::pair<double, QString>> cases = {{19, QStringLiteral("19 ms")},
                                                     {479, QStringLiteral("479 ms")},
                                                     {999.6, QStringLiteral("1.0 s")},
                                                     {1500, QStringLiteral("1.5 s")}};
    for (const auto& [ms, expected] : cases) {
      std::unique_ptr<QObject> footer(component.createWithInitialProperties(
          {{QStringLiteral("stopReason"), QStringLiteral("finished")}, {QStringLiteral("timeToFirstTokenMs"), ms}}));
      QVERIFY(footer);
      QCOMPARE(footer->property("text").toString(), expected + QStringLiteral(" to first token · finished"));
    }
  }
};

QTEST_MAIN(TestMessageFigures)
#include "test_message_figures.moc"
