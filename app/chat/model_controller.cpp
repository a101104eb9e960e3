#include "app/chat/model_controller.h"

#include <QDebug>
#include <QFileInfo>
#include <exception>

#include "app/chat/generation_worker.h"
#include "app/chat/load_report.h"
#include "app/chat/model_file_problem.h"
#include "app/common/thread_handover.h"
#include "app/models/qml_singleton.h"
#include "app/settings/app_settings.h"
#include "inference/gguf/gguf_file.h"
#include "inference/model/model.h"
#include "inference/vulkan/memory_plan.h"

namespace veloce::app {

ModelController::ModelController(GenerationWorker* worker, AppSettings* settings, QObject* parent)
    : QObject(parent), worker_(worker), settings_(settings) {
  connect(worker_, &GenerationWorker::loadProgress, this, &ModelController::onLoadProgress);
  connect(worker_, &GenerationWorker::modelInfoLine, this, &ModelController::onInfoLine);
  connect(worker_, &GenerationWorker::modelLoaded, this, &ModelController::onLoaded);
  connect(worker_, &GenerationWorker::modelLoadFailed, this, &ModelController::onLoadFailed);
  connect(worker_, &GenerationWorker::modelLoadCancelled, this, &ModelController::onLoadCancelled);
  connect(this, &ModelController::stateChanged, this, &ModelController::wordsChanged);
  thread_handover::watch(this);
}

QString ModelController::deviceName() const {
  // The engine names the reference backend in English; the interface says it in its language.
  if (model_.backend == QLatin1String("reference")) return tr("CPU (fp32 reference)");
  return model_.device;
}

ModelController* ModelController::create(QQmlEngine*, QJSEngine*) { return QmlSingletonInstance<ModelController>::take(); }

QString ModelController::state() const {
  switch (state_) {
    case State::None: return QStringLiteral("none");
    case State::Loading: return QStringLiteral("loading");
    case State::Ready: return QStringLiteral("ready");
    case State::Error: return QStringLiteral("error");
  }
  return {};
}

QString ModelController::notReadyReason() const {
  switch (state_) {
    case State::None: return tr("Choose a model file to start chatting.");
    case State::Loading: return tr("The model is still loading.");
    case State::Error: return tr("The model could not be loaded; choose another file in the settings.");
    case State::Ready: break;
  }
  return {};
}

void ModelController::setState(State state) {
  state_ = state;
  emit stateChanged();
}

void ModelController::setProgress(double fraction) {
  loadProgress_ = fraction;
  emit loadProgressChanged();
}

void ModelController::retranslate() {
  if (ready() && model_.plan) {
    const LoadReport report = describeLoad(*model_.plan, {.name = model_.device, .processor = model_.processor});
    model_.report = report.lines;
    model_.spillWarning = report.spillWarning;
    setInfo(report.lines.join(QLatin1Char('\n')));
  }
  emit wordsChanged();
}

void ModelController::setInfo(const QString& info) {
  info_ = info;
  emit infoChanged();
}

void ModelController::load(const QString& path) {
  const QString file = path.isEmpty() ? settings_->modelPath() : path;
  setInfo(QString());
  setProgress(0);
  if (file.isEmpty()) {
    error_.clear();
    setState(State::None);
    return;
  }
  if (!QFileInfo::exists(file)) {
    // Not an error of the file itself: the setup view asks for a model and says which one is gone.
    error_ = tr("The model file %1 was not found.").arg(file);
    setState(State::None);
    return;
  }
  emit loadRequested();
  error_.clear();
  model_.model.reset();  // the worker frees the old model first; so does this side
  setState(State::Loading);
  LoadRequest request;
  request.path = file;
  const veloce::EngineOptions options = settings_->engineOptions();
  request.backend = QString::fromStdString(options.backend);
  request.device = QString::fromStdString(options.device);
  request.contextSize = settings_->contextSize();
  request.kvType = options.kv_type;
  worker_->clearLoadCancel();
  thread_handover::invoke(worker_, [w = worker_, request] { w->loadModel(request); });
}

void ModelController::cancelLoading() {
  if (state_ == State::Loading) worker_->requestLoadCancel();
}

QString ModelController::validateFile(const QString& path) const {
  // Header, metadata and tensor table only (the weights stay mapped, unread): fast enough for the
  // UI thread even for a 9 GB file.
  try {
    const auto file = veloce::GgufFile::open(path.toStdString());
    const auto config = veloce::ModelConfig::from_gguf(*file);
    veloce::ModelWeights::from_gguf(*file, config);
    return {};
  } catch (const veloce::GgufError& e) {
    return explainModelFileError(QString::fromUtf8(e.what()));
  } catch (const std::exception& e) {
    return QString::fromUtf8(e.what());
  }
}

void ModelController::onLoadProgress(double fraction) { setProgress(fraction); }

void ModelController::onInfoLine(const QString& line) {
  // The engine's own lines are English log text: logged for whoever reports a problem; the user
  // sees the plan in words once loaded (LoadedModelInfo::report).
  qInfo().noquote() << line;
}

void ModelController::onLoaded(const LoadedModelInfo& info) {
  model_ = info;
  setInfo(info.report.join(QLatin1Char('\n')));
  setProgress(1);
  // A file picked in the setup view becomes the setting once it has loaded.
  if (settings_->modelPath() != info.path) settings_->setModelPath(info.path);
  setState(State::Ready);
  emit loaded();
}

void ModelController::onLoadFailed(const QString& message) {
  model_ = LoadedModelInfo{};
  error_ = message;
  setState(State::Error);
  emit loadFailed(message);
}

void ModelController::onLoadCancelled() {
  model_ = LoadedModelInfo{};
  setInfo(QString());
  setProgress(0);
  // Not an error: the setup view asks for a model again and says why there is none.
  error_ = tr("Loading the model was cancelled.");
  setState(State::None);
}

}  // namespace veloce::app
