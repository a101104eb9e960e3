#pragma once
// DownloadController: the first-run view's and Settings' way to get Phi-4 (QML singleton
// `DownloadController`, import Veloce): the catalogue with a fit verdict for the chosen device
// and context, and one download at a time with progress, speed, time left, pause and resume.
//
// The network is used only after the user presses Download or Resume (ModelDownload does the
// HTTP, on the UI thread: it only parses and writes). A finished, verified file becomes the
// configured model and is loaded. A download that stopped (paused, the app quit or crashed, the
// connection dropped) leaves NAME.part in the models folder; the catalogue shows it as resumable,
// and Resume continues it where it stopped.
//
// Errors are in `error`, in words; nothing here throws.
#include <QtQml/qqmlregistration.h>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QUrl>
#include <QVariantList>
#include <optional>
#include <vector>

#include "app/download/model_fit.h"
#include "inference/vulkan/device_list.h"

class QJSEngine;
class QQmlEngine;

namespace veloce::app {

class AppSettings;
class ModelController;
class ModelDownload;

class DownloadController : public QObject {
  Q_OBJECT
  QML_ELEMENT
  QML_SINGLETON
  // One map per catalogue file: name, quantization, fileName, size (text), need4k, need16k (text),
  // verdict ("device", "partly", "cpu", "too-large"), verdictText, summary, recommended (the
  // catalogue's mark, only where the verdict is a GPU's: model_fit.h recommendable()), partial
  // (bytes already downloaded, 0 when none), exists (the file is already in the models folder).
  Q_PROPERTY(QVariantList catalogue READ catalogue NOTIFY catalogueChanged)
  // The device the verdicts are for, in words ("NVIDIA GeForce RTX 4070, 12 GB").
  Q_PROPERTY(QString deviceDescription READ deviceDescription NOTIFY catalogueChanged)
  // The device computes on the CPU (a Vulkan CPU driver or the reference backend): every file is
  // very slow there, whatever fits.
  Q_PROPERTY(bool runsOnCpu READ runsOnCpu NOTIFY catalogueChanged)
  // "idle", "downloading", "paused", "failed", "done".
  Q_PROPERTY(QString state READ state NOTIFY stateChanged)
  Q_PROPERTY(QString activeName READ activeName NOTIFY stateChanged)  // catalogue name or file name
  Q_PROPERTY(double progress READ progress NOTIFY progressChanged)    // 0..1, 0 while the size is unknown
  // "2.1 GB of 9.1 GB · 48.0 MB/s · 2 min 27 s left".
  Q_PROPERTY(QString progressText READ progressText NOTIFY progressChanged)
  Q_PROPERTY(QString error READ error NOTIFY stateChanged)
  Q_PROPERTY(QString folder READ folder WRITE setFolder NOTIFY catalogueChanged)

 public:
  // Both outlive this.
  DownloadController(ModelController* model, AppSettings* settings, QObject* parent = nullptr);
  ~DownloadController() override;
  static DownloadController* create(QQmlEngine* qmlEngine, QJSEngine* jsEngine);

  QVariantList catalogue();
  QString deviceDescription();
  bool runsOnCpu();
  QString state() const { return state_; }
  QString activeName() const { return activeName_; }
  double progress() const { return total_ > 0 ? static_cast<double>(received_) / static_cast<double>(total_) : 0.0; }
  QString progressText() const { return progressText_; }
  QString error() const { return error_; }
  QString folder() const { return folder_; }
  void setFolder(const QString& folder);

  // Starts (or resumes) the catalogue file `name`; an existing verified file is chosen at once.
  Q_INVOKABLE void download(const QString& name);
  // Stops and keeps NAME.part; download() or resume() continues it.
  Q_INVOKABLE void pause();
  Q_INVOKABLE void resume();
  // Deletes the paused or failed download's partial file.
  Q_INVOKABLE void discard();
  // Recomputes the verdicts (the device or the context size changed, or files appeared).
  Q_INVOKABLE void refresh();

  // The same, for a URL that is not in the catalogue (tests use a loopback server).
  void downloadUrl(const QUrl& url, const QString& displayName, const QString& sha256 = QString());
  // Tests: the device the verdicts are for, instead of the configured one.
  void setDeviceForTests(const QString& name, const DeviceTarget& device);

 signals:
  void catalogueChanged();
  void stateChanged();
  void progressChanged();
  // The verified file is in place, set as the model, and its load has been requested.
  void completed(const QString& path);

 private:
  void setState(const QString& state, const QString& error = QString());
  void onFinished(bool ok, const QString& error);
  void describeDevice();

  ModelController* model_;
  AppSettings* settings_;
  QString folder_;
  QPointer<ModelDownload> download_;
  QUrl url_;
  QString sha256_;
  QString state_ = QStringLiteral("idle");
  QString activeName_, progressText_, error_;
  qint64 received_ = 0, total_ = -1;
  bool pausing_ = false;
  // The verdicts' device: resolved from the settings on first use and on refresh().
  bool deviceKnown_ = false;
  QString deviceName_;
  DeviceTarget device_;
  bool deviceOverridden_ = false;
};

}  // namespace veloce::app
