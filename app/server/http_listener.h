#pragma once
// Takes the connections a QTcpServer accepts and gives each an HttpConnection, up to
// HttpLimits::max_connections at once, and never so many that the process runs out of file
// descriptors; one more is answered 503 and closed. Qt retries a failing accept() (out of
// descriptors) in a busy loop, so the limit keeps accept() from failing, and should it fail
// anyway (descriptors taken elsewhere), accepting pauses for a moment.
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
  size_t max_open() const { return max_open_; }

 private:
  void accept_pending();
  void on_accept_error();

  QTcpServer* server_;
  const HttpLimits limits_;
  HttpHandler& handler_;
  size_t open_ = 0;
  size_t max_open_;  // max_connections, or fewer where the descriptor limit is lower
  QTimer resume_;
};

}  // namespace veloce::server
