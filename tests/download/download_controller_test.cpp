// The app's download (DownloadController) as the first-run view drives it, against a loopback
// server playing Hugging Face (a redirect carrying X-Linked-Etag to a slow CDN): progress with
// sizes and speed; Pause keeps the partial file and Resume continues it by Range; the verified
// file becomes the configured model and loads (the tiny fixture, on the reference backend); a
// download stopped by quitting the app resumes in the next one; a damaged file is rejected and
// nothing is chosen; the catalogue's verdicts are the memory plan's for the device.
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <memory>

#include "app/chat/chat_controller.h"
#include "app/chat/download_controller.h"
#include "app/chat/model_controller.h"
#include "app/download/model_catalogue.h"
#include "app/download/model_fit.h"
#include "app/settings/app_settings.h"
#include "app/storage/conversation_store.h"
#include "file_server.h"
#include "test_bytes.h"

using veloce::app::ChatController;
using veloce::app::DownloadController;

namespace {
constexpr int kTimeoutMs = 120000;
const char* const kFile = "phi-4-test.gguf";
}  // namespace

class DownloadControllerTest : public QObject {
  Q_OBJECT
  QByteArray body_;  // the tiny fixture model: a real GGUF, so the downloaded file must load
  QByteArray sha_;
  std::unique_ptr<FileServer> server_;
  quint16 port_ = 0;
  std::unique_ptr<QTemporaryDir> dir_;
  std::unique_ptr<veloce::storage::ConversationStore> store_;
  std::unique_ptr<veloce::app::AppSettings> settings_;
  std::unique_ptr<ChatController> chat_;

  DownloadController* downloads() { return chat_->download(); }
  QUrl url(const QString& route) const {
    return QUrl(QStringLiteral("http://127.0.0.1:%1/%2/%3").arg(port_).arg(route, QLatin1String(kFile)));
  }
  QString folder() const { return dir_->filePath(QStringLiteral("models")); }
  QString finalPath() const { return QDir(folder()).filePath(QLatin1String(kFile)); }

  // The app as a new start makes it: a controller over the same database, settings and folder.
  void startApp() {
    chat_.reset();
    chat_ = std::make_unique<ChatController>(store_.get(), settings_.get());
    downloads()->setFolder(folder());
  }

 private slots:
  void initTestCase() {
    body_ = fileBytes(QStringLiteral(VELOCE_TEST_DATA "/phi4-tiny-Q4_K_M.gguf"));
    QVERIFY(body_.size() > 1000000);
    sha_ = QCryptographicHash::hash(body_, QCryptographicHash::Sha256).toHex();
    server_ = std::make_unique<FileServer>(body_, QByteArrayLiteral("\"v1\""));
    port_ = server_->listenOn(QStringLiteral("127.0.0.1"));
    QVERIFY(port_ != 0);
    server_->linkedSha256 = sha_;
    server_->redirectTarget = url(QStringLiteral("slow")).toEncoded();
  }

  void init() {
    dir_ = std::make_unique<QTemporaryDir>();
    QVERIFY(dir_->isValid());
    store_ = std::make_unique<veloce::storage::ConversationStore>(dir_->filePath(QStringLiteral("chat.sqlite")));
    settings_ = std::make_unique<veloce::app::AppSettings>(dir_->filePath(QStringLiteral("settings.ini")));
    settings_->setDevice(QStringLiteral("reference"));
    server_->log.clear();
    startApp();
  }

  void cleanup() { chat_.reset(); }

  void pauseResumeThenTheModelLoads() {
    QSignalSpy completed(downloads(), &DownloadController::completed);
    downloads()->downloadUrl(url(QStringLiteral("hf")), QStringLiteral("phi-4-test"));
    QCOMPARE(downloads()->state(), QStringLiteral("downloading"));
    QCOMPARE(downloads()->activeName(), QStringLiteral("phi-4-test"));
    // Progress in words with both sizes, once bytes arrive (the server trickles 64 KiB / 20 ms).
    QTRY_VERIFY_WITH_TIMEOUT(downloads()->progress() > 0.1, kTimeoutMs);
    QVERIFY2(downloads()->progressText().contains(QStringLiteral(" of ")), qPrintable(downloads()->progressText()));
    QVERIFY2(downloads()->progressText().contains(QStringLiteral("/s")), qPrintable(downloads()->progressText()));

    downloads()->pause();
    QTRY_COMPARE_WITH_TIMEOUT(downloads()->state(), QStringLiteral("paused"), kTimeoutMs);
    QVERIFY(downloads()->error().isEmpty());
    const qint64 kept = QFileInfo(finalPath() + QStringLiteral(".part")).size();
    QVERIFY2(kept > 0 && kept < body_.size(), qPrintable(QString::number(kept)));
    QVERIFY(!QFile::exists(finalPath()));
    QVERIFY(settings_->modelPath().isEmpty());

    downloads()->resume();
    QTRY_COMPARE_WITH_TIMEOUT(downloads()->state(), QStringLiteral("done"), kTimeoutMs);
    QCOMPARE(completed.size(), 1);
    QCOMPARE(fileBytes(finalPath()), body_);
    QVERIFY2(downloads()->progressText().contains(QStringLiteral("SHA-256 verified")),
             qPrintable(downloads()->progressText()));
    QVERIFY(!QFile::exists(finalPath() + QStringLiteral(".part")));
    // The resume asked for the rest only.
    bool ranged = false;
    for (const QString& line : server_->log)
      ranged = ranged || (line.startsWith(QStringLiteral("/slow/")) && line.contains(QStringLiteral("bytes=")));
    QVERIFY2(ranged, qPrintable(server_->log.join(QStringLiteral("; "))));
    // Chosen as the model, and loaded.
    QCOMPARE(settings_->modelPath(), finalPath());
    QTRY_COMPARE_WITH_TIMEOUT(chat_->model()->state(), QStringLiteral("ready"), kTimeoutMs);
    QCOMPARE(chat_->model()->file(), QLatin1String(kFile));
  }

  void aDownloadStoppedByQuittingResumesInTheNextStart() {
    downloads()->downloadUrl(url(QStringLiteral("hf")), QStringLiteral("phi-4-test"));
    QTRY_VERIFY_WITH_TIMEOUT(downloads()->progress() > 0.1, kTimeoutMs);
    startApp();  // the app quits mid-download and starts again
    const qint64 kept = QFileInfo(finalPath() + QStringLiteral(".part")).size();
    QVERIFY2(kept > 0 && kept < body_.size(), qPrintable(QString::number(kept)));
    QCOMPARE(downloads()->state(), QStringLiteral("idle"));
    server_->log.clear();
    downloads()->downloadUrl(url(QStringLiteral("hf")), QStringLiteral("phi-4-test"));
    QTRY_COMPARE_WITH_TIMEOUT(downloads()->state(), QStringLiteral("done"), kTimeoutMs);
    QCOMPARE(fileBytes(finalPath()), body_);
    QVERIFY2(server_->log.join(QLatin1Char(';')).contains(QStringLiteral("bytes=")),
             qPrintable(server_->log.join(QLatin1Char(';'))));
    QTRY_COMPARE_WITH_TIMEOUT(chat_->model()->state(), QStringLiteral("ready"), kTimeoutMs);
  }

  void aDamagedFileIsRejectedAndNothingChosen() {
    downloads()->downloadUrl(url(QStringLiteral("bad")), QStringLiteral("phi-4-test"));
    QTRY_COMPARE_WITH_TIMEOUT(downloads()->state(), QStringLiteral("failed"), kTimeoutMs);
    QVERIFY2(downloads()->error().contains(QStringLiteral("SHA-256")), qPrintable(downloads()->error()));
    QVERIFY(!QFile::exists(finalPath()));
    QVERIFY(!QFile::exists(finalPath() + QStringLiteral(".part")));
    QVERIFY(settings_->modelPath().isEmpty());
    QCOMPARE(chat_->model()->state(), QStringLiteral("none"));
  }

  void catalogueRowsCarryThePlansVerdicts() {
    constexpr uint64_t GiB = 1ull << 30;
    QSignalSpy changed(downloads(), &DownloadController::catalogueChanged);
    downloads()->setDeviceForTests(QStringLiteral("Test GPU"), {.deviceLocalBytes = 24 * GiB});
    QCOMPARE(changed.size(), 1);
    settings_->setContextSize(4096);
    const QVariantList rows = downloads()->catalogue();
    QCOMPARE(rows.size(), veloce::app::modelCatalogue().size());
    const uint64_t system = veloce::app::systemMemoryBytes();
    for (const QVariant& v : rows) {
      const QVariantMap row = v.toMap();
      const auto fit =
          veloce::app::estimateFit(row["quantization"].toString().toStdString(), 4096, {24 * GiB, false}, system);
      const char* expected = fit.fit == veloce::app::Fit::OnDevice               ? "device"
                             : fit.fit == veloce::app::Fit::PartlyInSystemMemory ? "partly"
                                                                                 : "too-large";
      QCOMPARE(row["verdict"].toString(), QString::fromLatin1(expected));
      QVERIFY(!row["need4k"].toString().isEmpty() && !row["need16k"].toString().isEmpty());
      QCOMPARE(row["exists"].toBool(), false);
    }
    // On a 24 GB card at 4K every file of the catalogue fits, and the catalogue's choice is marked.
    for (const QVariant& v : rows) {
      const QVariantMap row = v.toMap();
      QCOMPARE(row["verdictText"].toString(), QStringLiteral("Fits this GPU"));
      QCOMPARE(row["recommended"].toBool(), row["quantization"].toString() == QStringLiteral("Q4_K_M"));
    }
    QVERIFY(downloads()->deviceDescription().startsWith(QStringLiteral("Test GPU")));
    QVERIFY(!downloads()->runsOnCpu());
  }

  // The only Vulkan device is a CPU driver (llvmpipe, as lavapipe names itself): no row says it
  // "fits" as if a GPU ran it, none is "recommended", and each that fits memory says CPU and the
  // speed to expect, as Settings > Model > Device does.
  void onACpuDriverTheCatalogueSaysCpuAndRecommendsNothing() {
    constexpr uint64_t GiB = 1ull << 30;
    const veloce::app::DeviceTarget llvmpipe{
        .deviceLocalBytes = 2 * GiB, .sharesSystemMemory = true, .processor = veloce::app::Processor::Cpu};
    downloads()->setDeviceForTests(QStringLiteral("llvmpipe (LLVM 15.0.6, 256 bits)"), llvmpipe);
    settings_->setContextSize(4096);
    QVERIFY(downloads()->runsOnCpu());
    const QVariantList rows = downloads()->catalogue();
    QCOMPARE(rows.size(), veloce::app::modelCatalogue().size());
    const uint64_t system = veloce::app::systemMemoryBytes();
    for (const QVariant& v : rows) {
      const QVariantMap row = v.toMap();
      const bool fitsMemory =
          veloce::app::estimateFit(row["quantization"].toString().toStdString(), 4096, llvmpipe, system).fit ==
          veloce::app::Fit::OnCpu;
      QCOMPARE(row["verdict"].toString(), fitsMemory ? QStringLiteral("cpu") : QStringLiteral("too-large"));
      if (fitsMemory)
        QCOMPARE(row["verdictText"].toString(),
                 QStringLiteral("Fits in memory, but runs on the CPU: expect well under 1 token per second from this "
                                "14B model"));
      QCOMPARE(row["recommended"].toBool(), false);
    }
  }
};

QTEST_GUILESS_MAIN(DownloadControllerTest)
#include "download_controller_test.moc"
