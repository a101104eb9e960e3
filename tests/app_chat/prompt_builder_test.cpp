// The prompt builder: the system prompt always stays, the oldest whole turns go when the
// conversation no longer fits, the cut is stable between turns (KV prefix reuse), and the result
// is exactly what render_chat makes of the kept messages. Also the automatic title.
#include <QTest>
#include <algorithm>
#include <span>
#include <string>
#include <vector>

#include "app/chat/conversation_title.h"
#include "inference/generation/prompt_builder.h"
#include "inference/model/model.h"
#include "inference/tokenizer/chat_format.h"
#include "test_support.h"

using veloce::build_prompt;
using veloce::ChatMessage;
using veloce::ChatRole;
using veloce::PromptLimits;

namespace {

std::vector<ChatMessage> conversation(int turns, int firstTurn = 0) {
  std::vector<ChatMessage> out;
  for (int t = firstTurn; t < firstTurn + turns; ++t) {
    out.push_back({ChatRole::User, "Question " + std::to_string(t) + ": how many ways can five snails finish a race?"});
    out.push_back({ChatRole::Assistant, "Answer " + std::to_string(t) +
                                            ": there are 5 factorial orders, 120, if no two snails tie; "
                                            "with ties allowed there are 541 weak orders."});
  }
  return out;
}

// What render_chat (the engine's own rendering) makes of system + messages[first..].
std::vector<int32_t> expected(const veloce::Tokenizer& tok, const std::string& system,
                              const std::vector<ChatMessage>& messages, size_t first) {
  std::vector<ChatMessage> kept;
  if (!system.empty()) kept.push_back({ChatRole::System, system});
  kept.insert(kept.end(), messages.begin() + static_cast<std::ptrdiff_t>(first), messages.end());
  return veloce::render_chat(tok, kept, true);
}

}  // namespace

class PromptBuilderTest : public QObject {
  Q_OBJECT
  std::shared_ptr<const veloce::Model> model_;
  const std::string system_ = "You are a helpful assistant who counts carefully.";

  const veloce::Tokenizer& tok() const { return model_->tokenizer(); }

 private slots:
  void initTestCase() {
    model_ = veloce::Model::load(veloce::chat_test::dataPath(QStringLiteral("phi4-tiny-Q8_0.gguf")).toStdString());
  }

  void everythingFits() {
    auto messages = conversation(3);
    messages.push_back({ChatRole::User, "And with six snails?"});
    const auto plan = build_prompt(tok(), system_, messages, PromptLimits{4096, 512});
    QCOMPARE(plan.omitted, size_t{0});
    QCOMPARE(plan.first_kept, size_t{0});
    QVERIFY(plan.tokens == expected(tok(), system_, messages, 0));
  }

  void noSystemPrompt() {
    const std::vector<ChatMessage> messages{{ChatRole::User, "Hi"}};
    const auto plan = build_prompt(tok(), "", messages, PromptLimits{256, 64});
    QVERIFY(plan.tokens == veloce::render_chat(tok(), messages, true));
  }

  void oldestTurnsLeftOutSystemKept() {
    auto messages = conversation(12);
    messages.push_back({ChatRole::User, "And with six snails?"});
    const size_t full = expected(tok(), system_, messages, 0).size();
    const size_t reserve = 64;
    const size_t n_ctx = full / 2 + reserve;  // room for about half of the conversation
    const size_t budget = n_ctx - reserve;
    const auto plan = build_prompt(tok(), system_, messages, PromptLimits{n_ctx, reserve});

    QVERIFY(plan.omitted > 0);
    QCOMPARE(plan.omitted, plan.first_kept);
    QVERIFY(plan.first_kept < messages.size());
    QCOMPARE(messages[plan.first_kept].role, ChatRole::User);  // whole turns only
    QVERIFY(plan.tokens == expected(tok(), system_, messages, plan.first_kept));
    QVERIFY(plan.tokens.size() <= budget);
    // The system prompt is still the start of the prompt.
    const std::vector<ChatMessage> systemOnly{{ChatRole::System, system_}};
    const auto systemTokens = veloce::render_chat(tok(), systemOnly, false);
    QVERIFY(std::equal(systemTokens.begin(), systemTokens.end(), plan.tokens.begin()));
    // Cut to 3/4 of the budget (room for the next turns), and no deeper than that.
    QVERIFY(plan.tokens.size() <= budget * 3 / 4);
    QVERIFY(expected(tok(), system_, messages, plan.first_kept - 2).size() > budget * 3 / 4);

    // Next turn: the same start is kept while it fits, so the old prompt (less the assistant
    // header) is a prefix of the new one and its KV cache is reused.
    auto next = messages;
    next.push_back({ChatRole::Assistant, "With six snails there are 720 orders."});
    next.push_back({ChatRole::User, "Thanks!"});
    const auto plan2 = build_prompt(tok(), system_, next, PromptLimits{n_ctx, reserve}, plan.first_kept);
    QCOMPARE(plan2.first_kept, plan.first_kept);
    const std::vector<ChatMessage> header;
    const size_t headerSize = veloce::render_chat(tok(), header, true).size();
    QVERIFY(
        std::equal(plan.tokens.begin(), plan.tokens.end() - static_cast<std::ptrdiff_t>(headerSize), plan2.tokens.begin()));

    // Without the hint the builder would have cut at the tightest place instead: the hint is what
    // keeps the start stable. Once the hinted start no longer fits, the start moves forward.
    auto longer = next;
    for (const auto& m : conversation(6, 100)) longer.push_back(m);
    longer.push_back({ChatRole::User, "One more question."});
    const auto plan3 = build_prompt(tok(), system_, longer, PromptLimits{n_ctx, reserve}, plan.first_kept);
    QVERIFY(plan3.first_kept > plan.first_kept);
    QCOMPARE(longer[plan3.first_kept].role, ChatRole::User);
    QVERIFY(plan3.tokens == expected(tok(), system_, longer, plan3.first_kept));
    QVERIFY(plan3.tokens.size() <= budget);
  }

  void messageTooLongForTheContext() {
    std::string huge;
    for (int i = 0; i < 200; ++i) huge += "snail race number " + std::to_string(i) + ", ";
    const std::vector<ChatMessage> messages{{ChatRole::User, huge}};
    QVERIFY_THROWS_EXCEPTION(veloce::PromptTooLongError, build_prompt(tok(), system_, messages, PromptLimits{512, 128}));
    // With a large enough context it fits.
    QVERIFY(!build_prompt(tok(), system_, messages, PromptLimits{16384, 128}).tokens.empty());
  }

  void replyReserve() {
    QCOMPARE(veloce::reply_reserve_for(4096, 1024), size_t{1024});
    QCOMPARE(veloce::reply_reserve_for(1024, 4096), size_t{512});  // never more than half
  }

  void titles() {
    using veloce::app::titleFromMessage;
    QCOMPARE(titleFromMessage(QStringLiteral("  Hello   world \n second line")), QStringLiteral("Hello world"));
    QCOMPARE(titleFromMessage(QStringLiteral("\n\n  \nThird line first")), QStringLiteral("Third line first"));
    const QString longText =
        QStringLiteral("In how many different orders can five snails finish a race if ties are allowed between them?");
    const QString t = titleFromMessage(longText);
    QVERIFY(t.size() <= veloce::app::kMaxTitleLength);
    QVERIFY(t.endsWith(QChar(0x2026)));
    QCOMPARE(t, QStringLiteral("In how many different orders can five snails finish a race") + QChar(0x2026));
    // One very long word is cut hard; a surrogate pair is never split.
    const QString emoji = QString(58, QLatin1Char('a')) + QString::fromUtf8("\xF0\x9F\x90\x8C\xF0\x9F\x90\x8C");
    const QString te = titleFromMessage(emoji);
    QVERIFY(!te.chopped(1).back().isHighSurrogate());
    QVERIFY(!titleFromMessage(QStringLiteral(" \n\t ")).isEmpty());
  }
};

QTEST_GUILESS_MAIN(PromptBuilderTest)
#include "prompt_builder_test.moc"
