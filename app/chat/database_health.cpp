#include "app/chat/database_health.h"

#include <QThread>
#include <exception>

#include "app/common/thread_handover.h"
#include "app/models/qml_singleton.h"
#include "app/storage/conversation_store.h"

namespace veloce::app {

DatabaseHealth::DatabaseHealth(const veloce::storage::ConversationStore* store, QObject* parent)
    : QObject(parent), store_(store) {
  thread_handover::watch(this);
}

DatabaseHealth::~DatabaseHealth() {
  // A read-only check: nothing to lose by waiting, and its connection must close before the file.
  if (check_) {
    check_->wait();
    delete check_;
  }
}

DatabaseHealth* DatabaseHealth::create(QQmlEngine*, QJSEngine*) { return QmlSingletonInstance<DatabaseHealth>::take(); }

QString DatabaseHealth::startupNotice() const { return store_->open_report().user_message; }

void DatabaseHealth::checkInBackground() {
  if (check_) return;  // once per run
  if (store_->open_report().whole_file_checked) {
    emit checkFinished(QString());
    return;
  }
  const QString path = store_->path();
  check_ = QThread::create([this, path] {
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
      emit checkFinished(problem);
    });
  });
  check_->setObjectName(QStringLiteral("veloce-db-check"));
  check_->start(QThread::LowPriority);
}

}  // namespace veloce::app
