#pragma once
// Every export file is written through here: to a temporary file beside the target, renamed over
// it only when everything was written (QSaveFile). A failure at any point leaves an existing file
// as it was and leaves no half-written file behind.
#include <QByteArray>
#include <QIODevice>
#include <QString>

#include <functional>
#include <stdexcept>

namespace veloce::exporting {

struct ExportError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Throws ExportError naming the file and the reason.
void write_file_atomically(const QString& path, const QByteArray& contents);
// write gets the open temporary file; if it throws, the target is left untouched and the
// exception propagates.
void write_file_atomically(const QString& path, const std::function<void(QIODevice&)>& write);

}  // namespace veloce::exporting
