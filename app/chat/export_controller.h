#pragma once
// ExportController: export and import of conversations for the GUI (QML singleton
// `ExportController`, import Veloce), split from ChatController, which it needs nothing of. Each
// runs on a short-lived thread with its own store connection, so exporting hundreds of
// conversations (or a PDF) never freezes the window; the file formats are app/export's.
//
// Usage (QmlContext): one instance per QML engine, set with QmlSingletonInstance before any QML
// loads; create() is what the engine calls for the singleton (the instance stays C++-owned).
#include <QtQml/qqmlregistration.h>
#include <QObject>
#include <QString>
#include <QStringList>
#include <QVariantList>
#include <functional>

class QJSEngine;
class QQmlEngine;
class QThread;

namespace veloce::app {

class ExportController : public QObject {
  Q_OBJECT
  QML_ELEMENT
  QML_SINGLETON
  // An export or import is running (one at a time).
  Q_PROPERTY(bool running READ running NOTIFY runningChanged)

 public:
  // databasePath: the conversation database; each job opens its own connection to it.
  explicit ExportController(const QString& databasePath, QObject* parent = nullptr);
  ~ExportController() override;  // a running job finishes its file (atomically) first

  bool running() const { return job_ != nullptr; }

  // For the engine: the instance set with QmlSingletonInstance (app/models/qml_singleton.h).
  static ExportController* create(QQmlEngine* qmlEngine, QJSEngine* jsEngine);

 public slots:
  // ids: conversation ids (empty: all); format: "md", "json", "html", "txt" or "pdf";
  // target: a folder, created if missing (one file per conversation, names from titles; JSON of
  // several conversations is one backup file in it). Emits exportProgress and exportFinished.
  bool exportConversations(const QVariantList& ids, const QString& format, const QString& target);
  // Of the files exportConversations(ids, format, target) would write now, those that exist
  // already (it replaces them): the dialog asks first. Empty also when the export would fail.
  QStringList existingFiles(const QVariantList& ids, const QString& format, const QString& target) const;
  // Reads a Veloce JSON export; emits importFinished (then conversations changed in the store).
  bool importConversations(const QString& path);

 signals:
  void runningChanged();
  void exportProgress(int done, int total);
  void exportFinished(bool ok, const QString& message);
  void importFinished(bool ok, const QString& message);
  // A request refused or a job failed, in words (the main window's error banner shows it).
  void errorOccurred(const QString& message);

 private:
  // Runs job on its own thread; done(ok, message) runs on this thread after it.
  bool startJob(std::function<QString()> job, std::function<void(bool, const QString&)> done);

  QString databasePath_;
  QThread* job_ = nullptr;  // the running export/import, if any
};

}  // namespace veloce::app
