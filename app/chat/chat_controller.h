#pragma once
// ChatController: the conversation flow (QML singleton `ChatController`, import Veloce): the open
// conversation, sending, stopping, regenerating, editing, switching versions, and the status
// line's figures; what the conversation view binds to, and what `veloce-cli chat` drives headless.
// It owns the generation worker's thread and the two controllers split from it that share that
// worker and the store: model() (ModelController: loading, the device, the memory plan) and
// conversationList() (ConversationList: the sidebar, search, delete with undo).
//
// Threads: lives on the UI thread; generation and every write of the chat flow run on a
// GenerationWorker thread with its own ConversationStore connection, so the UI thread never waits
// for the model or for an fsync while a reply streams.
//
// Usage (main.cpp):
//   veloce::storage::ConversationStore store(dbPath);     // first store of the process: checks, migrates
//   veloce::app::AppSettings settings;                      // + settings.setModelPathOverride(opts.modelPath)
//   veloce::app::ChatController chat(&store, &settings);
//   chat.runStartupMaintenance();                           // GUI only: recovers killed replies, purges deletes
//   chat.model()->load(QString());                          // the settings' model, if the file exists
// States are strings so QML can compare them without registering enums.
#include <QtQml/qqmlregistration.h>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QThread>
#include <QTimer>
#include <QVariantList>
#include <functional>
#include <memory>
#include <optional>

#include "app/chat/conversation_list.h"
#include "app/chat/generation_types.h"
#include "app/chat/model_controller.h"
#include "app/models/message_list_model.h"
#include "app/settings/app_settings.h"

class QJSEngine;
class QQmlEngine;

namespace veloce::storage {
class ConversationStore;
}

namespace veloce::app {

class GenerationWorker;
class DownloadController;
class ServerController;

class ChatController : public QObject {
  Q_OBJECT
  QML_ELEMENT
  QML_SINGLETON
  // The open conversation's shown branch (owned here, never null), and the settings.
  Q_PROPERTY(veloce::app::MessageListModel* messages READ messages CONSTANT)
  Q_PROPERTY(veloce::app::AppSettings* settings READ settings CONSTANT)

  // ---- the open conversation ----
  // Database id of the open conversation; -1 for a new, not yet stored one (the empty view with
  // example prompts). It becomes a real id once the first message is stored.
  Q_PROPERTY(qint64 currentConversationId READ currentConversationId NOTIFY currentConversationChanged)
  Q_PROPERTY(QString currentTitle READ currentTitle NOTIFY currentConversationChanged)
  // This conversation's own system prompt; "" means the default from the settings is used.
  // Writing stores it (for a not yet stored conversation it is kept until the first message).
  Q_PROPERTY(QString conversationSystemPrompt READ conversationSystemPrompt WRITE setConversationSystemPrompt NOTIFY
                 conversationSystemPromptChanged)

  // ---- sending ----
  // "idle", "prefill" (reading the prompt, before the first token) or "streaming".
  Q_PROPERTY(QString sendState READ sendState NOTIFY sendStateChanged)
  // sendState != "idle" (show the stop button, block a second send).
  Q_PROPERTY(bool busy READ busy NOTIFY sendStateChanged)
  // Whether send() would start a reply now, and if not why (a sentence for the disabled composer).
  Q_PROPERTY(bool canSend READ canSend NOTIFY canSendChanged)
  Q_PROPERTY(QString cannotSendReason READ cannotSendReason NOTIFY canSendChanged)

  // ---- status line ----
  // Tokens of the open conversation in the context: while a reply streams, what the KV cache holds
  // (prompt + reply so far, updated with each piece); after opening a conversation, what its next
  // prompt would take (measured on the worker thread); 0 for a new conversation.
  Q_PROPERTY(int contextUsed READ contextUsed NOTIFY contextChanged)
  // Older messages of the open conversation that the last prompt had to leave out to fit the
  // context (0: everything fit). They stay in the history; the view shows a notice when > 0.
  Q_PROPERTY(int omittedMessages READ omittedMessages NOTIFY contextChanged)
  // Figures of the last finished reply (0 until one finished).
  Q_PROPERTY(double lastTimeToFirstTokenMs READ lastTimeToFirstTokenMs NOTIFY lastReplyStatsChanged)
  Q_PROPERTY(double lastTokensPerSecond READ lastTokensPerSecond NOTIFY lastReplyStatsChanged)
  // Prompt tokens of the last reply whose K/V came from the cache (the earlier turns of the same
  // conversation) instead of being computed again.
  Q_PROPERTY(int lastPromptTokensReused READ lastPromptTokensReused NOTIFY lastReplyStatsChanged)
  // While the prompt of the active reply is read (sendState "prefill"): its tokens read so far
  // (those reused from the cache included) of its length; 0 of 0 before the first chunk.
  Q_PROPERTY(int prefillDone READ prefillDone NOTIFY prefillProgressChanged)
  Q_PROPERTY(int prefillTotal READ prefillTotal NOTIFY prefillProgressChanged)

  // ---- notices ----
  // The latest error for the user ("" when none); also sent once through errorOccurred().
  Q_PROPERTY(QString lastError READ lastError NOTIFY lastErrorChanged)

 public:
  // store: the UI thread's store (outlives the controller); settings: outlives the controller.
  ChatController(veloce::storage::ConversationStore* store, AppSettings* settings, QObject* parent = nullptr);
  ~ChatController() override;  // cancels a running reply, waits for it to be stored

  // For the engine: the instance set with QmlSingletonInstance (app/models/qml_singleton.h).
  static ChatController* create(QQmlEngine* qmlEngine, QJSEngine* jsEngine);

  MessageListModel* messages() { return &messages_; }
  AppSettings* settings() { return settings_; }
  ModelController* model() { return model_; }
  // The local API server (off unless Settings turns it on), serving this worker's model.
  ServerController* server() { return server_; }
  DownloadController* download() { return download_; }
  ConversationList* conversationList() { return &list_; }
  // The UI thread's store, shared with the controllers split from this one (ExportController,
  // DatabaseHealth; QmlContext creates them).
  veloce::storage::ConversationStore* store() const { return store_; }

  qint64 currentConversationId() const { return conversationId_; }
  QString currentTitle() const { return title_; }
  QString conversationSystemPrompt() const { return systemPrompt_; }
  void setConversationSystemPrompt(const QString& text);

  QString sendState() const;
  bool busy() const { return sendState_ != SendState::Idle; }
  bool canSend() const { return cannotSendReason().isEmpty(); }
  QString cannotSendReason() const;

  int contextUsed() const { return contextUsed_; }
  int omittedMessages() const { return omittedMessages_; }
  // The figures of the last reply written in the open conversation; none in another one (they
  // read as measured there).
  double lastTimeToFirstTokenMs() const { return statsAreOpenConversations() ? lastTtftMs_ : 0; }
  double lastTokensPerSecond() const { return statsAreOpenConversations() ? lastTokensPerSecond_ : 0; }
  int lastPromptTokensReused() const { return statsAreOpenConversations() ? lastPromptTokensReused_ : 0; }
  int prefillDone() const { return prefillDone_; }
  int prefillTotal() const { return prefillTotal_; }

  QString lastError() const { return lastError_; }

  // How often a streaming reply is committed (default 2000 ms; veloce-cli chat --checkpoint-ms).
  void setCheckpointInterval(int milliseconds) { checkpointMs_ = milliseconds; }

  // GUI start-up only (not veloce-cli, which may run beside a GUI): replies left "streaming" by a
  // killed process become "stopped", and conversations deleted but not purged are purged.
  void runStartupMaintenance();

 public slots:
  // ---- chat flow ----
  // Sends `text` as the next user message of the open conversation (creating the conversation,
  // titled from the text, when none is open) and starts the reply. Returns false (and sets
  // lastError) when it cannot: no model, busy, or empty text.
  bool send(const QString& text);
  // Stops the reply being generated (Esc / stop button): it keeps its text and is marked stopped.
  void stop();
  // A new reply as a sibling: messageId is an assistant message (its alternatives grow by one) or
  // a user message (answered again). The shown branch ends at the new reply.
  bool regenerate(qint64 messageId);
  // Goes on with the last reply where the length limit or Stop cut it: the same message grows (no
  // new sibling), its figures and stop reason are updated. False unless it is the last row and
  // its stop reason is "length" or "stopped".
  bool continueReply(qint64 messageId);
  // A new version of the user message messageId, as its sibling (a new branch; the old one stays),
  // then a reply to it.
  bool editMessage(qint64 messageId, const QString& newText);
  // Shows the previous (delta -1) or next (+1) sibling of messageId and the branch below it.
  bool switchSibling(qint64 messageId, int delta);
  // Writes again a reply whose final write failed (see replySaveFailed); false when none waits.
  bool retrySave();

  // ---- conversations ----
  // An empty, unsaved conversation (saved on its first message).
  void newConversation();
  // Opens conversation id; when focusMessageId > 0, switches to the branch holding that message
  // and emits focusMessageRequested(row) for the view to scroll to it.
  bool openConversation(qint64 id, qint64 focusMessageId = -1);

 signals:
  void currentConversationChanged();
  void conversationSystemPromptChanged();
  void sendStateChanged();
  void canSendChanged();
  void contextChanged();
  void lastReplyStatsChanged();
  void prefillProgressChanged();
  void lastErrorChanged();
  // An error for the user (engine failure, database error, invalid request), once per occurrence.
  void errorOccurred(const QString& message);
  // Scroll the conversation view to this row of `messages` (after openConversation with a focus).
  void focusMessageRequested(int row);
  // ---- chat flow milestones (also what veloce-cli chat and the tests observe) ----
  // The user message is committed to the database (id assigned).
  void userMessageStored(qint64 messageId);
  // The reply row exists in the database (state "streaming"): written with its first token, so a
  // reply stopped while the prompt is read never gets one.
  void replyStarted(qint64 messageId);
  // A piece of reply text, as appended to the last row of `messages`.
  void replyPiece(const QString& piece);
  // The streaming reply's first `length` UTF-16 units are committed (every ~2 s while streaming).
  void replyCheckpointed(qint64 messageId, int length);
  // The reply is final in the database: state "complete", "stopped" or "error". messageId 0
  // with "stopped": stopped before its first token, so nothing was stored and the view dropped it.
  void replyFinished(qint64 messageId, const QString& state);
  // The reply's final write failed: the database holds only its first storedLength UTF-16 units
  // (state "streaming"); the whole text is kept in memory and written by retrySave() or before
  // the next reply starts. replyFinished follows once a retry succeeds.
  void replySaveFailed(qint64 messageId, int storedLength);

 private slots:
  void onModelLoaded();
  void onConversationCreated(quint64 requestId, qint64 conversationId, const QString& title);
  void onUserMessageStored(quint64 requestId, qint64 messageId);
  void onReplyStarted(quint64 requestId, qint64 messageId);
  void onPromptBuilt(quint64 requestId, int omittedMessages, int promptTokens);
  void onFirstToken(quint64 requestId, int contextUsed, double timeToFirstTokenMs);
  // A reply stopped before its first token: nothing was stored; its placeholder leaves the view.
  void dropDiscardedReply();
  void onPrefillProgress(quint64 requestId, int done, int total);
  void onCheckpointStored(quint64 requestId, qint64 messageId, int length);
  void onPiece(quint64 requestId, const QString& piece, int contextUsed);
  void onContextMeasured(qint64 conversationId, int tokens, int omittedMessages);
  void onReplyFinished(quint64 requestId, const veloce::app::ReplyOutcome& outcome);
  void onReplySaveRetried(const veloce::app::ReplyOutcome& outcome);
  void onRequestFailed(quint64 requestId, const QString& message);

 private:
  enum class SendState { Idle, Prefill, Streaming };

  bool checkCanStart();
  ReplyRequest baseRequest() const;
  void startReply(ReplyRequest request, int userRow, int replyRow);
  void detachFromView();  // the open conversation changes while a reply streams: stop it
  void finishRequest();
  void setSendState(SendState state);
  void setError(const QString& message);
  void reloadBranch();
  void refreshSiblingInfo(int row);
  void updateCanSend();
  void setContextUsed(int tokens);
  void measureOpenConversation();  // asks the worker what the open branch takes of the context
  std::vector<PromptMessage> branchUpTo(int rowExclusive) const;

  veloce::storage::ConversationStore* store_;
  AppSettings* settings_;
  MessageListModel messages_;
  ConversationList list_;

  QThread thread_;
  GenerationWorker* worker_ = nullptr;      // lives on thread_, deleted when it finishes
  ModelController* model_ = nullptr;        // a child; made once worker_ exists
  ServerController* server_ = nullptr;      // a child, deleted first
  DownloadController* download_ = nullptr;  // a child

  qint64 conversationId_ = -1;
  QString title_;
  QString systemPrompt_;
  SendState sendState_ = SendState::Idle;
  int contextUsed_ = 0;
  int prefillDone_ = 0;
  int prefillTotal_ = 0;
  int omittedMessages_ = 0;
  double lastTtftMs_ = 0;
  double lastTokensPerSecond_ = 0;
  int lastPromptTokensReused_ = 0;
  qint64 lastReplyConversationId_ = -1;  // where the last reply's figures were measured
  bool statsAreOpenConversations() const { return conversationId_ >= 0 && conversationId_ == lastReplyConversationId_; }
  QString lastError_;
  quint64 nextRequestId_ = 1;
  quint64 activeRequestId_ = 0;  // 0: none; signals of other requests are stale and ignored
  bool viewAttached_ = false;    // the active request's rows are in `messages_` (see detachFromView)
  int userRow_ = -1;             // rows of the active request's user message and reply (-1: none)
  int replyRow_ = -1;
  int checkpointMs_ = 2000;
  // How often the database is asked whether another process changed it (ConversationList).
  static constexpr int kOutsideChangesPollMs = 2000;
  QTimer outsideChanges_;
  // A reply whose final write failed, kept for retrySave(); messageId 0: none.
  ReplyOutcome unsaved_;
  void reportUnsaved(const ReplyOutcome& outcome);
};

}  // namespace veloce::app
