// ChatController: the sidebar (open, new, rename, pin, delete with undo) and search.
#include <exception>

#include "app/chat/chat_controller.h"
#include "app/chat/generation_worker.h"
#include "app/storage/conversation_store.h"

namespace veloce::app {
namespace {

ConversationItem itemFrom(const veloce::storage::ConversationSummary& c) {
  return ConversationItem{c.id, c.title, c.updated_at, c.pinned};
}

// maxTokens: the conversation's reply length limit (tells a reply cut by it; see stopReasonOf).
MessageItem itemFrom(const veloce::storage::BranchEntry& e, int maxTokens) {
  const auto& m = e.message;
  return MessageItem{m.id,
                     m.parent_id > 0 ? m.parent_id : -1,
                     veloce::storage::role_name(m.role),
                     m.content,
                     veloce::storage::state_name(m.state),
                     e.sibling_index,
                     e.sibling_count,
                     m.created_at,
                     m.stats.completion_tokens,
                     m.stats.time_to_first_token_ms,
                     m.stats.tokens_per_second,
                     maxTokens,
                     m.stats.stop ? veloce::storage::reply_stop_name(*m.stats.stop) : QString()};
}

}  // namespace

void ChatController::reloadConversations() {
  try {
    const auto list = store_->list_conversations();
    QList<ConversationItem> items;
    items.reserve(static_cast<qsizetype>(list.size()));
    for (const auto& c : list) items.append(itemFrom(c));
    conversations_.setConversations(std::move(items));
  } catch (const std::exception& e) {
    setError(QString::fromUtf8(e.what()));
  }
}

void ChatController::upsertConversation(qint64 id) {
  if (id <= 0) return;
  try {
    const auto c = store_->conversation(id);
    if (!c) return;
    conversations_.upsert(ConversationItem{c->id, c->title, c->updated_at, c->pinned});
  } catch (const std::exception& e) {
    setError(QString::fromUtf8(e.what()));
  }
}

void ChatController::reloadBranch() {
  if (conversationId_ <= 0) {
    messages_.clear();
    return;
  }
  try {
    const auto branch = store_->current_branch(conversationId_);
    const auto conversation = store_->conversation(conversationId_);
    const int maxTokens = conversation ? conversation->settings.max_tokens : 0;
    QList<MessageItem> items;
    items.reserve(static_cast<qsizetype>(branch.size()));
    for (const auto& e : branch) items.append(itemFrom(e, maxTokens));
    messages_.setMessages(std::move(items));
  } catch (const std::exception& e) {
    setError(QString::fromUtf8(e.what()));
  }
}

void ChatController::setConversationSystemPrompt(const QString& text) {
  if (text == systemPrompt_) return;
  if (conversationId_ > 0) {
    try {
      store_->set_system_prompt(conversationId_, text);
    } catch (const std::exception& e) {
      setError(QString::fromUtf8(e.what()));
      return;
    }
  }
  systemPrompt_ = text;
  emit conversationSystemPromptChanged();
}

void ChatController::newConversation() {
  detachFromView();
  conversationId_ = -1;
  title_.clear();
  systemPrompt_.clear();
  omittedMessages_ = 0;
  contextUsed_ = 0;
  messages_.clear();
  emit currentConversationChanged();
  emit conversationSystemPromptChanged();
  emit contextChanged();
}

bool ChatController::openConversation(qint64 id, qint64 focusMessageId) {
  try {
    const auto c = store_->conversation(id);
    if (!c) {
      setError(tr("This conversation no longer exists."));
      return false;
    }
    if (focusMessageId > 0) {
      // Make every message on the path from the root to the focused one the shown sibling, so a
      // search hit in an older branch is actually on screen.
      auto m = store_->message(focusMessageId);
      if (!m || m->conversation_id != id) {
        focusMessageId = -1;
      } else {
        while (m) {
          if (!m->active) store_->set_active_child(m->id);
          m = m->parent_id > 0 ? store_->message(m->parent_id) : std::nullopt;
        }
      }
    }
    if (id != conversationId_) detachFromView();
    conversationId_ = id;
    title_ = c->title;
    systemPrompt_ = c->system_prompt;
  } catch (const std::exception& e) {
    setError(QString::fromUtf8(e.what()));
    return false;
  }
  omittedMessages_ = 0;
  contextUsed_ = 0;
  reloadBranch();
  emit currentConversationChanged();
  emit conversationSystemPromptChanged();
  emit contextChanged();
  measureOpenConversation();
  if (focusMessageId > 0) {
    const int row = messages_.rowOfMessage(focusMessageId);
    if (row >= 0) emit focusMessageRequested(row);
  }
  return true;
}

bool ChatController::renameConversation(qint64 id, const QString& title) {
  const QString t = title.simplified();
  if (t.isEmpty()) return false;
  try {
    store_->rename_conversation(id, t);
  } catch (const std::exception& e) {
    setError(QString::fromUtf8(e.what()));
    return false;
  }
  upsertConversation(id);
  if (id == conversationId_) {
    title_ = t;
    emit currentConversationChanged();
  }
  return true;
}

bool ChatController::setPinned(qint64 id, bool pinned) {
  try {
    store_->set_pinned(id, pinned);
  } catch (const std::exception& e) {
    setError(QString::fromUtf8(e.what()));
    return false;
  }
  upsertConversation(id);
  return true;
}

bool ChatController::deleteConversation(qint64 id) {
  if (pendingDeleteId_ >= 0) commitDelete();
  QString title;
  try {
    const auto c = store_->conversation(id);
    if (!c) return false;
    title = c->title;
    // Stop a reply in this conversation first, so nothing is written into it while it goes.
    if (id == conversationId_) newConversation();
    store_->delete_conversation(id);
  } catch (const std::exception& e) {
    setError(QString::fromUtf8(e.what()));
    return false;
  }
  conversations_.remove(id);
  pendingDeleteId_ = id;
  pendingDeleteTitle_ = title;
  emit canUndoDeleteChanged();
  return true;
}

bool ChatController::undoDelete() {
  if (pendingDeleteId_ < 0) return false;
  const qint64 id = pendingDeleteId_;
  try {
    store_->restore_conversation(id);
  } catch (const std::exception& e) {
    setError(QString::fromUtf8(e.what()));
    return false;
  }
  pendingDeleteId_ = -1;
  pendingDeleteTitle_.clear();
  emit canUndoDeleteChanged();
  upsertConversation(id);
  return true;
}

void ChatController::commitDelete() {
  if (pendingDeleteId_ < 0) return;
  try {
    store_->purge_deleted();
  } catch (const std::exception& e) {
    setError(QString::fromUtf8(e.what()));
  }
  pendingDeleteId_ = -1;
  pendingDeleteTitle_.clear();
  emit canUndoDeleteChanged();
}

void ChatController::search(const QString& query) {
  const QString q = query.trimmed();
  if (q.isEmpty()) {
    searchResults_.clear();
    return;
  }
  try {
    searchResults_.setResults(q, store_->search(q));
  } catch (const std::exception& e) {
    setError(QString::fromUtf8(e.what()));
  }
}

}  // namespace veloce::app
