#pragma once
// GenerationWorker: lives on ChatController's worker thread and owns the model, the engine, one
// Session (its KV cache holds the current conversation's prefix between turns) and the Generator.
// It also owns the thread's own ConversationStore connection and does every write of the chat flow
// (user message, the streaming reply every ~2 s, the final reply), so that neither generation nor
// an fsync ever runs on the UI thread. Results go back through queued signals.
//
// The Generator is shared with the app's API server (ServerController) through a SharedGenerator:
// the two take turns, and a reply waits while an API request generates.
//
// Cancellation: requestCancel() may be called from any thread; it sets an atomic flag that the
// Generator checks between prefill chunks and between tokens.
#include <QByteArray>
#include <QElapsedTimer>
#include <QObject>
#include <QString>
#include <atomic>
#include <map>
#include <memory>
#include <optional>
#include <vector>

#include "app/chat/generation_types.h"

namespace veloce {
class Engine;
class Generator;
class Model;
class Session;
}  // namespace veloce

namespace veloce::storage {
class ConversationStore;
}

namespace veloce::server {
class SharedGenerator;
}

namespace veloce::app {

class GenerationWorker : public QObject {
  Q_OBJECT

 public:
  // dbPath: the database the UI thread's store already opened (and checked).
  explicit GenerationWorker(QString dbPath);
  ~GenerationWorker() override;

  // Thread-safe (made once, in the constructor): the turn-taking handle the API server uses.
  std::shared_ptr<veloce::server::SharedGenerator> sharedGenerator() const { return shared_; }

  // Thread-safe: stops request `requestId` (and any older one) at the next check, even when it has
  // not started yet (stop pressed right after send).
  void requestCancel(quint64 requestId);
  // Thread-safe: the model load in progress (or the next one, if none has started) stops at the
  // next tensor upload or load step and answers modelLoadCancelled. clearLoadCancel() before
  // queueing a load, on the thread that queues it, so a cancel of an older load does not stick.
  void requestLoadCancel() { loadCancel_.store(true); }
  void clearLoadCancel() { loadCancel_.store(false); }

 public slots:
  void loadModel(const veloce::app::LoadRequest& request);
  void unloadModel();
  void generate(const veloce::app::ReplyRequest& request);
  // Tries again to write a reply whose final write failed (outcome.stored false); answers with
  // replySaveRetried, `stored` telling whether it is in the database now.
  void saveReply(const veloce::app::ReplyOutcome& outcome);
  // How many tokens of the context `history` (a conversation's shown branch, oldest first) would
  // take as the next prompt, and how many of its oldest messages would be left out: what the
  // status line shows for a conversation just opened, before anything of it is in the KV cache.
  void measureContext(qint64 conversationId, const std::vector<veloce::app::PromptMessage>& history,
                      const QString& systemPrompt, int maxTokens);
  // Writes a chat the API server answered to the history (generation_worker_api_chats.cpp): a
  // request that repeats an earlier stored one and adds a turn continues its conversation.
  void storeApiChat(const veloce::app::ApiChat& chat);

 signals:
  void loadProgress(double fraction);
  void modelInfoLine(const QString& line);
  void modelLoaded(const veloce::app::LoadedModelInfo& info);
  void modelLoadCancelled();
  // Also when a loaded model became unusable (renewSession).
  void modelLoadFailed(const QString& message);

  void conversationCreated(quint64 requestId, qint64 conversationId, const QString& title);
  void userMessageStored(quint64 requestId, qint64 messageId);
  void replyStarted(quint64 requestId, qint64 messageId);
  void promptBuilt(quint64 requestId, int omittedMessages, int promptTokens);
  // contextUsed: tokens in the KV cache (the prompt, once it is read); timeToFirstTokenMs: since
  // the user sent (ReplyRequest::sentAt), the figure the reply's footer shows and stores.
  void firstToken(quint64 requestId, int contextUsed, double timeToFirstTokenMs);
  // Prefill progress: prompt tokens read so far (cache reuse included) of `total`.
  void prefillProgress(quint64 requestId, int done, int total);
  // The streaming reply's first `length` UTF-16 units are committed to the database.
  void checkpointStored(quint64 requestId, qint64 messageId, int length);
  // contextUsed: tokens in the KV cache now (prompt + reply so far), for the status line.
  void piece(quint64 requestId, const QString& text, int contextUsed);
  void contextMeasured(qint64 conversationId, int tokens, int omittedMessages);
  void replyFinished(quint64 requestId, const veloce::app::ReplyOutcome& outcome);
  void replySaveRetried(const veloce::app::ReplyOutcome& outcome);
  // The request could not start (database error, prompt too long, no model); nothing streamed.
  void requestFailed(quint64 requestId, const QString& message);
  // storeApiChat's answer: the conversation written to, or -1 and why not.
  void apiChatStored(qint64 conversationId, const QString& error);

 private:
  veloce::storage::ConversationStore& store();
  // What a continued reply already holds: its text, the ids it was generated as (at the end of the
  // prompt), its token count and its time to first token. Empty for a new reply.
  struct PriorReply {
    std::string text;
    std::vector<int32_t> ids;
    int completionTokens = 0;
    // A continued reply keeps the time its first token took: the figure is about the reply, and
    // the continuation's own (a cached prompt, so always tiny) replaced it in the footer.
    std::optional<double> timeToFirstTokenMs = std::nullopt;
  };
  // Where the reply goes: a stored reply to continue (existingId), or a new one under parentId,
  // appended only when its first token comes (or it ends in any way other than a stop before it).
  struct ReplyTarget {
    qint64 existingId = 0;
    qint64 conversationId = 0;
    qint64 parentId = 0;
  };
  void runReply(const ReplyRequest& request, ReplyTarget target, const std::vector<int32_t>& prompt,
                const PriorReply& prior);
  // After an engine error in a reply: a fresh session on the loaded engine, or, when even that
  // fails, the model unloaded and modelLoadFailed emitted (the model state becomes "error").
  void renewSession();
  // finish_message for outcome; on failure marks it not stored (and why) instead of throwing.
  void storeFinal(ReplyOutcome& outcome);

  QString dbPath_;
  std::unique_ptr<veloce::storage::ConversationStore> store_;  // opened on first use, on this thread
  std::shared_ptr<const veloce::Model> model_;
  std::unique_ptr<veloce::Engine> engine_;
  std::unique_ptr<veloce::Session> session_;
  std::unique_ptr<veloce::Generator> generator_;
  // generator_ as the API server sees it; set to it after a load and cleared before it goes.
  const std::shared_ptr<veloce::server::SharedGenerator> shared_;
  std::atomic<bool> cancel_{false};  // what the Generator polls
  // The last reply generated here and its ids: continuing it feeds back exactly the ids the KV cache
  // holds (re-encoding its text may split it differently and lose the cached prefix).
  qint64 lastReplyId_ = 0;
  std::vector<int32_t> lastReplyIds_;
  std::atomic<quint64> cancelledUpTo_{0};  // highest request id whose cancel was asked
  std::atomic<bool> loadCancel_{false};    // polled between the load's steps and uploads
  // Prefix-reuse bookkeeping of the prompt builder: which conversation the KV cache holds and the
  // first message that the last prompt kept.
  qint64 cachedConversation_ = -1;
  qint64 keptFromMessage_ = 0;
  // API chats stored this run, by a digest of their transcript (system prompt, messages, reply):
  // the conversation and its last message, which the transcript's next turn continues.
  struct StoredApiChat {
    qint64 conversationId = 0;
    qint64 lastMessageId = 0;
  };
  std::map<QByteArray, StoredApiChat> apiChats_;
};

}  // namespace veloce::app
