#pragma once
// Entry points for exporting from the GUI and the CLI: reads the conversations from the store
// and writes files atomically in the chosen format.
//
// Human-readable formats (Markdown, HTML, text, PDF) show the branch the user sees, noting
// "version 2 of 3" where a message has alternatives; JSON holds every branch and is the format
// for backups and import.
#include <QString>
#include <QStringList>

#include <functional>
#include <vector>

#include "app/export/export_types.h"
#include "app/storage/conversation_store.h"

namespace veloce::exporting {

// Called after each conversation: (conversations done, total). Return false to stop early;
// files already written stay, nothing half-written is left.
using ExportProgress = std::function<bool(int done, int total)>;

// The bytes of one conversation in format (PDF needs a QGuiApplication).
QByteArray render(const ConversationExport& conversation, ExportFormat format);

// One file at path. JSON: all the given conversations in one document, sorted by creation date
// then uuid (so the same data always gives the same file). Other formats: exactly one id.
void export_to_file(const storage::ConversationStore& store, const std::vector<qint64>& ids, ExportFormat format,
                    const QString& path, const ExportProgress& progress = {});

struct FolderExport {
  QStringList files;  // absolute paths written, in the order of ids
  bool cancelled = false;
};
// One file per conversation in folder (created if missing), named from its title (sanitised,
// " (2)" added for equal titles within this export). Existing files of the same name are
// replaced atomically.
FolderExport export_to_folder(const storage::ConversationStore& store, const std::vector<qint64>& ids, ExportFormat format,
                              const QString& folder, const ExportProgress& progress = {});

// What the app's export dialog does: target is always a folder (created if missing; a file of
// that name is refused, never overwritten). JSON of more than one conversation is one backup
// file in it, "Veloce conversations <yyyy-MM-dd>.json", exactly what `veloce-cli export --all
// --format json` writes; anything else is one file per conversation, as export_to_folder.
FolderExport export_into_folder(const storage::ConversationStore& store, const std::vector<qint64>& ids, ExportFormat format,
                                const QString& folder, const ExportProgress& progress = {});

// The files export_into_folder would write for these arguments now, in its order (the one place
// their names are decided): the export dialog asks before replacing any that exist.
QStringList planned_export_paths(const storage::ConversationStore& store, const std::vector<qint64>& ids,
                                 ExportFormat format, const QString& folder);
// Ids of every conversation in the sidebar (not deleted), in sidebar order.
std::vector<qint64> all_conversation_ids(const storage::ConversationStore& store);

}  // namespace veloce::exporting
