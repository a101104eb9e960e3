#include "app/chat/export_controller.h"

#include <QDir>
#include <QFileInfo>
#include <QThread>
#include <exception>
#include <memory>

#include "app/common/thread_handover.h"
#include "app/export/exporter.h"
#include "app/export/json_format.h"
#include "app/models/qml_singleton.h"
#include "app/storage/conversation_store.h"

namespace veloce::app {
ExportController::ExportController(const QString& databasePath, QObject* parent)
    : QObject(parent), databasePath_(databasePath) {
  thread_handover::watch(this);
}

ExportController::~ExportController() {
  if (job_) {
    job_->wait();
    delete job_;
  }
}

ExportController* ExportController::create(QQmlEngine*, QJSEngine*) {
  return QmlSingletonInstance<ExportController>::take();
}

bool ExportController::startJob(std::function<QString()> job, std::function<void(bool, const QString&)> done) {
  if (job_) {
    emit errorOccurred(tr("An export or import is already running."));
    return false;
  }
  auto ok = std::make_shared<bool>(false);
  auto message = std::make_shared<QString>();
  job_ = QThread::create([job = std::move(job), ok, message] {
    try {
      *message = job();
      *ok = true;
    } catch (const std::exception& e) {
      *message = QString::fromUtf8(e.what());
    }
    thread_handover::publish();  // the finished handler below reads ok and message
  });
  connect(job_, &QThread::finished, this, [this, ok, message, done = std::move(done)] {
    job_->deleteLater();
    job_ = nullptr;
    emit runningChanged();
    if (!*ok) emit errorOccurred(*message);
    done(*ok, *message);
  });
  job_->start();
  emit runningChanged();
  return true;
}

bool ExportController::exportConversations(const QVariantList& ids, const QString& format, const QString& target) {
  const auto fmt = veloce::exporting::format_from_name(format);
  if (!fmt) {
    emit errorOccurred(tr("Unknown export format \"%1\".").arg(format));
    return false;
  }
  if (target.isEmpty()) {
    emit errorOccurred(tr("Choose where to export to."));
    return false;
  }
  std::vector<qint64> list;
  for (const QVariant& v : ids) list.push_back(v.toLongLong());
  // The dialog names a folder, always: created if missing (a fresh home has no Documents), a
  // file of that name refused. JSON of several conversations is one backup file in it, as from
  // the CLI; otherwise one file per conversation.
  return startJob(
      [this, db = databasePath_, list, fmt, target]() -> QString {
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

QStringList ExportController::existingFiles(const QVariantList& ids, const QString& format, const QString& target) const {
  const auto fmt = veloce::exporting::format_from_name(format);
  if (!fmt || target.isEmpty() || !QFileInfo(target).isDir()) return {};  // a new folder holds nothing yet
  try {
    // Titles only (one short read on the UI thread), through a connection of its own as the jobs do.
    veloce::storage::ConversationStore store(databasePath_, veloce::storage::OpenOptions{false});
    std::vector<qint64> list;
    for (const QVariant& v : ids) list.push_back(v.toLongLong());
    if (list.empty()) list = veloce::exporting::all_conversation_ids(store);
    QStringList existing;
    for (const QString& path : veloce::exporting::planned_export_paths(store, list, *fmt, target))
      if (QFileInfo(path).isFile()) existing << QDir::toNativeSeparators(path);
    return existing;
  } catch (const std::exception&) {
    return {};  // the export itself reports the problem
  }
}

bool ExportController::importConversations(const QString& path) {
  return startJob(
      [db = databasePath_, path]() -> QString {
        veloce::storage::ConversationStore store(db, veloce::storage::OpenOptions{false});
        const auto r = veloce::exporting::import_json_file(store, path);
        // Each count its own plural, so no "(s)" is left for any of them.
        return tr("Imported: %1 and %2; %3.")
            .arg(tr("%n new conversation(s)", nullptr, r.conversations_added),
                 tr("%n new message(s)", nullptr, r.messages_added),
                 tr("%n already present", nullptr, r.conversations_already_present));
      },
      [this](bool ok, const QString& message) { emit importFinished(ok, message); });
}

}  // namespace veloce::app
