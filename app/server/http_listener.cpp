#include "app/server/http_listener.h"

#include <QTcpServer>
#include <QTcpSocket>

#include "app/server/api_error.h"
#include "app/server/http_connection.h"
#include "app/server/http_responder.h"
#include "app/server/openai_json.h"

namespace veloce::server {
namespace {

// How long accepting pauses after it failed: long enough not to spin, short enough that the server
// takes clients again as soon as descriptors are free.
constexpr int kAcceptRetryMs = 200;

}  // namespace

HttpListener::HttpListener(QTcpServer* server, const HttpLimits& limits, HttpHandler& handler, QObject* parent)
    : QObject(parent), server_(server), limits_(limits), handler_(handler) {
  resume_.setSingleShot(true);
  resume_.setInterval(kAcceptRetryMs);
  connect(&resume_, &QTimer::timeout, server_, &QTcpServer::resumeAccepting);
  connect(server_, &QTcpServer::newConnection, this, &HttpListener::accept_pending);
  connect(server_, &QTcpServer::acceptError, this, &HttpListener::on_accept_error);
  accept_pending();
}

void HttpListener::accept_pending() {
  while (QTcpSocket* socket = server_->nextPendingConnection()) {
    if (open_ >= limits_.max_connections) {
      // Told, not just dropped, so a client can tell a full server from a dead one. The socket
      // closes once the answer is written, or is aborted after the idle timeout.
      const ApiError error(503, "the server has too many open connections; retry shortly", "server_error", "",
                           "too_many_connections");
      const QByteArray body = error_json(error);
      socket->write(response_head(503, "application/json", AfterResponse::Close, body.size()) + body);
      socket->disconnectFromHost();
      connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
      QTimer::singleShot(limits_.idle_timeout, socket, &QTcpSocket::abort);
      continue;
    }
    ++open_;
    auto* connection = new HttpConnection(socket, limits_, handler_, this);
    connect(connection, &QObject::destroyed, this, [this] { --open_; });
  }
}

void HttpListener::on_accept_error() {
  server_->pauseAccepting();
  resume_.start();
}

}  // namespace veloce::server
