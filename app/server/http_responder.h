#pragma once
// The answer to one request on its connection: a whole response, or a stream that ends by closing
// the connection (server-sent events). Move-only; dropping an unanswered responder closes the
// connection, so a request is never left hanging and later ones never answered out of order.
#include <QByteArray>
#include <QByteArrayView>
#include <QPointer>

#include "app/server/http_request.h"

namespace veloce::server {

class HttpConnection;

class HttpResponder {
 public:
  HttpResponder(HttpConnection* connection, AfterResponse after);
  HttpResponder(HttpResponder&& other) noexcept;
  HttpResponder& operator=(HttpResponder&&) = delete;
  HttpResponder(const HttpResponder&) = delete;
  ~HttpResponder();

  // Whether the client is still there to read what is written.
  bool alive() const;
  HttpConnection* connection() const;

  void send(int status, QByteArrayView content_type, QByteArrayView body);
  void begin_stream(int status, QByteArrayView content_type);
  void stream(QByteArrayView bytes);
  void end_stream();

 private:
  enum class Stage { Fresh, Streaming, Done };
  QPointer<HttpConnection> connection_;
  AfterResponse after_;
  Stage stage_ = Stage::Fresh;
};

// "HTTP/1.1 413 Payload Too Large\r\n" and the fields after it, ending with the empty line.
QByteArray response_head(int status, QByteArrayView content_type, AfterResponse after, qsizetype content_length);

}  // namespace veloce::server
