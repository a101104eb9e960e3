#pragma once
// Values passed between ChatController (UI thread) and GenerationWorker (its own thread) through
// queued signals; all are copyable and registered as metatypes.
#include <QElapsedTimer>
#include <QMetaType>
#include <QString>
#include <QStringList>
#include <memory>
#include <vector>

#include "app/download/model_fit.h"
#include "app/storage/records.h"
#include "inference/model/kv_type.h"
#include "inference/sampling/sampler.h"

namespace veloce {
class Model;
}

namespace veloce::app {

// One message of the branch that the prompt is built from.
struct PromptMessage {
  qint64 id = 0;  // database id (0 for the new user message before it is stored)
  veloce::storage::Role role = veloce::storage::Role::User;
  QString content;
};

struct LoadRequest {
  QString path;
  QString backend = QStringLiteral("vulkan");  // "vulkan" or "reference"
  QString device;                              // Vulkan device selector; "" = automatic
  int contextSize = 4096;
  veloce::KvType kvType = veloce::KvType::F16;
};

}  // namespace veloce::app
namespace veloce::vk {
struct MemoryPlan;
}
namespace veloce::app {

struct LoadedModelInfo {
  QString path;
  QString name;                          // general.name, else the file name
  QString file;                          // file name without folder
  QString quantization;                  // "Q4_K_M"
  QString device;                        // engine's device_name()
  Processor processor = Processor::Gpu;  // a Vulkan CPU driver (llvmpipe/lavapipe): Cpu
  QString backend;                       // engine's name()
  int contextSize = 0;                   // n_ctx of the session
  QStringList report;                    // the memory plan in words (LoadReport), empty for engines without one
  qint64 spilledBytes = 0;
  QString spillWarning;  // part of the model did not fit on the GPU; empty when it all did
  // The plan `report` was made from, kept to say it again in another language (null without one).
  std::shared_ptr<const veloce::vk::MemoryPlan> plan;
  // The loaded model itself (immutable, safe to share across threads): the API server encodes its
  // requests with its tokenizer.
  std::shared_ptr<const veloce::Model> model;
};

// Everything the worker needs to store a turn and generate its reply.
struct ReplyRequest {
  quint64 requestId = 0;
  qint64 conversationId = -1;  // -1: create a conversation first (with the fields below)
  QString newTitle;            // title for a new conversation
  QString newSystemPrompt;     // stored system prompt override of a new conversation
  // The user message to store first (empty when regenerating an existing user message's reply).
  QString userText;
  qint64 userParentId = 0;   // parent of the new user message (0: root)
  qint64 replyParentId = 0;  // parent of the reply when userText is empty (the user message)
  // > 0: continue this stored reply in place (one cut by the length limit): the prompt is the
  // history (up to its user message) with the reply left open, no end-of-turn token after it.
  qint64 continueMessageId = 0;
  std::vector<PromptMessage> history;  // branch before the new user message / reply, oldest first
  QString systemPrompt;                // effective system prompt (override or default; may be empty)
  veloce::SamplerParams sampling;
  int maxTokens = 1024;
  veloce::storage::GenerationSettings recordedSettings;  // written to the conversation
  QString modelFile;
  QString modelQuant;
  int checkpointIntervalMs = 2000;  // how often the streaming reply is written to the database
  // Started when the user sent (ChatController::startReply): the time to the first token is
  // measured on it once, by the worker, so the figure shown while streaming and the one stored
  // when the reply ends are the same number (before, the view timed its own and the engine's
  // replaced it at the end: 0.2 s became 0.0 s).
  QElapsedTimer sentAt;
};

// How a reply ended. When `stored`, `state` and `text` are what the database now says. When the
// final write failed (disk full, a lock held too long), the database still says "streaming" with
// only the first `storedLength` UTF-16 units (the last checkpoint); `state`, `text` and `stats`
// are what should be written, kept in memory for a retry (GenerationWorker::saveReply).
struct ReplyOutcome {
  qint64 messageId = 0;
  veloce::storage::MessageState state = veloce::storage::MessageState::Complete;
  QString text;
  QString error;  // for state Error: the engine's message for the user
  bool stored = true;
  int storedLength = 0;  // committed units when !stored
  QString saveError;     // why the final write failed, when !stored
  veloce::storage::MessageStats stats;
  int promptTokens = 0;
  int promptTokensReused = 0;
  int completionTokens = 0;
  double timeToFirstTokenMs = 0;
  double tokensPerSecond = 0;
  int contextUsed = 0;  // tokens in the KV cache afterwards; -1 when unknown (stopped while waiting its turn)
  int contextSize = 0;
  // Stopped before its first token: nothing of it was stored (an empty "0 tokens" reply would
  // only be clutter) and the view drops its placeholder; messageId is 0.
  bool discarded = false;
};

// A chat completion the API server answered, for the history ("store chats" on): the messages
// the client sent (system ones first) and the reply.
struct ApiChat {
  std::vector<PromptMessage> messages;  // ids 0
  QString reply;
  QString modelFile;
  QString modelQuant;
};

}  // namespace veloce::app

Q_DECLARE_METATYPE(veloce::app::ApiChat)
Q_DECLARE_METATYPE(veloce::app::LoadRequest)
Q_DECLARE_METATYPE(veloce::app::LoadedModelInfo)
Q_DECLARE_METATYPE(veloce::app::ReplyRequest)
Q_DECLARE_METATYPE(veloce::app::ReplyOutcome)
