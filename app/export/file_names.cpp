#include "app/export/file_names.h"

#include <sys/stat.h>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>

#include <stdexcept>

namespace veloce::exporting {
namespace {

bool is_bidi_control(char32_t c) {
  return c == 0x061C || c == 0x200E || c == 0x200F || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
}

bool is_reserved_device_name(const QString& stem) {
  // Windows treats "CON.txt" or "nul .md" like the device itself: compare the part before the
  // first dot, without trailing spaces.
  const QString base = stem.section(QLatin1Char('.'), 0, 0).trimmed().toUpper();
  static const QRegularExpression kDevice(QStringLiteral("^(CON|PRN|AUX|NUL|CONIN\\$|CONOUT\\$|COM[0-9¹²³]|LPT[0-9¹²³])$"));
  return kDevice.match(base).hasMatch();
}

QString trim_dots_and_spaces(QString s) {
  auto strip = [](QChar c) { return c == QLatin1Char('.') || c.isSpace(); };
  while (!s.isEmpty() && strip(s.front())) s.remove(0, 1);
  while (!s.isEmpty() && strip(s.back())) s.chop(1);
  return s;
}

// The longest prefix of s that is at most max_bytes of UTF-8, cut between code points.
QString cut_to_utf8_bytes(const QString& s, int max_bytes) {
  QString out;
  int bytes = 0;
  for (char32_t c : s.toUcs4()) {
    const int size = c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
    if (bytes + size > max_bytes) break;
    bytes += size;
    out += QString::fromUcs4(&c, 1);
  }
  // A joiner or combining mark left dangling at the cut would glue onto the " (2)" or the dot.
  while (!out.isEmpty() && (out.back() == QChar(0x200D) || out.back() == QChar(0x200C) || out.back().isMark())) out.chop(1);
  return out;
}

// Whether writing path would replace something other than a plain file of ours: a symbolic link
// (to a file, a folder, or dangling: QSaveFile would write to its target, outside the folder),
// a folder, a FIFO or a device. lstat, not QFileInfo::exists(), which follows links.
bool occupied_by_non_file(const QString& path) {
  struct stat st {};
  if (::lstat(QFile::encodeName(path).constData(), &st) != 0) return false;  // nothing there
  return !S_ISREG(st.st_mode);
}

}  // namespace

bool is_symlink_or_special(const QString& path) { return occupied_by_non_file(path); }

QString sanitized_file_stem(const QString& title) {
  QString out;
  for (char32_t c : title.normalized(QString::NormalizationForm_C).toUcs4()) {
    const auto category = QChar::category(c);
    if (c == '/' || c == '\\' || c == ':' || c == '*' || c == '?' || c == '"' || c == '<' || c == '>' || c == '|') {
      out += QLatin1Char('_');
    } else if (category == QChar::Other_Control || category == QChar::Separator_Line ||
               category == QChar::Separator_Paragraph) {
      out += QLatin1Char(' ');  // newlines and tabs separate words
    } else if (is_bidi_control(c) || category == QChar::Other_Surrogate || category == QChar::Other_NotAssigned ||
               category == QChar::Other_PrivateUse || c == 0xFFFD ||
               (category == QChar::Other_Format && c != 0x200D && c != 0x200C)) {
      continue;  // invisible or meaningless in a name, and bidi overrides can fake the extension
    } else {
      out += QString::fromUcs4(&c, 1);
    }
  }
  static const QRegularExpression kSpaces(QStringLiteral("\\s+"));
  out.replace(kSpaces, QStringLiteral(" "));
  out = trim_dots_and_spaces(cut_to_utf8_bytes(trim_dots_and_spaces(out), kMaxStemBytes));
  if (out.isEmpty()) return QStringLiteral("Conversation");
  if (is_reserved_device_name(out)) out.prepend(QLatin1Char('_'));
  return out;
}

QString unique_file_path(const QString& folder, const QString& title, const QString& extension, QSet<QString>& taken) {
  const QString stem = sanitized_file_stem(title);
  QString name = stem + QLatin1Char('.') + extension;
  const QString dir = QDir::cleanPath(QFileInfo(folder).absoluteFilePath());
  // A name already used by this export, or held in the folder by a link, a folder or a special
  // file, gets the next number instead: an export never writes through a link out of the folder.
  for (int n = 2; taken.contains(name.toLower()) || occupied_by_non_file(dir + QLatin1Char('/') + name); ++n)
    name = QStringLiteral("%1 (%2).%3").arg(stem).arg(n).arg(extension);
  taken.insert(name.toLower());

  const QString path = QDir::cleanPath(dir + QLatin1Char('/') + name);
  if (QFileInfo(path).absolutePath() != dir)
    throw std::runtime_error(
        QStringLiteral("refusing file name '%1': it would leave the folder %2").arg(name, dir).toStdString());
  return path;
}

}  // namespace veloce::exporting
