// The app's API server (ServerController) on the reference backend and the tiny fixture model:
// off by default; the switch serves the loaded model on loopback; the reply equals llama.cpp's
// greedy continuation (tests/data/reference/greedy.json) like the chat's own; the chat and the
// server take turns on one model, each still giving the reference; the Server panel's list shows
// each request; with "keep API chats" the chat lands in the history and its next turn continues
// the same conversation; a new load stops and restarts it; switching off closes the port.
#include <QAbstractItemModelTester>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <memory>

#include "app/chat/chat_controller.h"
#include "app/chat/server_controller.h"
#include "app/settings/app_settings.h"
#include "app/storage/conversation_store.h"
#include "inference/model/model.h"
#include "inference/tokenizer/tokenizer.h"
#include "test_support.h"

using veloce::app::ChatController;
using veloce::app::ServerController;
using veloce::app::ServerRequestLog;

namespace {

constexpr int kTimeoutMs = 120000;
const char* const kModel = "phi4-tiny-F32.gguf";

quint16 freePort() {
  QTcpServer probe;
  if (!probe.listen(QHostAddress::LocalHost, 0)) return 0;
  return probe.serverPort();
}

struct HttpResult {
  int status = 0;
  QNetworkReply::NetworkError error = QNetworkReply::NoError;
  QJsonObject body;
};

}  // namespace

class ServerControllerTest : public QObject {
  Q_OBJECT
  std::shared_ptr<const veloce::Model> model_;
  veloce::chat_test::GreedyReference ref_;
  std::unique_ptr<QTemporaryDir> dir_;
  std::unique_ptr<veloce::storage::ConversationStore> store_;
  std::unique_ptr<veloce::app::AppSettings> settings_;
  std::unique_ptr<ChatController> chat_;
  std::unique_ptr<QAbstractItemModelTester> tester_;
  QNetworkAccessManager net_;
  quint16 port_ = 0;

  ServerController* server() { return chat_->server(); }

  void loadModel() {
    chat_->model()->load(veloce::chat_test::dataPath(QString::fromLatin1(kModel)));
    QTRY_VERIFY_WITH_TIMEOUT(chat_->model()->state() != QLatin1String("loading"), kTimeoutMs);
    QCOMPARE(chat_->model()->state(), QStringLiteral("ready"));
  }

  QString referenceText(size_t steps) const {
    veloce::StreamDecoder decoder(model_->tokenizer());
    std::string text;
    for (size_t i = 0; i < steps; ++i) text += decoder.push(ref_.generatedIds[i]);
    return QString::fromStdString(text);
  }

  QNetworkReply* post(const QJsonArray& messages) {
    QNetworkRequest request(QUrl(QStringLiteral("http://127.0.0.1:%1/v1/chat/completions").arg(port_)));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
    const QJsonObject body{
        {"model", QStringLiteral("phi4-tiny-F32")}, {"messages", messages}, {"temperature", 0}, {"max_tokens", 32}};
    return net_.post(request, QJsonDocument(body).toJson());
  }

  HttpResult wait(QNetworkReply* reply) {
    HttpResult r;
    [&] { QTRY_VERIFY_WITH_TIMEOUT(reply->isFinished(), kTimeoutMs); }();
    r.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    r.error = reply->error();
    r.body = QJsonDocument::fromJson(reply->readAll()).object();
    reply->deleteLater();
    return r;
  }

  QJsonArray referenceMessages() const {
    return QJsonArray{QJsonObject{{"role", "system"}, {"content", ref_.systemPrompt}},
                      QJsonObject{{"role", "user"}, {"content", ref_.userMessage}}};
  }

  static QString content(const HttpResult& r) {
    return r.body["choices"].toArray().at(0).toObject()["message"].toObject()["content"].toString();
  }

 private slots:
  void initTestCase() {
    model_ = veloce::Model::load(veloce::chat_test::dataPath(QString::fromLatin1(kModel)).toStdString());
    ref_ = veloce::chat_test::loadGreedyReference(QStringLiteral("phi4-tiny-F32"));
    QVERIFY(ref_.reliableSteps() >= 8);
  }

  void init() {
    dir_ = std::make_unique<QTemporaryDir>();
    QVERIFY(dir_->isValid());
    store_ = std::make_unique<veloce::storage::ConversationStore>(dir_->filePath(QStringLiteral("chat.sqlite")));
    settings_ = std::make_unique<veloce::app::AppSettings>(dir_->filePath(QStringLiteral("settings.ini")));
    settings_->setDevice(QStringLiteral("reference"));
    settings_->setTemperature(0);
    settings_->setMaxReplyTokens(32);
    settings_->setDefaultSystemPrompt(ref_.systemPrompt);
    chat_ = std::make_unique<ChatController>(store_.get(), settings_.get());
    tester_ = std::make_unique<QAbstractItemModelTester>(server()->requests(),
                                                         QAbstractItemModelTester::FailureReportingMode::QtTest);
    port_ = freePort();
    QVERIFY(port_ != 0);
    server()->setPortOverrideForTests(port_);
  }

  void cleanup() {
    tester_.reset();
    chat_.reset();
  }

  void offByDefaultThenServesTheReference() {
    loadModel();
    QCOMPARE(settings_->serverEnabled(), false);
    QCOMPARE(server()->running(), false);
    QVERIFY(server()->status().startsWith(QStringLiteral("Off")));
    QCOMPARE(wait(post(referenceMessages())).error, QNetworkReply::ConnectionRefusedError);

    settings_->setServerEnabled(true);
    QVERIFY(server()->running());
    QCOMPARE(server()->address(), QStringLiteral("http://127.0.0.1:%1/v1").arg(port_));
    QCOMPARE(server()->modelId(), QStringLiteral("phi4-tiny-F32"));
    QVERIFY2(server()->status().contains(server()->address()), qPrintable(server()->status()));

    const HttpResult r = wait(post(referenceMessages()));
    QCOMPARE(r.status, 200);
    const QString expected = referenceText(ref_.reliableSteps());
    QVERIFY2(content(r).startsWith(expected), qPrintable(content(r)));
    const int completion = r.body["usage"].toObject()["completion_tokens"].toInt();
    QVERIFY(completion >= static_cast<int>(ref_.reliableSteps()));

    // The Server panel's row: client, route, tokens, outcome.
    ServerRequestLog* log = server()->requests();
    QCOMPARE(log->rowCount(), 1);
    const QModelIndex row = log->index(0);
    QCOMPARE(row.data(ServerRequestLog::ClientRole).toString(), QStringLiteral("127.0.0.1"));
    QCOMPARE(row.data(ServerRequestLog::EndpointRole).toString(), QStringLiteral("/v1/chat/completions"));
    QCOMPARE(row.data(ServerRequestLog::CompletionTokensRole).toInt(), completion);
    QCOMPARE(row.data(ServerRequestLog::PromptTokensRole).toInt(), r.body["usage"].toObject()["prompt_tokens"].toInt());
    QVERIFY(row.data(ServerRequestLog::TokensPerSecondRole).toDouble() > 0);
    QCOMPARE(row.data(ServerRequestLog::OutcomeRole).toInt(), int(ServerRequestLog::Answered));
    QCOMPARE(row.data(ServerRequestLog::StatusRole).toInt(), 200);
    QCOMPARE(server()->activeRequests(), 0);
    // Not kept in the history unless asked.
    QCOMPARE(store_->list_conversations().size(), size_t(0));

    // A wrong model name is refused and listed with its status.
    QNetworkRequest bad(QUrl(QStringLiteral("http://127.0.0.1:%1/v1/chat/completions").arg(port_)));
    bad.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
    const HttpResult refused =
        wait(net_.post(bad, QByteArray(R"({"model":"gpt-4","messages":[{"role":"user","content":"hi"}]})")));
    QCOMPARE(refused.status, 404);
    QCOMPARE(log->rowCount(), 2);
    QCOMPARE(log->index(0).data(ServerRequestLog::OutcomeRole).toInt(), int(ServerRequestLog::Refused));
    QCOMPARE(log->index(0).data(ServerRequestLog::StatusRole).toInt(), 404);
    QVERIFY2(log->index(0).data(ServerRequestLog::ErrorRole).toString().contains(QStringLiteral("gpt-4")),
             qPrintable(log->index(0).data(ServerRequestLog::ErrorRole).toString()));

    // Switched off: the port closes.
    settings_->setServerEnabled(false);
    QCOMPARE(server()->running(), false);
    QCOMPARE(wait(post(referenceMessages())).error, QNetworkReply::ConnectionRefusedError);
  }

  // A reply in the chat and an API request sent while it streams: the API request waits its turn,
  // and both are the reference continuation (the shared KV cache never mixes them up).
  void chatAndServerTakeTurns() {
    loadModel();
    settings_->setServerEnabled(true);
    QSignalSpy finished(chat_.get(), &ChatController::replyFinished);
    QVERIFY(chat_->send(ref_.userMessage));
    QNetworkReply* api = post(referenceMessages());
    QTRY_VERIFY_WITH_TIMEOUT(finished.count() > 0, kTimeoutMs);
    QCOMPARE(finished.at(0).at(1).toString(), QStringLiteral("complete"));
    const HttpResult r = wait(api);
    QCOMPARE(r.status, 200);
    const QString expected = referenceText(ref_.reliableSteps());
    QVERIFY2(content(r).startsWith(expected), qPrintable(content(r)));
    const auto* m = chat_->messages();
    QVERIFY2(m->at(m->rowCount() - 1).content.startsWith(expected), qPrintable(m->at(m->rowCount() - 1).content));
    // And the chat again after the API request used the model.
    finished.clear();
    chat_->newConversation();
    QVERIFY(chat_->send(ref_.userMessage));
    QTRY_VERIFY_WITH_TIMEOUT(finished.count() > 0, kTimeoutMs);
    QVERIFY(m->at(m->rowCount() - 1).content.startsWith(expected));
  }

  void keptChatsContinueTheirConversation() {
    loadModel();
    settings_->setServerStoresChats(true);
    settings_->setServerEnabled(true);
    QSignalSpy stored(server(), &ServerController::chatStored);
    const HttpResult first = wait(post(referenceMessages()));
    QCOMPARE(first.status, 200);
    QTRY_COMPARE_WITH_TIMEOUT(stored.count(), 1, kTimeoutMs);
    const qint64 id = stored.at(0).at(0).toLongLong();
    auto conversations = store_->list_conversations();
    QCOMPARE(conversations.size(), size_t(1));
    QCOMPARE(conversations[0].id, id);
    QCOMPARE(store_->conversation(id)->system_prompt, ref_.systemPrompt);
    auto branch = store_->current_branch(id);
    QCOMPARE(branch.size(), size_t(2));
    QCOMPARE(branch[0].message.content, ref_.userMessage);
    QCOMPARE(branch[1].message.content, content(first));
    // The sidebar shows it.
    QTRY_COMPARE(chat_->conversationList()->model()->rowCount(), 1);

    // The client's next turn repeats the transcript and adds a message: the same conversation.
    QJsonArray next = referenceMessages();
    next.append(QJsonObject{{"role", "assistant"}, {"content", content(first)}});
    next.append(QJsonObject{{"role", "user"}, {"content", QStringLiteral("And then?")}});
    QCOMPARE(wait(post(next)).status, 200);
    QTRY_COMPARE_WITH_TIMEOUT(stored.count(), 2, kTimeoutMs);
    QCOMPARE(stored.at(1).at(0).toLongLong(), id);
    QCOMPARE(store_->list_conversations().size(), size_t(1));
    branch = store_->current_branch(id);
    QCOMPARE(branch.size(), size_t(4));
    QCOMPARE(branch[2].message.content, QStringLiteral("And then?"));
  }

  // A new load takes the served model away: the server stops (its row of a running request, if
  // any, ends) and serves the new one once it is ready, on the same port.
  void reloadRestartsTheServer() {
    loadModel();
    settings_->setServerEnabled(true);
    QVERIFY(server()->running());
    QSignalSpy changes(server(), &ServerController::stateChanged);
    loadModel();
    QVERIFY(changes.count() >= 2);  // stopped, then started again
    QVERIFY(server()->running());
    QCOMPARE(wait(post(referenceMessages())).status, 200);
  }

  // The port is taken by another program: the error says so in words, and nothing is served.
  void portInUseIsAClearError() {
    QTcpServer other;
    QVERIFY(other.listen(QHostAddress::LocalHost, port_));
    loadModel();
    settings_->setServerEnabled(true);
    QCOMPARE(server()->running(), false);
    QVERIFY2(server()->error().contains(QString::number(port_)), qPrintable(server()->error()));
    QCOMPARE(server()->status(), server()->error());
    settings_->setServerEnabled(false);
    QCOMPARE(server()->error(), QString());
  }
};

QTEST_GUILESS_MAIN(ServerControllerTest)
#include "server_controller_test.moc"
