#include "app/export/atomic_file.h"

#include <QFileInfo>
#include <QSaveFile>

#include "app/export/file_names.h"

namespace veloce::exporting {

void write_file_atomically(const QString& path, const std::function<void(QIODevice&)>& write) {
  // QSaveFile resolves a symbolic link and renames over its target, which may lie anywhere (or,
  // for a dangling link, creates it): refuse rather than write outside the chosen place.
  if (is_symlink_or_special(path))
    throw ExportError(
        QStringLiteral("%1: is a symbolic link or a special file; not writing through it").arg(path).toStdString());
  if (QFileInfo(path).isDir()) throw ExportError(QStringLiteral("%1: is a folder, not a file").arg(path).toStdString());
  QSaveFile file(path);
  if (!file.open(QIODevice::WriteOnly))
    throw ExportError(QStringLiteral("%1: cannot write: %2").arg(path, file.errorString()).toStdString());
  write(file);  // on exception, ~QSaveFile discards the temporary file
  if (!file.commit()) throw ExportError(QStringLiteral("%1: cannot write: %2").arg(path, file.errorString()).toStdString());
}

void write_file_atomically(const QString& path, const QByteArray& contents) {
  write_file_atomically(path, [&](QIODevice& device) {
    if (device.write(contents) != contents.size())
      throw ExportError(QStringLiteral("%1: cannot write: %2").arg(path, device.errorString()).toStdString());
  });
}

}  // namespace veloce::exporting
