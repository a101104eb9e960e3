// ChatController: sending, stopping, regenerating, editing, switching branches, and the worker's
// replies to those requests.
#include <QDateTime>
#include <exception>

#include "app/chat/chat_controller.h"
#include "app/chat/conversation_title.h"
#include "app/chat/generation_worker.h"
#include "app/common/thread_handover.h"
#include "app/storage/conversation_store.h"

namespace veloce::app {
namespace {

using veloce::storage::MessageState;
using veloce::storage::Role;

qint64 storedParent(qint64 parentId) { return parentId > 0 ? parentId : 0; }

}  // namespace

std::vector<PromptMessage> ChatController::branchUpTo(int rowExclusive) const {
  std::vector<PromptMessage> out;
  for (int row = 0; row < rowExclusive && row < messages_.rowCount(); ++row) {
    const MessageItem& m = messages_.at(row);
    const auto role = veloce::storage::role_from_name(m.role).value_or(Role::User);
    // The system prompt travels separately; stored system rows never enter the history twice.
    if (role == Role::System) continue;
    out.push_back(PromptMessage{m.id, role, m.content});
  }
  return out;
}

bool ChatController::checkCanStart() {
  const QString reason = cannotSendReason();
  if (reason.isEmpty()) return true;
  setError(reason);
  return false;
}

ReplyRequest ChatController::baseRequest() const {
  ReplyRequest r;
  r.conversationId = conversationId_;
  r.systemPrompt = systemPrompt_.isEmpty() ? settings_->defaultSystemPrompt() : systemPrompt_;
  r.sampling = settings_->samplerParams();
  r.maxTokens = settings_->maxReplyTokens();
  r.recordedSettings.temperature = settings_->temperature();
  r.recordedSettings.top_k = settings_->topK();
  r.recordedSettings.top_p = settings_->topP();
  r.recordedSettings.min_p = settings_->minP();
  r.recordedSettings.repeat_penalty = settings_->repeatPenalty();
  r.recordedSettings.seed = static_cast<quint64>(settings_->seed());
  r.recordedSettings.max_tokens = settings_->maxReplyTokens();
  r.modelFile = model_->file();
  r.modelQuant = model_->quantization();
  r.checkpointIntervalMs = checkpointMs_;
  return r;
}

void ChatController::startReply(ReplyRequest request, int userRow, int replyRow) {
  request.requestId = nextRequestId_++;
  activeRequestId_ = request.requestId;
  viewAttached_ = true;
  userRow_ = userRow;
  replyRow_ = replyRow;
  messages_.setMaxTokensAt(replyRow, request.maxTokens);  // a reply that uses all of it was cut
  request.sentAt.start();
  onPrefillProgress(request.requestId, 0, 0);
  setSendState(SendState::Prefill);
  // A reply that could not be saved gets another try first (the worker runs them in order).
  retrySave();
  thread_handover::invoke(worker_, [w = worker_, request] { w->generate(request); });
}

bool ChatController::send(const QString& text) {
  const QString content = text.trimmed();
  if (content.isEmpty()) return false;
  if (!checkCanStart()) return false;
  ReplyRequest r = baseRequest();
  const int rows = messages_.rowCount();
  r.userText = content;
  r.userParentId = rows > 0 ? storedParent(messages_.at(rows - 1).id) : 0;
  r.history = branchUpTo(rows);
  if (conversationId_ < 0) {
    r.newTitle = titleFromMessage(content);
    r.newSystemPrompt = systemPrompt_;
  }
  const QDateTime now = QDateTime::currentDateTimeUtc();
  messages_.append(MessageItem{-1, r.userParentId, QStringLiteral("user"), content, QStringLiteral("complete"), 0, 1, now});
  messages_.append(MessageItem{-1, -1, QStringLiteral("assistant"), QString(), QStringLiteral("streaming"), 0, 1, now});
  startReply(std::move(r), rows, rows + 1);
  return true;
}

void ChatController::stop() {
  if (activeRequestId_ != 0) worker_->requestCancel(activeRequestId_);
}

bool ChatController::regenerate(qint64 messageId) {
  const int row = messages_.rowOfMessage(messageId);
  if (row < 0 || messageId <= 0) return false;
  const MessageItem& item = messages_.at(row);
  // An assistant message is replaced by a sibling; a user message gets a (new) reply.
  const int userRow = item.role == QLatin1String("assistant") ? row - 1 : row;
  if (userRow < 0 || messages_.at(userRow).role != QLatin1String("user") || messages_.at(userRow).id <= 0) return false;
  if (!checkCanStart()) return false;
  ReplyRequest r = baseRequest();
  r.replyParentId = messages_.at(userRow).id;
  r.history = branchUpTo(userRow + 1);
  messages_.truncateFrom(userRow + 1);
  messages_.append(MessageItem{-1, r.replyParentId, QStringLiteral("assistant"), QString(), QStringLiteral("streaming"), 0,
                               1, QDateTime::currentDateTimeUtc()});
  startReply(std::move(r), -1, userRow + 1);
  return true;
}

bool ChatController::continueReply(qint64 messageId) {
  const int row = messages_.rowOfMessage(messageId);
  // Only the last reply: continuing an earlier one would run it on past the messages after it.
  if (row < 1 || messageId <= 0 || row != messages_.rowCount() - 1) return false;
  const MessageItem& item = messages_.at(row);
  // Cut by the length limit or stopped by the user: both end where the model can go on.
  const QString stop = stopReasonOf(item);
  if (item.role != QLatin1String("assistant") || (stop != QLatin1String("length") && stop != QLatin1String("stopped")))
    return false;
  const MessageItem& user = messages_.at(row - 1);
  if (user.role != QLatin1String("user") || user.id <= 0) return false;
  if (!checkCanStart()) return false;
  ReplyRequest r = baseRequest();
  r.continueMessageId = messageId;
  r.replyParentId = user.id;
  r.history = branchUpTo(row);
  messages_.setLastStop(QString());
  messages_.setLastState(QStringLiteral("streaming"));
  startReply(std::move(r), -1, row);
  return true;
}

bool ChatController::editMessage(qint64 messageId, const QString& newText) {
  const int row = messages_.rowOfMessage(messageId);
  const QString content = newText.trimmed();
  if (row < 0 || messageId <= 0 || content.isEmpty()) return false;
  if (messages_.at(row).role != QLatin1String("user")) return false;
  if (!checkCanStart()) return false;
  ReplyRequest r = baseRequest();
  r.userText = content;
  r.userParentId = storedParent(messages_.at(row).parentId);
  r.history = branchUpTo(row);
  messages_.truncateFrom(row);
  const QDateTime now = QDateTime::currentDateTimeUtc();
  messages_.append(MessageItem{-1, r.userParentId, QStringLiteral("user"), content, QStringLiteral("complete"), 0, 1, now});
  messages_.append(MessageItem{-1, -1, QStringLiteral("assistant"), QString(), QStringLiteral("streaming"), 0, 1, now});
  startReply(std::move(r), row, row + 1);
  return true;
}

bool ChatController::switchSibling(qint64 messageId, int delta) {
  // Switching while a reply streams would pull the branch from under it.
  if (busy() || messageId <= 0) return false;
  try {
    const auto siblings = store_->siblings(messageId);
    qsizetype index = -1;
    for (size_t i = 0; i < siblings.size(); ++i) {
      if (siblings[i].id == messageId) index = static_cast<qsizetype>(i);
    }
    const qsizetype target = index + delta;
    if (index < 0 || target < 0 || target >= static_cast<qsizetype>(siblings.size())) return false;
    store_->set_active_child(siblings[static_cast<size_t>(target)].id);
  } catch (const std::exception& e) {
    setError(QString::fromUtf8(e.what()));
    return false;
  }
  reloadBranch();
  // Another branch holds other tokens: the status line's count follows it.
  measureOpenConversation();
  return true;
}

void ChatController::detachFromView() {
  if (activeRequestId_ == 0) return;
  worker_->requestCancel(activeRequestId_);
  viewAttached_ = false;
  userRow_ = replyRow_ = -1;
}

void ChatController::finishRequest() {
  activeRequestId_ = 0;
  viewAttached_ = false;
  userRow_ = replyRow_ = -1;
  setSendState(SendState::Idle);
}

void ChatController::refreshSiblingInfo(int row) {
  if (row < 0 || row >= messages_.rowCount() || messages_.at(row).id <= 0) return;
  try {
    const auto siblings = store_->siblings(messages_.at(row).id);
    for (size_t i = 0; i < siblings.size(); ++i) {
      if (siblings[i].id == messages_.at(row).id) {
        messages_.setSiblingInfo(row, static_cast<int>(i), static_cast<int>(siblings.size()));
      }
    }
  } catch (const std::exception& e) {
    setError(QString::fromUtf8(e.what()));
  }
}

// ---- the worker's answers (queued; every one names its request) ----

void ChatController::onConversationCreated(quint64 requestId, qint64 conversationId, const QString& title) {
  list_.upsert(conversationId);
  if (requestId != activeRequestId_ || !viewAttached_) return;
  conversationId_ = conversationId;
  title_ = title;
  emit currentConversationChanged();
}

void ChatController::onUserMessageStored(quint64 requestId, qint64 messageId) {
  if (requestId != activeRequestId_) return;
  if (viewAttached_) {
    messages_.setIdAt(userRow_, messageId);
    refreshSiblingInfo(userRow_);
    list_.upsert(conversationId_);
  }
  emit userMessageStored(messageId);
}

void ChatController::onReplyStarted(quint64 requestId, qint64 messageId) {
  if (requestId != activeRequestId_) return;
  if (viewAttached_) {
    messages_.setIdAt(replyRow_, messageId);
    // The placeholder of a new turn learns its parent now that the user message has an id.
    if (replyRow_ > 0 && messages_.at(replyRow_).parentId <= 0)
      messages_.setParentIdAt(replyRow_, messages_.at(replyRow_ - 1).id);
    refreshSiblingInfo(replyRow_);
  }
  emit replyStarted(messageId);
}

void ChatController::onPromptBuilt(quint64 requestId, int omittedMessages, int /*promptTokens*/) {
  if (requestId != activeRequestId_ || !viewAttached_) return;
  omittedMessages_ = omittedMessages;
  emit contextChanged();
}

void ChatController::onPrefillProgress(quint64 requestId, int done, int total) {
  if (requestId != activeRequestId_ || (done == prefillDone_ && total == prefillTotal_)) return;
  prefillDone_ = done;
  prefillTotal_ = total;
  emit prefillProgressChanged();
}

void ChatController::onFirstToken(quint64 requestId, int contextUsed, double timeToFirstTokenMs) {
  if (requestId != activeRequestId_) return;
  if (viewAttached_) {
    setContextUsed(contextUsed);
    messages_.setLastTimeToFirstToken(timeToFirstTokenMs);
  }
  setSendState(SendState::Streaming);
}

void ChatController::onCheckpointStored(quint64 requestId, qint64 messageId, int length) {
  if (requestId == activeRequestId_) emit replyCheckpointed(messageId, length);
}

void ChatController::onPiece(quint64 requestId, const QString& piece, int contextUsed) {
  if (requestId != activeRequestId_) return;
  if (viewAttached_) {
    messages_.appendToLast(piece);
    setContextUsed(contextUsed);
  }
  emit replyPiece(piece);
}

void ChatController::onReplyFinished(quint64 requestId, const ReplyOutcome& outcome) {
  if (requestId != activeRequestId_) return;
  if (outcome.discarded) {
    dropDiscardedReply();
    return;
  }
  const QString state = veloce::storage::state_name(outcome.state);
  const bool attached = viewAttached_;
  if (viewAttached_) {
    // A reply that could not be saved shows as failed until a retry stores it.
    messages_.setLastState(outcome.stored ? state : QStringLiteral("error"));
    messages_.setLastFigures(outcome.completionTokens, outcome.timeToFirstTokenMs, outcome.tokensPerSecond);
    messages_.setLastStop(outcome.stats.stop ? veloce::storage::reply_stop_name(*outcome.stats.stop) : QString());
    list_.upsert(conversationId_);
  }
  if (outcome.completionTokens > 0) {
    lastTtftMs_ = outcome.timeToFirstTokenMs;
    lastTokensPerSecond_ = outcome.tokensPerSecond;
    lastPromptTokensReused_ = outcome.promptTokensReused;
    // A reply that went on after its conversation was left belongs to none that is shown.
    lastReplyConversationId_ = attached ? conversationId_ : -1;
    emit lastReplyStatsChanged();
  }
  if (viewAttached_ && outcome.contextUsed >= 0) setContextUsed(outcome.contextUsed);
  // Reported before the request ends, so whoever waits for "idle" already knows.
  if (!outcome.stored) reportUnsaved(outcome);
  finishRequest();
  // Another conversation was opened while this reply finished: measure that one now.
  if (!attached) measureOpenConversation();
  if (!outcome.stored) return;
  if (outcome.state == MessageState::Error) {
    setError(tr("The reply stopped because of an error: %1 The text so far is kept.").arg(outcome.error));
  }
  emit replyFinished(outcome.messageId, state);
}

void ChatController::dropDiscardedReply() {
  const bool attached = viewAttached_;
  if (viewAttached_) {
    // A new turn's placeholder simply goes (the user message stays, stored); a regenerated reply
    // was to become the shown sibling, so the branch is read again with the old one shown.
    if (userRow_ >= 0) messages_.truncateFrom(replyRow_);
    else reloadBranch();
    list_.upsert(conversationId_);
  }
  finishRequest();
  if (attached) measureOpenConversation();
  // Nothing was stored: 0 says so to whoever waits for the reply's end.
  emit replyFinished(0, veloce::storage::state_name(MessageState::Stopped));
}

void ChatController::reportUnsaved(const ReplyOutcome& outcome) {
  // Nothing here says "finished" or "kept": the database has only the last checkpoint.
  unsaved_ = outcome;
  setError(tr("The reply could not be saved: %1 Only its first %2 characters are stored; the whole reply stays "
              "on screen and saving it is tried again before the next message. Copy or export it to be safe.")
               .arg(outcome.saveError)
               .arg(outcome.storedLength));
  emit replySaveFailed(outcome.messageId, outcome.storedLength);
}

bool ChatController::retrySave() {
  if (unsaved_.messageId == 0) return false;
  const ReplyOutcome pending = unsaved_;
  thread_handover::invoke(worker_, [w = worker_, pending] { w->saveReply(pending); });
  return true;
}

void ChatController::onReplySaveRetried(const ReplyOutcome& outcome) {
  if (outcome.messageId != unsaved_.messageId) return;
  if (!outcome.stored) {
    reportUnsaved(outcome);
    return;
  }
  unsaved_ = ReplyOutcome{};
  const QString state = veloce::storage::state_name(outcome.state);
  const int row = messages_.rowOfMessage(outcome.messageId);
  if (row >= 0 && row == messages_.rowCount() - 1) messages_.setLastState(state);
  emit replyFinished(outcome.messageId, state);
}

void ChatController::setContextUsed(int tokens) {
  // Once per piece at most, and only when it moved: a cheap int for the status line.
  if (tokens == contextUsed_) return;
  contextUsed_ = tokens;
  emit contextChanged();
}

void ChatController::measureOpenConversation() {
  if (!model_->ready() || conversationId_ <= 0 || busy()) return;
  const std::vector<PromptMessage> history = branchUpTo(messages_.rowCount());
  if (history.empty()) return;
  const QString system = systemPrompt_.isEmpty() ? settings_->defaultSystemPrompt() : systemPrompt_;
  const int maxTokens = settings_->maxReplyTokens();
  const qint64 id = conversationId_;
  thread_handover::invoke(
      worker_, [w = worker_, id, history, system, maxTokens] { w->measureContext(id, history, system, maxTokens); });
}

void ChatController::onContextMeasured(qint64 conversationId, int tokens, int omittedMessages) {
  // A reply started since then reports what its prompt really took.
  if (conversationId != conversationId_ || busy()) return;
  omittedMessages_ = omittedMessages;
  contextUsed_ = tokens;
  emit contextChanged();
}

void ChatController::onRequestFailed(quint64 requestId, const QString& message) {
  if (requestId != activeRequestId_) return;
  if (viewAttached_) {
    // The reply placeholder never reached the database; a user message that did stays visible.
    int firstUnstored = replyRow_;
    if (userRow_ >= 0 && messages_.at(userRow_).id <= 0) firstUnstored = userRow_;
    messages_.truncateFrom(firstUnstored);
  }
  finishRequest();
  setError(message);
}

}  // namespace veloce::app
