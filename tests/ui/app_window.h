#pragma once
// The app's main window as a test meets it: a fresh database and settings file in a private
// folder, Main.qml loaded through QmlContext exactly as the veloce executable loads it, and item
// lookups by objectName. Tests that need a "restart" destroy it and make another over the same
// folder.
#include <QQmlApplicationEngine>
#include <QQuickItem>
#include <QQuickWindow>
#include <QString>

#include <memory>
#include <optional>

#include "app/chat/chat_controller.h"
#include "app/chat/export_controller.h"
#include "app/settings/app_settings.h"
#include "app/storage/conversation_store.h"

namespace veloce::uitest {

class AppWindow {
 public:
  // folder holds conversations.sqlite and settings.ini (kept between instances). The store and
  // settings exist from here on, so a test can fill them before show() starts the app on them.
  explicit AppWindow(const QString& folder);
  ~AppWindow();

  // Creates the controller, loads Main.qml and waits until the window is exposed; false (and a message) if it did not load.
  bool show();

  storage::ConversationStore& store() { return *store_; }
  app::AppSettings& settings() { return *settings_; }
  app::ChatController& chat() { return *chat_; }
  // The window's ExportController singleton (valid after show()).
  app::ExportController& exporter() { return *exporter_; }
  QQuickWindow* window() const { return window_; }
  QObject* root() const;

  // The first item (visual tree or QObject children, overlay included) with this objectName.
  QQuickItem* item(const QString& name) const;
  // Any QObject below the window with this objectName (dialogs, which are not items).
  QObject* object(const QString& name) const;

 private:
  std::optional<storage::ConversationStore> store_;
  std::unique_ptr<app::AppSettings> settings_;
  std::unique_ptr<app::ChatController> chat_;
  app::ExportController* exporter_ = nullptr;  // owned by the engine's QmlContext
  std::unique_ptr<QQmlApplicationEngine> engine_;
  QQuickWindow* window_ = nullptr;
};

// Clicks the centre of item as a mouse would (the item must be visible in its window).
void click(QQuickItem* item);

// Every item below object, through both the visual tree and QObject ownership.
QList<QQuickItem*> allItems(QObject* object);

}  // namespace veloce::uitest
