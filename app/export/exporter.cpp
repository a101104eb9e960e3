#include "app/export/exporter.h"

#include <QBuffer>
#include <QDate>
#include <QDir>
#include <QFileInfo>
#include <QSet>

#include <algorithm>

#include "app/export/atomic_file.h"
#include "app/export/file_names.h"
#include "app/export/html_exporter.h"
#include "app/export/json_format.h"
#include "app/export/markdown_exporter.h"
#include "app/export/pdf_exporter.h"
#include "app/export/text_exporter.h"

namespace veloce::exporting {

QByteArray render(const ConversationExport& c, ExportFormat format) {
  switch (format) {
    case ExportFormat::Markdown: return export_markdown(c);
    case ExportFormat::Html: return export_html(c);
    case ExportFormat::Text: return export_text(c);
    case ExportFormat::Json: return export_json({c}, QDateTime::currentDateTimeUtc());
    case ExportFormat::Pdf: {
      QByteArray bytes;
      QBuffer buffer(&bytes);
      buffer.open(QIODevice::WriteOnly);
      export_pdf(c, buffer);
      return bytes;
    }
  }
  return {};
}

void export_to_file(const storage::ConversationStore& store, const std::vector<qint64>& ids, ExportFormat format,
                    const QString& path, const ExportProgress& progress) {
  if (format != ExportFormat::Json && ids.size() != 1)
    throw ExportError(QStringLiteral("%1: a %2 file holds one conversation; export %3 to a folder instead")
                          .arg(path, file_extension(format))
                          .arg(ids.size())
                          .toStdString());
  std::vector<ConversationExport> loaded;
  const int total = static_cast<int>(ids.size());
  for (qint64 id : ids) {
    loaded.push_back(load_for_export(store, id));
    if (progress && !progress(static_cast<int>(loaded.size()), total)) return;
  }
  if (format == ExportFormat::Json) {
    std::sort(loaded.begin(), loaded.end(), [](const ConversationExport& a, const ConversationExport& b) {
      const auto& x = a.conversation;
      const auto& y = b.conversation;
      return x.created_at != y.created_at ? x.created_at < y.created_at : x.uuid < y.uuid;
    });
    write_file_atomically(path, export_json(loaded, QDateTime::currentDateTimeUtc()));
  } else if (format == ExportFormat::Pdf) {
    write_file_atomically(path, [&](QIODevice& out) { export_pdf(loaded.front(), out); });
  } else {
    write_file_atomically(path, render(loaded.front(), format));
  }
}

namespace {

enum class Naming { FilePerConversation, OneBackupFile };

QStringList planned_paths(const storage::ConversationStore& store, const std::vector<qint64>& ids, ExportFormat format,
                          const QString& folder, Naming naming) {
  QSet<QString> taken;
  QStringList paths;
  if (naming == Naming::OneBackupFile) {
    const QString name = QStringLiteral("Veloce conversations %1").arg(QDate::currentDate().toString(Qt::ISODate));
    paths << unique_file_path(folder, name, file_extension(format), taken);
    return paths;
  }
  for (qint64 id : ids) {
    const auto c = store.conversation(id);
    if (!c)  // as load_for_export says it
      throw storage::StoreError(QStringLiteral("%1: no conversation with id %2").arg(store.path()).arg(id).toStdString());
    paths << unique_file_path(folder, c->title, file_extension(format), taken);
  }
  return paths;
}

}  // namespace

QStringList planned_export_paths(const storage::ConversationStore& store, const std::vector<qint64>& ids,
                                 ExportFormat format, const QString& folder) {
  const bool backup = format == ExportFormat::Json && ids.size() != 1;
  return planned_paths(store, ids, format, folder, backup ? Naming::OneBackupFile : Naming::FilePerConversation);
}

FolderExport export_to_folder(const storage::ConversationStore& store, const std::vector<qint64>& ids, ExportFormat format,
                              const QString& folder, const ExportProgress& progress) {
  if (!QDir().mkpath(folder)) throw ExportError(QStringLiteral("%1: cannot create the folder").arg(folder).toStdString());
  FolderExport result;
  const QStringList paths = planned_paths(store, ids, format, folder, Naming::FilePerConversation);
  const int total = static_cast<int>(ids.size());
  for (qint64 id : ids) {
    const ConversationExport c = load_for_export(store, id);
    const QString& path = paths.at(result.files.size());
    if (format == ExportFormat::Pdf) write_file_atomically(path, [&](QIODevice& out) { export_pdf(c, out); });
    else write_file_atomically(path, render(c, format));
    result.files << path;
    if (progress && !progress(static_cast<int>(result.files.size()), total)) {
      result.cancelled = result.files.size() < total;
      break;
    }
  }
  return result;
}

FolderExport export_into_folder(const storage::ConversationStore& store, const std::vector<qint64>& ids, ExportFormat format,
                                const QString& folder, const ExportProgress& progress) {
  const QFileInfo info(folder);
  if (info.exists() && !info.isDir())
    throw ExportError(QStringLiteral("%1 is a file, not a folder: choose a folder to export into")
                          .arg(QDir::toNativeSeparators(folder))
                          .toStdString());
  if (format != ExportFormat::Json || ids.size() == 1) return export_to_folder(store, ids, format, folder, progress);
  if (!QDir().mkpath(folder)) throw ExportError(QStringLiteral("%1: cannot create the folder").arg(folder).toStdString());
  const QString path = planned_paths(store, ids, format, folder, Naming::OneBackupFile).front();
  FolderExport result;
  result.cancelled = true;  // until the last conversation was read and the file written
  export_to_file(store, ids, format, path, [&](int done, int total) { return !progress || progress(done, total); });
  if (QFileInfo(path).isFile()) {
    result.cancelled = false;
    result.files << path;
  }
  return result;
}

std::vector<qint64> all_conversation_ids(const storage::ConversationStore& store) {
  std::vector<qint64> ids;
  for (const auto& s : store.list_conversations()) ids.push_back(s.id);
  return ids;
}

}  // namespace veloce::exporting
