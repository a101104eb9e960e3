// ModelDownload and `veloce-cli pull` against loopback servers (file_server.h): a complete
// download verified; an interrupted one resumed by Range and verified; a server without Range
// restarted cleanly; a redirect to a second loopback host whose X-Linked-Etag verifies the file; a
// wrong hash rejected with the file removed; 404 and a stall as clear errors; writes that fail
// mid-way (a file-size limit) leaving no model in place; kill -9 mid-download resumed on the next
// run.
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <memory>

#include "app/download/model_download.h"
#include "file_server.h"
#include "test_bytes.h"

using veloce::app::DownloadRequest;
using veloce::app::ModelDownload;

class DownloadTest : public QObject {
  Q_OBJECT
  QByteArray body_;
  QByteArray sha_;
  std::unique_ptr<FileServer> server_;
  std::unique_ptr<FileServer> cdn_;  // the second loopback host, 127.0.0.2
  quint16 port_ = 0;
  quint16 cdnPort_ = 0;
  std::unique_ptr<QTemporaryDir> dir_;

  QUrl url(const QString& route) const {
    return QUrl(QStringLiteral("http://127.0.0.1:%1/%2/phi-4-test.gguf").arg(port_).arg(route));
  }
  QString folder() const { return dir_->filePath(QStringLiteral("models")); }

  struct Outcome {
    bool ok = false;
    QString error;
    qint64 resumedFrom = 0;
  };
  Outcome run(const QUrl& u, const QString& sha = {}, int stallMs = 30000) {
    DownloadRequest r;
    r.url = u;
    r.folder = folder();
    r.expectedSha256 = sha;
    r.stallTimeoutMs = stallMs;
    ModelDownload d(r);
    QSignalSpy finished(&d, &ModelDownload::finished);
    d.start();
    Outcome o;
    [&] { QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty(), 60000); }();
    if (finished.isEmpty()) return o;
    o.ok = finished.at(0).at(0).toBool();
    o.error = finished.at(0).at(1).toString();
    o.resumedFrom = d.resumedFrom();
    return o;
  }
  QString finalPath() const { return QDir(folder()).filePath(QStringLiteral("phi-4-test.gguf")); }
  QString partPath() const { return finalPath() + QStringLiteral(".part"); }

 private slots:
  void initTestCase() {
    body_ = randomBytes(3 << 20);
    sha_ = QCryptographicHash::hash(body_, QCryptographicHash::Sha256).toHex();
    server_ = std::make_unique<FileServer>(body_, "\"v1\"");
    port_ = server_->listenOn(QStringLiteral("127.0.0.1"));
    QVERIFY(port_ != 0);
    cdn_ = std::make_unique<FileServer>(body_, "\"v1\"");
    cdnPort_ = cdn_->listenOn(QStringLiteral("127.0.0.2"));  // all of 127/8 is loopback on Linux
    QVERIFY2(cdnPort_ != 0, "cannot listen on 127.0.0.2");
    server_->redirectTarget = QStringLiteral("http://127.0.0.2:%1/cdn/phi-4-test.gguf").arg(cdnPort_).toLatin1();
    server_->linkedSha256 = sha_;
  }
  void init() {
    dir_ = std::make_unique<QTemporaryDir>();
    QVERIFY(dir_->isValid());
    server_->log.clear();
    cdn_->log.clear();
  }

  void completeDownloadIsVerified() {
    const Outcome o = run(url(QStringLiteral("file")), QString::fromLatin1(sha_));
    QVERIFY2(o.ok, qPrintable(o.error));
    QCOMPARE(fileBytes(finalPath()), body_);
    QVERIFY(!QFile::exists(partPath()));
    QVERIFY(!QFile::exists(partPath() + QStringLiteral(".meta")));
  }

  void interruptedDownloadResumesByRange() {
    server_->dropsLeft = 1;
    const Outcome first = run(url(QStringLiteral("flaky")), QString::fromLatin1(sha_));
    QVERIFY(!first.ok);
    QVERIFY2(first.error.contains(QStringLiteral("resume")), qPrintable(first.error));
    QVERIFY(!QFile::exists(finalPath()));
    const qint64 partial = QFileInfo(partPath()).size();
    QVERIFY2(partial > 0 && partial < body_.size(), qPrintable(QString::number(partial)));

    const Outcome second = run(url(QStringLiteral("flaky")), QString::fromLatin1(sha_));
    QVERIFY2(second.ok, qPrintable(second.error));
    QCOMPARE(second.resumedFrom, partial);
    QCOMPARE(server_->log.last(), QStringLiteral("/flaky/phi-4-test.gguf bytes=%1-").arg(partial));
    QCOMPARE(fileBytes(finalPath()), body_);
  }

  // A partial file of other bytes (an older upload, say) and a server that ignores Range: the
  // 200 restarts from byte 0, and nothing of the old bytes is left in the result.
  void serverWithoutRangeRestartsCleanly() {
    QVERIFY(QDir().mkpath(folder()));
    QFile stale(partPath());
    QVERIFY(stale.open(QIODevice::WriteOnly));
    stale.write(randomBytes(1 << 20));
    stale.close();
    const Outcome o = run(url(QStringLiteral("norange")), QString::fromLatin1(sha_));
    QVERIFY2(o.ok, qPrintable(o.error));
    QCOMPARE(server_->log.last(), QStringLiteral("/norange/phi-4-test.gguf bytes=%1-").arg(1 << 20));
    QCOMPARE(fileBytes(finalPath()), body_);
  }

  // Hugging Face's way: the first host answers 302 with the file's SHA-256 and size, the CDN host
  // serves the bytes. No hash is given by the caller: the published one is checked.
  void redirectToASecondHostIsVerifiedByTheLinkedEtag() {
    const Outcome o = run(url(QStringLiteral("hf")));
    QVERIFY2(o.ok, qPrintable(o.error));
    QCOMPARE(cdn_->log.size(), 1);
    QCOMPARE(fileBytes(finalPath()), body_);
  }

  void wrongHashIsRejectedAndTheFileRemoved() {
    const Outcome o = run(url(QStringLiteral("bad")));  // X-Linked-Etag says aaaa…
    QVERIFY(!o.ok);
    QVERIFY2(o.error.contains(QStringLiteral("SHA-256 is ") + QString::fromLatin1(sha_)) &&
                 o.error.contains(QStringLiteral("deleted")),
             qPrintable(o.error));
    QVERIFY(!QFile::exists(finalPath()));
    QVERIFY(!QFile::exists(partPath()));
    QVERIFY(!QFile::exists(partPath() + QStringLiteral(".meta")));
  }

  void notFoundIsAClearError() {
    const QUrl missing(QStringLiteral("http://127.0.0.1:%1/nothing/phi-4-test.gguf").arg(port_));
    const Outcome o = run(missing);
    QVERIFY(!o.ok);
    QCOMPARE(o.error, QStringLiteral("The server answered 404 Not Found for %1.").arg(missing.toString()));
    QVERIFY(!QFile::exists(finalPath()));
    QVERIFY(!QFile::exists(partPath()));
  }

  void stallIsAClearError() {
    QElapsedTimer t;
    t.start();
    const Outcome o = run(url(QStringLiteral("stall")), {}, 1000);
    QVERIFY(!o.ok);
    QVERIFY2(o.error.startsWith(QStringLiteral("The download stalled: nothing arrived from ")), qPrintable(o.error));
    QVERIFY(t.elapsed() < 20000);
    QVERIFY(!QFile::exists(finalPath()));
    QCOMPARE(QFileInfo(partPath()).size(), qint64(1000));  // kept for a resume
  }

  // Writes fail mid-way (the CLI under a 1 MiB file-size limit, as on a full disk): the error
  // names the cause, no model file appears, and without the limit the next run resumes.
  void failingWritesLeaveNoModelInPlace() {
    const QString prlimit = QStandardPaths::findExecutable(QStringLiteral("prlimit"));
    QVERIFY2(!prlimit.isEmpty(), "prlimit (util-linux) is missing");
    QProcess cli;
    cli.start(prlimit, {QStringLiteral("--fsize=1048576"), QStringLiteral(VELOCE_CLI), QStringLiteral("pull"),
                        url(QStringLiteral("file")).toString(), QStringLiteral("-o"), folder()});
    // Not waitForFinished(): the server lives in this thread's event loop.
    QTRY_VERIFY_WITH_TIMEOUT(cli.state() == QProcess::NotRunning, 60000);
    const QString err = QString::fromUtf8(cli.readAllStandardError());
    QCOMPARE(cli.exitCode(), 1);
    QVERIFY2(err.contains(QStringLiteral("File too large")), qPrintable(err));
    QVERIFY(!QFile::exists(finalPath()));
    QCOMPARE(QFileInfo(partPath()).size(), qint64(1 << 20));
    const Outcome o = run(url(QStringLiteral("file")), QString::fromLatin1(sha_));
    QVERIFY2(o.ok, qPrintable(o.error));
    QCOMPARE(o.resumedFrom, qint64(1 << 20));
    QCOMPARE(fileBytes(finalPath()), body_);
  }

  void killedPullResumesOnTheNextRun() {
    const QStringList args{QStringLiteral("pull"),     url(QStringLiteral("slow")).toString(),
                           QStringLiteral("-o"),       folder(),
                           QStringLiteral("--sha256"), QString::fromLatin1(sha_)};
    QProcess first;
    first.start(QStringLiteral(VELOCE_CLI), args);
    QVERIFY(first.waitForStarted());
    QTRY_VERIFY_WITH_TIMEOUT(QFileInfo(partPath()).size() > (1 << 20), 30000);
    first.kill();  // SIGKILL
    QVERIFY(first.waitForFinished());
    const qint64 partial = QFileInfo(partPath()).size();
    QVERIFY(partial < body_.size());
    QVERIFY(!QFile::exists(finalPath()));

    QProcess second;
    second.start(QStringLiteral(VELOCE_CLI), args);
    // This process's event loop must run: the server is here.
    QTRY_VERIFY_WITH_TIMEOUT(second.state() == QProcess::NotRunning, 60000);
    const QString err = QString::fromUtf8(second.readAllStandardError());
    QVERIFY2(second.exitCode() == 0, qPrintable(err));
    QVERIFY2(err.contains(QStringLiteral("resuming at byte ")), qPrintable(err));
    QVERIFY2(err.contains(QStringLiteral("verified: SHA-256 ") + QString::fromLatin1(sha_)), qPrintable(err));
    QCOMPARE(QString::fromUtf8(second.readAllStandardOutput()).trimmed(), finalPath());
    QCOMPARE(fileBytes(finalPath()), body_);
  }
};

QTEST_GUILESS_MAIN(DownloadTest)
#include "download_test.moc"
