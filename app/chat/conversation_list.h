#pragma once
// ConversationList: the sidebar's conversations, their search, and renaming, pinning and deleting
// with undo (QML singleton `ConversationList`, import Veloce), split from ChatController, which
// keeps the open conversation and tells this one when a conversation changed.
//
// Threads: UI thread only; it reads and writes through the UI thread's store.
// Errors: a failed database call leaves the list as it was and emits errorOccurred with the reason
// (ChatController shows it as its lastError).
#include <QtQml/qqmlregistration.h>
#include <QObject>
#include <QString>
#include <exception>

#include "app/models/conversation_list_model.h"
#include "app/models/search_result_model.h"

class QJSEngine;
class QQmlEngine;

namespace veloce::storage {
class ConversationStore;
}

namespace veloce::app {

class ConversationList : public QObject {
  Q_OBJECT
  QML_ELEMENT
  QML_SINGLETON
  // Both owned here, never null.
  Q_PROPERTY(veloce::app::ConversationListModel* model READ model CONSTANT)
  Q_PROPERTY(veloce::app::SearchResultModel* searchResults READ searchResults CONSTANT)
  // True while a deleted conversation can still be brought back with undoDelete().
  Q_PROPERTY(bool canUndoDelete READ canUndoDelete NOTIFY canUndoDeleteChanged)
  Q_PROPERTY(QString deletedTitle READ deletedTitle NOTIFY canUndoDeleteChanged)

 public:
  // store: the UI thread's store (outlives this).
  explicit ConversationList(veloce::storage::ConversationStore* store, QObject* parent = nullptr);

  // For the engine: the instance set with QmlSingletonInstance (app/models/qml_singleton.h).
  static ConversationList* create(QQmlEngine* qmlEngine, QJSEngine* jsEngine);

  ConversationListModel* model() { return &conversations_; }
  SearchResultModel* searchResults() { return &searchResults_; }
  bool canUndoDelete() const { return pendingDeleteId_ >= 0; }
  QString deletedTitle() const { return pendingDeleteTitle_; }

  // Reads conversation id again into the list (new, or its title or time changed).
  void upsert(qint64 id);

 public slots:
  // Reads the whole list again from the database (at start, after an import).
  void reload();
  // Another connection committed to the database since the list was last read (`veloce-cli
  // import` while the app runs, or this app's own worker): the list is read again and merged in
  // row by row, so the sidebar keeps its scroll position. True when it was read again.
  bool refreshIfChangedElsewhere();
  bool rename(qint64 id, const QString& title);
  bool setPinned(qint64 id, bool pinned);
  // Hides the conversation at once and offers undo (canUndoDelete); deleting another one or
  // commitDelete() makes the previous deletion final. removing(id) comes first.
  bool remove(qint64 id);
  bool undoDelete();
  void commitDelete();
  // Fills searchResults (an empty query clears them).
  void search(const QString& query);

 signals:
  void canUndoDeleteChanged();
  void errorOccurred(const QString& message);
  // Conversation id was renamed to title (the open one's title follows).
  void renamed(qint64 id, const QString& title);
  // Conversation id is about to be deleted: a reply in it must stop before it goes (the open
  // conversation is closed).
  void removing(qint64 id);

 private:
  void fail(const std::exception& e);
  // Runs one write of conversation id; then the list row is read again, or the error reported.
  template <class Write>
  bool change(qint64 id, Write&& write);

  veloce::storage::ConversationStore* store_;
  ConversationListModel conversations_;
  SearchResultModel searchResults_;
  qint64 seenDataVersion_ = -1;  // the store's data_version when the list was last read
  qint64 pendingDeleteId_ = -1;
  QString pendingDeleteTitle_;
};

}  // namespace veloce::app
