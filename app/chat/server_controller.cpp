#include "app/chat/server_controller.h"

#include <QFileInfo>
#include <QHostAddress>
#include <QTcpServer>

#include "app/chat/generation_worker.h"
#include "app/chat/model_controller.h"
#include "app/common/thread_handover.h"
#include "app/models/qml_singleton.h"
#include "app/server/api_server.h"
#include "app/server/generation_queue.h"
#include "app/settings/app_settings.h"
#include "inference/model/model.h"

namespace veloce::app {
namespace {
constexpr size_t kQueueSize = 8;  // veloce-cli serve's default
}

ServerController::ServerController(ModelController* model, GenerationWorker* worker, AppSettings* settings, QObject* parent)
    : QObject(parent), model_(model), worker_(worker), settings_(settings), generator_(worker->sharedGenerator()) {
  // The model it serves goes away with a new load: stop before the worker frees it.
  connect(model_, &ModelController::loadRequested, this, &ServerController::stop);
  connect(model_, &ModelController::stateChanged, this, &ServerController::sync);
  connect(settings_, &AppSettings::serverChanged, this, [this] {
    // A new port takes effect at once: the server restarts on it.
    if (running() && portOverride_ == 0 && port_ != settings_->serverPort()) stop();
    sync();
  });
  connect(worker_, &GenerationWorker::apiChatStored, this, [this](qint64 conversationId, const QString& error) {
    if (conversationId >= 0) emit chatStored(conversationId);
    else emit storeFailed(tr("A chat from the API server could not be stored: %1").arg(error));
  });
  connect(&log_, &QAbstractItemModel::rowsInserted, this, &ServerController::requestsChanged);
  connect(&log_, &QAbstractItemModel::dataChanged, this, &ServerController::requestsChanged);
  sync();
}

ServerController::~ServerController() { stop(); }

ServerController* ServerController::create(QQmlEngine*, QJSEngine*) {
  return QmlSingletonInstance<ServerController>::take();
}

QString ServerController::address() const {
  return running() ? QStringLiteral("http://127.0.0.1:%1/v1").arg(port_) : QString();
}

QString ServerController::status() const {
  if (!settings_->serverEnabled()) return tr("Off. Other programs on this computer cannot use the model.");
  if (!error_.isEmpty()) return error_;
  if (!running()) return tr("On: waiting for a model to be loaded.");
  return tr("Serving %1 at %2 to programs on this computer.").arg(modelId_, address());
}

void ServerController::sync() {
  const bool wanted = settings_->serverEnabled() && model_->ready();
  if (wanted && !running()) start();
  if (!wanted && running()) stop();
  if (!settings_->serverEnabled() && !error_.isEmpty()) {
    error_.clear();
    emit stateChanged();
  }
}

void ServerController::start() {
  served_ = model_->loadedModel();
  if (!served_) return;
  server::ServerConfig config;
  modelId_ = QFileInfo(model_->file()).completeBaseName();  // as veloce-cli serve names it
  config.model_id = modelId_.toStdString();
  config.n_ctx = static_cast<size_t>(model_->contextSize());
  queue_ = std::make_unique<server::GenerationQueue>(*generator_, kQueueSize);
  api_ = std::make_unique<server::ApiServer>(config, served_->tokenizer(), *queue_);
  connect(api_.get(), &server::ApiServer::exchangeStarted, this,
          [this](const server::ExchangeRecord& record) { log_.started(record); });
  connect(api_.get(), &server::ApiServer::exchangeFinished, this, &ServerController::onFinished);
  auto* tcp = new QTcpServer(api_.get());
  const quint16 port = portOverride_ != 0 ? portOverride_ : static_cast<quint16>(settings_->serverPort());
  if (!tcp->listen(QHostAddress(QHostAddress::LocalHost), port)) {
    error_ = tr("The server could not start on port %1: %2. Choose another port.").arg(port).arg(tcp->errorString());
    queue_.reset();
    api_.reset();
    served_.reset();
    modelId_.clear();
    emit stateChanged();
    return;
  }
  api_->bind(tcp);
  port_ = tcp->serverPort();
  error_.clear();
  emit stateChanged();
}

void ServerController::stop() {
  if (!running()) return;
  // The queue first: it cancels the running request and joins its thread, whose callbacks name the
  // server. Clients of requests in flight see their connection close.
  queue_.reset();
  api_.reset();
  served_.reset();
  modelId_.clear();
  port_ = 0;
  log_.stopRunning();
  emit stateChanged();
}

void ServerController::onFinished(const server::ExchangeRecord& record) {
  log_.finished(record);
  if (record.status != 200 || record.messages.empty() || !settings_->serverStoresChats()) return;
  ApiChat chat;
  for (const auto& m : record.messages) {
    const auto role = m.role == ChatRole::System      ? storage::Role::System
                      : m.role == ChatRole::Assistant ? storage::Role::Assistant
                                                      : storage::Role::User;
    chat.messages.push_back({0, role, QString::fromUtf8(m.content.data(), static_cast<qsizetype>(m.content.size()))});
  }
  chat.reply = QString::fromUtf8(record.reply.data(), static_cast<qsizetype>(record.reply.size()));
  chat.modelFile = model_->file();
  chat.modelQuant = model_->quantization();
  thread_handover::invoke(worker_, [w = worker_, chat] { w->storeApiChat(chat); });
}

}  // namespace veloce::app
