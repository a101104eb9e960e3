#pragma once
// Command-line and environment overrides shared by the GUI and veloce-cli:
//   --model PATH (else VELOCE_MODEL) replaces the model path for this run;
//   --db PATH replaces the database location.
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

namespace veloce::app {

struct StartupOptions {
  QString modelPath;  // empty: use the settings
  QString dbPath;     // empty: app::default_database_path()
};

// `arguments` as QCoreApplication::arguments() (program name first). Accepts "--model PATH" and
// "--model=PATH" (same for --db). Unknown arguments are left for Qt/QML.
StartupOptions parseStartupOptions(const QStringList& arguments,
                                   const QProcessEnvironment& env = QProcessEnvironment::systemEnvironment());

}  // namespace veloce::app
