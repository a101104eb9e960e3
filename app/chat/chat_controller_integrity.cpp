// ChatController: the whole-file integrity check that start-up leaves for later on a large
// database (start-up checks only what the sidebar reads, to open in under 300 ms).
#include <QThread>
#include <exception>

#include "app/chat/chat_controller.h"
#include "app/common/thread_handover.h"
#include "app/storage/conversation_store.h"

namespace veloce::app {

void ChatController::checkDatabaseInBackground() {
  if (integrityCheck_) return;  // once per run
  if (store_->open_report().whole_file_checked) {
    emit databaseCheckFinished(QString());
    return;
  }
  const QString path = store_->path();
  integrityCheck_ = QThread::create([this, path] {
    QString problem;
    try {
      // Its own connection: a store belongs to the thread that opened it, and a quick_check of a
      // large file takes seconds that neither the UI nor a streaming reply may wait for.
      veloce::storage::ConversationStore store(path, veloce::storage::OpenOptions{false});
      problem = store.check_integrity_full();  // writes the damage marker when it finds damage
    } catch (const std::exception& e) {
      // Not damage (e.g. the file is locked for longer than the busy timeout): say nothing alarming.
      qWarning("veloce: background database check did not run: %s", e.what());
    }
    thread_handover::invoke(this, [this, problem] {
      if (!problem.isEmpty()) {
        // quick_check may list many pages; the first few words say enough for a banner.
        const QString shown = problem.size() > 160 ? problem.left(160) + QStringLiteral("…") : problem;
        databaseProblem_ = tr("The conversation database is damaged (%1). Veloce will move it aside (it is kept, "
                              "not deleted) and start a new one at the next start. Export your conversations now "
                              "(Ctrl+E, all conversations).")
                               .arg(shown);
        emit databaseProblemChanged();
      }
      emit databaseCheckFinished(problem);
    });
  });
  integrityCheck_->setObjectName(QStringLiteral("veloce-db-check"));
  integrityCheck_->start(QThread::LowPriority);
}

}  // namespace veloce::app
