#include "app/chat/download_controller.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QLocale>
#include <QNetworkProxyFactory>
#include <QVariantMap>
#include <cmath>
#include <exception>

#include "app/chat/model_controller.h"
#include "app/download/model_catalogue.h"
#include "app/download/model_download.h"
#include "app/download/model_fit.h"
#include "app/models/qml_singleton.h"
#include "app/settings/app_paths.h"
#include "app/settings/app_settings.h"
#include "app/settings/device_list.h"

namespace veloce::app {
namespace {

// File sizes as Hugging Face prints them (10^9 bytes to the GB).
QString fileSize(qint64 bytes) { return QLocale().formattedDataSize(bytes, 1, QLocale::DataSizeSIFormat); }

QString duration(double seconds) {
  const qint64 s = static_cast<qint64>(std::ceil(seconds));
  if (s >= 3600) return DownloadController::tr("%1 h %2 min").arg(s / 3600).arg((s % 3600) / 60);
  if (s >= 60) return DownloadController::tr("%1 min %2 s").arg(s / 60).arg(s % 60);
  return DownloadController::tr("%1 s").arg(s);
}

// The summaries of resources/catalogue/phi4-models.json, for lupdate: the file is data, so its
// English text is looked up under this context when shown. A summary missing here stays English
// in every language (test_language_switch checks that each one is translated).
[[maybe_unused]] constexpr const char* kCatalogueSummaries[] = {
    QT_TRANSLATE_NOOP("CatalogueSummary", "Good quality at the size most GPUs hold: the usual choice."),
    QT_TRANSLATE_NOOP("CatalogueSummary", "Smaller, for 8 GB GPUs; somewhat lower quality."),
    QT_TRANSLATE_NOOP("CatalogueSummary", "Smallest; noticeably lower quality. Only when nothing larger fits."),
    QT_TRANSLATE_NOOP("CatalogueSummary", "Higher quality, for 12 GB and larger GPUs."),
    QT_TRANSLATE_NOOP("CatalogueSummary", "Very close to the original, for 16 GB GPUs."),
    QT_TRANSLATE_NOOP("CatalogueSummary", "Practically the original, for 24 GB GPUs."),
};

}  // namespace

DownloadController::DownloadController(ModelController* model, AppSettings* settings, QObject* parent)
    : QObject(parent), model_(model), settings_(settings),
      // The folder `veloce-cli pull` uses too, so a download started there resumes here.
      folder_(default_models_folder()) {
  connect(settings_, &AppSettings::deviceChanged, this, &DownloadController::refresh);
  connect(settings_, &AppSettings::contextSizeChanged, this, &DownloadController::catalogueChanged);
  connect(settings_, &AppSettings::kvTypeChanged, this, &DownloadController::catalogueChanged);
}

DownloadController::~DownloadController() {
  // A download in flight stops here and keeps its partial file: the next start resumes it.
  if (download_) {
    download_->disconnect(this);
    download_->cancel();
    delete download_;
  }
}

DownloadController* DownloadController::create(QQmlEngine*, QJSEngine*) {
  return QmlSingletonInstance<DownloadController>::take();
}

void DownloadController::setFolder(const QString& folder) {
  if (folder == folder_) return;
  folder_ = folder;
  emit catalogueChanged();
}

void DownloadController::setDeviceForTests(const QString& name, const DeviceTarget& device) {
  deviceOverridden_ = deviceKnown_ = true;
  deviceName_ = name;
  device_ = device;
  emit catalogueChanged();
}

void DownloadController::describeDevice() {
  if (deviceKnown_) return;
  deviceKnown_ = true;
  // The reference backend, or no usable Vulkan: the model would live in system memory.
  deviceName_ = tr("the CPU");
  device_ = {.deviceLocalBytes = systemMemoryBytes(), .sharesSystemMemory = true, .processor = Processor::Cpu};
  if (settings_->device() == QLatin1String(kReferenceDeviceId)) return;
  try {
    const auto devices = vk::list_devices();
    std::string warning;
    const auto& d = devices.at(vk::choose_device(devices, settings_->device().toStdString(), &warning));
    deviceName_ = QString::fromStdString(d.name);
    const bool cpu = d.kind == vk::DeviceKind::Cpu;
    device_ = {.deviceLocalBytes = d.device_local_bytes,
               .sharesSystemMemory = cpu || d.kind == vk::DeviceKind::Integrated,
               .processor = cpu ? Processor::Cpu : Processor::Gpu};
  } catch (const std::exception&) {
    // No Vulkan device matches: the load would fail the same way and say why; the verdicts are
    // for system memory meanwhile.
  }
}

void DownloadController::refresh() {
  if (!deviceOverridden_) deviceKnown_ = false;
  emit catalogueChanged();
}

QString DownloadController::deviceDescription() {
  describeDevice();
  // A CPU driver or an integrated GPU reports a small heap, but the model lives in system memory.
  if (device_.sharesSystemMemory)
    return tr("%1 (uses system memory: %2)").arg(deviceName_, fileSize(static_cast<qint64>(systemMemoryBytes())));
  return tr("%1 (%2)").arg(deviceName_, QLocale().formattedDataSize(static_cast<qint64>(device_.deviceLocalBytes), 0,
                                                                    QLocale::DataSizeTraditionalFormat));
}

bool DownloadController::runsOnCpu() {
  describeDevice();
  return device_.processor == Processor::Cpu;
}

QVariantList DownloadController::catalogue() {
  describeDevice();
  const DeviceTarget target = device_;
  const uint64_t system = systemMemoryBytes();
  const auto ctx = static_cast<uint32_t>(settings_->contextSize());
  const KvType kv = settings_->engineOptions().kv_type;
  QVariantList list;
  for (const CatalogueEntry& e : modelCatalogue()) {
    QVariantMap m;
    m[QStringLiteral("name")] = e.name;
    m[QStringLiteral("quantization")] = e.quantization;
    m[QStringLiteral("fileName")] = e.fileName;
    m[QStringLiteral("size")] = fileSize(e.sizeBytes);
    m[QStringLiteral("summary")] = QCoreApplication::translate("CatalogueSummary", e.summary.toUtf8().constData());
    m[QStringLiteral("recommended")] = false;  // set below, once the verdict allows it
    m[QStringLiteral("exists")] = QFileInfo::exists(QDir(folder_).filePath(e.fileName));
    m[QStringLiteral("partial")] = QFileInfo(QDir(folder_).filePath(e.fileName + QStringLiteral(".part"))).size();
    try {
      m[QStringLiteral("need4k")] =
          fileSize(static_cast<qint64>(estimateFit(e.quantization.toStdString(), 4096, target, system, kv).neededBytes));
      m[QStringLiteral("need16k")] =
          fileSize(static_cast<qint64>(estimateFit(e.quantization.toStdString(), 16384, target, system, kv).neededBytes));
      const FitEstimate fit = estimateFit(e.quantization.toStdString(), ctx, target, system, kv);
      m[QStringLiteral("recommended")] = e.recommended && recommendable(fit.fit);
      switch (fit.fit) {
        case Fit::OnDevice:
          m[QStringLiteral("verdict")] = QStringLiteral("device");
          m[QStringLiteral("verdictText")] =
              target.sharesSystemMemory ? tr("Fits in this computer's memory") : tr("Fits this GPU");
          break;
        case Fit::OnCpu:
          m[QStringLiteral("verdict")] = QStringLiteral("cpu");
          m[QStringLiteral("verdictText")] =
              tr("Fits in memory, but runs on the CPU: expect well under 1 token per second from this 14B model");
          break;
        case Fit::PartlyInSystemMemory:
          m[QStringLiteral("verdict")] = QStringLiteral("partly");
          m[QStringLiteral("verdictText")] =
              tr("Partly in system memory (%1 of it): slower").arg(fileSize(static_cast<qint64>(fit.spilledBytes)));
          break;
        case Fit::TooLarge:
          m[QStringLiteral("verdict")] = QStringLiteral("too-large");
          m[QStringLiteral("verdictText")] =
              tr("Too large for this device at %1 tokens of context").arg(QLocale().toString(ctx));
          break;
      }
    } catch (const std::exception& ex) {
      m[QStringLiteral("verdict")] = QStringLiteral("too-large");
      m[QStringLiteral("verdictText")] = QString::fromUtf8(ex.what());
    }
    list.append(m);
  }
  return list;
}

void DownloadController::download(const QString& name) {
  const CatalogueEntry* e = findCatalogueEntry(name);
  if (!e) {
    setState(QStringLiteral("failed"), tr("No model named %1 in the catalogue.").arg(name));
    return;
  }
  downloadUrl(e->url(), e->name, e->sha256);
}

void DownloadController::downloadUrl(const QUrl& url, const QString& displayName, const QString& sha256) {
  if (download_) return;  // one at a time: the buttons are disabled meanwhile
  url_ = url;
  sha256_ = sha256;
  activeName_ = displayName;
  const QString path = QDir(folder_).filePath(url.fileName());
  if (QFileInfo::exists(path)) {
    // Only a verified file is ever moved into place (ModelDownload), so it is used as it is.
    setState(QStringLiteral("done"));
    settings_->setModelPath(path);
    model_->load(path);
    emit completed(path);
    return;
  }
  QNetworkProxyFactory::setUseSystemConfiguration(true);
  DownloadRequest request;
  request.url = url;
  request.folder = folder_;
  request.expectedSha256 = sha256;
  auto* d = new ModelDownload(request, this);
  download_ = d;
  pausing_ = false;
  received_ = 0;
  total_ = -1;
  progressText_ = tr("Connecting…");
  connect(d, &ModelDownload::progress, this, [this](qint64 received, qint64 total, double speed, double left) {
    received_ = received;
    total_ = total;
    QString text = total > 0 ? tr("%1 of %2").arg(fileSize(received), fileSize(total)) : fileSize(received);
    if (speed > 0) text += QStringLiteral(" · ") + tr("%1/s").arg(fileSize(static_cast<qint64>(speed)));
    if (left >= 0) text += QStringLiteral(" · ") + tr("%1 left").arg(duration(left));
    progressText_ = text;
    emit progressChanged();
  });
  connect(d, &ModelDownload::notice, this, [this](const QString& message) {
    progressText_ = message;
    emit progressChanged();
  });
  connect(d, &ModelDownload::finished, this, &DownloadController::onFinished);
  setState(QStringLiteral("downloading"));
  emit progressChanged();
  d->start();
}

void DownloadController::onFinished(bool ok, const QString& error) {
  ModelDownload* d = download_;
  if (!d) return;
  const QString path = d->finalPath();
  received_ = d->received();
  total_ = d->total();
  download_ = nullptr;
  d->deleteLater();
  if (ok) {
    progressText_ = d->verified() ? tr("%1, SHA-256 verified").arg(fileSize(received_)) : fileSize(received_);
    emit progressChanged();
    setState(QStringLiteral("done"));
    emit catalogueChanged();
    settings_->setModelPath(path);
    model_->load(path);
    emit completed(path);
    return;
  }
  if (pausing_) {
    progressText_ = total_ > 0 ? tr("Paused at %1 of %2").arg(fileSize(received_), fileSize(total_)) : tr("Paused");
    emit progressChanged();
    setState(QStringLiteral("paused"));
  } else {
    progressText_ = received_ > 0 ? tr("%1 kept for a resume").arg(fileSize(received_)) : QString();
    emit progressChanged();
    setState(QStringLiteral("failed"), error);
  }
  emit catalogueChanged();  // its partial size
}

void DownloadController::pause() {
  if (!download_) return;
  pausing_ = true;
  download_->cancel();
}

void DownloadController::resume() {
  if (download_ || url_.isEmpty()) return;
  downloadUrl(url_, activeName_, sha256_);
}

void DownloadController::discard() {
  if (download_) return;
  if (!url_.isEmpty()) {
    const QString part = QDir(folder_).filePath(url_.fileName() + QStringLiteral(".part"));
    QFile::remove(part);
    QFile::remove(part + QStringLiteral(".meta"));
  }
  url_.clear();
  received_ = 0;
  total_ = -1;
  progressText_.clear();
  emit progressChanged();
  setState(QStringLiteral("idle"));
  emit catalogueChanged();
}

void DownloadController::setState(const QString& state, const QString& error) {
  state_ = state;
  error_ = error;
  emit stateChanged();
}

}  // namespace veloce::app
