#include "app/models/qml_context.h"

#include <QQmlContext>
#include <QQmlEngine>

#include "app/chat/chat_controller.h"
#include "app/models/streaming_renderer.h"

namespace veloce::app {

QmlContext::QmlContext(QQmlEngine* engine, ChatController* chat, QObject* parent) : QObject(parent), translations_(engine) {
  // Before any QML is loaded: no request the engine makes may reach the network.
  engine->setNetworkAccessManagerFactory(&networkFactory_);
  // Each message delegate owns one renderer of its text (import Veloce 1.0).
  qmlRegisterType<StreamingRenderer>("Veloce", 1, 0, "StreamingRenderer");
  QQmlContext* root = engine->rootContext();
  root->setContextProperty(QStringLiteral("chat"), chat);
  root->setContextProperty(QStringLiteral("markdown"), &markdown_);
  root->setContextProperty(QStringLiteral("desktop"), &desktop_);

  AppSettings* settings = chat->settings();
  translations_.apply(settings->language());
  connect(settings, &AppSettings::languageChanged, this, [this, settings] { translations_.apply(settings->language()); });
}

}  // namespace veloce::app
