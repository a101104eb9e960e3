#include "app/cli/app/app_context.h"

#include <QGuiApplication>

#include <cstdio>

#include "app/settings/app_paths.h"

namespace veloce::cli {

std::unique_ptr<QCoreApplication> make_qt_app(bool gui) {
  if (QCoreApplication::instance()) return nullptr;
  // QCoreApplication keeps references to argc/argv for its lifetime: static storage.
  static int argc = 1;
  static char name[] = "veloce-cli";
  static char* argv[] = {name, nullptr};
  std::unique_ptr<QCoreApplication> app;
  if (gui) {
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");
    app = std::make_unique<QGuiApplication>(argc, argv);
  } else {
    app = std::make_unique<QCoreApplication>(argc, argv);
  }
  app::apply_app_identity();
  return app;
}

QString database_path(Args& args) {
  if (auto db = args.value({"--db"})) return qstr(*db);
  return app::default_database_path();
}

std::unique_ptr<storage::ConversationStore> open_store(const QString& path) {
  auto store = std::make_unique<storage::ConversationStore>(path);
  const QString& message = store->open_report().user_message;
  if (!message.isEmpty()) std::fprintf(stderr, "%s\n", message.toLocal8Bit().constData());
  return store;
}

}  // namespace veloce::cli
