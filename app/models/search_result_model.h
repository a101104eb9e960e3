#pragma once
// Results of a full-text search over titles and message text, best first. Activating a result
// calls chat.openConversation(conversationId, messageId).
#include <QAbstractListModel>
#include <QString>
#include <vector>

#include "app/models/search_snippet.h"
#include "app/storage/records.h"

namespace veloce::app {

class SearchResultModel : public QAbstractListModel {
  Q_OBJECT
  Q_PROPERTY(int count READ rowCount NOTIFY countChanged)
  // The query these results answer ("" when cleared).
  Q_PROPERTY(QString query READ query NOTIFY queryChanged)

 public:
  enum Role {
    ConversationIdRole = Qt::UserRole + 1,  // "conversationId": qint64
    MessageIdRole,                          // "messageId": qint64, -1 when only the title matched
    TitleRole,                              // "title": the conversation's title
    SnippetRole,                            // "snippet": the text around the match as read (no Markdown marks)
    SnippetHtmlRole,                        // "snippetHtml": that text escaped, matches in <b> (Text.StyledText)
    RoleRole,                               // "role": "user" / "assistant" / "system"; "" for a title match
    CreatedAtRole,                          // "createdAt": QDateTime (UTC) of the message (title: the conversation)
  };
  Q_ENUM(Role)

  explicit SearchResultModel(QObject* parent = nullptr);

  int rowCount(const QModelIndex& parent = QModelIndex()) const override;
  QVariant data(const QModelIndex& index, int role) const override;
  QHash<int, QByteArray> roleNames() const override;

  void setResults(const QString& query, std::vector<veloce::storage::SearchHit> hits);
  void clear();
  QString query() const { return query_; }
  const veloce::storage::SearchHit& at(int row) const { return hits_.at(static_cast<size_t>(row)); }

 signals:
  void countChanged();
  void queryChanged();

 private:
  QString query_;
  std::vector<veloce::storage::SearchHit> hits_;
  std::vector<ShownSnippet> shown_;  // shownSnippet() of each hit, computed once
};

}  // namespace veloce::app
