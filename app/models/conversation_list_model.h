#pragma once
// The sidebar: every conversation, pinned ones first, then most recently updated first, each with
// the date section it belongs to (for ListView.section.property: "section"). Only ChatController
// fills it; single changes (new message, rename, pin, delete) move/insert/remove one row instead of
// resetting, so the sidebar keeps its scroll position.
#include <QAbstractListModel>
#include <QDateTime>
#include <QList>
#include <QString>

namespace veloce::app {

struct ConversationItem {
  qint64 id = -1;
  QString title;
  QDateTime updatedAt;  // last message or rename
  bool pinned = false;
};

class ConversationListModel : public QAbstractListModel {
  Q_OBJECT
  Q_PROPERTY(int count READ rowCount NOTIFY countChanged)

 public:
  enum Role {
    IdRole = Qt::UserRole + 1,  // "id": qint64
    TitleRole,                  // "title": QString
    UpdatedAtRole,              // "updatedAt": QDateTime
    PinnedRole,                 // "pinned": bool
    SectionRole,                // "section": translated "Pinned" / "Today" / "Yesterday" / "Previous 7 days" / "Older"
    SectionKeyRole,             // "sectionKey": "pinned" | "today" | "yesterday" | "week" | "older" (stable, untranslated)
  };
  Q_ENUM(Role)

  explicit ConversationListModel(QObject* parent = nullptr);

  int rowCount(const QModelIndex& parent = QModelIndex()) const override;
  QVariant data(const QModelIndex& index, int role) const override;
  QHash<int, QByteArray> roleNames() const override;

  // Replaces the whole list (start-up, import); sorts it.
  void setConversations(QList<ConversationItem> items);
  // Inserts or updates one conversation and moves it to its sorted place.
  void upsert(const ConversationItem& item);
  void remove(qint64 id);
  // Row of the conversation with this id, or -1.
  Q_INVOKABLE int rowOf(qint64 id) const;
  const ConversationItem& at(int row) const { return items_.at(row); }

  // Sections are computed against this moment in local time; default: the current time at each
  // call. Tests fix it; the app refreshes it at midnight via refreshSections().
  void setReferenceTime(const QDateTime& now);
  // Re-evaluates every row's section (dataChanged for SectionRole) after the day changed.
  void refreshSections();
  // The section key of a conversation updated at `updated`, seen at `now` (local calendar days).
  static QString sectionKeyFor(const QDateTime& updated, bool pinned, const QDateTime& now);

 signals:
  void countChanged();

 private:
  QDateTime now() const;
  int sortedPosition(const ConversationItem& item) const;  // insertion row keeping the order
  QList<ConversationItem> items_;
  QDateTime referenceTime_;
};

}  // namespace veloce::app
