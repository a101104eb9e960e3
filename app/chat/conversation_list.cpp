#include "app/chat/conversation_list.h"

#include <QSet>
#include <exception>

#include "app/models/qml_singleton.h"
#include "app/storage/conversation_store.h"

namespace veloce::app {
namespace {

ConversationItem itemFrom(const veloce::storage::ConversationSummary& c) {
  return ConversationItem{c.id, c.title, c.updated_at, c.pinned};
}

bool sameRow(const ConversationItem& a, const ConversationItem& b) {
  return a.id == b.id && a.title == b.title && a.updatedAt == b.updatedAt && a.pinned == b.pinned;
}

}  // namespace

ConversationList::ConversationList(veloce::storage::ConversationStore* store, QObject* parent)
    : QObject(parent), store_(store) {}

ConversationList* ConversationList::create(QQmlEngine*, QJSEngine*) {
  return QmlSingletonInstance<ConversationList>::take();
}

void ConversationList::fail(const std::exception& e) { emit errorOccurred(QString::fromUtf8(e.what())); }

void ConversationList::reload() {
  try {
    seenDataVersion_ = store_->data_version();
    const auto list = store_->list_conversations();
    QList<ConversationItem> items;
    items.reserve(static_cast<qsizetype>(list.size()));
    for (const auto& c : list) items.append(itemFrom(c));
    conversations_.setConversations(std::move(items));
  } catch (const std::exception& e) {
    fail(e);
  }
}

bool ConversationList::refreshIfChangedElsewhere() {
  try {
    const qint64 version = store_->data_version();
    if (version == seenDataVersion_) return false;
    seenDataVersion_ = version;
    const auto list = store_->list_conversations();
    QSet<qint64> listed;
    for (const auto& c : list) {
      listed.insert(c.id);
      const ConversationItem item = itemFrom(c);
      const int row = conversations_.rowOf(c.id);
      // Unchanged rows are left alone: no dataChanged for every row on every poll.
      if (row >= 0 && sameRow(conversations_.at(row), item)) continue;
      conversations_.upsert(item);
    }
    for (int row = conversations_.rowCount() - 1; row >= 0; --row) {
      if (!listed.contains(conversations_.at(row).id)) conversations_.remove(conversations_.at(row).id);
    }
  } catch (const std::exception& e) {
    fail(e);
    return false;
  }
  return true;
}

void ConversationList::upsert(qint64 id) {
  if (id <= 0) return;
  try {
    const auto c = store_->conversation(id);
    if (!c) return;
    conversations_.upsert(ConversationItem{c->id, c->title, c->updated_at, c->pinned});
  } catch (const std::exception& e) {
    fail(e);
  }
}

template <class Write>
bool ConversationList::change(qint64 id, Write&& write) {
  try {
    write();
  } catch (const std::exception& e) {
    fail(e);
    return false;
  }
  upsert(id);
  return true;
}

bool ConversationList::rename(qint64 id, const QString& title) {
  const QString t = title.simplified();
  if (t.isEmpty() || !change(id, [&] { store_->rename_conversation(id, t); })) return false;
  emit renamed(id, t);
  return true;
}

bool ConversationList::setPinned(qint64 id, bool pinned) {
  return change(id, [&] { store_->set_pinned(id, pinned); });
}

bool ConversationList::remove(qint64 id) {
  if (pendingDeleteId_ >= 0) commitDelete();
  QString title;
  try {
    const auto c = store_->conversation(id);
    if (!c) return false;
    title = c->title;
    // A reply in this conversation stops first, so nothing is written into it while it goes.
    emit removing(id);
    store_->delete_conversation(id);
  } catch (const std::exception& e) {
    fail(e);
    return false;
  }
  conversations_.remove(id);
  pendingDeleteId_ = id;
  pendingDeleteTitle_ = title;
  emit canUndoDeleteChanged();
  return true;
}

bool ConversationList::undoDelete() {
  if (pendingDeleteId_ < 0) return false;
  const qint64 id = pendingDeleteId_;
  try {
    store_->restore_conversation(id);
  } catch (const std::exception& e) {
    fail(e);
    return false;
  }
  pendingDeleteId_ = -1;
  pendingDeleteTitle_.clear();
  emit canUndoDeleteChanged();
  upsert(id);
  return true;
}

void ConversationList::commitDelete() {
  if (pendingDeleteId_ < 0) return;
  try {
    store_->purge_deleted();
  } catch (const std::exception& e) {
    fail(e);
  }
  pendingDeleteId_ = -1;
  pendingDeleteTitle_.clear();
  emit canUndoDeleteChanged();
}

void ConversationList::search(const QString& query) {
  const QString q = query.trimmed();
  if (q.isEmpty()) {
    searchResults_.clear();
    return;
  }
  try {
    searchResults_.setResults(q, store_->search(q));
  } catch (const std::exception& e) {
    fail(e);
  }
}

}  // namespace veloce::app
