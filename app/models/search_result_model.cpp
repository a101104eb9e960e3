#include "app/models/search_result_model.h"

#include <utility>

#include "app/models/search_snippet.h"

namespace veloce::app {

SearchResultModel::SearchResultModel(QObject* parent) : QAbstractListModel(parent) {}

int SearchResultModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : static_cast<int>(hits_.size());
}

QVariant SearchResultModel::data(const QModelIndex& index, int role) const {
  if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) return {};
  const auto row = static_cast<size_t>(index.row());
  const veloce::storage::SearchHit& hit = hits_[row];
  switch (role) {
    case ConversationIdRole: return hit.conversation_id;
    // The store says 0 for "title only"; QML gets -1 like every other "no message" id here.
    case MessageIdRole: return hit.message_id > 0 ? hit.message_id : qint64{-1};
    case Qt::DisplayRole:
    case TitleRole: return hit.title;
    case SnippetRole: return shown_[row].text;
    case SnippetHtmlRole: return shown_[row].html;
    case RoleRole: return hit.message_id > 0 ? veloce::storage::role_name(hit.role) : QString();
    case CreatedAtRole: return hit.created_at;
    default: return {};
  }
}

QHash<int, QByteArray> SearchResultModel::roleNames() const {
  return {{ConversationIdRole, "conversationId"},
          {MessageIdRole, "messageId"},
          {TitleRole, "title"},
          {SnippetRole, "snippet"},
          {SnippetHtmlRole, "snippetHtml"},
          {RoleRole, "role"},
          {CreatedAtRole, "createdAt"}};
}

void SearchResultModel::setResults(const QString& query, std::vector<veloce::storage::SearchHit> hits) {
  beginResetModel();
  hits_ = std::move(hits);
  shown_.clear();
  shown_.reserve(hits_.size());
  for (const auto& hit : hits_) shown_.push_back(shownSnippet(hit));
  endResetModel();
  emit countChanged();
  if (query_ != query) {
    query_ = query;
    emit queryChanged();
  }
}

void SearchResultModel::clear() { setResults(QString(), {}); }

}  // namespace veloce::app
