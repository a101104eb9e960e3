#pragma once
// Shared by the app commands of veloce-cli (list, export, import, bench-db): a Qt application
// object (created here when the command runs, since main() stays Qt-free) and the store.
#include <QCoreApplication>
#include <QString>

#include <memory>
#include <string>

#include "app/cli/command.h"
#include "app/storage/conversation_store.h"

namespace veloce::cli {

// A QCoreApplication, or a QGuiApplication when gui is true (PDF needs fonts); the offscreen
// platform is chosen when none is set, since veloce-cli never shows a window. Reuses an
// existing instance.
std::unique_ptr<QCoreApplication> make_qt_app(bool gui);

// --db FILE, else the app's default database (QStandardPaths).
QString database_path(Args& args);

// Opens the store; prints the open report's message (corruption moved aside, upgrade) to stderr.
std::unique_ptr<storage::ConversationStore> open_store(const QString& path);

inline QString qstr(const std::string& s) { return QString::fromStdString(s); }

}  // namespace veloce::cli
