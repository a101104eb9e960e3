#pragma once
// ModelDownload: one model file fetched over HTTP(S) into a folder, the way a 9 GB file must be:
//
// - Written to NAME.part beside its final place; the validator the server gave (ETag or
//   Last-Modified) is kept in NAME.part.meta, so a later run (after a crash, kill -9 or a dropped
//   connection) resumes with a Range request guarded by If-Range. A server that ignores Range (a
//   200 instead of 206) or whose file changed restarts the download from the start, cleanly.
// - Redirects are followed by hand (at most 10, http and https only), so the headers of the first
//   answer are still seen: Hugging Face puts the file's SHA-256 and size there (X-Linked-Etag,
//   X-Linked-Size) before it redirects to its CDN. The FIRST hop that publishes a hash or a size
//   is the one believed: a later hop (another host) that publishes another is refused, or it could
//   vouch for its own bytes.
// - The announced size (the first published X-Linked-Size, else Content-Length or Content-Range)
//   is a limit: a body longer than it is refused, and a NAME.part longer than the file on the
//   server is discarded with a note and the download starts over (never a 416 on every resume).
//   An empty body is never a model.
// - The file name (the URL's last segment, decoded) is refused when it holds a control character,
//   a slash or a leading dot; addresses in messages carry no user name, password or query.
// - Free disk space is checked before the first byte; a write that fails keeps NAME.part for a
//   resume and names the cause.
// - The SHA-256 (given by the caller, else the server's X-Linked-Etag when it is one) is checked
//   before NAME.part becomes NAME; a mismatch deletes the partial file and says so. Only a
//   verified file is ever moved into place.
// - A connection that delivers nothing for `stallTimeoutMs` is an error, as are HTTP errors, each
//   in words with the URL.
//
// Threads: a QObject of the thread that runs it (its QNetworkAccessManager's). The network is used
// only here, and only when the user asks for a download; the system proxy is respected.
#include <QByteArray>
#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QFile>
#include <QObject>
#include <QString>
#include <QUrl>
#include <memory>

class QNetworkAccessManager;
class QNetworkReply;

namespace veloce::app {

struct DownloadRequest {
  QUrl url;
  QString folder;          // where NAME goes
  QString fileName;        // "": the URL's last path segment
  QString expectedSha256;  // lower-case hex; "": the server's X-Linked-Etag if it is a SHA-256
  int stallTimeoutMs = 30000;
};

class ModelDownload : public QObject {
  Q_OBJECT
 public:
  explicit ModelDownload(DownloadRequest request, QObject* parent = nullptr);
  ~ModelDownload() override;

  void start();
  // Stops now and keeps NAME.part for a later resume (pause); finished(false, ...) follows.
  void cancel();

  QString finalPath() const;
  QString partialPath() const { return finalPath() + QStringLiteral(".part"); }
  qint64 received() const { return received_; }  // bytes in NAME.part, resumed ones included
  qint64 total() const { return total_; }        // -1 while unknown
  // How the last run began: 0 from the start, else the byte it resumed at.
  qint64 resumedFrom() const { return resumedFrom_; }
  // The verified file's SHA-256 (hex), once finished(true).
  QString sha256() const { return sha256_; }
  // Whether it was compared with a published or given hash (false: no hash was to be had).
  bool verified() const { return verified_; }

 signals:
  // bytesPerSecond: this run's average; secondsLeft: -1 while unknown.
  void progress(qint64 received, qint64 total, double bytesPerSecond, double secondsLeft);
  // ok: the verified file is at finalPath(). Otherwise `error` says why (in words, with the URL).
  void finished(bool ok, const QString& error);
  // Something the user should know that is not an error (a partial file discarded), in words.
  void notice(const QString& message);

 private:
  void get(const QUrl& url, int redirectsLeft);
  void onHeaders(QNetworkReply* reply);
  void onData(QNetworkReply* reply);
  void onFinished(QNetworkReply* reply, int redirectsLeft);
  // X-Linked-Etag / X-Linked-Size of any answer, first one kept; false after fail() on a conflict.
  bool notePublished(QNetworkReply* reply);
  // The file's size as `source` announces it; false after fail() when it differs from the first.
  bool announceSize(qint64 size, const QUrl& source);
  // NAME.part open for writing (restart: emptied, with the hash and counts reset); false after
  // fail() when it cannot be opened.
  bool openPartial(bool restart);
  void fail(const QString& error, bool removePartial);
  void complete();
  void readValidator();
  void writeValidator(const QByteArray& validator);

  DownloadRequest request_;
  std::unique_ptr<QNetworkAccessManager> network_;
  QNetworkReply* reply_ = nullptr;
  QFile file_;
  QCryptographicHash hash_{QCryptographicHash::Sha256};
  QByteArray validator_;  // ETag or Last-Modified of the partial file's source
  QString linkedSha256_;  // X-Linked-Etag, when it is a SHA-256
  qint64 received_ = 0;
  qint64 total_ = -1;       // the announced size, -1 until one is
  bool restarted_ = false;  // a NAME.part the server could not resume was discarded this run
  qint64 resumedFrom_ = 0;
  qint64 startedAt_ = 0;  // received_ when this run began (for the speed)
  bool headersSeen_ = false;
  bool done_ = false;
  bool cancelled_ = false;
  QString sha256_;
  bool verified_ = false;
  QElapsedTimer clock_;
};

}  // namespace veloce::app
