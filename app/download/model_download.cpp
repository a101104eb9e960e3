#include "app/download/model_download.h"

#include <unistd.h>
#include <QDir>
#include <QFileInfo>
#include <QLocale>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QRegularExpression>
#include <QStorageInfo>

#include "app/download/file_name_check.h"
#include "app/download/url_display.h"

#include <cerrno>
#include <cstring>

namespace veloce::app {
namespace {

constexpr qint64 kDiskMargin = 64ll << 20;  // left free beyond the file: the system needs room too

bool isSha256(const QString& s) {
  static const QRegularExpression hex(QStringLiteral("^[0-9a-f]{64}$"));
  return hex.match(s).hasMatch();
}

QString bytes(qint64 n) { return QLocale::system().formattedDataSize(n, 1, QLocale::DataSizeTraditionalFormat); }

bool isRedirect(int status) { return status == 301 || status == 302 || status == 303 || status == 307 || status == 308; }

bool isWebScheme(const QUrl& url) { return url.scheme() == QLatin1String("http") || url.scheme() == QLatin1String("https"); }

}  // namespace

ModelDownload::ModelDownload(DownloadRequest request, QObject* parent) : QObject(parent), request_(std::move(request)) {
  request_.expectedSha256 = request_.expectedSha256.trimmed().toLower();
  if (request_.fileName.isEmpty()) request_.fileName = request_.url.fileName();
}

ModelDownload::~ModelDownload() {
  if (reply_) {
    reply_->disconnect(this);
    reply_->abort();
  }
}

QString ModelDownload::finalPath() const { return QDir(request_.folder).filePath(request_.fileName); }

void ModelDownload::start() {
  if (!request_.url.isValid()) {
    // An invalid QUrl prints as "": Qt's reason quotes the text, credentials and all.
    fail(tr("Not a web address to download from: %1").arg(withoutCredentials(request_.url.errorString())), false);
    return;
  }
  if (!isWebScheme(request_.url)) {
    fail(tr("Not a web address to download from: %1").arg(displayUrl(request_.url)), false);
    return;
  }
  if (request_.fileName.isEmpty()) {
    fail(tr("The address %1 does not end in a file name.").arg(displayUrl(request_.url)), false);
    return;
  }
  // Decoded, the name may hold a NUL, a line break, an escape or a right-to-left override (%00,
  // %0A, %1B, %E2%80%AE): refused, and shown encoded so that the message stays one readable line.
  if (const QString problem = fileNameProblem(request_.fileName); !problem.isEmpty()) {
    fail(tr("The address %1 does not end in a usable file name (%2): %3.")
             .arg(displayUrl(request_.url), QString::fromLatin1(QUrl::toPercentEncoding(request_.fileName)), problem),
         false);
    return;
  }
  if (!request_.expectedSha256.isEmpty() && !isSha256(request_.expectedSha256)) {
    fail(tr("The SHA-256 given is not 64 hexadecimal digits: %1").arg(request_.expectedSha256), false);
    return;
  }
  if (!QDir().mkpath(request_.folder)) {
    fail(tr("Cannot create the folder %1.").arg(request_.folder), false);
    return;
  }
  if (QFileInfo::exists(finalPath())) {
    fail(tr("%1 already exists; choose it as the model, or delete it to download it again.").arg(finalPath()), false);
    return;
  }
  // A partial file from an earlier run: its bytes are hashed again (the hash state is not kept on
  // disk), and the download asks for the rest.
  file_.setFileName(partialPath());
  if (file_.exists()) {
    readValidator();
    QFile earlier(partialPath());
    if (!earlier.open(QIODevice::ReadOnly)) {
      fail(tr("Cannot read %1: %2").arg(partialPath(), earlier.errorString()), false);
      return;
    }
    while (!earlier.atEnd()) {
      const QByteArray chunk = earlier.read(4 << 20);
      if (chunk.isEmpty()) break;
      hash_.addData(chunk);
      received_ += chunk.size();
    }
  }
  resumedFrom_ = received_;
  startedAt_ = received_;
  clock_.start();
  network_ = std::make_unique<QNetworkAccessManager>();
  get(request_.url, 10);
}

void ModelDownload::cancel() {
  cancelled_ = true;
  if (reply_) reply_->abort();
}

void ModelDownload::get(const QUrl& url, int redirectsLeft) {
  QNetworkRequest r(url);
  r.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
  r.setTransferTimeout(request_.stallTimeoutMs);
  r.setRawHeader("User-Agent", "Veloce");
  // Byte offsets are the file's: no compressed transfer (Qt would inflate it behind our back).
  r.setRawHeader("Accept-Encoding", "identity");
  if (received_ > 0) {
    r.setRawHeader("Range", "bytes=" + QByteArray::number(received_) + "-");
    // The rest of the same file, or (when it changed on the server) all of the new one.
    if (!validator_.isEmpty()) r.setRawHeader("If-Range", validator_);
  }
  headersSeen_ = false;
  reply_ = network_->get(r);
  QNetworkReply* reply = reply_;
  connect(reply, &QNetworkReply::metaDataChanged, this, [this, reply] { onHeaders(reply); });
  connect(reply, &QIODevice::readyRead, this, [this, reply] { onData(reply); });
  connect(reply, &QNetworkReply::finished, this, [this, reply, redirectsLeft] { onFinished(reply, redirectsLeft); });
}

void ModelDownload::onHeaders(QNetworkReply* reply) {
  if (done_ || headersSeen_) return;
  const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
  if (!notePublished(reply)) return;
  if (isRedirect(status) || status >= 400 || status == 0) return;

  if (status == 206) {
    static const QRegularExpression range(QStringLiteral("^bytes (\\d+)-(\\d+)/(\\d+|\\*)$"));
    const auto m = range.match(QString::fromLatin1(reply->rawHeader("Content-Range")).trimmed());
    if (!m.hasMatch() || m.captured(1).toLongLong() != received_) {
      fail(tr("The server resumed %1 at the wrong place; run the download again to start over.")
               .arg(displayUrl(request_.url)),
           true);
      return;
    }
    if (m.captured(3) != QLatin1String("*") && !announceSize(m.captured(3).toLongLong(), reply->url())) return;
  } else {
    // 200: the whole file. A server without Range support, or a file that changed since the
    // partial one was written: start again from byte 0.
    if (received_ > 0 && !openPartial(true)) return;
    const QVariant length = reply->header(QNetworkRequest::ContentLengthHeader);
    if (length.isValid() && length.toLongLong() == 0) {
      fail(tr("%1 answered with an empty file (Content-Length: 0); an empty file is never a model.")
               .arg(displayUrl(reply->url())),
           false);
      return;
    }
    if (length.isValid() && !announceSize(length.toLongLong(), reply->url())) return;
  }
  if (total_ >= 0) {
    const QStorageInfo disk(request_.folder);
    const qint64 needed = total_ - received_;
    if (disk.isValid() && disk.bytesAvailable() >= 0 && disk.bytesAvailable() < needed + kDiskMargin) {
      fail(tr("Not enough disk space in %1: the download needs %2 more, and %3 is free.")
               .arg(request_.folder, bytes(needed + kDiskMargin), bytes(disk.bytesAvailable())),
           false);
      return;
    }
  }
  QByteArray validator = reply->rawHeader("ETag");
  if (validator.isEmpty() || validator.startsWith("W/")) validator = reply->rawHeader("Last-Modified");
  writeValidator(validator);
  if (!openPartial(false)) return;
  headersSeen_ = true;
}

bool ModelDownload::notePublished(QNetworkReply* reply) {
  // Hugging Face: the LFS file's SHA-256 and size, on the answer that redirects to the CDN. A hop
  // after it is another host's word about its own bytes: it may repeat the first, never replace it.
  const QString linked = QString::fromLatin1(reply->rawHeader("X-Linked-Etag")).remove(QLatin1Char('"')).toLower();
  if (isSha256(linked)) {
    if (linkedSha256_.isEmpty()) {
      linkedSha256_ = linked;
    } else if (linked != linkedSha256_) {
      fail(tr("%1 publishes the SHA-256 %2, but the first address published %3: a redirect may not change the file, "
              "so the download stops.")
               .arg(displayUrl(reply->url()), linked, linkedSha256_),
           false);
      return false;
    }
  }
  bool sizeOk = false;
  const qint64 linkedSize = reply->rawHeader("X-Linked-Size").toLongLong(&sizeOk);
  return !(sizeOk && linkedSize > 0) || announceSize(linkedSize, reply->url());
}

bool ModelDownload::announceSize(qint64 size, const QUrl& source) {
  if (total_ < 0) {
    total_ = size;
    return true;
  }
  if (size == total_) return true;
  fail(tr("%1 announces %2 bytes, but the file was announced with %3 bytes: the download stops.")
           .arg(displayUrl(source))
           .arg(size)
           .arg(total_),
       false);
  return false;
}

void ModelDownload::onData(QNetworkReply* reply) {
  if (done_) return;
  if (!headersSeen_) {
    reply->readAll();  // a redirect's or an error's body
    return;
  }
  const QByteArray data = reply->readAll();
  if (data.isEmpty()) return;
  // Past the announced size the bytes are not the file's: written, they would make NAME.part too
  // long for any resume. What came is not trusted either, so it goes.
  if (total_ >= 0 && data.size() > total_ - received_) {
    fail(tr("%1 sent more than the %2 bytes it announced: the partial file has been deleted. Run the download again "
            "to start over.")
             .arg(displayUrl(reply->url()))
             .arg(total_),
         true);
    return;
  }
  errno = 0;
  if (file_.write(data) != data.size()) {
    // Disk full, a size limit, or the folder went away: what is written stays for a resume. The
    // system's reason (QFile only says "Unknown error" for EFBIG): the file is unbuffered, so
    // errno is the failed write's.
    const QString reason = errno != 0 ? QString::fromLocal8Bit(std::strerror(errno)) : file_.errorString();
    fail(tr("Writing %1 failed: %2. The download can resume once there is room.").arg(partialPath(), reason), false);
    return;
  }
  hash_.addData(data);
  received_ += data.size();
  const double seconds = static_cast<double>(clock_.nsecsElapsed()) / 1e9;
  const double speed = seconds > 0 ? static_cast<double>(received_ - startedAt_) / seconds : 0;
  const double left = total_ > 0 && speed > 0 ? static_cast<double>(total_ - received_) / speed : -1;
  emit progress(received_, total_, speed, left);
}

void ModelDownload::onFinished(QNetworkReply* reply, int redirectsLeft) {
  reply->deleteLater();
  if (reply == reply_) reply_ = nullptr;
  if (done_) return;
  const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
  const QString url = displayUrl(reply->url());
  if (isRedirect(status)) {
    const QUrl target = reply->url().resolved(reply->attribute(QNetworkRequest::RedirectionTargetAttribute).toUrl());
    if (redirectsLeft == 0 || !target.isValid()) {
      fail(tr("Too many redirects from %1.").arg(displayUrl(request_.url)), false);
      return;
    }
    // Qt would happily read a file: or data: address: a web server may not point at this
    // computer's files or hand over an inline "model". Only the scheme is shown: a data: address
    // is its own content.
    if (!isWebScheme(target)) {
      fail(tr("%1 redirected to a %2: address; models are downloaded over http and https only.")
               .arg(url, target.scheme().isEmpty() ? QStringLiteral("?") : target.scheme()),
           false);
      return;
    }
    get(target, redirectsLeft - 1);
    return;
  }
  if (status == 416 && received_ > 0) {
    // Nothing after our last byte: the partial file may already be all of it.
    static const QRegularExpression whole(QStringLiteral("^bytes \\*/(\\d+)$"));
    const auto m = whole.match(QString::fromLatin1(reply->rawHeader("Content-Range")).trimmed());
    const qint64 size = m.hasMatch() ? m.captured(1).toLongLong() : total_;
    if (size == received_) {
      total_ = received_;
      complete();
      return;
    }
    // NAME.part cannot be resumed (longer than the file, from an older bug or another file): kept,
    // it would bring a 416 on every run. Once per run, it goes and the download starts over.
    if (!restarted_) {
      restarted_ = true;
      emit notice(size >= 0 ? tr("%1 (%2 bytes) does not fit the file on the server (%3 bytes): it was discarded, and "
                                 "the download starts over.")
                                  .arg(partialPath())
                                  .arg(received_)
                                  .arg(size)
                            : tr("%1 (%2 bytes) cannot be resumed (the server answered 416): it was discarded, and "
                                 "the download starts over.")
                                  .arg(partialPath())
                                  .arg(received_));
      if (!openPartial(true)) return;
      writeValidator(QByteArray());
      get(request_.url, 10);
      return;
    }
  }
  if (status >= 400) {
    fail(tr("The server answered %1 %2 for %3.")
             .arg(status)
             .arg(reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toString(), url),
         received_ == 0);
    return;
  }
  if (reply->error() != QNetworkReply::NoError) {
    const auto e = reply->error();
    if (cancelled_) {
      fail(tr("Paused at %1 of %2; run the download again to resume.").arg(bytes(received_), bytes(total_)), false);
    } else if (e == QNetworkReply::OperationCanceledError || e == QNetworkReply::TimeoutError) {
      fail(tr("The download stalled: nothing arrived from %1 for %2 s. Run it again to resume.")
               .arg(url)
               .arg(request_.stallTimeoutMs / 1000.0),
           false);
    } else {
      fail(tr("The download from %1 failed: %2. Run it again to resume.").arg(url, reply->errorString()), false);
    }
    return;
  }
  if (total_ >= 0 && received_ != total_) {
    fail(tr("The connection closed after %1 of %2. Run the download again to resume.").arg(bytes(received_), bytes(total_)),
         false);
    return;
  }
  complete();
}

void ModelDownload::complete() {
  // A zero-byte answer (a close-delimited empty body, say) hashes fine and would become a "model".
  if (received_ == 0) {
    fail(tr("%1 sent an empty file; an empty file is never a model.").arg(displayUrl(request_.url)), true);
    return;
  }
  const QString expected = !request_.expectedSha256.isEmpty() ? request_.expectedSha256 : linkedSha256_;
  const QString actual = QString::fromLatin1(hash_.result().toHex());
  if (!expected.isEmpty() && actual != expected) {
    fail(tr("The downloaded file's SHA-256 is %1, not the published %2: it was damaged on the way and has been "
            "deleted. Download it again.")
             .arg(actual, expected),
         true);
    return;
  }
  // On disk before it gets its final name: a crash right after must not leave a short model.
  if (!openPartial(false)) return;
  if (!file_.flush() || ::fsync(file_.handle()) != 0) {
    fail(tr("Writing %1 failed: %2.").arg(partialPath(), file_.errorString()), false);
    return;
  }
  file_.close();
  if (!QFile::rename(partialPath(), finalPath())) {
    fail(tr("Cannot move %1 into place as %2.").arg(partialPath(), finalPath()), false);
    return;
  }
  QFile::remove(partialPath() + QStringLiteral(".meta"));
  sha256_ = actual;
  verified_ = !expected.isEmpty();
  done_ = true;
  emit finished(true, QString());
}

bool ModelDownload::openPartial(bool restart) {
  if (restart) {
    // From byte 0: the old bytes and their hash go.
    file_.close();
    hash_.reset();
    received_ = 0;
    resumedFrom_ = 0;
    startedAt_ = 0;
  } else if (file_.isOpen()) {
    return true;
  }
  // Unbuffered: each network chunk is one write(2), whose errno names a failure exactly.
  const auto mode = QIODevice::WriteOnly | QIODevice::Unbuffered | (restart ? QIODevice::Truncate : QIODevice::Append);
  if (file_.open(mode)) return true;
  fail(tr("Cannot write %1: %2").arg(partialPath(), file_.errorString()), false);
  return false;
}

void ModelDownload::fail(const QString& error, bool removePartial) {
  if (done_) return;
  done_ = true;
  const QString message = withoutCredentials(error);  // Qt's own error texts may embed the address
  if (reply_) {
    reply_->disconnect(this);
    reply_->abort();
    reply_->deleteLater();
    reply_ = nullptr;
  }
  file_.close();
  if (removePartial) {
    QFile::remove(partialPath());
    QFile::remove(partialPath() + QStringLiteral(".meta"));
  }
  emit finished(false, message);
}

void ModelDownload::readValidator() {
  QFile meta(partialPath() + QStringLiteral(".meta"));
  if (meta.open(QIODevice::ReadOnly)) validator_ = meta.readAll().trimmed();
}

void ModelDownload::writeValidator(const QByteArray& validator) {
  if (validator == validator_) return;
  validator_ = validator;
  QFile meta(partialPath() + QStringLiteral(".meta"));
  if (meta.open(QIODevice::WriteOnly | QIODevice::Truncate)) meta.write(validator);
}

}  // namespace veloce::app
