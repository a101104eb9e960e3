#include "app/desktop/desktop_app.h"

#include <QGuiApplication>
#include <QIcon>
#include <QQmlApplicationEngine>
#include <QQuickStyle>
#include <QQuickWindow>
#include <QUrl>
#include <cstdio>
#include <exception>
#include <optional>

#include "app/chat/chat_controller.h"
#include "app/desktop/math_image_provider.h"
#include "app/models/qml_context.h"
#include "app/settings/app_paths.h"
#include "app/settings/app_settings.h"
#include "app/settings/startup_options.h"
#include "app/storage/conversation_store.h"

namespace veloce::app {

int runDesktopApp(int argc, char* argv[], const std::function<bool(QQmlApplicationEngine&)>& afterLoad) {
  // Desktop density for Material (smaller paddings than the touch default); the user may override.
  if (qEnvironmentVariableIsEmpty("QT_QUICK_CONTROLS_MATERIAL_VARIANT"))
    qputenv("QT_QUICK_CONTROLS_MATERIAL_VARIANT", "Dense");
  QGuiApplication app(argc, argv);
  apply_app_identity();
  QGuiApplication::setApplicationVersion(QStringLiteral(VELOCE_VERSION));
  QGuiApplication::setDesktopFileName(QStringLiteral("io.github.veloce.Veloce"));
  QQuickStyle::setStyle(QStringLiteral("Material"));
  // Title bars and task switchers that do not read the desktop file still show Veloce's icon.
  QGuiApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/veloce.svg")));

  const StartupOptions options = parseStartupOptions(QCoreApplication::arguments());
  std::optional<storage::ConversationStore> store;
  try {
    store.emplace(options.dbPath.isEmpty() ? default_database_path() : options.dbPath);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "veloce: cannot open the conversation database: %s\n", e.what());
    return 1;
  }

  AppSettings settings;
  if (!options.modelPath.isEmpty()) settings.setModelPathOverride(options.modelPath);
  ChatController chat(&*store, &settings);
  chat.runStartupMaintenance();

  QQmlApplicationEngine engine;
  auto* qml = new QmlContext(&engine, &chat, &engine);
  MathImageProvider::install(engine);
  QObject::connect(
      &engine, &QQmlApplicationEngine::objectCreationFailed, &app, [] { QCoreApplication::exit(1); }, Qt::QueuedConnection);
  engine.load(QUrl(QStringLiteral("qrc:/ui/Main.qml")));
  if (engine.rootObjects().isEmpty()) return 1;
  if (afterLoad && !afterLoad(engine)) return 1;

  chat.model()->load(QString());
  // The whole-file database check that start-up skipped on a large file runs once the window has
  // drawn its first frame, so it never delays the window.
  if (auto* window = qobject_cast<QQuickWindow*>(engine.rootObjects().constFirst())) {
    QObject::connect(window, &QQuickWindow::frameSwapped, &qml->health(), &DatabaseHealth::checkInBackground,
                     static_cast<Qt::ConnectionType>(Qt::QueuedConnection | Qt::SingleShotConnection));
  } else {
    qml->health().checkInBackground();
  }
  return QGuiApplication::exec();
}

}  // namespace veloce::app
