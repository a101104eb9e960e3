// ChatController: construction, state properties and the model. The chat flow is in
// chat_controller_flow.cpp, conversation management in chat_controller_conversations.cpp.
#include "app/chat/chat_controller.h"

#include <QDebug>
#include <QFileInfo>
#include <exception>

#include "app/chat/generation_worker.h"
#include "app/common/thread_handover.h"
#include "app/storage/conversation_store.h"
#include "inference/gguf/gguf_file.h"
#include "inference/model/model.h"

namespace veloce::app {

ChatController::ChatController(veloce::storage::ConversationStore* store, AppSettings* settings, QObject* parent)
    : QObject(parent), store_(store), settings_(settings) {
  qRegisterMetaType<LoadRequest>();
  qRegisterMetaType<LoadedModelInfo>();
  qRegisterMetaType<ReplyRequest>();
  qRegisterMetaType<ReplyOutcome>();

  worker_ = new GenerationWorker(store_->path());
  worker_->moveToThread(&thread_);
  connect(&thread_, &QThread::finished, worker_, &QObject::deleteLater);
  connect(worker_, &GenerationWorker::loadProgress, this, &ChatController::onLoadProgress);
  connect(worker_, &GenerationWorker::modelInfoLine, this, &ChatController::onModelInfoLine);
  connect(worker_, &GenerationWorker::modelLoaded, this, &ChatController::onModelLoaded);
  connect(worker_, &GenerationWorker::modelLoadFailed, this, &ChatController::onModelLoadFailed);
  connect(worker_, &GenerationWorker::modelLoadCancelled, this, &ChatController::onModelLoadCancelled);
  connect(worker_, &GenerationWorker::conversationCreated, this, &ChatController::onConversationCreated);
  connect(worker_, &GenerationWorker::userMessageStored, this, &ChatController::onUserMessageStored);
  connect(worker_, &GenerationWorker::replyStarted, this, &ChatController::onReplyStarted);
  connect(worker_, &GenerationWorker::promptBuilt, this, &ChatController::onPromptBuilt);
  connect(worker_, &GenerationWorker::firstToken, this, &ChatController::onFirstToken);
  connect(worker_, &GenerationWorker::prefillProgress, this, &ChatController::onPrefillProgress);
  connect(worker_, &GenerationWorker::checkpointStored, this, &ChatController::onCheckpointStored);
  connect(worker_, &GenerationWorker::piece, this, &ChatController::onPiece);
  connect(worker_, &GenerationWorker::contextMeasured, this, &ChatController::onContextMeasured);
  connect(worker_, &GenerationWorker::replyFinished, this, &ChatController::onReplyFinished);
  connect(worker_, &GenerationWorker::replySaveRetried, this, &ChatController::onReplySaveRetried);
  connect(worker_, &GenerationWorker::requestFailed, this, &ChatController::onRequestFailed);
  thread_handover::watch(this);
  thread_handover::watch(worker_);
  thread_.setObjectName(QStringLiteral("veloce-generation"));
  thread_handover::start(thread_);

  reloadConversations();
  updateCanSend();
}

ChatController::~ChatController() {
  // A running reply is cancelled; the worker still stores it (as stopped) before its thread ends.
  if (activeRequestId_ != 0) worker_->requestCancel(activeRequestId_);
  thread_.quit();
  thread_.wait();
}

QString ChatController::sendState() const {
  switch (sendState_) {
    case SendState::Idle: return QStringLiteral("idle");
    case SendState::Prefill: return QStringLiteral("prefill");
    case SendState::Streaming: return QStringLiteral("streaming");
  }
  return {};
}

QString ChatController::modelState() const {
  switch (modelState_) {
    case ModelState::None: return QStringLiteral("none");
    case ModelState::Loading: return QStringLiteral("loading");
    case ModelState::Ready: return QStringLiteral("ready");
    case ModelState::Error: return QStringLiteral("error");
  }
  return {};
}

QString ChatController::cannotSendReason() const {
  switch (modelState_) {
    case ModelState::None: return tr("Choose a model file to start chatting.");
    case ModelState::Loading: return tr("The model is still loading.");
    case ModelState::Error: return tr("The model could not be loaded; choose another file in the settings.");
    case ModelState::Ready: break;
  }
  if (sendState_ != SendState::Idle) return tr("Wait for the reply to finish, or stop it.");
  return {};
}

void ChatController::setSendState(SendState state) {
  if (sendState_ == state) return;
  sendState_ = state;
  emit sendStateChanged();
  updateCanSend();
}

void ChatController::setModelState(ModelState state) {
  modelState_ = state;
  emit modelStateChanged();
  updateCanSend();
}

void ChatController::updateCanSend() {
  // cannotSendReason may change while canSend stays false (loading -> error): always notify.
  emit canSendChanged();
}

void ChatController::setError(const QString& message) {
  lastError_ = message;
  emit lastErrorChanged();
  emit errorOccurred(message);
}

void ChatController::runStartupMaintenance() {
  try {
    store_->mark_interrupted_streams();
    store_->purge_deleted();
  } catch (const std::exception& e) {
    setError(QString::fromUtf8(e.what()));
  }
  reloadConversations();
}

// ---- model ----

void ChatController::loadModel(const QString& path) {
  const QString file = path.isEmpty() ? settings_->modelPath() : path;
  modelInfo_.clear();
  emit modelInfoChanged();
  loadProgress_ = 0;
  emit modelLoadProgressChanged();
  if (file.isEmpty()) {
    modelError_.clear();
    setModelState(ModelState::None);
    return;
  }
  if (!QFileInfo::exists(file)) {
    // Not an error of the file itself: the setup view asks for a model and says which one is gone.
    modelError_ = tr("The model file %1 was not found.").arg(file);
    setModelState(ModelState::None);
    return;
  }
  if (activeRequestId_ != 0) worker_->requestCancel(activeRequestId_);
  modelError_.clear();
  setModelState(ModelState::Loading);
  LoadRequest request;
  request.path = file;
  const veloce::EngineOptions options = settings_->engineOptions();
  request.backend = QString::fromStdString(options.backend);
  request.device = QString::fromStdString(options.device);
  request.contextSize = settings_->contextSize();
  worker_->clearLoadCancel();
  thread_handover::invoke(worker_, [w = worker_, request] { w->loadModel(request); });
}

void ChatController::cancelLoading() {
  if (modelState_ == ModelState::Loading) worker_->requestLoadCancel();
}

void ChatController::onModelLoadCancelled() {
  model_ = LoadedModelInfo{};
  modelInfo_.clear();
  emit modelInfoChanged();
  loadProgress_ = 0;
  emit modelLoadProgressChanged();
  // Not an error: the setup view asks for a model again and says why there is none.
  modelError_ = tr("Loading the model was cancelled.");
  setModelState(ModelState::None);
}

QString ChatController::validateModelFile(const QString& path) const {
  // Header, metadata and tensor table only (the weights stay mapped, unread): fast enough for the
  // UI thread even for a 9 GB file.
  try {
    const auto file = veloce::GgufFile::open(path.toStdString());
    const auto config = veloce::ModelConfig::from_gguf(*file);
    veloce::ModelWeights::from_gguf(*file, config);
    return {};
  } catch (const std::exception& e) {
    return QString::fromUtf8(e.what());
  }
}

void ChatController::onLoadProgress(double fraction) {
  loadProgress_ = fraction;
  emit modelLoadProgressChanged();
}

void ChatController::onModelInfoLine(const QString& line) {
  // The engine's own lines are English log text: logged for whoever reports a problem; the user
  // sees the plan in words once loaded (LoadedModelInfo::report).
  qInfo().noquote() << line;
}

void ChatController::onModelLoaded(const LoadedModelInfo& info) {
  model_ = info;
  modelInfo_ = info.report.join(QLatin1Char('\n'));
  emit modelInfoChanged();
  loadProgress_ = 1;
  emit modelLoadProgressChanged();
  contextUsed_ = 0;
  emit contextChanged();
  measureOpenConversation();
  // A file picked in the setup view becomes the setting once it has loaded.
  if (settings_->modelPath() != info.path) settings_->setModelPath(info.path);
  setModelState(ModelState::Ready);
}

void ChatController::onModelLoadFailed(const QString& message) {
  model_ = LoadedModelInfo{};
  modelError_ = message;
  emit contextChanged();
  setModelState(ModelState::Error);
  setError(message);
}

}  // namespace veloce::app
