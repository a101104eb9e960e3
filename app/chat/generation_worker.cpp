#include "app/chat/generation_worker.h"

#include <QFileInfo>
#include <algorithm>
#include <exception>
#include <string>
#include <utility>

#include "app/chat/load_report.h"
#include "app/chat/model_file_problem.h"
#include "app/common/thread_handover.h"
#include "app/common/utf8_text.h"
#include "app/server/shared_generator.h"
#include "app/storage/conversation_store.h"
#include "inference/generation/engine_factory.h"
#include "inference/generation/generator.h"
#include "inference/generation/prompt_builder.h"
#include "inference/gguf/gguf_file.h"
#include "inference/model/model.h"
#include "inference/model/session.h"
#include "inference/vulkan/device.h"
#include "inference/vulkan/device_list.h"
#include "inference/vulkan/memory_plan.h"
#include "inference/vulkan/vulkan_engine.h"

namespace veloce::app {
namespace {

// The engine's reason, as stored with the reply.
veloce::storage::ReplyStop replyStopOf(veloce::StopReason stop) {
  switch (stop) {
    case veloce::StopReason::EndOfText: return veloce::storage::ReplyStop::Finished;
    case veloce::StopReason::MaxTokens: return veloce::storage::ReplyStop::Length;
    case veloce::StopReason::ContextFull: return veloce::storage::ReplyStop::ContextFull;
    case veloce::StopReason::Cancelled: return veloce::storage::ReplyStop::Stopped;
  }
  return veloce::storage::ReplyStop::Finished;
}

using veloce::storage::MessageState;
using veloce::storage::Role;

ChatRole chatRole(Role role) {
  switch (role) {
    case Role::System: return ChatRole::System;
    case Role::User: return ChatRole::User;
    case Role::Assistant: return ChatRole::Assistant;
  }
  return ChatRole::User;
}

}  // namespace

GenerationWorker::GenerationWorker(QString dbPath)
    : dbPath_(std::move(dbPath)), shared_(std::make_shared<veloce::server::SharedGenerator>()) {}

// Members go in reverse order: the generator before the session it uses, the session before the
// engine, the engine before the model it maps. The API server must not keep using it.
GenerationWorker::~GenerationWorker() { shared_->set(nullptr); }

void GenerationWorker::requestCancel(quint64 requestId) {
  quint64 seen = cancelledUpTo_.load();
  while (seen < requestId && !cancelledUpTo_.compare_exchange_weak(seen, requestId)) {
  }
  cancel_.store(true);
}

veloce::storage::ConversationStore& GenerationWorker::store() {
  // Opened here, on the worker thread, because a store belongs to the thread that created it. The
  // UI thread's store already ran the integrity check and the migrations.
  if (!store_) store_ = std::make_unique<veloce::storage::ConversationStore>(dbPath_, veloce::storage::OpenOptions{false});
  return *store_;
}

void GenerationWorker::unloadModel() {
  shared_->set(nullptr);  // waits for an API request that is generating right now
  generator_.reset();
  session_.reset();
  engine_.reset();
  model_.reset();
  cachedConversation_ = -1;
  keptFromMessage_ = 0;
}

namespace {
// Thrown from the load's progress callback when the user cancels: not a std::exception, so no
// engine handler turns it into an EngineError on the way out (the upload code unwinds safely:
// the staging ring waits for its pending copies, every buffer is RAII).
struct LoadCancelled {};
}  // namespace

void GenerationWorker::loadModel(const LoadRequest& request) {
  // Free the old model first: two Phi-4s rarely fit in memory at once.
  unloadModel();
  const auto checkCancel = [this] {
    if (loadCancel_.load()) throw LoadCancelled{};
  };
  try {
    checkCancel();
    auto model = veloce::Model::load(request.path.toStdString());
    checkCancel();
    veloce::EngineOptions options;
    options.backend = request.backend.toStdString();
    options.device = request.device.toStdString();
    options.kv_type = request.kvType;
    int lastPercent = -1;
    options.on_progress = [this, &lastPercent, &checkCancel](uint64_t done, uint64_t total) {
      checkCancel();  // every piece of every tensor upload
      // One signal per percent, not per tensor: thousands of queued events would only delay the UI.
      const int percent = total == 0 ? 100 : static_cast<int>(done * 100 / total);
      if (percent == lastPercent) return;
      lastPercent = percent;
      thread_handover::post([&] { emit loadProgress(percent / 100.0); });
    };
    options.on_info = [this](const std::string& line) {
      thread_handover::post([&] { emit modelInfoLine(QString::fromStdString(line)); });
    };
    // Never more than the model was trained for: positions beyond it produce garbage. The memory
    // plan reserves the KV cache of exactly this context.
    size_t n_ctx = static_cast<size_t>(std::max(request.contextSize, 16));
    if (model->config().n_ctx_train > 0) n_ctx = std::min<size_t>(n_ctx, model->config().n_ctx_train);
    options.n_ctx = n_ctx;
    auto engine = veloce::make_engine(model, options);
    checkCancel();
    auto session = engine->create_session(n_ctx);
    checkCancel();

    model_ = std::move(model);
    engine_ = std::move(engine);
    session_ = std::move(session);
    generator_ = std::make_unique<veloce::Generator>(*session_, model_->tokenizer());
    shared_->set(generator_.get());

    LoadedModelInfo info;
    const QFileInfo file(request.path);
    info.path = request.path;
    info.file = file.fileName();
    info.name = model_->config().name.empty() ? file.completeBaseName() : QString::fromStdString(model_->config().name);
    info.quantization = QString::fromStdString(model_->quantization_label());
    info.device = QString::fromStdString(engine_->device_name());
    info.backend = QString::fromStdString(engine_->name());
    info.contextSize = static_cast<int>(session_->n_ctx());
    info.model = model_;
    // A Vulkan CPU driver (llvmpipe/lavapipe) is no graphics card: its summary says the CPU.
    if (const auto* device = veloce::vulkan_device(*engine_); device && device->info().kind == veloce::vk::DeviceKind::Cpu)
      info.processor = Processor::Cpu;
    if (const auto* plan = veloce::vulkan_memory_plan(*engine_)) {
      const LoadReport report = describeLoad(*plan, {.name = info.device, .processor = info.processor});
      info.report = report.lines;
      info.spilledBytes = report.spilledBytes;
      info.spillWarning = report.spillWarning;
      info.plan = std::make_shared<const veloce::vk::MemoryPlan>(*plan);
    }
    thread_handover::post([&] { emit modelLoaded(info); });
  } catch (const LoadCancelled&) {
    unloadModel();
    thread_handover::post([&] { emit modelLoadCancelled(); });
  } catch (const veloce::GgufError& e) {
    // The file itself is refused: what is wrong in plain words first, the loader's detail after.
    unloadModel();
    thread_handover::post([&] { emit modelLoadFailed(explainModelFileError(QString::fromUtf8(e.what()))); });
  } catch (const std::exception& e) {
    unloadModel();
    thread_handover::post([&] { emit modelLoadFailed(QString::fromUtf8(e.what())); });
  }
}

void GenerationWorker::generate(const ReplyRequest& request) {
  // A stop pressed before this request started still counts.
  cancel_.store(cancelledUpTo_.load() >= request.requestId);
  if (!generator_) {
    thread_handover::post([&] { emit requestFailed(request.requestId, tr("No model is loaded.")); });
    return;
  }
  std::vector<PromptMessage> messages = request.history;
  qint64 conversationId = request.conversationId;
  try {
    auto& s = store();
    if (conversationId < 0) {
      veloce::storage::NewConversation init;
      init.title = request.newTitle;
      init.system_prompt = request.newSystemPrompt;
      init.settings = request.recordedSettings;
      init.model_file = request.modelFile;
      init.model_quant = request.modelQuant;
      const auto created = s.create_conversation(init);
      conversationId = created.id;
      thread_handover::post([&] { emit conversationCreated(request.requestId, conversationId, created.title); });
    } else if (const auto existing = s.conversation(conversationId)) {
      // The conversation records the settings and model of its latest reply (for export).
      if (!(existing->settings == request.recordedSettings)) s.set_settings(conversationId, request.recordedSettings);
      if (existing->model_file != request.modelFile || existing->model_quant != request.modelQuant) {
        s.set_model(conversationId, request.modelFile, request.modelQuant);
      }
    }
    qint64 replyParent = request.replyParentId;
    if (!request.userText.isEmpty()) {
      const auto user = s.append_message(conversationId, request.userParentId, Role::User, request.userText);
      thread_handover::post([&] { emit userMessageStored(request.requestId, user.id); });
      messages.push_back(PromptMessage{user.id, Role::User, request.userText});
      replyParent = user.id;
    }

    PriorReply prior;
    qint64 replyId = 0;
    if (request.continueMessageId > 0) {
      const auto old = s.message(request.continueMessageId);
      if (!old || old->role != Role::Assistant || old->conversation_id != conversationId)
        throw std::runtime_error("the reply to continue is not in this conversation any more");
      prior.text = old->content.toStdString();
      prior.ids = lastReplyId_ == old->id ? lastReplyIds_ : model_->tokenizer().encode(prior.text, false);
      prior.completionTokens = old->stats.completion_tokens.value_or(static_cast<int>(prior.ids.size()));
      prior.timeToFirstTokenMs = old->stats.time_to_first_token_ms;
    }

    std::vector<ChatMessage> chat;
    chat.reserve(messages.size());
    for (const auto& m : messages) chat.push_back(ChatMessage{chatRole(m.role), m.content.toStdString()});
    size_t hint = 0;
    if (cachedConversation_ == conversationId) {
      for (size_t i = 0; i < messages.size(); ++i) {
        if (messages[i].id == keptFromMessage_) hint = i;
      }
    }
    const size_t n_ctx = session_->n_ctx();
    const PromptPlan plan = build_prompt(
        model_->tokenizer(), request.systemPrompt.toStdString(), chat,
        PromptLimits{n_ctx,
                     reply_reserve_for(n_ctx, prior.ids.size() + static_cast<size_t>(std::max(request.maxTokens, 1)))},
        hint);
    cachedConversation_ = conversationId;
    keptFromMessage_ = messages[plan.first_kept].id;
    if (request.continueMessageId > 0) {
      // The assistant turn stays open: its ids follow the header with no <|im_end|>, so the model
      // goes on where it was cut. Streaming again until it ends (a kill shows it as interrupted).
      std::vector<int32_t> prompt = plan.tokens;
      prompt.insert(prompt.end(), prior.ids.begin(), prior.ids.end());
      thread_handover::post(
          [&] { emit promptBuilt(request.requestId, static_cast<int>(plan.omitted), static_cast<int>(prompt.size())); });
      replyId = request.continueMessageId;
      const auto old = s.message(replyId);
      s.finish_message(replyId, old->content, MessageState::Streaming, old->stats);
      thread_handover::post([&] { emit replyStarted(request.requestId, replyId); });
      runReply(request, ReplyTarget{.existingId = replyId}, prompt, prior);
      return;
    }
    thread_handover::post(
        [&] { emit promptBuilt(request.requestId, static_cast<int>(plan.omitted), static_cast<int>(plan.tokens.size())); });

    runReply(request, ReplyTarget{.conversationId = conversationId, .parentId = replyParent}, plan.tokens, PriorReply{});
  } catch (const std::exception& e) {
    // Nothing streamed yet (runReply handles its own failures): the request simply did not start.
    thread_handover::post([&] { emit requestFailed(request.requestId, QString::fromUtf8(e.what())); });
  }
}

void GenerationWorker::measureContext(qint64 conversationId, const std::vector<PromptMessage>& history,
                                      const QString& systemPrompt, int maxTokens) {
  if (!model_ || !session_ || history.empty()) return;
  std::vector<ChatMessage> chat;
  chat.reserve(history.size());
  for (const auto& m : history) chat.push_back(ChatMessage{chatRole(m.role), m.content.toStdString()});
  const size_t n_ctx = session_->n_ctx();
  try {
    const PromptPlan plan =
        build_prompt(model_->tokenizer(), systemPrompt.toStdString(), chat,
                     PromptLimits{n_ctx, reply_reserve_for(n_ctx, static_cast<size_t>(std::max(maxTokens, 1)))});
    thread_handover::post(
        [&] { emit contextMeasured(conversationId, static_cast<int>(plan.tokens.size()), static_cast<int>(plan.omitted)); });
  } catch (const std::exception&) {
    // The newest message alone does not fit: the next send says so in words; show a full context.
    thread_handover::post(
        [&] { emit contextMeasured(conversationId, static_cast<int>(n_ctx), static_cast<int>(history.size()) - 1); });
  }
}

void GenerationWorker::runReply(const ReplyRequest& request, ReplyTarget target, const std::vector<int32_t>& prompt,
                                const PriorReply& prior) {
  auto& s = store();
  std::string text = prior.text;  // checkpoints and the final write hold the whole reply
  qint64 replyId = target.existingId;
  // A new reply's row is written when there is something to keep: a Stop while the prompt is
  // read (seconds, for a long conversation) leaves no empty "0 tokens" reply behind.
  const auto ensureReplyRow = [&] {
    if (replyId != 0) return;
    replyId =
        s.append_message(target.conversationId, target.parentId, Role::Assistant, QString(), MessageState::Streaming).id;
    thread_handover::post([&] { emit replyStarted(request.requestId, replyId); });
  };
  bool firstSeen = false;
  double timeToFirstTokenMs = 0;
  int committedLength = 0;  // what the database holds of the reply (its last checkpoint)
  QElapsedTimer sinceCheckpoint;
  sinceCheckpoint.start();

  veloce::GenerateOptions options;
  options.max_tokens = std::max(request.maxTokens, 1);
  options.sampling = request.sampling;
  options.cancel = &cancel_;
  options.on_prefill = [&](size_t done, size_t total) {
    thread_handover::post([&] { emit prefillProgress(request.requestId, static_cast<int>(done), static_cast<int>(total)); });
  };
  options.on_token = [&](int32_t) {
    if (!firstSeen) {
      firstSeen = true;
      const double measuredMs = request.sentAt.isValid() ? static_cast<double>(request.sentAt.nsecsElapsed()) / 1e6 : 0.0;
      timeToFirstTokenMs = prior.timeToFirstTokenMs.value_or(measuredMs);
      ensureReplyRow();
      thread_handover::post(
          [&] { emit firstToken(request.requestId, static_cast<int>(session_->n_past()), timeToFirstTokenMs); });
    }
  };
  options.on_text = [&](std::string_view piece) {
    text.append(piece);
    // The sampled token is not in the cache yet; n_past + 1 is what it holds once it is.
    thread_handover::post([&] {
      emit this->piece(request.requestId, app_text::from_model_utf8(piece),
                       static_cast<int>(std::min(session_->n_past() + 1, session_->n_ctx())));
    });
    // A checkpoint every ~2 s, never per token: one fsync'd transaction each.
    if (sinceCheckpoint.elapsed() >= request.checkpointIntervalMs) {
      const QString sofar = app_text::from_model_utf8(text);
      s.update_message_content(replyId, sofar);
      sinceCheckpoint.restart();
      committedLength = static_cast<int>(sofar.size());
      thread_handover::post([&] { emit checkpointStored(request.requestId, replyId, committedLength); });
    }
  };

  ReplyOutcome outcome;
  bool engineFailed = false;
  // The API server may be generating: the reply waits for its turn, and a stop pressed meanwhile
  // ends the wait (a reply stopped before its first token).
  veloce::GenerateResult result;
  result.stop = veloce::StopReason::Cancelled;
  const auto generate = [&](veloce::Generator& generator) {
    result = generator.generate(prompt, options);
    outcome.contextUsed = static_cast<int>(session_->n_past());
  };
  const auto stopped = [&] { return cancel_.load(); };
  outcome.contextUsed = -1;  // unknown when the wait is given up: the status line keeps its figure
  try {
    shared_->use(generate, stopped);
    outcome.state = result.stop == veloce::StopReason::Cancelled ? MessageState::Stopped : MessageState::Complete;
    outcome.stats.stop = replyStopOf(result.stop);
    outcome.promptTokens = static_cast<int>(result.prompt_tokens);
    outcome.promptTokensReused = static_cast<int>(result.prompt_tokens_reused);
    outcome.completionTokens = prior.completionTokens + static_cast<int>(result.tokens.size());
    lastReplyId_ = replyId;
    lastReplyIds_ = prior.ids;
    lastReplyIds_.insert(lastReplyIds_.end(), result.tokens.begin(), result.tokens.end());
    outcome.timeToFirstTokenMs = timeToFirstTokenMs;
    outcome.tokensPerSecond = result.gen_tokens_per_s;
  } catch (const std::exception& e) {
    engineFailed = dynamic_cast<const veloce::EngineError*>(&e) != nullptr;
    // Engine failure (device lost, out of memory, fence timeout) or a failed checkpoint: keep what
    // was generated, mark it, tell the user. The KV cache may be damaged: forget its bookkeeping
    // so the next turn prefills from scratch.
    outcome.state = MessageState::Error;
    outcome.error = QString::fromUtf8(e.what());
    outcome.stats.stop = veloce::storage::ReplyStop::Error;
    lastReplyId_ = 0;
    shared_->use([](veloce::Generator& generator) { generator.reset(); }, {});
    cachedConversation_ = -1;
  }
  outcome.text = app_text::from_model_utf8(text);
  outcome.contextSize = static_cast<int>(session_->n_ctx());
  if (replyId == 0 && outcome.state == MessageState::Stopped) {
    outcome.discarded = true;
    thread_handover::post([&] { emit replyFinished(request.requestId, outcome); });
    return;
  }
  try {
    ensureReplyRow();  // an error or an end before the first token is kept and shown
  } catch (const std::exception& e) {
    thread_handover::post([&] { emit requestFailed(request.requestId, QString::fromUtf8(e.what())); });
    return;
  }
  outcome.messageId = replyId;

  if (outcome.state != MessageState::Error) {
    outcome.stats.prompt_tokens = outcome.promptTokens;
    outcome.stats.completion_tokens = outcome.completionTokens;
    if (firstSeen) {
      outcome.stats.time_to_first_token_ms = outcome.timeToFirstTokenMs;
      outcome.stats.tokens_per_second = outcome.tokensPerSecond;
    }
  }
  outcome.storedLength = committedLength;
  storeFinal(outcome);
  thread_handover::post([&] { emit replyFinished(request.requestId, outcome); });
  // After the reply's own report, so that a model lost on the way is the last word the user reads.
  if (engineFailed) renewSession();
}

void GenerationWorker::renewSession() {
  // A Vulkan session refuses all work after a GPU error (its GPU state is unknown), so the model
  // would stay "ready" while every send failed with "reload the model" (the chat worker's fault
  // sweep found it). The weights on the engine are intact: a new session (KV cache and scratch)
  // is enough after a transient fault. Where that fails too (a device really lost), the model is
  // unloaded and the controller told, so it shows "error" and offers a reload.
  const size_t n_ctx = session_->n_ctx();
  shared_->set(nullptr);
  generator_.reset();
  session_.reset();
  try {
    session_ = engine_->create_session(n_ctx);
    generator_ = std::make_unique<veloce::Generator>(*session_, model_->tokenizer());
    shared_->set(generator_.get());
  } catch (const std::exception& e) {
    unloadModel();
    thread_handover::post([&] {
      emit modelLoadFailed(tr("The GPU failed and the model was unloaded: %1 Load the model again to continue.")
                               .arg(QString::fromUtf8(e.what())));
    });
  }
}

void GenerationWorker::storeFinal(ReplyOutcome& outcome) {
  try {
    store().finish_message(outcome.messageId, outcome.text, outcome.state, outcome.stats);
    outcome.stored = true;
    outcome.storedLength = static_cast<int>(outcome.text.size());
    outcome.saveError.clear();
  } catch (const std::exception& e) {
    // Not acknowledged: the database still holds the last checkpoint in state "streaming". The
    // outcome keeps the whole text so the controller can show it and have it written later.
    outcome.stored = false;
    outcome.saveError = QString::fromUtf8(e.what());
  }
}

void GenerationWorker::saveReply(const ReplyOutcome& outcome) {
  ReplyOutcome retry = outcome;
  storeFinal(retry);
  thread_handover::post([&] { emit replySaveRetried(retry); });
}

}  // namespace veloce::app
