// The HTTP server against hostile or careless clients on loopback: what a client costs before it has
// shown a key or sent a whole request (a head only), idle and half-sent connections, too many
// connections, pipelining, Connection: close and HTTP/1.0, the bearer scheme's case, and what the
// KV cache tells one client about another's prompt. Raw sockets in the test's thread; each wait is
// for an event (an answer, a close) and bounded, never a fixed sleep.
#include <QtTest>

#include <QTcpServer>
#include <QTcpSocket>
#include <memory>
#include <optional>

#include "app/server/api_server.h"
#include "app/server/generation_queue.h"
#include "app/server/shared_generator.h"
#include "inference/generation/engine_factory.h"
#include "inference/generation/generator.h"
#include "inference/model/model.h"
#include "tests/server/tiny_generator.h"

namespace {

using veloce::server::ServerConfig;

constexpr int kWaitMs = 10'000;  // an upper bound for an answer that should come at once
const QByteArray kKey = "s3cret-key";

// The tiny fixture on the reference backend, its generator shared with a queue, and the server on
// a free loopback port.
struct Served {
  explicit Served(ServerConfig config = {}) {
    config.model_id = "tiny";
    config.n_ctx = 64;
    shared.set(&tiny.generator);
    api = std::make_unique<veloce::server::ApiServer>(config, tiny.model->tokenizer(), *queue);
    auto* tcp = new QTcpServer(api.get());
    if (!tcp->listen(QHostAddress(QHostAddress::LocalHost), 0)) qFatal("cannot listen on loopback");
    port = tcp->serverPort();
    api->bind(tcp);
  }
  // The queue first, as serve.cpp does: its worker's callbacks name the server.
  ~Served() {
    queue.reset();
    api.reset();
    shared.set(nullptr);
  }
  TinyGenerator tiny;
  veloce::server::SharedGenerator shared;
  std::unique_ptr<veloce::server::GenerationQueue> queue = std::make_unique<veloce::server::GenerationQueue>(shared, 4);
  std::unique_ptr<veloce::server::ApiServer> api;
  quint16 port = 0;
};

// One parsed response: its status, header fields (names lower-cased) and body.
struct Response {
  int status = 0;
  QMap<QByteArray, QByteArray> headers;
  QByteArray body;
};

// The responses in `bytes`, in order; a response without Content-Length runs to the end.
QList<Response> parse_responses(QByteArray bytes) {
  QList<Response> out;
  while (!bytes.isEmpty()) {
    const qsizetype end = bytes.indexOf("\r\n\r\n");
    if (end < 0) break;
    const QList<QByteArray> lines = bytes.first(end).split('\n');
    Response r;
    r.status = lines[0].split(' ').value(1).toInt();
    for (qsizetype i = 1; i < lines.size(); ++i) {
      const qsizetype colon = lines[i].indexOf(':');
      r.headers[lines[i].first(colon).trimmed().toLower()] = lines[i].sliced(colon + 1).trimmed();
    }
    bytes.remove(0, end + 4);
    if (r.status == 100) continue;  // "100 Continue" comes before the answer itself
    const qsizetype length = r.headers.contains("content-length") ? r.headers["content-length"].toLongLong() : bytes.size();
    r.body = bytes.first(std::min(length, bytes.size()));
    bytes.remove(0, r.body.size());
    out.append(r);
  }
  return out;
}

// A raw client socket; `from` picks the loopback address it connects from (another "client").
struct Client {
  explicit Client(quint16 port, const QHostAddress& from = QHostAddress(QHostAddress::LocalHost)) {
    QObject::connect(&socket, &QTcpSocket::readyRead, [this] { received += socket.readAll(); });
    socket.bind(from);
    socket.connectToHost(QHostAddress(QHostAddress::LocalHost), port);
  }
  bool connected() {
    return QTest::qWaitFor([&] { return socket.state() == QAbstractSocket::ConnectedState; }, kWaitMs);
  }
  void send(const QByteArray& bytes) {
    socket.write(bytes);
    socket.flush();
  }
  // Until the server closed the connection.
  bool closed() {
    return QTest::qWaitFor([&] { return socket.state() == QAbstractSocket::UnconnectedState; }, kWaitMs);
  }
  // Until `n` whole responses with a Content-Length have arrived.
  bool responses(qsizetype n) {
    return QTest::qWaitFor(
        [&] {
          const QList<Response> r = parse_responses(received);
          return r.size() >= n && r[n - 1].body.size() == r[n - 1].headers.value("content-length", "-1").toLongLong();
        },
        kWaitMs);
  }
  QTcpSocket socket;
  QByteArray received;
};

ServerConfig with_key() {
  ServerConfig config;
  config.api_key = kKey.toStdString();
  return config;
}

QByteArray post(const QByteArray& path, const QByteArray& body, const QByteArray& extra = {}) {
  return "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: " +
         QByteArray::number(body.size()) + "\r\n" + extra + "\r\n" + body;
}

QByteArray get_models(const QByteArray& extra = {}) {
  return "GET /v1/models HTTP/1.1\r\nHost: 127.0.0.1\r\n" + extra + "\r\n";
}

QByteArray completion(const QByteArray& prompt, const QByteArray& more = {}) {
  return R"({"model":"tiny","prompt":")" + prompt + R"(","max_tokens":2,"temperature":0)" + more + "}";
}

qint64 cached_tokens(const Response& r) {
  return QJsonDocument::fromJson(r.body)["usage"]["prompt_tokens_details"]["cached_tokens"].toInteger(-1);
}

}  // namespace

class ServerAbuseTest : public QObject {
  Q_OBJECT
 private slots:
  void initTestCase() { QVERIFY2(!qgetenv("VELOCE_TEST_DATA").isEmpty(), "VELOCE_TEST_DATA is not set"); }

  // A client that declares a 50 MB body is told 413 from its head; the body is never sent.
  void anOversizedContentLengthIsAnswered413BeforeTheBodyIsSent() {
    ServerConfig config;
    config.max_body_bytes = 4096;
    Served served(config);
    Client c(served.port);
    QVERIFY(c.connected());
    c.send("POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nContent-Length: 50000000\r\n\r\n");
    QVERIFY2(c.closed(), c.received.constData());
    const QList<Response> r = parse_responses(c.received);
    QCOMPARE(r.size(), 1);
    QCOMPARE(r[0].status, 413);
    QCOMPARE(r[0].headers.value("connection"), QByteArray("close"));
    QVERIFY2(r[0].body.contains("request_too_large"), r[0].body.constData());
  }

  // Without the key (or with a wrong one) the answer is 401 from the head, before the body.
  void aRequestWithoutTheKeyIsAnswered401BeforeItsBody() {
    Served served(with_key());
    for (const QByteArray& auth : {QByteArray(), QByteArray("Authorization: Bearer wrong\r\n")}) {
      Client c(served.port);
      QVERIFY(c.connected());
      c.send("POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n" + auth + "\r\n");
      QVERIFY2(c.closed(), c.received.constData());
      const QList<Response> r = parse_responses(c.received);
      QCOMPARE(r.size(), 1);
      QCOMPARE(r[0].status, 401);
      QVERIFY2(r[0].body.contains("invalid_api_key"), r[0].body.constData());
    }
  }

  // A head over 64 KiB (one 70,000-byte header field) is refused with 431, and the connection closed.
  void aHeadOverTheLimitIsAnswered431AndClosed() {
    Served served;
    Client c(served.port);
    QVERIFY(c.connected());
    c.send("GET /v1/models HTTP/1.1\r\nHost: x\r\nX-Big: " + QByteArray(70'000, 'a') + "\r\n\r\n");
    QVERIFY2(c.closed(), c.received.left(300).constData());
    const QList<Response> r = parse_responses(c.received);
    QCOMPARE(r.size(), 1);
    QCOMPARE(r[0].status, 431);
  }

  // An idle connection, and one whose request stops half-way, are closed after the idle timeout
  // (the test's is short); the half-sent request is told 408 first.
  void idleAndHalfSentConnectionsAreClosedAfterTheTimeout() {
    ServerConfig config;
    config.http.idle_timeout = std::chrono::milliseconds(200);
    Served served(config);
    Client idle(served.port);
    Client half(served.port);
    QVERIFY(idle.connected() && half.connected());
    half.send("POST /v1/completions HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{\"model\"");
    QVERIFY(idle.closed());
    QCOMPARE(idle.received, QByteArray());
    QVERIFY(half.closed());
    const QList<Response> r = parse_responses(half.received);
    QCOMPARE(r.size(), 1);
    QCOMPARE(r[0].status, 408);
    // A kept-alive connection that goes quiet after its answer is closed too.
    Client kept(served.port);
    QVERIFY(kept.connected());
    kept.send(get_models());
    QVERIFY(kept.responses(1));
    QVERIFY(kept.closed());
  }

  // Past the connection limit a client is told 503 and closed; the ones within it are served, and
  // a freed place is taken again.
  void connectionsOverTheLimitAreAnswered503() {
    ServerConfig config;
    config.http.max_connections = 2;
    Served served(config);
    auto first = std::make_unique<Client>(served.port);
    Client second(served.port);
    QVERIFY(first->connected() && second.connected());
    first->send(get_models());
    QVERIFY(first->responses(1));  // both are taken by the server by now (accepted in order)
    Client third(served.port);
    QVERIFY(third.connected());
    QVERIFY(third.closed());
    const QList<Response> r = parse_responses(third.received);
    QCOMPARE(r.size(), 1);
    QCOMPARE(r[0].status, 503);
    second.send(get_models());
    QVERIFY(second.responses(1));
    QCOMPARE(parse_responses(second.received)[0].status, 200);
    first.reset();  // leaves: its place is free once the server has seen it go
    QVERIFY(QTest::qWaitFor(
        [&] {
          Client next(served.port);
          if (!next.connected()) return false;
          next.send(get_models());
          return next.responses(1) && parse_responses(next.received)[0].status == 200;
        },
        kWaitMs));
  }

  // GET, POST and GET sent in one write are answered in that order, each whole.
  void pipelinedRequestsAreAnsweredInOrder() {
    Served served;
    Client c(served.port);
    QVERIFY(c.connected());
    c.send(get_models() + post("/v1/completions", completion("Once upon")) + get_models());
    QVERIFY2(c.responses(3), c.received.constData());
    const QList<Response> r = parse_responses(c.received);
    QCOMPARE(r.size(), 3);
    QVERIFY2(r[0].status == 200 && r[0].body.contains("\"object\":\"list\""), r[0].body.constData());
    QVERIFY2(r[1].status == 200 && r[1].body.contains("\"object\":\"text_completion\""), r[1].body.constData());
    QVERIFY2(r[2].status == 200 && r[2].body.contains("\"object\":\"list\""), r[2].body.constData());
  }

  // A stream pipelined with a GET: the stream's body holds only its events and [DONE]; the
  // stream ends the connection (it said Connection: close), so the GET is not answered inside it.
  void aGetPipelinedAfterAStreamIsNotWrittenIntoTheStream() {
    Served served;
    Client c(served.port);
    QVERIFY(c.connected());
    c.send(post("/v1/completions", completion("Once upon", R"(,"stream":true)")) + get_models());
    QVERIFY(c.closed());
    const QList<Response> r = parse_responses(c.received);
    QCOMPARE(r.size(), 1);
    QCOMPARE(r[0].status, 200);
    QCOMPARE(r[0].headers.value("connection"), QByteArray("close"));
    QVERIFY2(r[0].body.endsWith("data: [DONE]\n\n"), r[0].body.constData());
    QVERIFY2(!r[0].body.contains("HTTP/1.1"), r[0].body.constData());
  }

  // "Connection: close" and HTTP/1.0 without keep-alive: one answer, then the server closes.
  // HTTP/1.0 with keep-alive keeps the connection for a second request.
  void connectionCloseAndHttp10CloseAfterTheAnswer() {
    Served served;
    for (const QByteArray& request : {get_models("Connection: close\r\n"), QByteArray("GET /v1/models HTTP/1.0\r\n\r\n")}) {
      Client c(served.port);
      QVERIFY(c.connected());
      c.send(request);
      QVERIFY2(c.closed(), request.constData());
      const QList<Response> r = parse_responses(c.received);
      QCOMPARE(r.size(), 1);
      QCOMPARE(r[0].status, 200);
      QCOMPARE(r[0].headers.value("connection"), QByteArray("close"));
    }
    Client kept(served.port);
    QVERIFY(kept.connected());
    kept.send("GET /v1/models HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
    QVERIFY(kept.responses(1));
    kept.send("GET /v1/models HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
    QVERIFY(kept.responses(2));
    QCOMPARE(parse_responses(kept.received)[1].headers.value("connection"), QByteArray("keep-alive"));
  }

  // The auth scheme is case-insensitive (RFC 7235): "bearer" and "BEARER" work as "Bearer" does.
  void theBearerSchemeIsCaseInsensitive() {
    Served served(with_key());
    for (const char* scheme : {"bearer", "BEARER", "Bearer"}) {
      Client c(served.port);
      QVERIFY(c.connected());
      c.send(get_models("Authorization: " + QByteArray(scheme) + " " + kKey + "\r\n"));
      QVERIFY(c.responses(1));
      QCOMPARE(parse_responses(c.received)[0].status, 200);
    }
  }

  // With a key, clients at different addresses may be different people: the second one's first
  // request, the same prompt as the first's, is told cached_tokens 0 (not how much of its prompt
  // the other client's matched); its own repeat is told its own cache hit. Without a key (one
  // user, loopback) the figure is kept across addresses.
  void cachedTokensAreNotToldAcrossClients() {
    const QByteArray auth = "Authorization: Bearer " + kKey + "\r\n";
    const QByteArray body = completion("The secret prefix is swordfish");
    const auto ask = [&](quint16 port, const char* from, const QByteArray& extra) {
      Client c(port, QHostAddress(QString::fromLatin1(from)));
      if (!c.connected()) return qint64(-2);
      c.send(post("/v1/completions", body, extra));
      if (!c.responses(1)) return qint64(-3);
      return cached_tokens(parse_responses(c.received)[0]);
    };
    {
      Served keyed(with_key());
      QCOMPARE(ask(keyed.port, "127.0.0.1", auth), qint64(0));
      QCOMPARE(ask(keyed.port, "127.0.0.2", auth), qint64(0));  // another client: nothing told
      QVERIFY(ask(keyed.port, "127.0.0.2", auth) > 0);          // its own repeat
    }
    Served owned;
    QCOMPARE(ask(owned.port, "127.0.0.1", {}), qint64(0));
    QVERIFY(ask(owned.port, "127.0.0.2", {}) > 0);
  }
};

QTEST_GUILESS_MAIN(ServerAbuseTest)
#include "server_abuse_test.moc"
