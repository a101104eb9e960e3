#include "file_server.h"

#include <QHostAddress>
#include <QPointer>
#include <QRegularExpression>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>
#include <QtHttpServer/QHttpServerRequest>

quint16 FileServer::listenOn(const QString& address) {
  auto* tcp = new QTcpServer(this);
  if (!tcp->listen(QHostAddress(address), 0)) return 0;
  bind(tcp);
  return tcp->serverPort();
}

bool FileServer::handleRequest(const QHttpServerRequest& request, QTcpSocket* socket) {
  const QString path = request.url().path();
  log << path + QLatin1Char(' ') + QString::fromLatin1(request.value("Range"));
  const auto head = [&](const QByteArray& status, const QByteArray& headers) {
    socket->write("HTTP/1.1 " + status + "\r\n" + headers + "Content-Length: 0\r\nConnection: close\r\n\r\n");
    socket->disconnectFromHost();
  };
  const QString route = path.section(QLatin1Char('/'), 1, 1);
  if (hops.contains(route)) {
    const Hop& hop = hops[route];
    QByteArray headers = "Location: " + hop.location + "\r\n";
    if (!hop.linkedSha256.isEmpty()) headers += "X-Linked-Etag: \"" + hop.linkedSha256 + "\"\r\n";
    if (hop.linkedSize >= 0) headers += "X-Linked-Size: " + QByteArray::number(hop.linkedSize) + "\r\n";
    head("302 Found", headers);
  } else if (route == QLatin1String("empty")) {
    head("200 OK", "ETag: " + etag_ + "\r\n");
  } else if (route == QLatin1String("long")) {
    // No Content-Length: the body ends when the connection closes, 64 KiB after the file does.
    socket->write("HTTP/1.1 200 OK\r\nETag: " + etag_ + "\r\nConnection: close\r\n\r\n" + body_ + QByteArray(64 << 10, 'x'));
    socket->disconnectFromHost();
  } else if (path.startsWith(QLatin1String("/hf/")) || path.startsWith(QLatin1String("/bad/"))) {
    QByteArray sha = linkedSha256;
    if (path.startsWith(QLatin1String("/bad/"))) sha = QByteArray(64, 'a');
    head("302 Found", "Location: " + redirectTarget + "\r\nX-Linked-Etag: \"" + sha +
                          "\"\r\nX-Linked-Size: " + QByteArray::number(body_.size()) + "\r\n");
  } else if (path.startsWith(QLatin1String("/norange/"))) {
    sendFile(socket, request, false, -1, false, false);
  } else if (path.startsWith(QLatin1String("/flaky/"))) {
    const bool drop = dropsLeft > 0;
    if (drop) --dropsLeft;
    sendFile(socket, request, true, drop ? body_.size() / 2 : -1, false, false);
  } else if (path.startsWith(QLatin1String("/stall/"))) {
    sendFile(socket, request, true, 1000, true, false);
  } else if (path.startsWith(QLatin1String("/slow/"))) {
    sendFile(socket, request, true, -1, false, true);
  } else if (path.startsWith(QLatin1String("/file/")) || path.startsWith(QLatin1String("/cdn/"))) {
    sendFile(socket, request, true, -1, false, false);
  } else {
    head("404 Not Found", "");
  }
  return true;
}

// cutAt: bytes of the body after which the connection is dropped (stall: kept open, silent).
void FileServer::sendFile(QTcpSocket* socket, const QHttpServerRequest& request, bool honourRange, qint64 cutAt, bool stall,
                          bool slow) {
  qint64 from = 0;
  static const QRegularExpression range(QStringLiteral("^bytes=(\\d+)-$"));
  const auto m = range.match(QString::fromLatin1(request.value("Range")));
  const QByteArray ifRange = request.value("If-Range");
  if (honourRange && m.hasMatch() && (ifRange.isEmpty() || ifRange == etag_)) from = m.captured(1).toLongLong();
  if (from >= body_.size()) {
    socket->write("HTTP/1.1 416 Range Not Satisfiable\r\nContent-Range: bytes */" + QByteArray::number(body_.size()) +
                  "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
    socket->disconnectFromHost();
    return;
  }
  QByteArray headers =
      "ETag: " + etag_ + "\r\nContent-Length: " + QByteArray::number(body_.size() - from) + "\r\nConnection: close\r\n";
  if (from > 0) {
    headers = "HTTP/1.1 206 Partial Content\r\nContent-Range: bytes " + QByteArray::number(from) + "-" +
              QByteArray::number(body_.size() - 1) + "/" + QByteArray::number(body_.size()) + "\r\n" + headers;
  } else {
    headers = "HTTP/1.1 200 OK\r\n" + headers;
  }
  socket->write(headers + "\r\n");
  const QByteArray rest = body_.mid(from);
  if (slow) {
    // 64 KiB every 20 ms (about 3 MiB/s): slow enough to be killed half-way.
    auto* timer = new QTimer(socket);
    auto offset = std::make_shared<qint64>(0);
    QPointer<QTcpSocket> s = socket;
    connect(timer, &QTimer::timeout, socket, [s, timer, rest, offset] {
      if (!s) return;
      s->write(rest.mid(*offset, 64 << 10));
      *offset += 64 << 10;
      if (*offset >= rest.size()) {
        timer->stop();
        s->disconnectFromHost();
      }
    });
    timer->start(20);
    return;
  }
  if (cutAt >= 0) {
    socket->write(rest.left(cutAt));
    if (stall) return;
    // Dropped (a reset, not a clean close) once the bytes before the cut are on their way.
    QPointer<QTcpSocket> s = socket;
    connect(socket, &QTcpSocket::bytesWritten, socket, [s] {
      if (s && s->bytesToWrite() == 0) s->abort();
    });
    return;
  }
  socket->write(rest);
  socket->disconnectFromHost();
}
