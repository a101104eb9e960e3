// ChatController: the open conversation (new, open, its branch and system prompt).
#include <exception>

#include "app/chat/chat_controller.h"
#include "app/chat/generation_worker.h"
#include "app/storage/conversation_store.h"

namespace veloce::app {
namespace {

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

}  // namespace veloce::app
