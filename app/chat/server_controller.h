#pragma once
// ServerController: the app's local OpenAI-compatible server (QML singleton `ServerController`,
// import Veloce), the same routes as `veloce-cli serve`, serving the model the app has loaded.
//
// Off by default (Settings > Server); loopback only, so no key is asked for: serving to other
// machines is `veloce-cli serve --host ADDR --api-key KEY`. It runs while the switch is on and a
// model is ready; a new load stops it (the model it served goes) and a finished load starts it
// again. HTTP is handled on the UI thread (parsing and writing only); generation runs on the
// server's queue thread, taking turns with the chat on the worker's SharedGenerator.
//
// With "store chats" on, each answered chat completion is written to the history by the worker
// (ChatArchive), so API conversations can be read, searched and exported like any other.
#include <QtQml/qqmlregistration.h>
#include <QObject>
#include <QString>
#include <memory>

#include "app/models/server_request_log.h"

class QJSEngine;
class QQmlEngine;

namespace veloce {
class Model;
}

namespace veloce::server {
class ApiServer;
class GenerationQueue;
class SharedGenerator;
struct ExchangeRecord;
}  // namespace veloce::server

namespace veloce::app {

class AppSettings;
class GenerationWorker;
class ModelController;

class ServerController : public QObject {
  Q_OBJECT
  QML_ELEMENT
  QML_SINGLETON
  Q_PROPERTY(bool running READ running NOTIFY stateChanged)
  // "http://127.0.0.1:8734/v1" while running, else "".
  Q_PROPERTY(QString address READ address NOTIFY stateChanged)
  // The model id clients must name (the model file's name without .gguf); "" when not running.
  Q_PROPERTY(QString modelId READ modelId NOTIFY stateChanged)
  // One sentence for Settings: serving, off, waiting for a model, or why it could not start.
  Q_PROPERTY(QString status READ status NOTIFY stateChanged)
  // The port could not be opened (in use by another program), in words; "" otherwise.
  Q_PROPERTY(QString error READ error NOTIFY stateChanged)
  Q_PROPERTY(veloce::app::ServerRequestLog* requests READ requests CONSTANT)
  Q_PROPERTY(int activeRequests READ activeRequests NOTIFY requestsChanged)

 public:
  // All three outlive this; the worker lives on its own thread (only its thread-safe
  // sharedGenerator() and queued slots are used).
  ServerController(ModelController* model, GenerationWorker* worker, AppSettings* settings, QObject* parent = nullptr);
  ~ServerController() override;

  // For the engine: the instance set with QmlSingletonInstance (app/models/qml_singleton.h).
  static ServerController* create(QQmlEngine* qmlEngine, QJSEngine* jsEngine);

  bool running() const { return api_ != nullptr; }
  QString address() const;
  QString modelId() const { return modelId_; }
  QString status() const;
  // The interface's language changed: `status` reads differently (it is made when read).
  void retranslate() { emit stateChanged(); }
  QString error() const { return error_; }
  ServerRequestLog* requests() { return &log_; }
  int activeRequests() const { return log_.running(); }
  // The port actually listened on (the setting, or a free one in tests; 0 when not running).
  quint16 port() const { return port_; }
  // Tests: listen on a free port instead of the setting's (the setting stays as it is).
  void setPortOverrideForTests(quint16 port) { portOverride_ = port; }

 signals:
  void stateChanged();
  void requestsChanged();
  // An API chat was written to the history (the sidebar reloads).
  void chatStored(qint64 conversationId);
  // Storing one failed (the database is full or read-only): the reason, for the main window.
  void storeFailed(const QString& message);

 private:
  void sync();  // starts or stops to match the switch and the model
  void start();
  void stop();
  void onFinished(const veloce::server::ExchangeRecord& record);

  ModelController* model_;
  GenerationWorker* worker_;
  AppSettings* settings_;
  std::shared_ptr<veloce::server::SharedGenerator> generator_;
  ServerRequestLog log_;
  // stop() destroys the queue first: its thread's callbacks name the server.
  std::unique_ptr<veloce::server::GenerationQueue> queue_;
  std::unique_ptr<veloce::server::ApiServer> api_;
  std::shared_ptr<const veloce::Model> served_;  // keeps the tokenizer the server uses alive
  QString modelId_;
  QString error_;
  quint16 port_ = 0;
  quint16 portOverride_ = 0;
};

}  // namespace veloce::app
