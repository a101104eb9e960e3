#pragma once
// DatabaseHealth: what the main window says about the conversation database (QML singleton
// `DatabaseHealth`, import Veloce), split from ChatController: the notice of the start-up (a
// recovered damaged file, a migration backup) and the whole-file integrity check that start-up
// leaves for later on a large database (it checks only what the sidebar reads, to open in under
// 300 ms).
//
// Usage: QmlContext owns one per engine; the app calls checkInBackground() once the window shows.
#include <QtQml/qqmlregistration.h>
#include <QObject>
#include <QString>

class QJSEngine;
class QQmlEngine;
class QThread;

namespace veloce::storage {
class ConversationStore;
}

namespace veloce::app {

class DatabaseHealth : public QObject {
  Q_OBJECT
  QML_ELEMENT
  QML_SINGLETON
  // Message shown once after opening the database (recovered corrupt file, migration backup).
  Q_PROPERTY(QString startupNotice READ startupNotice CONSTANT)
  // Set when the background check found damage: a sentence for the user saying that the file is
  // moved aside at the next start and to export now ("" otherwise).
  Q_PROPERTY(QString databaseProblem READ databaseProblem NOTIFY databaseProblemChanged)

 public:
  // store: the UI thread's store, opened by the app (outlives this).
  explicit DatabaseHealth(const veloce::storage::ConversationStore* store, QObject* parent = nullptr);
  ~DatabaseHealth() override;  // waits for a running check (read-only; its connection closes first)

  QString startupNotice() const;
  QString databaseProblem() const { return databaseProblem_; }

  // For the engine: the instance set with QmlSingletonInstance (app/models/qml_singleton.h).
  static DatabaseHealth* create(QQmlEngine* qmlEngine, QJSEngine* jsEngine);

 public slots:
  // When the start-up check did not cover the whole database (a large file, see
  // storage::IntegrityCheck), runs check_integrity_full() on its own thread and its own
  // connection; damage sets databaseProblem. Emits checkFinished either way; once per run.
  void checkInBackground();

 signals:
  void databaseProblemChanged();
  // The check is done; problem is "" when the file is sound (or was checked at start).
  void checkFinished(const QString& problem);

 private:
  const veloce::storage::ConversationStore* store_;
  QThread* check_ = nullptr;  // the background check, once started
  QString databaseProblem_;
};

}  // namespace veloce::app
