#include "app/models/message_list_model.h"

#include <utility>

namespace veloce::app {

QString stopReasonOf(const MessageItem& m) {
  if (m.role != QLatin1String("assistant")) return {};
  if (m.state == QLatin1String("complete") && !m.stop.isEmpty()) {
    const bool cut = m.stop == QLatin1String("length") || m.stop == QLatin1String("context_full");
    return cut ? QStringLiteral("length") : QStringLiteral("finished");
  }
  if (m.state == QLatin1String("complete")) {
    // Stored before stop reasons were recorded: a reply that used its whole limit was cut by it.
    const bool cut = m.maxTokens > 0 && m.completionTokens && *m.completionTokens >= m.maxTokens;
    return cut ? QStringLiteral("length") : QStringLiteral("finished");
  }
  return m.state;  // "streaming", "stopped", "error"
}

MessageListModel::MessageListModel(QObject* parent) : QAbstractListModel(parent) {}

int MessageListModel::rowCount(const QModelIndex& parent) const {
  // A flat list: only the invisible root has children.
  return parent.isValid() ? 0 : static_cast<int>(items_.size());
}

QVariant MessageListModel::data(const QModelIndex& index, int role) const {
  if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) return {};
  const MessageItem& m = items_.at(index.row());
  switch (role) {
    case IdRole: return m.id;
    case ParentIdRole: return m.parentId;
    case RoleRole: return m.role;
    case Qt::DisplayRole:
    case ContentRole: return m.content;
    case StateRole: return m.state;
    case SiblingIndexRole: return m.siblingIndex;
    case SiblingCountRole: return m.siblingCount;
    case CreatedAtRole: return m.createdAt;
    case IsLastRole: return index.row() == items_.size() - 1;
    case CompletionTokensRole: return m.completionTokens.value_or(-1);
    case TokensPerSecondRole: return m.tokensPerSecond.value_or(-1.0);
    case TimeToFirstTokenRole: return m.timeToFirstTokenMs.value_or(-1.0);
    case StopReasonRole: return stopReasonOf(m);
    default: return {};
  }
}

QHash<int, QByteArray> MessageListModel::roleNames() const {
  return {{IdRole, "id"},
          {ParentIdRole, "parentId"},
          {RoleRole, "role"},
          {ContentRole, "content"},
          {StateRole, "state"},
          {SiblingIndexRole, "siblingIndex"},
          {SiblingCountRole, "siblingCount"},
          {CreatedAtRole, "createdAt"},
          {IsLastRole, "isLast"},
          {CompletionTokensRole, "completionTokens"},
          {TokensPerSecondRole, "tokensPerSecond"},
          {TimeToFirstTokenRole, "timeToFirstTokenMs"},
          {StopReasonRole, "stopReason"}};
}

void MessageListModel::setMessages(QList<MessageItem> messages) {
  beginResetModel();
  items_ = std::move(messages);
  endResetModel();
  emit countChanged();
}

void MessageListModel::clear() { setMessages({}); }

void MessageListModel::append(const MessageItem& message) {
  const auto row = static_cast<int>(items_.size());
  beginInsertRows({}, row, row);
  items_.append(message);
  endInsertRows();
  if (message.state == QLatin1String("streaming")) {
    streamClock_.start();
    livePieces_ = 0;
    liveBaseTokens_ = 0;
  }
  // The previous last row is no longer the last one.
  if (row > 0) emit dataChanged(index(row - 1), index(row - 1), {IsLastRole});
  emit countChanged();
}

void MessageListModel::truncateFrom(int row) {
  if (row < 0 || row >= items_.size()) return;
  beginRemoveRows({}, row, static_cast<int>(items_.size()) - 1);
  items_.resize(row);
  endRemoveRows();
  if (row > 0) emit dataChanged(index(row - 1), index(row - 1), {IsLastRole});
  emit countChanged();
}

void MessageListModel::appendToLast(const QString& piece) {
  if (items_.isEmpty() || piece.isEmpty()) return;
  const auto row = static_cast<int>(items_.size()) - 1;
  MessageItem& m = items_[row];
  m.content += piece;
  const QModelIndex i = index(row);
  if (m.state != QLatin1String("streaming") || !streamClock_.isValid()) {
    emit dataChanged(i, i, {ContentRole});
    return;
  }
  // Live figures: pieces per second since the first piece. The time to the first token is the
  // worker's (setLastTimeToFirstToken), the one figure the reply keeps when it ends.
  const double nowMs = static_cast<double>(streamClock_.nsecsElapsed()) / 1e6;
  if (++livePieces_ == 1) firstPieceMs_ = nowMs;
  m.completionTokens = liveBaseTokens_ + livePieces_;
  const double sinceFirst = nowMs - firstPieceMs_;
  if (livePieces_ > 1 && sinceFirst > 0) m.tokensPerSecond = (livePieces_ - 1) * 1000.0 / sinceFirst;
  emit dataChanged(i, i, {ContentRole, CompletionTokensRole, TokensPerSecondRole});
}

void MessageListModel::setLastTimeToFirstToken(double ms) {
  if (items_.isEmpty()) return;
  const auto row = static_cast<int>(items_.size()) - 1;
  items_[row].timeToFirstTokenMs = ms;
  emit dataChanged(index(row), index(row), {TimeToFirstTokenRole});
}

void MessageListModel::setIdAt(int row, qint64 id) {
  if (row < 0 || row >= items_.size()) return;
  items_[row].id = id;
  emit dataChanged(index(row), index(row), {IdRole});
}

void MessageListModel::setParentIdAt(int row, qint64 parentId) {
  if (row < 0 || row >= items_.size()) return;
  items_[row].parentId = parentId;
  emit dataChanged(index(row), index(row), {ParentIdRole});
}

void MessageListModel::setLastState(const QString& state) {
  if (items_.isEmpty()) return;
  const auto row = static_cast<int>(items_.size()) - 1;
  if (items_[row].state == state) return;
  items_[row].state = state;
  // A continued reply streams again: its rate counts from now, but its token count goes on from
  // the tokens it already holds, as the final figure (old + new tokens) does; restarting at 0 made
  // the footer drop from "1,024 tokens" to "68 tokens" and jump back when it ended.
  if (state == QLatin1String("streaming")) {
    streamClock_.start();
    livePieces_ = 0;
    liveBaseTokens_ = items_[row].completionTokens.value_or(0);
  }
  emit dataChanged(index(row), index(row), {StateRole, StopReasonRole});
}

void MessageListModel::setLastFigures(int completionTokens, double timeToFirstTokenMs, double tokensPerSecond) {
  if (items_.isEmpty()) return;
  const auto row = static_cast<int>(items_.size()) - 1;
  MessageItem& m = items_[row];
  m.completionTokens = completionTokens;
  // No first token (an error before it): no time to it and no rate.
  m.timeToFirstTokenMs = completionTokens > 0 ? std::optional<double>(timeToFirstTokenMs) : std::nullopt;
  m.tokensPerSecond = completionTokens > 0 ? std::optional<double>(tokensPerSecond) : std::nullopt;
  emit dataChanged(index(row), index(row),
                   {CompletionTokensRole, TimeToFirstTokenRole, TokensPerSecondRole, StopReasonRole});
}

void MessageListModel::setLastStop(const QString& stop) {
  if (items_.isEmpty()) return;
  const auto row = static_cast<int>(items_.size()) - 1;
  if (items_[row].stop == stop) return;
  items_[row].stop = stop;
  emit dataChanged(index(row), index(row), {StopReasonRole});
}

void MessageListModel::setMaxTokensAt(int row, int maxTokens) {
  if (row < 0 || row >= items_.size()) return;
  items_[row].maxTokens = maxTokens;
  emit dataChanged(index(row), index(row), {StopReasonRole});
}

void MessageListModel::setSiblingInfo(int row, int siblingIndex, int siblingCount) {
  if (row < 0 || row >= items_.size()) return;
  MessageItem& m = items_[row];
  if (m.siblingIndex == siblingIndex && m.siblingCount == siblingCount) return;
  m.siblingIndex = siblingIndex;
  m.siblingCount = siblingCount;
  emit dataChanged(index(row), index(row), {SiblingIndexRole, SiblingCountRole});
}

int MessageListModel::rowOfMessage(qint64 id) const {
  for (int i = 0; i < items_.size(); ++i) {
    if (items_[i].id == id) return i;
  }
  return -1;
}

}  // namespace veloce::app
