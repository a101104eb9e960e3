#pragma once
// A loopback HTTP file server for the download tests, written as raw HTTP on the socket so that
// each way a real server or network misbehaves can be played exactly: Range and If-Range, a
// server that ignores Range, a connection dropped half-way, a stall, a slow trickle, redirects
// carrying Hugging Face's X-Linked-Etag / X-Linked-Size, and 404; and a misbehaving one: hops to
// other hosts or schemes with headers of their choosing, an empty answer, a body longer than
// announced, and 416 for a Range past the end (as real servers answer).
#include <QByteArray>
#include <QHash>
#include <QStringList>
#include <QtHttpServer/QAbstractHttpServer>

class FileServer : public QAbstractHttpServer {
  Q_OBJECT
 public:
  // body: the file every route serves; etag: its validator.
  FileServer(QByteArray body, QByteArray etag) : body_(std::move(body)), etag_(std::move(etag)) {}
  quint16 listenOn(const QString& address);

  QByteArray redirectTarget;  // /hf/NAME and /bad/NAME redirect here
  QByteArray linkedSha256;    // sent as X-Linked-Etag by /hf/
  int dropsLeft = 1;          // /flaky/ drops the connection half-way this many times
  QStringList log;            // "PATH RANGE" of every request

  // /KEY/NAME answers 302 to `location`, with X-Linked-Etag and X-Linked-Size when they are set.
  struct Hop {
    QByteArray location;
    QByteArray linkedSha256;  // "": no X-Linked-Etag
    qint64 linkedSize = -1;   // -1: no X-Linked-Size
  };
  QHash<QString, Hop> hops;

 protected:
  bool handleRequest(const QHttpServerRequest& request, QTcpSocket* socket) override;
  void missingHandler(const QHttpServerRequest&, QTcpSocket*) override {}

 private:
  void sendFile(QTcpSocket* socket, const QHttpServerRequest& request, bool honourRange, qint64 cutAt, bool stall,
                bool slow);
  QByteArray body_;
  QByteArray etag_;
};
