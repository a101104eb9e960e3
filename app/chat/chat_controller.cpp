// ChatController: construction, the worker's thread, state properties, and what the controllers
// split from it (ModelController, ConversationList) tell the flow. The flow itself is in
// chat_controller_flow.cpp, the open conversation in chat_controller_conversations.cpp.
#include "app/chat/chat_controller.h"

#include <exception>

#include "app/chat/download_controller.h"
#include "app/chat/generation_worker.h"
#include "app/chat/server_controller.h"
#include "app/common/thread_handover.h"
#include "app/models/qml_singleton.h"
#include "app/storage/conversation_store.h"

namespace veloce::app {

ChatController::ChatController(veloce::storage::ConversationStore* store, AppSettings* settings, QObject* parent)
    : QObject(parent), store_(store), settings_(settings), list_(store) {
  qRegisterMetaType<LoadRequest>();
  qRegisterMetaType<LoadedModelInfo>();
  qRegisterMetaType<ReplyRequest>();
  qRegisterMetaType<ReplyOutcome>();
  qRegisterMetaType<ApiChat>();

  worker_ = new GenerationWorker(store_->path());
  worker_->moveToThread(&thread_);
  connect(&thread_, &QThread::finished, worker_, &QObject::deleteLater);
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

  model_ = new ModelController(worker_, settings_, this);
  // A load replaces the session a running reply uses: that reply stops first (and is stored).
  connect(model_, &ModelController::loadRequested, this, [this] {
    if (activeRequestId_ != 0) worker_->requestCancel(activeRequestId_);
  });
  connect(model_, &ModelController::loaded, this, &ChatController::onModelLoaded);
  connect(model_, &ModelController::loadFailed, this, &ChatController::setError);
  connect(model_, &ModelController::stateChanged, this, &ChatController::updateCanSend);

  server_ = new ServerController(model_, worker_, settings_, this);
  download_ = new DownloadController(model_, settings_, this);
  connect(server_, &ServerController::chatStored, &list_, [this] { list_.reload(); });
  connect(server_, &ServerController::storeFailed, this, &ChatController::setError);

  // The status line's last-reply figures are the open conversation's (lastTokensPerSecond).
  connect(this, &ChatController::currentConversationChanged, this, &ChatController::lastReplyStatsChanged);
  connect(&list_, &ConversationList::errorOccurred, this, &ChatController::setError);
  connect(&list_, &ConversationList::renamed, this, [this](qint64 id, const QString& title) {
    if (id != conversationId_) return;
    title_ = title;
    emit currentConversationChanged();
  });
  connect(&list_, &ConversationList::removing, this, [this](qint64 id) {
    if (id == conversationId_) newConversation();
  });

  thread_.setObjectName(QStringLiteral("veloce-generation"));
  thread_handover::start(thread_);

  list_.reload();
  updateCanSend();

  // Conversations imported by another process (veloce-cli import) while the app runs: a cheap
  // PRAGMA every few seconds notices them. Not while a reply streams: the worker's own
  // checkpoints change the version too, and the list is merged once when the reply ends.
  outsideChanges_.setInterval(kOutsideChangesPollMs);
  connect(&outsideChanges_, &QTimer::timeout, this, [this] {
    if (!busy()) list_.refreshIfChangedElsewhere();
  });
  outsideChanges_.start();
}

ChatController* ChatController::create(QQmlEngine*, QJSEngine*) { return QmlSingletonInstance<ChatController>::take(); }

ChatController::~ChatController() {
  // The API server first: its requests stop, and nothing uses the worker's generator any more.
  delete server_;
  server_ = nullptr;
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

QString ChatController::cannotSendReason() const {
  if (const QString reason = model_->notReadyReason(); !reason.isEmpty()) return reason;
  if (sendState_ != SendState::Idle) return tr("Wait for the reply to finish, or stop it.");
  return {};
}

void ChatController::setSendState(SendState state) {
  if (sendState_ == state) return;
  sendState_ = state;
  emit sendStateChanged();
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
  list_.reload();
}

void ChatController::onModelLoaded() {
  // A new session holds nothing yet: what the open conversation would take is measured again.
  contextUsed_ = 0;
  emit contextChanged();
  measureOpenConversation();
}

}  // namespace veloce::app
