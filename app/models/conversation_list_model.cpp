#include "app/models/conversation_list_model.h"

#include <QCoreApplication>
#include <algorithm>
#include <utility>

namespace veloce::app {
namespace {

// Sidebar order, the same as ConversationStore::list_conversations(): pinned first, then most
// recently updated, ties broken by the higher (newer) id.
bool comesBefore(const ConversationItem& a, const ConversationItem& b) {
  if (a.pinned != b.pinned) return a.pinned;
  if (a.updatedAt != b.updatedAt) return a.updatedAt > b.updatedAt;
  return a.id > b.id;
}

QString sectionTitle(const QString& key) {
  // QCoreApplication::translate so lupdate finds the strings under one context.
  if (key == QLatin1String("pinned")) return QCoreApplication::translate("ConversationList", "Pinned");
  if (key == QLatin1String("today")) return QCoreApplication::translate("ConversationList", "Today");
  if (key == QLatin1String("yesterday")) return QCoreApplication::translate("ConversationList", "Yesterday");
  if (key == QLatin1String("week")) return QCoreApplication::translate("ConversationList", "Previous 7 days");
  return QCoreApplication::translate("ConversationList", "Older");
}

}  // namespace

ConversationListModel::ConversationListModel(QObject* parent) : QAbstractListModel(parent) {}

int ConversationListModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : static_cast<int>(items_.size());
}

QVariant ConversationListModel::data(const QModelIndex& index, int role) const {
  if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) return {};
  const ConversationItem& c = items_.at(index.row());
  switch (role) {
    case IdRole: return c.id;
    case Qt::DisplayRole:
    case TitleRole: return c.title;
    case UpdatedAtRole: return c.updatedAt;
    case PinnedRole: return c.pinned;
    case SectionRole: return sectionTitle(sectionKeyFor(c.updatedAt, c.pinned, now()));
    case SectionKeyRole: return sectionKeyFor(c.updatedAt, c.pinned, now());
    default: return {};
  }
}

QHash<int, QByteArray> ConversationListModel::roleNames() const {
  return {{IdRole, "id"},         {TitleRole, "title"},     {UpdatedAtRole, "updatedAt"},
          {PinnedRole, "pinned"}, {SectionRole, "section"}, {SectionKeyRole, "sectionKey"}};
}

QString ConversationListModel::sectionKeyFor(const QDateTime& updated, bool pinned, const QDateTime& now) {
  if (pinned) return QStringLiteral("pinned");
  // Calendar days in local time: "yesterday" is the previous date, not "24 to 48 hours ago".
  const QDate today = now.toLocalTime().date();
  const QDate day = updated.toLocalTime().date();
  const qint64 daysAgo = day.daysTo(today);
  if (daysAgo <= 0) return QStringLiteral("today");  // also a clock that went backwards
  if (daysAgo == 1) return QStringLiteral("yesterday");
  if (daysAgo <= 7) return QStringLiteral("week");
  return QStringLiteral("older");
}

void ConversationListModel::setConversations(QList<ConversationItem> items) {
  std::stable_sort(items.begin(), items.end(), comesBefore);
  beginResetModel();
  items_ = std::move(items);
  endResetModel();
  emit countChanged();
}

int ConversationListModel::sortedPosition(const ConversationItem& item) const {
  // Rows (other than the item itself) that come before it; linear, fine for tens of thousands.
  int position = 0;
  for (const ConversationItem& other : items_) {
    if (other.id != item.id && comesBefore(other, item)) ++position;
  }
  return position;
}

void ConversationListModel::upsert(const ConversationItem& item) {
  const int row = rowOf(item.id);
  const int target = sortedPosition(item);
  if (row < 0) {
    beginInsertRows({}, target, target);
    items_.insert(target, item);
    endInsertRows();
    emit countChanged();
    return;
  }
  items_[row] = item;
  if (target != row) {
    // Qt's destination is an index in the list before the move.
    beginMoveRows({}, row, row, {}, target > row ? target + 1 : target);
    items_.move(row, target);
    endMoveRows();
  }
  emit dataChanged(index(target), index(target));
}

void ConversationListModel::remove(qint64 id) {
  const int row = rowOf(id);
  if (row < 0) return;
  beginRemoveRows({}, row, row);
  items_.removeAt(row);
  endRemoveRows();
  emit countChanged();
}

int ConversationListModel::rowOf(qint64 id) const {
  for (int i = 0; i < items_.size(); ++i) {
    if (items_[i].id == id) return i;
  }
  return -1;
}

void ConversationListModel::setReferenceTime(const QDateTime& now) {
  referenceTime_ = now;
  refreshSections();
}

void ConversationListModel::refreshSections() {
  if (items_.isEmpty()) return;
  emit dataChanged(index(0), index(static_cast<int>(items_.size()) - 1), {SectionRole, SectionKeyRole});
}

QDateTime ConversationListModel::now() const {
  return referenceTime_.isValid() ? referenceTime_ : QDateTime::currentDateTime();
}

}  // namespace veloce::app
