// ChatController: export and import, each on a short-lived thread with its own store connection,
// so exporting hundreds of conversations (or a PDF) never freezes the window.
#include <QDir>
#include <QThread>
#include <exception>

#include "app/chat/chat_controller.h"
#include "app/common/thread_handover.h"
#include "app/export/exporter.h"
#include "app/export/json_format.h"
#include "app/storage/conversation_store.h"

namespace veloce::app {

bool ChatController::startBackgroundJob(std::function<QString()> job, std::function<void(bool, const QString&)> done) {
  if (backgroundJob_) {
    setError(tr("An export or import is already running."));
    return false;
  }
  auto ok = std::make_shared<bool>(false);
  auto message = std::make_shared<QString>();
  backgroundJob_ = QThread::create([job = std::move(job), ok, message] {
    try {
      *message = job();
      *ok = true;
    } catch (const std::exception& e) {
      *message = QString::fromUtf8(e.what());
    }
    thread_handover::publish();  // the finished handler below reads ok and message
  });
  connect(backgroundJob_, &QThread::finished, this, [this, ok, message, done = std::move(done)] {
    backgroundJob_->deleteLater();
    backgroundJob_ = nullptr;
    if (!*ok) setError(*message);
    done(*ok, *message);
  });
  backgroundJob_->start();
  return true;
}

bool ChatController::exportConversations(const QVariantList& ids, const QString& format, const QString& target) {
  const auto fmt = veloce::exporting::format_from_name(format);
  if (!fmt) {
    setError(tr("Unknown export format \"%1\".").arg(format));
    return false;
  }
  if (target.isEmpty()) {
    setError(tr("Choose where to export to."));
    return false;
  }
  std::vector<qint64> list;
  for (const QVariant& v : ids) list.push_back(v.toLongLong());
  // The dialog names a folder, always: created if missing (a fresh home has no Documents), a
  // file of that name refused. JSON of several conversations is one backup file in it, as from
  // the CLI; otherwise one file per conversation.
  const QString db = store_->path();
  return startBackgroundJob(
      [this, db, list, fmt, target]() -> QString {
        veloce::storage::ConversationStore store(db, veloce::storage::OpenOptions{false});
        std::vector<qint64> chosen = list.empty() ? veloce::exporting::all_conversation_ids(store) : list;
        const auto progress = [this](int done, int total) {
          thread_handover::invoke(this, [this, done, total] { emit exportProgress(done, total); });
          return true;
        };
        const auto written = veloce::exporting::export_into_folder(store, chosen, *fmt, target, progress);
        if (written.files.size() == 1 && chosen.size() > 1)
          return tr("Exported %n conversation(s) to %1.", nullptr, static_cast<int>(chosen.size()))
              .arg(QDir::toNativeSeparators(written.files.front()));
        return tr("Exported %n conversation(s) to %1.", nullptr, static_cast<int>(written.files.size()))
            .arg(QDir::toNativeSeparators(target));
      },
      [this](bool ok, const QString& message) { emit exportFinished(ok, message); });
}

bool ChatController::importConversations(const QString& path) {
  const QString db = store_->path();
  return startBackgroundJob(
      [db, path]() -> QString {
        veloce::storage::ConversationStore store(db, veloce::storage::OpenOptions{false});
        const auto r = veloce::exporting::import_json_file(store, path);
        return tr("Imported %n new conversation(s) and %1 new message(s); %2 already present.", nullptr,
                  r.conversations_added)
            .arg(r.messages_added)
            .arg(r.conversations_already_present);
      },
      [this](bool ok, const QString& message) {
        if (ok) reloadConversations();
        emit importFinished(ok, message);
      });
}

}  // namespace veloce::app
