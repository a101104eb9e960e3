#pragma once
// ModelController: the model and its device (QML singleton `ModelController`, import Veloce),
// split from ChatController. It asks the generation worker to load a file, follows the load
// (progress, cancel, the memory plan in words) and says what is loaded, or why nothing is.
//
// Threads: lives on the UI thread; the load runs on the worker's thread (ChatController owns both
// and this object), whose answers arrive queued. States are strings so QML can compare them
// without registering enums: "none" (no model chosen or the file is missing: the setup view),
// "loading", "ready", "error".
// Errors: a failed load sets `error` and emits loadFailed (ChatController shows it as its
// lastError); a missing file or a cancelled load is no error, the state returns to "none" with the
// reason in `error`.
#include <QtQml/qqmlregistration.h>
#include <QObject>
#include <QString>

#include "app/chat/generation_types.h"

class QJSEngine;
class QQmlEngine;

namespace veloce::app {

class AppSettings;
class GenerationWorker;

class ModelController : public QObject {
  Q_OBJECT
  QML_ELEMENT
  QML_SINGLETON
  Q_PROPERTY(QString state READ state NOTIFY stateChanged)
  // 0..1 while loading (weights uploaded / total).
  Q_PROPERTY(double loadProgress READ loadProgress NOTIFY loadProgressChanged)
  // Why loading failed, in words (file, field, reason; or memory needed vs available), or why
  // there is no model (the file was not found, the load was cancelled). "" otherwise.
  Q_PROPERTY(QString error READ error NOTIFY stateChanged)
  // The memory plan the model loaded with, in words and in the user's language ("Model weights:
  // 7.6 GiB on the GPU, 572 MiB in system memory"), one fact a line; empty until loaded.
  Q_PROPERTY(QString info READ info NOTIFY infoChanged)
  // Part of the model did not fit on the GPU (a sentence with the size; "" when it all did): shown
  // in the main window, since replies are slower than the user may expect.
  Q_PROPERTY(QString spillWarning READ spillWarning NOTIFY wordsChanged)
  Q_PROPERTY(QString name READ name NOTIFY stateChanged)                  // general.name, else the file name
  Q_PROPERTY(QString file READ file NOTIFY stateChanged)                  // file name without folder
  Q_PROPERTY(QString quantization READ quantization NOTIFY stateChanged)  // "Q4_K_M"
  // GPU name, or "CPU (fp32 reference)" in the interface's language. Like spillWarning, announced
  // by wordsChanged (also emitted with stateChanged), so that a language switch does not look
  // like a new load to the views.
  Q_PROPERTY(QString deviceName READ deviceName NOTIFY wordsChanged)
  Q_PROPERTY(QString backendName READ backendName NOTIFY stateChanged)  // "vulkan" / "reference"
  Q_PROPERTY(int contextSize READ contextSize NOTIFY stateChanged)      // n_ctx of the loaded session (0: none)

 public:
  // worker: lives on its own thread and outlives this; settings: the device, context size and model
  // path of a load (outlives this).
  ModelController(GenerationWorker* worker, AppSettings* settings, QObject* parent = nullptr);

  // For the engine: the instance set with QmlSingletonInstance (app/models/qml_singleton.h).
  static ModelController* create(QQmlEngine* qmlEngine, QJSEngine* jsEngine);

  QString state() const;
  bool ready() const { return state_ == State::Ready; }
  bool loading() const { return state_ == State::Loading; }
  double loadProgress() const { return loadProgress_; }
  QString error() const { return error_; }
  QString info() const { return info_; }
  QString spillWarning() const { return model_.spillWarning; }
  QString name() const { return model_.name; }
  QString file() const { return model_.file; }
  QString quantization() const { return model_.quantization; }
  QString deviceName() const;
  QString backendName() const { return model_.backend; }
  int contextSize() const { return model_.contextSize; }
  // The loaded model (null unless "ready"); the API server tokenizes with it.
  std::shared_ptr<const veloce::Model> loadedModel() const { return ready() ? model_.model : nullptr; }
  // Why a reply cannot start because of the model ("" when it is ready), a sentence for the composer.
  QString notReadyReason() const;

 public slots:
  // Loads `path` (empty: the settings' model path) with the settings' device and context size, on
  // the worker thread. The state goes "loading" -> "ready" or "error". loadRequested() comes first,
  // so a running reply is stopped.
  void load(const QString& path);
  // Stops the load in progress at its next step: the state returns to "none" and `error` says it
  // was cancelled; a later load works as usual.
  void cancelLoading();
  // The interface's language changed: what is said in words (the device's name, the memory plan,
  // the spill warning) is said again in the new one.
  void retranslate();
  // Checks a file before the user commits to it (first-run view): "" when it is a readable Phi-4
  // GGUF, else the reason in words. Reads only the header and metadata.
  QString validateFile(const QString& path) const;

 signals:
  void stateChanged();
  void wordsChanged();
  void loadProgressChanged();
  void infoChanged();
  // A load is about to be asked of the worker (which stops a running reply first).
  void loadRequested();
  // The state became "ready" (the conversation flow measures the open conversation again).
  void loaded();
  // Loading failed, or the loaded model failed for good and was unloaded: the reason in words.
  void loadFailed(const QString& message);

 private slots:
  void onLoaded(const veloce::app::LoadedModelInfo& info);
  void onLoadFailed(const QString& message);
  void onLoadCancelled();
  void onLoadProgress(double fraction);
  void onInfoLine(const QString& line);

 private:
  enum class State { None, Loading, Ready, Error };
  void setState(State state);
  void setProgress(double fraction);
  void setInfo(const QString& info);

  GenerationWorker* worker_;
  AppSettings* settings_;
  State state_ = State::None;
  double loadProgress_ = 0;
  QString error_;
  QString info_;
  LoadedModelInfo model_;
};

}  // namespace veloce::app
