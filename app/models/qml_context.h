#pragma once
// Everything the QML views reach from C++, installed on one engine: the QML module Veloce (its
// types and singletons: ChatController, ModelController and ConversationList, which `chat` owns,
// ExportController and DatabaseHealth, whose instances live here, and DesktopBridge), an engine
// network access that refuses every request, and the translation that follows the language
// setting. Shared by the veloce executable and the QML tests, so a test loads Main.qml exactly as
// the app does. Nothing is a context property: every name QML uses is a type of the module.
#include <QObject>
#include <QString>

#include "app/chat/database_health.h"
#include "app/chat/export_controller.h"
#include "app/models/offline_network.h"
#include "app/models/translation_loader.h"

class QQmlEngine;

namespace veloce::app {

class ChatController;

class QmlContext : public QObject {
  Q_OBJECT
 public:
  // Create it as a child of `engine` (parent = engine) before loading any QML: the engine then
  // deletes its QML objects before this, so no binding ever sees a singleton vanish.
  // `chat` must outlive the engine.
  QmlContext(QQmlEngine* engine, ChatController* chat, QObject* parent = nullptr);

  TranslationLoader& translations() { return translations_; }
  ExportController& exporter() { return exporter_; }
  DatabaseHealth& health() { return health_; }

 private:
  OfflineNetworkAccessManagerFactory networkFactory_;
  TranslationLoader translations_;
  ExportController exporter_;
  DatabaseHealth health_;
};

}  // namespace veloce::app
