#include "app/server/http_listener.h"

#include <sys/resource.h>
#include <QTcpServer>
#include <QTcpSocket>
#include <algorithm>
#include <filesystem>

#include "app/server/api_error.h"
#include "app/server/http_connection.h"

namespace veloce::server {
namespace {

// How long accepting pauses after it failed: long enough not to spin, short enough that the server
// takes clients again as soon as descriptors are free.
constexpr int kAcceptRetryMs = 200;
// Connections Qt accepts before the listener sees them (each holds a descriptor until answered).
constexpr int kPendingAccepts = 4;
// Descriptors left for the rest of the process (files, the database, the GPU driver) and for
// connections being refused with 503.
constexpr size_t kSpareDescriptors = 24;
// Refusals lingering at once, and how long each may.
constexpr size_t kMaxRefusing = 8;
constexpr std::chrono::milliseconds kRefusalLinger{1000};

// Descriptors this process may still open: the soft limit less those open now.
size_t free_descriptors() {
  rlimit limit{};
  if (getrlimit(RLIMIT_NOFILE, &limit) != 0 || limit.rlim_cur == RLIM_INFINITY) return SIZE_MAX;
  std::error_code error;
  size_t open = 0;
  for (std::filesystem::directory_iterator it("/proc/self/fd", error), end; !error && it != end; it.increment(error)) ++open;
  return limit.rlim_cur > open ? static_cast<size_t>(limit.rlim_cur) - open : 0;
}

}  // namespace

HttpListener::HttpListener(QTcpServer* server, const HttpLimits& limits, HttpHandler& handler, QObject* parent)
    : QObject(parent), server_(server), limits_(limits), handler_(handler) {
  const size_t free = free_descriptors();
  max_open_ = std::clamp(free > kSpareDescriptors ? free - kSpareDescriptors : 0, size_t{1}, limits_.max_connections);
  server_->setMaxPendingConnections(kPendingAccepts);
  resume_.setSingleShot(true);
  resume_.setInterval(kAcceptRetryMs);
  connect(&resume_, &QTimer::timeout, server_, &QTcpServer::resumeAccepting);
  connect(server_, &QTcpServer::newConnection, this, &HttpListener::accept_pending);
  connect(server_, &QTcpServer::acceptError, this, &HttpListener::on_accept_error);
  accept_pending();
}

void HttpListener::accept_pending() {
  while (QTcpSocket* socket = server_->nextPendingConnection()) {
    if (open_ >= max_open_ + kMaxRefusing) {
      // A flood: refusing politely would itself use up descriptors.
      socket->abort();
      delete socket;
      continue;
    }
    ++open_;
    if (open_ > max_open_) {
      // Told, not just dropped, so a client can tell a full server from a dead one; the refusal
      // lingers at most a second for the client to read it.
      HttpLimits refusing = limits_;
      refusing.idle_timeout = std::min(limits_.idle_timeout, kRefusalLinger);
      auto* connection = new HttpConnection(socket, refusing, handler_, this);
      connect(connection, &QObject::destroyed, this, [this] { --open_; });
      connection->refuse(ApiError(503, "the server has too many open connections; retry shortly", "server_error", "",
                                  "too_many_connections"));
      continue;
    }
    auto* connection = new HttpConnection(socket, limits_, handler_, this);
    connect(connection, &QObject::destroyed, this, [this] { --open_; });
  }
}

void HttpListener::on_accept_error() {
  server_->pauseAccepting();
  resume_.start();
}

}  // namespace veloce::server
