#pragma once
// The messages of the current branch of the open conversation, oldest first, for the
// conversation view. Only ChatController fills it. While a reply streams, appendToLast() adds each
// text piece to the last row and emits dataChanged for that one row and the content role only, so a
// delegate never re-receives the whole reply per token.
#include <QAbstractListModel>
#include <QDateTime>
#include <QElapsedTimer>
#include <QList>
#include <QString>
#include <optional>

namespace veloce::app {

struct MessageItem {
  qint64 id = -1;        // message id in the database (-1 while not yet stored)
  qint64 parentId = -1;  // -1 for the first message of the conversation
  QString role;          // "user", "assistant" or "system"
  QString content;       // plain text / Markdown source exactly as stored
  // "complete", "streaming" (reply being generated), "stopped" (by the user), "error" (engine failure)
  QString state = QStringLiteral("complete");
  int siblingIndex = 0;  // 0-based position among the messages with the same parent (QML shows +1)
  int siblingCount = 1;  // number of alternatives (regenerated replies / edited versions)
  QDateTime createdAt;
  // Figures of a generated reply for its footer: stored ones, or live ones while it streams
  // (tokens counted as streamed pieces, replaced by the engine's figures when it ends). Absent
  // for user messages and imported replies.
  std::optional<int> completionTokens = std::nullopt;
  std::optional<double> timeToFirstTokenMs = std::nullopt;
  std::optional<double> tokensPerSecond = std::nullopt;
  // The reply length limit it was generated under (0: unknown). A complete reply that used all
  // of it was cut by the limit: stop reason "length".
  int maxTokens = 0;
  // Why the reply ended as the engine reported it and the database stores it
  // (storage::reply_stop_name: "finished", "length", "context_full", "stopped", "error"); ""
  // while streaming and for replies stored without one (before schema version 3, imports).
  QString stop = QString();
};

// How a reply ended, for its footer: "streaming", "finished", "stopped", "length", "error"; ""
// for messages that are not replies. Read from the stored stop reason (a full context counts as
// "length"); only a reply stored without one falls back to comparing its tokens with maxTokens.
QString stopReasonOf(const MessageItem& m);

class MessageListModel : public QAbstractListModel {
  Q_OBJECT
  Q_PROPERTY(int count READ rowCount NOTIFY countChanged)

 public:
  enum Role {
    IdRole = Qt::UserRole + 1,  // "id": qint64
    ParentIdRole,               // "parentId": qint64, -1 for a root
    RoleRole,                   // "role": "user" | "assistant" | "system"
    ContentRole,                // "content": QString
    StateRole,                  // "state": "complete" | "streaming" | "stopped" | "error"
    SiblingIndexRole,           // "siblingIndex": int, 0-based
    SiblingCountRole,           // "siblingCount": int; show the "2/3" switcher when > 1
    CreatedAtRole,              // "createdAt": QDateTime
    IsLastRole,                 // "isLast": bool, the last row (regenerate/Up-to-edit targets)
    CompletionTokensRole,       // "completionTokens": int, -1 when not measured
    TokensPerSecondRole,        // "tokensPerSecond": double, -1 when not measured
    TimeToFirstTokenRole,       // "timeToFirstTokenMs": double, -1 when not measured
    StopReasonRole,             // "stopReason": see stopReasonOf()
  };
  Q_ENUM(Role)

  explicit MessageListModel(QObject* parent = nullptr);

  int rowCount(const QModelIndex& parent = QModelIndex()) const override;
  QVariant data(const QModelIndex& index, int role) const override;
  QHash<int, QByteArray> roleNames() const override;

  // Replaces everything (conversation opened, branch switched): one model reset.
  void setMessages(QList<MessageItem> messages);
  void clear();
  // Adds a row at the end (the user's message, then the reply placeholder).
  void append(const MessageItem& message);
  // Drops every row from `row` on (regenerate / edit replace the tail of the branch).
  void truncateFrom(int row);
  // Appends text to the last row's content; dataChanged for that row and ContentRole only.
  void appendToLast(const QString& piece);
  // Updates a row's id / the last row's state (after the store assigned an id, or streaming ended).
  void setIdAt(int row, qint64 id);
  void setParentIdAt(int row, qint64 parentId);
  void setLastState(const QString& state);
  // The engine's figures for the last row once its reply ended (replacing the live ones).
  void setLastFigures(int completionTokens, double timeToFirstTokenMs, double tokensPerSecond);
  // The streaming reply's time to its first token, as the worker measured it (shown until it ends,
  // when setLastFigures writes the same figure).
  void setLastTimeToFirstToken(double ms);
  // The stored stop reason of the last row once its reply ended (see MessageItem::stop).
  void setLastStop(const QString& stop);
  // The reply length limit a row's reply is generated under.
  void setMaxTokensAt(int row, int maxTokens);
  // Updates the sibling position shown by a row.
  void setSiblingInfo(int row, int siblingIndex, int siblingCount);

  const MessageItem& at(int row) const { return items_.at(row); }
  const QList<MessageItem>& items() const { return items_; }
  // Row of the message with this id, or -1.
  Q_INVOKABLE int rowOfMessage(qint64 id) const;

 signals:
  void countChanged();

 private:
  QList<MessageItem> items_;
  // Live figures of a streaming last row: time since it was added, and pieces so far.
  QElapsedTimer streamClock_;
  int livePieces_ = 0;
  int liveBaseTokens_ = 0;   // tokens the row held before it streamed (a continued reply's)
  double firstPieceMs_ = 0;  // on streamClock_, when the first live piece came
};

}  // namespace veloce::app
