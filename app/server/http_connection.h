#pragma once
// One client's TCP connection: reads a request's head (bounded), lets the handler refuse it before
// the body is read, reads the body (as long as the handler allowed), and hands the whole request
// over. One request at a time: a pipelined next request stays unread until the answer to the one
// before is complete, so answers go out in request order. A deadline closes connections that sit
// idle or send a request too slowly; closing lingers (the peer's leftovers are read and dropped)
// so that the client reads the answer instead of a reset.
#include <QByteArray>
#include <QObject>
#include <QTimer>

#include "app/server/http_limits.h"
#include "app/server/http_request.h"

class QTcpSocket;

namespace veloce::server {

class HttpHandler;
struct ApiError;

class HttpConnection : public QObject {
  Q_OBJECT
 public:
  // Takes the socket (as a child); deletes itself once the socket has closed.
  HttpConnection(QTcpSocket* socket, const HttpLimits& limits, HttpHandler& handler, QObject* parent);

  bool connected() const;
  // Answers `error` at once and closes (a client over the connection limit).
  void refuse(const ApiError& error);

 signals:
  void closed();  // the client left or the connection was closed; it is deleted next

 private:
  friend class HttpResponder;
  enum class State { Head, Body, Responding, Closing };
  void read_more();
  void write(QByteArrayView bytes);
  void response_done(AfterResponse after);
  void close_after_writing();
  void shut_write_side_when_flushed();
  void on_deadline();
  void on_disconnected();

  QTcpSocket* socket_;
  const HttpLimits limits_;
  HttpHandler& handler_;
  State state_ = State::Head;
  QByteArray buffer_;  // read but not yet used: the head so far, or bytes after it
  HttpRequest request_;
  QTimer deadline_;
  bool write_side_shut_ = false;
  bool gone_ = false;
};

}  // namespace veloce::server
