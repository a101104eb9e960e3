#pragma once
// Where the app keeps its files, for the desktop app and every veloce-cli command alike.
//
// Qt derives AppDataLocation (and QSettings' default file) from the application and organisation
// names, which are process-wide state: a command that asked for a location before setting them got
// ~/.local/share/ instead of ~/.local/share/Veloce/Veloce/, so `export --all` without --db opened a
// new, empty database there and wrote an empty backup. These functions set the names themselves
// first, so no caller depends on having done it in the right order.
#include <QString>

namespace veloce::app {

// Sets Qt's application and organisation names to Veloce's (idempotent; works before and after a
// QCoreApplication exists).
void apply_app_identity();

// ~/.local/share/Veloce/Veloce on Linux (Qt's AppDataLocation for Veloce), created if missing.
QString app_data_folder();

// The conversation database the app opens when no --db is given.
QString default_database_path();

// Where downloaded models go: the app's Download and `veloce-cli pull` share it, so a download
// started in one resumes in the other.
QString default_models_folder();

}  // namespace veloce::app
