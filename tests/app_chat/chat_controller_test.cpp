// ChatController end to end on the reference backend and the tiny fixture model: send -> pieces
// stream -> reply stored; stop keeps a partial reply; regenerate makes siblings; edit makes a
// branch; long conversations leave out old turns but keep them in the history.
#include <QAbstractItemModelTester>
#include <QFile>
#include <QFileInfo>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <algorithm>
#include <memory>

#include "app/chat/chat_controller.h"
#include "app/chat/conversation_title.h"
#include "app/settings/app_settings.h"
#include "app/storage/conversation_store.h"
#include "inference/model/model.h"
#include "inference/tokenizer/tokenizer.h"
#include "test_support.h"

using veloce::app::ChatController;
using veloce::storage::MessageState;

namespace {

constexpr int kTimeoutMs = 120000;
const char* const kModel = "phi4-tiny-F32.gguf";

QString joined(const QSignalSpy& pieces) {
  QString out;
  for (const auto& args : pieces) out += args.at(0).toString();
  return out;
}

QString lastContent(ChatController& chat) {
  const auto* m = chat.messages();
  return m->at(m->rowCount() - 1).content;
}

}  // namespace

class ChatControllerTest : public QObject {
  Q_OBJECT
  std::shared_ptr<const veloce::Model> model_;  // the test's own copy, for decoding references
  veloce::chat_test::GreedyReference ref_;
  std::unique_ptr<QTemporaryDir> dir_;
  std::unique_ptr<veloce::storage::ConversationStore> store_;
  std::unique_ptr<veloce::app::AppSettings> settings_;
  std::unique_ptr<ChatController> chat_;
  std::vector<std::unique_ptr<QAbstractItemModelTester>> testers_;

  // A fresh database, settings and controller; the list models get their testers before any data.
  void makeChat(int contextSize = 4096) {
    chat_.reset();
    testers_.clear();
    store_.reset();
    dir_ = std::make_unique<QTemporaryDir>();
    QVERIFY(dir_->isValid());
    store_ = std::make_unique<veloce::storage::ConversationStore>(dir_->filePath(QStringLiteral("chat.sqlite")));
    settings_ = std::make_unique<veloce::app::AppSettings>(dir_->filePath(QStringLiteral("settings.ini")));
    settings_->setDevice(QStringLiteral("reference"));
    settings_->setContextSize(contextSize);
    settings_->setTemperature(0);  // greedy: comparable with the reference
    settings_->setMaxReplyTokens(32);
    settings_->setDefaultSystemPrompt(ref_.systemPrompt);
    chat_ = std::make_unique<ChatController>(store_.get(), settings_.get());
    for (QAbstractItemModel* m : {static_cast<QAbstractItemModel*>(chat_->messages()),
                                  static_cast<QAbstractItemModel*>(chat_->conversationList()->model()),
                                  static_cast<QAbstractItemModel*>(chat_->conversationList()->searchResults())}) {
      testers_.push_back(
          std::make_unique<QAbstractItemModelTester>(m, QAbstractItemModelTester::FailureReportingMode::QtTest));
    }
  }

  void loadModel() {
    chat_->model()->load(veloce::chat_test::dataPath(QString::fromLatin1(kModel)));
    QCOMPARE(chat_->model()->state(), QStringLiteral("loading"));
    QTRY_VERIFY_WITH_TIMEOUT(chat_->model()->state() != QLatin1String("loading"), kTimeoutMs);
    QCOMPARE(chat_->model()->error(), QString());
    QCOMPARE(chat_->model()->state(), QStringLiteral("ready"));
  }

  // Sends (or runs `start`) and waits until the reply is final; returns the reply's state.
  QString waitForReply(QSignalSpy& finished) {
    [&] { QTRY_VERIFY_WITH_TIMEOUT(finished.count() > 0, kTimeoutMs); }();
    if (finished.isEmpty()) return QStringLiteral("<timeout>");
    return finished.takeFirst().at(1).toString();
  }

  // The text the reference ids stream as: through the engine's StreamDecoder, which turns invalid
  // UTF-8 (random weights produce plenty) into U+FFFD exactly as the generator does while streaming.
  QString referenceText(size_t steps) const {
    veloce::StreamDecoder decoder(model_->tokenizer());
    std::string text;
    for (size_t i = 0; i < steps; ++i) text += decoder.push(ref_.generatedIds[i]);
    return QString::fromStdString(text);
  }

 private slots:
  void initTestCase() {
    model_ = veloce::Model::load(veloce::chat_test::dataPath(QString::fromLatin1(kModel)).toStdString());
    ref_ = veloce::chat_test::loadGreedyReference(QStringLiteral("phi4-tiny-F32"));
    QVERIFY(ref_.reliableSteps() >= 8);
  }

  void cleanup() {
    chat_.reset();
    testers_.clear();
  }

  void sendStreamsAndStores() {
    makeChat();
    QCOMPARE(chat_->canSend(), false);
    QVERIFY(!chat_->cannotSendReason().isEmpty());
    loadModel();
    QCOMPARE(chat_->model()->backendName(), QStringLiteral("reference"));
    QCOMPARE(chat_->model()->quantization(), QStringLiteral("F32"));
    QCOMPARE(chat_->model()->file(), QString::fromLatin1(kModel));
    QCOMPARE(chat_->model()->contextSize(), 4096);
    QVERIFY(chat_->canSend());

    QSignalSpy pieces(chat_.get(), &ChatController::replyPiece);
    QSignalSpy finished(chat_.get(), &ChatController::replyFinished);
    QSignalSpy userStored(chat_.get(), &ChatController::userMessageStored);
    QSignalSpy rowsChanged(chat_->messages(), &QAbstractItemModel::dataChanged);
    // Prefill progress as "Reading the conversation... N of M tokens" would show it.
    std::vector<std::pair<int, int>> prefill;
    connect(chat_.get(), &ChatController::prefillProgressChanged, this,
            [&] { prefill.emplace_back(chat_->prefillDone(), chat_->prefillTotal()); });
    // What the status line would show with each piece: the context fills while the reply streams.
    std::vector<int> contextWhileStreaming;
    connect(chat_.get(), &ChatController::replyPiece, this, [&] { contextWhileStreaming.push_back(chat_->contextUsed()); });
    QVERIFY(chat_->send(ref_.userMessage));
    QCOMPARE(chat_->sendState(), QStringLiteral("prefill"));
    QVERIFY(chat_->busy());
    QVERIFY(!chat_->canSend());
    QCOMPARE(chat_->messages()->rowCount(), 2);
    QCOMPARE(waitForReply(finished), QStringLiteral("complete"));
    QCOMPARE(chat_->sendState(), QStringLiteral("idle"));
    QCOMPARE(userStored.count(), 1);

    // The streamed pieces, the view's last row and the database all hold the same reply ...
    const QString streamed = joined(pieces);
    QVERIFY(pieces.count() > 1);
    QCOMPARE(lastContent(*chat_), streamed);
    const qint64 conversation = chat_->currentConversationId();
    QVERIFY(conversation > 0);
    const auto branch = store_->current_branch(conversation);
    QCOMPARE(branch.size(), size_t{2});
    QCOMPARE(branch[0].message.role, veloce::storage::Role::User);
    QCOMPARE(branch[0].message.content, ref_.userMessage);
    QCOMPARE(branch[0].message.id, userStored.at(0).at(0).toLongLong());
    QCOMPARE(branch[1].message.role, veloce::storage::Role::Assistant);
    QCOMPARE(branch[1].message.state, MessageState::Complete);
    QCOMPARE(branch[1].message.content, streamed);
    QCOMPARE(branch[1].message.stats.completion_tokens.value_or(-1), 32);
    // The engine's own reason is stored: the 32-token limit ended it.
    QCOMPARE(branch[1].message.stats.stop, std::optional(veloce::storage::ReplyStop::Length));
    QCOMPARE(branch[1].message.stats.prompt_tokens.value_or(-1), static_cast<int>(ref_.promptIds.size()));

    // ... and it is llama.cpp's greedy reply to the same chat prompt, up to the first near-tie.
    const QString expected = referenceText(ref_.reliableSteps());
    QVERIFY2(streamed.startsWith(expected),
             qPrintable(QStringLiteral("got: %1\nexpected prefix: %2").arg(streamed, expected)));

    // Each piece changed only the reply's row (row 1): its content and its live figures (the time
    // to the first token comes once, with the first token, and stays).
    const auto roleNames = chat_->messages()->roleNames();
    const int contentRole = roleNames.key("content");
    const QList<int> perPiece{contentRole, roleNames.key("completionTokens"), roleNames.key("tokensPerSecond")};
    int contentChanges = 0;
    for (const auto& args : rowsChanged) {
      const auto roles = args.at(2).value<QList<int>>();
      if (!roles.contains(contentRole)) continue;
      ++contentChanges;
      QCOMPARE(roles, perPiece);
      QCOMPARE(args.at(0).toModelIndex().row(), 1);
      QCOMPARE(args.at(1).toModelIndex().row(), 1);
    }
    QCOMPARE(contentChanges, pieces.count());

    // The prompt was read in chunks up to its whole length, and the progress said so.
    const int promptLength = static_cast<int>(ref_.promptIds.size());
    QVERIFY(!prefill.empty());
    QCOMPARE(prefill.back(), std::make_pair(promptLength, promptLength));
    for (size_t i = 1; i < prefill.size(); ++i) QVERIFY(prefill[i].first >= prefill[i - 1].first);

    // The reply's footer figures: the engine's own, and 32 of 32 tokens means cut by the limit.
    auto replyRole = [&](const char* name) { return chat_->messages()->index(1).data(roleNames.key(name)); };
    QCOMPARE(replyRole("completionTokens").toInt(), 32);
    QCOMPARE(replyRole("tokensPerSecond").toDouble(), chat_->lastTokensPerSecond());
    QCOMPARE(replyRole("timeToFirstTokenMs").toDouble(), chat_->lastTimeToFirstTokenMs());
    QCOMPARE(replyRole("stopReason").toString(), QStringLiteral("length"));

    // Title from the first message; the sidebar shows the conversation; the status line has figures.
    QCOMPARE(chat_->currentTitle(), veloce::app::titleFromMessage(ref_.userMessage));
    QCOMPARE(store_->conversation(conversation)->title, chat_->currentTitle());
    QCOMPARE(store_->conversation(conversation)->model_quant, QStringLiteral("F32"));
    QCOMPARE(chat_->conversationList()->model()->rowCount(), 1);
    QCOMPARE(chat_->conversationList()->model()->at(0).id, conversation);
    QVERIFY(chat_->lastTokensPerSecond() > 0);
    QVERIFY(chat_->lastTimeToFirstTokenMs() > 0);
    const int prompt = static_cast<int>(ref_.promptIds.size());
    QVERIFY2(chat_->contextUsed() >= prompt + 31 && chat_->contextUsed() <= prompt + 32,
             qPrintable(QString::number(chat_->contextUsed())));
    QCOMPARE(chat_->omittedMessages(), 0);
    QCOMPARE(contextWhileStreaming.size(), static_cast<size_t>(pieces.count()));
    QVERIFY2(contextWhileStreaming.front() > prompt, qPrintable(QString::number(contextWhileStreaming.front())));
    QVERIFY(std::is_sorted(contextWhileStreaming.begin(), contextWhileStreaming.end()));
    QVERIFY(contextWhileStreaming.back() > contextWhileStreaming.front());
    QVERIFY(contextWhileStreaming.back() <= chat_->contextUsed() + 1);

    // Reopening the conversation shows the same two messages from the database, and the status
    // line says what they take of the context (measured on the worker: about the whole turn).
    // A larger limit recorded for the conversation since then does not change how the stored
    // reply ended (no guessing from its token count).
    auto recorded = store_->conversation(conversation)->settings;
    recorded.max_tokens = 1000;
    store_->set_settings(conversation, recorded);
    chat_->newConversation();
    QCOMPARE(chat_->messages()->rowCount(), 0);
    QCOMPARE(chat_->contextUsed(), 0);
    QVERIFY(chat_->openConversation(conversation));
    QCOMPARE(chat_->messages()->rowCount(), 2);
    QCOMPARE(lastContent(*chat_), streamed);
    // The stored figures come back with it.
    QCOMPARE(replyRole("completionTokens").toInt(), 32);
    QCOMPARE(replyRole("stopReason").toString(), QStringLiteral("length"));
    QVERIFY(replyRole("tokensPerSecond").toDouble() > 0);
    QTRY_VERIFY_WITH_TIMEOUT(chat_->contextUsed() > prompt, kTimeoutMs);
    QVERIFY2(chat_->contextUsed() <= prompt + 32 + 16, qPrintable(QString::number(chat_->contextUsed())));
    QCOMPARE(chat_->omittedMessages(), 0);
  }

  void continueExtendsTheCutReply() {
    makeChat();
    settings_->setMaxReplyTokens(4);
    loadModel();
    QSignalSpy finished(chat_.get(), &ChatController::replyFinished);
    QVERIFY(chat_->send(ref_.userMessage));
    QCOMPARE(waitForReply(finished), QStringLiteral("complete"));
    const int stopRole = chat_->messages()->roleNames().key("stopReason");
    QCOMPARE(chat_->messages()->index(1).data(stopRole).toString(), QStringLiteral("length"));
    const qint64 conversation = chat_->currentConversationId();
    const auto before = store_->current_branch(conversation);
    QCOMPARE(before.size(), size_t{2});
    const auto& cut = before[1].message;
    QCOMPARE(cut.content, referenceText(4));
    QCOMPARE(cut.stats.stop, std::optional(veloce::storage::ReplyStop::Length));
    const int promptLength = static_cast<int>(ref_.promptIds.size());
    QCOMPARE(cut.stats.prompt_tokens.value_or(-1), promptLength);

    // Only the last reply, and only one the limit cut.
    QVERIFY(!chat_->continueReply(before[0].message.id));
    QVERIFY(chat_->continueReply(cut.id));
    QCOMPARE(chat_->messages()->rowCount(), 2);
    QCOMPARE(waitForReply(finished), QStringLiteral("complete"));

    // The same message grew: one reply in the database, its old text first.
    const auto after = store_->current_branch(conversation);
    QCOMPARE(after.size(), size_t{2});
    QCOMPARE(store_->all_messages(conversation).size(), size_t{2});
    const auto& grown = after[1].message;
    QCOMPARE(grown.id, cut.id);
    QCOMPARE(after[1].sibling_count, 1);
    QVERIFY(grown.content.startsWith(cut.content));
    // The prompt was the old prompt + the reply's 4 ids, no <|im_end|> between them: greedy
    // decoding then goes on exactly as one uninterrupted 8-token reply (the reference's).
    QCOMPARE(grown.stats.prompt_tokens.value_or(-1), promptLength + 4);
    QCOMPARE(grown.content, referenceText(8));
    QCOMPARE(lastContent(*chat_), grown.content);
    QCOMPARE(grown.stats.completion_tokens.value_or(-1), 8);
    QCOMPARE(grown.stats.stop, std::optional(veloce::storage::ReplyStop::Length));
    QCOMPARE(chat_->messages()->index(1).data(stopRole).toString(), QStringLiteral("length"));
    // The KV cache held the old prompt and all but (at most) the last sampled id.
    QVERIFY2(chat_->lastPromptTokensReused() >= promptLength + 3,
             qPrintable(QString::number(chat_->lastPromptTokensReused())));
  }

  // The footer's rule for a continued reply: it counts the whole reply (old + new tokens) while
  // the continuation streams and when it ends, and the time to first token stays the original
  // reply's. Before, the live count restarted at the continuation's own pieces and its time to
  // first token replaced the original one.
  void continueKeepsTheWholeReplysFigures() {
    makeChat();
    settings_->setMaxReplyTokens(4);
    loadModel();
    QSignalSpy finished(chat_.get(), &ChatController::replyFinished);
    QVERIFY(chat_->send(ref_.userMessage));
    QCOMPARE(waitForReply(finished), QStringLiteral("complete"));
    auto* messages = chat_->messages();
    const int tokensRole = messages->roleNames().key("completionTokens");
    const int ttftRole = messages->roleNames().key("timeToFirstTokenMs");
    const int stateRole = messages->roleNames().key("state");
    const int tokensBefore = messages->index(1).data(tokensRole).toInt();
    const double ttftBefore = messages->index(1).data(ttftRole).toDouble();
    QCOMPARE(tokensBefore, 4);
    QVERIFY(ttftBefore > 0);

    // Every figure the footer reads while the continuation streams.
    QList<int> liveTokens;
    QList<double> liveTtft;
    const auto connection = connect(messages, &QAbstractItemModel::dataChanged, this, [&](const QModelIndex& from) {
      if (from.row() != 1 || messages->index(1).data(stateRole).toString() != QLatin1String("streaming")) return;
      liveTokens.append(messages->index(1).data(tokensRole).toInt());
      liveTtft.append(messages->index(1).data(ttftRole).toDouble());
    });
    QVERIFY(chat_->continueReply(messages->at(1).id));
    QCOMPARE(waitForReply(finished), QStringLiteral("complete"));
    disconnect(connection);

    QVERIFY(!liveTokens.isEmpty());
    const int fewestLive = *std::min_element(liveTokens.begin(), liveTokens.end());
    QVERIFY2(fewestLive >= tokensBefore, qPrintable(QStringLiteral("live count fell to %1").arg(fewestLive)));
    QVERIFY2(liveTokens.last() > tokensBefore, qPrintable(QString::number(liveTokens.last())));
    for (double ttft : liveTtft) QCOMPARE(ttft, ttftBefore);
    // The end: old + new tokens, the original time to first token, on screen and in the database.
    QCOMPARE(messages->index(1).data(tokensRole).toInt(), 8);
    QCOMPARE(messages->index(1).data(ttftRole).toDouble(), ttftBefore);
    const auto stored = store_->message(messages->at(1).id);
    QVERIFY(stored.has_value());
    QCOMPARE(stored->stats.completion_tokens.value_or(-1), 8);
    QCOMPARE(stored->stats.time_to_first_token_ms.value_or(-1), ttftBefore);
    QCOMPARE(chat_->lastTimeToFirstTokenMs(), ttftBefore);
  }

  void stopKeepsPartialReply() {
    makeChat();
    settings_->setMaxReplyTokens(3000);
    loadModel();
    QSignalSpy pieces(chat_.get(), &ChatController::replyPiece);
    QSignalSpy finished(chat_.get(), &ChatController::replyFinished);
    QVERIFY(chat_->send(ref_.userMessage));
    QTRY_VERIFY_WITH_TIMEOUT(pieces.count() >= 3, kTimeoutMs);
    chat_->stop();
    QCOMPARE(waitForReply(finished), QStringLiteral("stopped"));
    const QString streamed = joined(pieces);
    QVERIFY(!streamed.isEmpty());
    QCOMPARE(lastContent(*chat_), streamed);
    QCOMPARE(chat_->messages()->at(1).state, QStringLiteral("stopped"));
    const auto branch = store_->current_branch(chat_->currentConversationId());
    QCOMPARE(branch.size(), size_t{2});
    QCOMPARE(branch[1].message.state, MessageState::Stopped);
    QCOMPARE(branch[1].message.content, streamed);
    QVERIFY(branch[1].message.stats.completion_tokens.value_or(3000) < 3000);
    QCOMPARE(branch[1].message.stats.stop, std::optional(veloce::storage::ReplyStop::Stopped));
    const int stopRole = chat_->messages()->roleNames().key("stopReason");
    QCOMPARE(chat_->messages()->index(1).data(stopRole).toString(), QStringLiteral("stopped"));
    // Greedy, so whatever was kept agrees with the reference as far as both go.
    const QString reference = referenceText(ref_.reliableSteps());
    QVERIFY2(reference.startsWith(streamed) || streamed.startsWith(reference),
             qPrintable(QStringLiteral("got: %1\nreference: %2").arg(streamed, reference)));
  }

  // A reply the user stopped goes on where it stopped, as one the length limit cut: the chat
  // offers Continue under it, and the same message grows (before: refused, only "length" could).
  void continueGoesOnWithAReplyTheUserStopped() {
    makeChat();
    settings_->setMaxReplyTokens(3000);
    loadModel();
    QSignalSpy pieces(chat_.get(), &ChatController::replyPiece);
    QSignalSpy finished(chat_.get(), &ChatController::replyFinished);
    QVERIFY(chat_->send(ref_.userMessage));
    QTRY_VERIFY_WITH_TIMEOUT(pieces.count() >= 3, kTimeoutMs);
    chat_->stop();
    QCOMPARE(waitForReply(finished), QStringLiteral("stopped"));
    const qint64 conversation = chat_->currentConversationId();
    const auto stopped = store_->current_branch(conversation).at(1).message;
    QCOMPARE(stopped.state, MessageState::Stopped);

    settings_->setMaxReplyTokens(4);
    QVERIFY(chat_->continueReply(stopped.id));
    QCOMPARE(waitForReply(finished), QStringLiteral("complete"));
    const auto after = store_->current_branch(conversation);
    QCOMPARE(after.size(), size_t{2});
    QCOMPARE(store_->all_messages(conversation).size(), size_t{2});
    QCOMPARE(after[1].message.id, stopped.id);
    QVERIFY2(
        after[1].message.content.startsWith(stopped.content) && after[1].message.content.size() > stopped.content.size(),
        qPrintable(QStringLiteral("before: %1\nafter: %2").arg(stopped.content, after[1].message.content)));
    QCOMPARE(lastContent(*chat_), after[1].message.content);
  }

  void aStopBeforeTheFirstTokenKeepsNoEmptyReply() {
    // Stop while the prompt is still read ("Reading the conversation..."; here: pressed right
    // after send, before the worker even starts, so it lands there every time). Before, an empty
    // "stopped, 0 tokens" reply was stored and shown; now the user message stays and nothing else.
    makeChat();
    loadModel();
    QSignalSpy finished(chat_.get(), &ChatController::replyFinished);
    QSignalSpy started(chat_.get(), &ChatController::replyStarted);
    QVERIFY(chat_->send(QStringLiteral("Stop me early")));
    QCOMPARE(chat_->messages()->rowCount(), 2);  // the placeholder "Reading the conversation..."
    chat_->stop();
    QCOMPARE(waitForReply(finished), QStringLiteral("stopped"));
    QTRY_VERIFY(!chat_->busy());
    QCOMPARE(started.count(), 0);
    QCOMPARE(chat_->messages()->rowCount(), 1);
    QCOMPARE(chat_->messages()->at(0).content, QStringLiteral("Stop me early"));
    const auto branch = store_->current_branch(chat_->currentConversationId());
    QCOMPARE(branch.size(), size_t{1});
    QCOMPARE(branch[0].message.content, QStringLiteral("Stop me early"));

    // The user message can get its reply afterwards.
    QVERIFY(chat_->regenerate(chat_->messages()->at(0).id));
    QCOMPARE(waitForReply(finished), QStringLiteral("complete"));
    QCOMPARE(chat_->messages()->rowCount(), 2);
    const qint64 reply = chat_->messages()->at(1).id;
    const QString replyText = chat_->messages()->at(1).content;

    // A regenerate stopped as early: the reply it would have replaced is shown again, alone.
    QVERIFY(chat_->regenerate(reply));
    chat_->stop();
    QCOMPARE(waitForReply(finished), QStringLiteral("stopped"));
    QTRY_VERIFY(!chat_->busy());
    QCOMPARE(chat_->messages()->rowCount(), 2);
    QCOMPARE(chat_->messages()->at(1).id, reply);
    QCOMPARE(chat_->messages()->at(1).content, replyText);
    QCOMPARE(chat_->messages()->at(1).siblingCount, 1);
    QCOMPARE(store_->siblings(reply).size(), size_t{1});
  }

  void theTimeToFirstTokenShownWhileStreamingIsTheOneKept() {
    // The footer's "0.2 s to first token" while the reply streams must not turn into another
    // figure (it became 0.0 s: the engine's own clock) when the reply ends, nor in the database.
    makeChat();
    loadModel();
    const int ttftRole = chat_->messages()->roleNames().key("timeToFirstTokenMs");
    QSignalSpy finished(chat_.get(), &ChatController::replyFinished);
    double whileStreaming = -1;
    connect(chat_.get(), &ChatController::replyPiece, this, [&] {
      const int last = chat_->messages()->rowCount() - 1;
      if (whileStreaming < 0) whileStreaming = chat_->messages()->index(last).data(ttftRole).toDouble();
    });
    QVERIFY(chat_->send(ref_.userMessage));
    QCOMPARE(waitForReply(finished), QStringLiteral("complete"));
    QVERIFY2(whileStreaming > 0, qPrintable(QString::number(whileStreaming)));
    const double shownAtEnd = chat_->messages()->index(1).data(ttftRole).toDouble();
    QCOMPARE(shownAtEnd, whileStreaming);
    const auto stored = store_->message(chat_->messages()->at(1).id);
    QVERIFY(stored && stored->stats.time_to_first_token_ms);
    QCOMPARE(*stored->stats.time_to_first_token_ms, whileStreaming);
  }

  // "Last reply: ... tokens/s" is the open conversation's: another conversation, which never
  // had a reply written here, shows no figures; back in the first one, its own come back.
  void theLastReplysFiguresBelongToTheirConversation() {
    makeChat();
    loadModel();
    QSignalSpy finished(chat_.get(), &ChatController::replyFinished);
    QVERIFY(chat_->send(ref_.userMessage));
    QCOMPARE(waitForReply(finished), QStringLiteral("complete"));
    const qint64 measured = chat_->currentConversationId();
    const double tokensPerSecond = chat_->lastTokensPerSecond();
    QVERIFY(tokensPerSecond > 0);
    const auto other = store_->create_conversation({QStringLiteral("Quiet"), {}, {}, {}, {}});
    QVERIFY(chat_->openConversation(other.id));
    QCOMPARE(chat_->lastTokensPerSecond(), 0.0);
    QCOMPARE(chat_->lastTimeToFirstTokenMs(), 0.0);
    QVERIFY(chat_->openConversation(measured));
    QCOMPARE(chat_->lastTokensPerSecond(), tokensPerSecond);
  }

  void regenerateMakesSiblings() {
    makeChat();
    loadModel();
    QSignalSpy finished(chat_.get(), &ChatController::replyFinished);
    QVERIFY(chat_->send(QStringLiteral("Name three snails.")));
    QCOMPARE(waitForReply(finished), QStringLiteral("complete"));
    const qint64 first = chat_->messages()->at(1).id;
    const QString firstText = chat_->messages()->at(1).content;
    const qint64 user = chat_->messages()->at(0).id;

    settings_->setTemperature(1.0);  // different replies
    settings_->setSeed(7);
    QSignalSpy started(chat_.get(), &ChatController::replyStarted);
    QVERIFY(chat_->regenerate(first));
    QCOMPARE(chat_->messages()->rowCount(), 2);
    QCOMPARE(waitForReply(finished), QStringLiteral("complete"));
    const qint64 second = chat_->messages()->at(1).id;
    QCOMPARE(started.count(), 1);
    QCOMPARE(started.at(0).at(0).toLongLong(), second);
    QVERIFY(second != first);
    QCOMPARE(chat_->messages()->at(1).siblingIndex, 1);
    QCOMPARE(chat_->messages()->at(1).siblingCount, 2);
    QCOMPARE(chat_->messages()->at(1).parentId, user);
    const QString secondText = chat_->messages()->at(1).content;
    QCOMPARE(store_->message(second)->content, secondText);

    settings_->setSeed(8);
    QVERIFY(chat_->regenerate(second));
    QCOMPARE(waitForReply(finished), QStringLiteral("complete"));
    const qint64 third = chat_->messages()->at(1).id;
    QCOMPARE(chat_->messages()->at(1).siblingIndex, 2);  // "3/3"
    QCOMPARE(chat_->messages()->at(1).siblingCount, 3);
    const auto siblings = store_->siblings(first);
    QCOMPARE(siblings.size(), size_t{3});
    QCOMPARE(siblings[0].id, first);
    QCOMPARE(siblings[1].id, second);
    QCOMPARE(siblings[2].id, third);
    QCOMPARE(store_->message(first)->content, firstText);  // nothing overwritten

    // The switcher: back to "2/3", then "1/3", and no further.
    QVERIFY(chat_->switchSibling(third, -1));
    QCOMPARE(chat_->messages()->at(1).id, second);
    QCOMPARE(chat_->messages()->at(1).siblingIndex, 1);
    QCOMPARE(chat_->messages()->at(1).siblingCount, 3);
    QCOMPARE(chat_->messages()->at(1).content, secondText);
    QVERIFY(chat_->switchSibling(second, -1));
    QCOMPARE(chat_->messages()->at(1).id, first);
    QCOMPARE(chat_->messages()->at(1).content, firstText);
    QVERIFY(!chat_->switchSibling(first, -1));
    QVERIFY(chat_->switchSibling(first, +2));
    QCOMPARE(chat_->messages()->at(1).id, third);
    // The database remembers the shown sibling: reopening shows "3/3" again.
    QVERIFY(chat_->openConversation(chat_->currentConversationId()));
    QCOMPARE(chat_->messages()->at(1).id, third);
    QCOMPARE(chat_->messages()->at(1).siblingCount, 3);

    // Regenerate on the user message answers it again: a fourth sibling.
    QVERIFY(chat_->regenerate(user));
    QCOMPARE(waitForReply(finished), QStringLiteral("complete"));
    QCOMPARE(chat_->messages()->at(1).siblingIndex, 3);
    QCOMPARE(chat_->messages()->at(1).siblingCount, 4);
  }

  void editMakesBranch() {
    makeChat();
    loadModel();
    QSignalSpy finished(chat_.get(), &ChatController::replyFinished);
    QVERIFY(chat_->send(QStringLiteral("First question")));
    QCOMPARE(waitForReply(finished), QStringLiteral("complete"));
    const int firstTurn = chat_->contextUsed();
    QVERIFY(chat_->send(QStringLiteral("Second question")));
    QCOMPARE(waitForReply(finished), QStringLiteral("complete"));
    QCOMPARE(chat_->messages()->rowCount(), 4);
    // The second turn reused the first turn's KV cache: at least the system prompt and the first
    // question (the reply's own tokens may re-tokenize differently at its end).
    QVERIFY2(
        chat_->lastPromptTokensReused() >= firstTurn - 40 && chat_->lastPromptTokensReused() > 0,
        qPrintable(QStringLiteral("%1 reused of a first turn of %2").arg(chat_->lastPromptTokensReused()).arg(firstTurn)));
    const qint64 oldUser = chat_->messages()->at(2).id;
    const qint64 oldReply = chat_->messages()->at(3).id;
    const QString oldReplyText = chat_->messages()->at(3).content;

    QVERIFY(chat_->editMessage(oldUser, QStringLiteral("Second question, rephrased")));
    QCOMPARE(chat_->messages()->rowCount(), 4);
    QCOMPARE(waitForReply(finished), QStringLiteral("complete"));
    const qint64 newUser = chat_->messages()->at(2).id;
    QVERIFY(newUser != oldUser);
    QCOMPARE(chat_->messages()->at(2).content, QStringLiteral("Second question, rephrased"));
    QCOMPARE(chat_->messages()->at(2).siblingIndex, 1);
    QCOMPARE(chat_->messages()->at(2).siblingCount, 2);
    const auto branch = store_->current_branch(chat_->currentConversationId());
    QCOMPARE(branch.size(), size_t{4});
    QCOMPARE(branch[2].message.id, newUser);
    QCOMPARE(branch[2].message.parent_id, chat_->messages()->at(1).id);
    QCOMPARE(branch[3].message.parent_id, newUser);

    // The old branch is still there, whole, and the switcher goes back to it.
    const auto old = store_->message(oldReply);
    QVERIFY(old.has_value());
    QCOMPARE(old->parent_id, oldUser);
    QCOMPARE(old->content, oldReplyText);
    QCOMPARE(store_->all_messages(chat_->currentConversationId()).size(), size_t{6});
    QVERIFY(chat_->switchSibling(newUser, -1));
    QCOMPARE(chat_->messages()->rowCount(), 4);
    QCOMPARE(chat_->messages()->at(2).content, QStringLiteral("Second question"));
    QCOMPARE(chat_->messages()->at(3).id, oldReply);
    QCOMPARE(chat_->messages()->at(3).content, oldReplyText);

    // Editing the very first message makes a second root: a whole new branch of the conversation.
    QVERIFY(chat_->editMessage(chat_->messages()->at(0).id, QStringLiteral("Different start")));
    QCOMPARE(waitForReply(finished), QStringLiteral("complete"));
    QCOMPARE(chat_->messages()->rowCount(), 2);
    QCOMPARE(chat_->messages()->at(0).siblingCount, 2);
    QCOMPARE(store_->all_messages(chat_->currentConversationId()).size(), size_t{8});

    // The switcher back to the first root's four messages: the status line counts that branch,
    // as opening the conversation on it would (before, it kept the two-message branch's count).
    const int shortBranch = chat_->contextUsed();
    QVERIFY(shortBranch > 0);
    QVERIFY(chat_->switchSibling(chat_->messages()->at(0).id, -1));
    QCOMPARE(chat_->messages()->rowCount(), 4);
    QTRY_VERIFY_WITH_TIMEOUT(chat_->contextUsed() > shortBranch, kTimeoutMs);
    const int switched = chat_->contextUsed();
    QVERIFY(chat_->openConversation(chat_->currentConversationId()));
    QTRY_COMPARE_WITH_TIMEOUT(chat_->contextUsed(), switched, kTimeoutMs);
    QCOMPARE(chat_->messages()->rowCount(), 4);

    // A search hit in the old branch opens the conversation on that branch, focused on it.
    QSignalSpy focus(chat_.get(), &ChatController::focusMessageRequested);
    QVERIFY(chat_->openConversation(chat_->currentConversationId(), oldReply));
    QCOMPARE(chat_->messages()->rowCount(), 4);
    QCOMPARE(chat_->messages()->at(3).id, oldReply);
    QCOMPARE(focus.count(), 1);
    QCOMPARE(focus.at(0).at(0).toInt(), 3);
  }

  void longConversationLeavesOutOldTurns() {
    makeChat(256);  // the smallest context the settings allow
    settings_->setMaxReplyTokens(40);
    loadModel();
    QCOMPARE(chat_->model()->contextSize(), 256);
    QSignalSpy finished(chat_.get(), &ChatController::replyFinished);
    int turns = 0;
    while (chat_->omittedMessages() == 0 && turns < 12) {
      QVERIFY(chat_->send(QStringLiteral("Turn %1: tell me about snail number %1 and its race.").arg(turns)));
      const QString state = waitForReply(finished);
      QVERIFY2(state == QLatin1String("complete"), qPrintable(state + QLatin1Char(' ') + chat_->lastError()));
      QVERIFY(chat_->contextUsed() <= 256);
      ++turns;
    }
    QVERIFY2(chat_->omittedMessages() > 0, "the conversation never outgrew the context");
    QCOMPARE(chat_->omittedMessages() % 2, 0);  // whole turns
    // Nothing was deleted: every message is still in the database and in the view.
    QCOMPARE(store_->current_branch(chat_->currentConversationId()).size(), static_cast<size_t>(2 * turns));
    QCOMPARE(chat_->messages()->rowCount(), 2 * turns);
    // Two more turns still work (the cut moves on as needed).
    for (int i = 0; i < 2; ++i) {
      QVERIFY(chat_->send(QStringLiteral("And one more.")));
      QCOMPARE(waitForReply(finished), QStringLiteral("complete"));
      QVERIFY(chat_->omittedMessages() > 0);
    }
    QCOMPARE(store_->current_branch(chat_->currentConversationId()).size(), static_cast<size_t>(2 * turns + 4));
  }

  void errorsAreReported() {
    makeChat();
    QSignalSpy errors(chat_.get(), &ChatController::errorOccurred);
    QVERIFY(!chat_->send(QStringLiteral("no model yet")));
    QCOMPARE(errors.count(), 1);
    QCOMPARE(chat_->messages()->rowCount(), 0);

    // A file that is not a GGUF: "error" with the file named.
    const QString bogus = dir_->filePath(QStringLiteral("not-a-model.gguf"));
    QFile f(bogus);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("this is not a model file at all, just text");
    f.close();
    QVERIFY(!chat_->model()->validateFile(bogus).isEmpty());
    QCOMPARE(chat_->model()->validateFile(veloce::chat_test::dataPath(QString::fromLatin1(kModel))), QString());
    chat_->model()->load(bogus);
    QTRY_VERIFY_WITH_TIMEOUT(chat_->model()->state() != QLatin1String("loading"), kTimeoutMs);
    QCOMPARE(chat_->model()->state(), QStringLiteral("error"));
    QVERIFY2(chat_->model()->error().contains(QStringLiteral("not-a-model.gguf")), qPrintable(chat_->model()->error()));
    QVERIFY(!chat_->canSend());

    // A missing file: back to the setup view ("none"), saying which file is gone.
    chat_->model()->load(dir_->filePath(QStringLiteral("gone.gguf")));
    QCOMPARE(chat_->model()->state(), QStringLiteral("none"));
    QVERIFY(chat_->model()->error().contains(QStringLiteral("gone.gguf")));

    // A message too long for the context: the user message is kept, no reply is made, and the
    // user is told why.
    settings_->setContextSize(256);
    loadModel();
    QString huge;
    for (int i = 0; i < 120; ++i) huge += QStringLiteral("snail %1 ").arg(i);
    errors.clear();
    QVERIFY(chat_->send(huge));
    QTRY_VERIFY_WITH_TIMEOUT(!chat_->busy(), kTimeoutMs);
    QCOMPARE(errors.count(), 1);
    QVERIFY2(errors.at(0).at(0).toString().contains(QStringLiteral("context")), qPrintable(errors.at(0).at(0).toString()));
    QCOMPARE(chat_->messages()->rowCount(), 1);
    QCOMPARE(store_->current_branch(chat_->currentConversationId()).size(), size_t{1});
  }

  void aBadModelFileIsExplainedInPlainWordsFirst() {
    // What a new user met: a partly downloaded model said "GGUF: tensor ... extends past the end
    // of the data section" first. The first line now says what is wrong; the loader's detail
    // (file, field, reason) follows on the next.
    makeChat();
    const auto firstLine = [](const QString& s) { return s.section(QLatin1Char('\n'), 0, 0); };
    QFile whole(veloce::chat_test::dataPath(QString::fromLatin1(kModel)));
    QVERIFY(whole.open(QIODevice::ReadOnly));
    const QByteArray bytes = whole.readAll();
    const auto writeFile = [&](const QString& name, const QByteArray& content) {
      const QString path = dir_->filePath(name);
      QFile f(path);
      if (!f.open(QIODevice::WriteOnly) || f.write(content) != content.size()) return QString();
      return path;
    };
    const QString ends = QStringLiteral("This file is not a complete Phi-4 GGUF model: it ends early (downloaded partly?).");
    // Cut in the weights, in the tensor table, and in the header.
    for (const qsizetype size : {bytes.size() / 2, qsizetype{4096}, qsizetype{20}}) {
      const QString path = writeFile(QStringLiteral("partial-%1.gguf").arg(size), bytes.left(size));
      QVERIFY(!path.isEmpty());
      const QString problem = chat_->model()->validateFile(path);
      QCOMPARE(firstLine(problem), ends);
      QVERIFY2(problem.section(QLatin1Char('\n'), 1).contains(path), qPrintable(problem));
    }
    const QString text = writeFile(QStringLiteral("notes.gguf"), QByteArray("these are my notes, not a model at all"));
    QCOMPARE(firstLine(chat_->model()->validateFile(text)),
             QStringLiteral("This file is not a GGUF model: choose a Phi-4 .gguf file."));
    QCOMPARE(firstLine(chat_->model()->validateFile(dir_->path())),
             QStringLiteral("This is not a file: choose a Phi-4 .gguf file."));

    // Loading (the worker's path: --model, the saved setting) says the same.
    chat_->model()->load(dir_->filePath(QStringLiteral("partial-%1.gguf").arg(bytes.size() / 2)));
    QTRY_VERIFY_WITH_TIMEOUT(chat_->model()->state() != QLatin1String("loading"), kTimeoutMs);
    QCOMPARE(chat_->model()->state(), QStringLiteral("error"));
    QCOMPARE(firstLine(chat_->model()->error()), ends);
  }

  void sidebarActions() {
    makeChat();
    loadModel();
    QSignalSpy finished(chat_.get(), &ChatController::replyFinished);
    QVERIFY(chat_->send(QStringLiteral("Snails: a first chat")));
    QCOMPARE(waitForReply(finished), QStringLiteral("complete"));
    const qint64 a = chat_->currentConversationId();
    chat_->newConversation();
    QCOMPARE(chat_->currentConversationId(), -1);
    QVERIFY(chat_->send(QStringLiteral("Turtles: a second chat")));
    QCOMPARE(waitForReply(finished), QStringLiteral("complete"));
    const qint64 b = chat_->currentConversationId();
    QVERIFY(a != b);
    auto* list = chat_->conversationList()->model();
    QCOMPARE(list->rowCount(), 2);
    QCOMPARE(list->at(0).id, b);  // newest first

    QVERIFY(chat_->conversationList()->setPinned(a, true));
    QCOMPARE(list->at(0).id, a);
    QVERIFY(chat_->conversationList()->rename(a, QStringLiteral("  Renamed   snails ")));
    QCOMPARE(list->at(0).title, QStringLiteral("Renamed snails"));
    QCOMPARE(store_->conversation(a)->title, QStringLiteral("Renamed snails"));
    QVERIFY(!chat_->conversationList()->rename(a, QStringLiteral("   ")));

    chat_->conversationList()->search(QStringLiteral("turtles"));
    QVERIFY(chat_->conversationList()->searchResults()->rowCount() >= 1);
    QCOMPARE(chat_->conversationList()->searchResults()->at(0).conversation_id, b);

    // Delete with undo: gone from the list at once, back on undo, gone for good on commit.
    QVERIFY(chat_->conversationList()->remove(b));
    QCOMPARE(chat_->currentConversationId(), -1);  // it was open: the view is cleared
    QCOMPARE(list->rowCount(), 1);
    QVERIFY(chat_->conversationList()->canUndoDelete());
    QVERIFY(chat_->conversationList()->undoDelete());
    QCOMPARE(list->rowCount(), 2);
    QVERIFY(store_->conversation(b).has_value());
    QVERIFY(chat_->conversationList()->remove(b));
    chat_->conversationList()->commitDelete();
    QVERIFY(!chat_->conversationList()->canUndoDelete());
    QVERIFY(!store_->conversation(b).has_value());
    QCOMPARE(list->rowCount(), 1);
  }
};

QTEST_GUILESS_MAIN(ChatControllerTest)
#include "chat_controller_test.moc"
