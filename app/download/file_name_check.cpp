#include "app/download/file_name_check.h"

#include <QCoreApplication>

namespace veloce::app {

QString fileNameProblem(const QString& name) {
  if (name.isEmpty()) return QCoreApplication::translate("FileNameCheck", "it is empty");
  // Linux's NAME_MAX, counted in bytes as the file system counts them.
  if (name.toUtf8().size() > 255) return QCoreApplication::translate("FileNameCheck", "it is longer than 255 bytes");
  if (name.startsWith(QLatin1Char('.'))) return QCoreApplication::translate("FileNameCheck", "it starts with a dot");
  for (const char32_t c : name.toUcs4()) {
    if (c == U'/' || c == U'\\') return QCoreApplication::translate("FileNameCheck", "it contains a slash");
    // Cc: NUL, line breaks, escape sequences; Cf: the bidirectional overrides that make a name
    // read differently from what it is.
    const auto category = QChar::category(c);
    if (category == QChar::Other_Control || category == QChar::Other_Format)
      return QCoreApplication::translate("FileNameCheck", "it contains a control character");
  }
  return QString();
}

}  // namespace veloce::app
