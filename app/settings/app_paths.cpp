#include "app/settings/app_paths.h"

#include <QCoreApplication>
#include <QDir>
#include <QStandardPaths>

namespace veloce::app {

void apply_app_identity() {
  QCoreApplication::setOrganizationName(QStringLiteral("Veloce"));
  QCoreApplication::setApplicationName(QStringLiteral("Veloce"));
}

QString app_data_folder() {
  apply_app_identity();
  const QString folder = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
  QDir().mkpath(folder);
  return folder;
}

QString default_database_path() { return QDir(app_data_folder()).filePath(QStringLiteral("conversations.sqlite")); }

QString default_models_folder() { return QDir(app_data_folder()).filePath(QStringLiteral("models")); }

}  // namespace veloce::app
