#pragma once
// Takes the connections a QTcpServer accepts and gives each an HttpConnection, up to
// HttpLimits::max_connections at once; one more is answered 503 and closed. When accepting fails
// (out of file descriptors), it stops accepting for a moment instead of retrying in a busy loop.
#include <QObject>
#include <QTimer>

#include "app/server/http_limits.h"

class QTcpServer;

namespace veloce::server {

class HttpHandler;

class HttpListener : public QObject {
  Q_OBJECT
 public:
  // The server stays the caller's; the listener is usually its child.
  HttpListener(QTcpServer* server, const HttpLimits& limits, HttpHandler& handler, QObject* parent);

  size_t open_connections() const { return open_; }

 private:
  void accept_pending();
  void on_accept_error();

  QTcpServer* server_;
  const HttpLimits limits_;
  HttpHandler& handler_;
  size_t open_ = 0;
  QTimer resume_;
};

}  // namespace veloce::server
