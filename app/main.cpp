// The desktop app: everything lives in veloce_app and ui/; this only starts them.
//   veloce [--model PATH] [--db PATH]
// VELOCE_MODEL also sets the model. --screenshot-state NAME (used by scripts/screenshots.sh) puts
// the window into one named state (first-run, conversation, search, settings, export).
#include <QGuiApplication>
#include <QIcon>
#include <QQmlApplicationEngine>
#include <QQuickStyle>
#include <QQuickWindow>
#include <QUrl>
#include <cstdio>
#include <optional>

#include "app/chat/chat_controller.h"
#include "app/models/qml_context.h"
#include "app/settings/app_settings.h"
#include "app/settings/startup_options.h"
#include "app/storage/conversation_store.h"

namespace {

QString optionValue(const QStringList& arguments, const QString& name) {
  for (qsizetype i = 1; i < arguments.size(); ++i) {
    if (arguments[i] == name && i + 1 < arguments.size()) return arguments[i + 1];
    if (arguments[i].startsWith(name + u'=')) return arguments[i].mid(name.size() + 1);
  }
  return {};
}

}  // namespace

int main(int argc, char* argv[]) {
  // Desktop density for Material (smaller paddings than the touch default); the user may override.
  if (qEnvironmentVariableIsEmpty("QT_QUICK_CONTROLS_MATERIAL_VARIANT"))
    qputenv("QT_QUICK_CONTROLS_MATERIAL_VARIANT", "Dense");
  QGuiApplication app(argc, argv);
  QGuiApplication::setApplicationName(QStringLiteral("Veloce"));
  QGuiApplication::setOrganizationName(QStringLiteral("Veloce"));
  QGuiApplication::setApplicationVersion(QStringLiteral("0.1.0"));
  QGuiApplication::setDesktopFileName(QStringLiteral("io.github.veloce.Veloce"));
  QQuickStyle::setStyle(QStringLiteral("Material"));
  // Title bars and task switchers that do not read the desktop file still show Veloce's icon.
  QGuiApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/veloce.svg")));

  const QStringList arguments = QCoreApplication::arguments();
  const veloce::app::StartupOptions options = veloce::app::parseStartupOptions(arguments);
  const QString screenshotState = optionValue(arguments, QStringLiteral("--screenshot-state"));

  std::optional<veloce::storage::ConversationStore> store;
  try {
    store.emplace(options.dbPath.isEmpty() ? veloce::storage::ConversationStore::default_path() : options.dbPath);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "veloce: cannot open the conversation database: %s\n", e.what());
    return 1;
  }

  veloce::app::AppSettings settings;
  if (!options.modelPath.isEmpty()) settings.setModelPathOverride(options.modelPath);
  veloce::app::ChatController chat(&*store, &settings);
  chat.runStartupMaintenance();

  QQmlApplicationEngine engine;
  new veloce::app::QmlContext(&engine, &chat, screenshotState, &engine);
  QObject::connect(
      &engine, &QQmlApplicationEngine::objectCreationFailed, &app, [] { QCoreApplication::exit(1); }, Qt::QueuedConnection);
  engine.load(QUrl(QStringLiteral("qrc:/ui/Main.qml")));
  if (engine.rootObjects().isEmpty()) return 1;

  chat.loadModel(QString());
  // The whole-file database check that start-up skipped on a large file runs once the window has
  // drawn its first frame, so it never delays the window.
  if (auto* window = qobject_cast<QQuickWindow*>(engine.rootObjects().constFirst())) {
    QObject::connect(window, &QQuickWindow::frameSwapped, &chat, &veloce::app::ChatController::checkDatabaseInBackground,
                     static_cast<Qt::ConnectionType>(Qt::QueuedConnection | Qt::SingleShotConnection));
  } else {
    chat.checkDatabaseInBackground();
  }
  return QGuiApplication::exec();
}
