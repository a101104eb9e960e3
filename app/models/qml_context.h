#pragma once
// Everything the QML views reach from C++, installed on one engine: the controller (`chat`), the
// Markdown renderer (`markdown`), desktop services (`desktop`), the screenshot state
// (`screenshotState`), an engine network access that refuses every request, and the translation
// that follows the language setting. Shared by the veloce executable and the QML test, so the
// test loads Main.qml exactly as the app does.
#include <QObject>
#include <QString>

#include "app/models/desktop_bridge.h"
#include "app/models/markdown_renderer.h"
#include "app/models/offline_network.h"
#include "app/models/translation_loader.h"

class QQmlEngine;

namespace veloce::app {

class ChatController;

class QmlContext : public QObject {
  Q_OBJECT
 public:
  // `engine` and `chat` must outlive this object. Call before loading any QML.
  QmlContext(QQmlEngine* engine, ChatController* chat, const QString& screenshotState = QString(),
             QObject* parent = nullptr);
  ~QmlContext() override;

  TranslationLoader& translations() { return translations_; }

 private:
  QQmlEngine* engine_;
  MarkdownRenderer markdown_;
  DesktopBridge desktop_;
  OfflineNetworkAccessManagerFactory networkFactory_;
  TranslationLoader translations_;
};

}  // namespace veloce::app
