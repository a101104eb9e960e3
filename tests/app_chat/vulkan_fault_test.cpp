// Vulkan fault sweep through the chat worker: ChatController loads the tiny model on the Vulkan
// backend (lavapipe in CI) and sends, while the engine's fault injection
// (inference/vulkan/fault_injection.h) makes the Nth allocation, submit, fence wait or memory map
// fail, for N sampled over the load and every N of the prompt and the decode steps. Each must end
// in the error in words (modelError / lastError, errorOccurred), never a crash or a hang; a fault
// during a reply keeps it, marked "error", holding exactly what had streamed (a prefix of the
// fault-free reply); and afterwards the same controller answers completely, both on the model
// still loaded and after a reload.
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <array>
#include <cstdio>
#include <functional>
#include <memory>

#include "app/chat/chat_controller.h"
#include "app/settings/app_settings.h"
#include "app/storage/conversation_store.h"
#include "inference/vulkan/fault_injection.h"
#include "test_support.h"

using veloce::app::ChatController;
using veloce::storage::MessageState;
namespace fault = veloce::vk::fault;

namespace {

constexpr int kTimeoutMs = 60000;  // a trial takes well under a second; a hung fence wait 15 minutes
constexpr int kReplyTokens = 4;
const QString kUserText = QStringLiteral("Hello there");
const std::array<fault::Kind, 4> kKinds = {fault::Kind::Alloc, fault::Kind::Submit, fault::Kind::Wait, fault::Kind::Map};
struct Result {
  VkResult result;
  const char* name;  // what the message must say (vk::result_name)
};
const std::array<Result, 4> kResults = {{{VK_ERROR_OUT_OF_DEVICE_MEMORY, "VK_ERROR_OUT_OF_DEVICE_MEMORY"},
                                         {VK_ERROR_OUT_OF_HOST_MEMORY, "VK_ERROR_OUT_OF_HOST_MEMORY"},
                                         {VK_ERROR_DEVICE_LOST, "VK_ERROR_DEVICE_LOST"},
                                         {VK_TIMEOUT, "VK_TIMEOUT"}}};

std::array<uint64_t, 4> snapshot() {
  std::array<uint64_t, 4> s{};
  for (size_t k = 0; k < 4; ++k) s[k] = fault::calls(kKinds[k]);
  return s;
}

// Spins the event loop until `done` or the timeout; false on timeout (a hang).
bool waitFor(const std::function<bool()>& done, int ms = kTimeoutMs) {
  QElapsedTimer t;
  t.start();
  while (!done()) {
    if (t.elapsed() > ms) return false;
    QTest::qWait(5);
  }
  return true;
}

// The message names what failed: the result by name, or the timeout in words.
bool namesIt(const QString& message, const Result& r) {
  return message.contains(QLatin1String(r.name)) || message.contains(QLatin1String("did not finish"));
}

}  // namespace

class VulkanFaultTest : public QObject {
  Q_OBJECT
  std::unique_ptr<QTemporaryDir> dir_;
  std::unique_ptr<veloce::storage::ConversationStore> store_;
  std::unique_ptr<veloce::app::AppSettings> settings_;
  std::unique_ptr<ChatController> chat_;
  QString model_;

  struct Sent {
    bool finished = false;  // false: still busy after the timeout
    QString streamed;       // the pieces, joined
    QString viewState, viewContent;
    MessageState storedState = MessageState::Streaming;
    QString storedContent;
    QStringList errors;  // errorOccurred
  };

  bool load() {
    chat_->model()->load(model_);
    return waitFor([&] { return chat_->model()->state() != QLatin1String("loading"); });
  }

  Sent send(int tokens = kReplyTokens) {
    Sent s;
    settings_->setMaxReplyTokens(tokens);
    chat_->newConversation();
    QSignalSpy pieces(chat_.get(), &ChatController::replyPiece);
    QSignalSpy errors(chat_.get(), &ChatController::errorOccurred);
    if (!chat_->send(kUserText)) return s;
    s.finished = waitFor([&] { return !chat_->busy(); });
    for (const auto& args : pieces) s.streamed += args.at(0).toString();
    for (const auto& args : errors) s.errors << args.at(0).toString();
    const auto* m = chat_->messages();
    if (m->rowCount() == 2) {
      s.viewState = m->at(1).state;
      s.viewContent = m->at(1).content;
    }
    const auto branch = store_->current_branch(chat_->currentConversationId());
    if (branch.size() == 2) {
      s.storedState = branch[1].message.state;
      s.storedContent = branch[1].message.content;
    }
    return s;
  }

 private slots:
  void init() {
    dir_ = std::make_unique<QTemporaryDir>();
    QVERIFY(dir_->isValid());
    store_ = std::make_unique<veloce::storage::ConversationStore>(dir_->filePath(QStringLiteral("chat.sqlite")));
    settings_ = std::make_unique<veloce::app::AppSettings>(dir_->filePath(QStringLiteral("settings.ini")));
    settings_->setDevice(QString());  // the Vulkan backend on the best device
    settings_->setContextSize(128);
    settings_->setTemperature(0);  // greedy: every fault-free reply is the same
    settings_->setDefaultSystemPrompt(QStringLiteral("You are a helpful assistant."));
    chat_ = std::make_unique<ChatController>(store_.get(), settings_.get());
    model_ = veloce::chat_test::dataPath(QStringLiteral("phi4-tiny-Q8_0.gguf"));
  }

  void cleanup() {
    fault::reset();
    chat_.reset();
    settings_.reset();
    store_.reset();
    dir_.reset();
  }

  void everyFaultIsAnErrorInWordsAndTheControllerRecovers() {
    fault::reset();
    // A first load and reply, so that every counted run and every trial below starts from the
    // same state (a loaded model that has answered: the reload frees it first).
    QVERIFY(load());
    QCOMPARE(chat_->model()->state(), QStringLiteral("ready"));
    QCOMPARE(chat_->model()->backendName(), QStringLiteral("vulkan"));
    const Sent ref = send();
    QVERIFY(ref.finished);
    QCOMPARE(ref.viewState, QStringLiteral("complete"));
    QVERIFY(!ref.streamed.isEmpty());
    QCOMPARE(ref.storedContent, ref.streamed);

    // Hooked calls of the load, of load + prompt (a 1-token reply needs no decode step), and of
    // the whole reply, each counted from a reload.
    fault::reset();
    QVERIFY(load());
    const auto inLoad = snapshot();
    QVERIFY(send(1).finished);
    const auto beforeDecode = snapshot();
    fault::reset();
    QVERIFY(load());
    const Sent again = send();
    const auto total = snapshot();
    QCOMPARE(again.streamed, ref.streamed);
    std::printf("hooked calls (load / +prompt / +decode):");
    for (size_t k = 0; k < 4; ++k)
      std::printf(" %s %llu/%llu/%llu", fault::kind_name(kKinds[k]), static_cast<unsigned long long>(inLoad[k]),
                  static_cast<unsigned long long>(beforeDecode[k] - inLoad[k]),
                  static_cast<unsigned long long>(total[k] - beforeDecode[k]));
    std::printf("\n");
    QVERIFY(total[1] > beforeDecode[1] && beforeDecode[1] > inLoad[1]);

    // N: four spread over the load (first, last and two between), every N of prompt and decode.
    struct Point {
      size_t kind;
      uint64_t n;
      size_t result;
    };
    std::vector<Point> points;
    for (size_t k = 0; k < 4; ++k) {
      std::vector<uint64_t> ns;
      for (uint64_t i = 0; i < 4 && inLoad[k] > 0; ++i) {
        const uint64_t n = 1 + i * (inLoad[k] - 1) / 3;
        if (ns.empty() || ns.back() != n) ns.push_back(n);
      }
      for (uint64_t n = inLoad[k] + 1; n <= total[k]; ++n) ns.push_back(n);
      for (const uint64_t n : ns) {
        points.push_back({k, n, (n + k) % kResults.size()});
        // The first decode step's submit and wait meet every result: the reply is part way there.
        if ((k == 1 || k == 2) && n == beforeDecode[k] + 1)
          for (size_t j = 1; j < kResults.size(); ++j) points.push_back({k, n, (n + k + j) % kResults.size()});
      }
    }

    std::array<std::array<int, 3>, 4> covered{};
    std::array<qsizetype, 4> decodeKept{};  // what the previous decode fault of each kind kept
    QElapsedTimer clock;
    clock.start();
    for (const Point& p : points) {
      const Result& r = kResults[p.result];
      const int phase = p.n <= inLoad[p.kind] ? 0 : p.n <= beforeDecode[p.kind] ? 1 : 2;
      const QString where = QStringLiteral("%1:%2:%3 (%4)")
                                .arg(QLatin1String(fault::kind_name(kKinds[p.kind])))
                                .arg(p.n)
                                .arg(QLatin1String(r.name))
                                .arg(QLatin1String(phase == 0   ? "load"
                                                   : phase == 1 ? "prompt"
                                                                : "decode"));
      const auto label = [&](const QString& what) { return qPrintable(where + QStringLiteral(": ") + what); };
      QSignalSpy loadErrors(chat_.get(), &ChatController::errorOccurred);
      fault::configure({kKinds[p.kind], p.n, r.result});
      QVERIFY2(load(), label(QStringLiteral("the load hangs")));
      if (phase == 0) {
        QVERIFY2(fault::fired(), label(QStringLiteral("not reached")));
        QCOMPARE(chat_->model()->state(), QStringLiteral("error"));
        QVERIFY2(namesIt(chat_->model()->error(), r), label(chat_->model()->error()));
        QVERIFY2(!chat_->model()->error().contains(QLatin1Char('\n')), label(chat_->model()->error()));
        QCOMPARE(loadErrors.count(), 1);
        QCOMPARE(loadErrors.at(0).at(0).toString(), chat_->model()->error());
        QVERIFY(!chat_->canSend());
      } else {
        QVERIFY2(chat_->model()->state() == QLatin1String("ready"), label(chat_->model()->error()));
        const Sent s = send();
        QVERIFY2(s.finished, label(QStringLiteral("the reply hangs")));
        QVERIFY2(fault::fired(), label(QStringLiteral("not reached")));
        // Kept and marked: the view and the database hold what streamed, in state "error".
        QCOMPARE(s.viewState, QStringLiteral("error"));
        QCOMPARE(s.storedState, MessageState::Error);
        QCOMPARE(s.viewContent, s.streamed);
        QCOMPARE(s.storedContent, s.streamed);
        QVERIFY2(ref.streamed.startsWith(s.streamed), label(s.streamed));
        if (phase == 1) QVERIFY2(s.streamed.isEmpty(), label(s.streamed));
        // A later fault keeps at least as much (the fixture's first token is half a UTF-8
        // character, shown only with the next one), and the last step's fault keeps text.
        if (phase == 2) {
          QVERIFY2(s.streamed.size() >= decodeKept[p.kind], label(s.streamed));
          decodeKept[p.kind] = s.streamed.size();
          if (p.n == total[p.kind])
            QVERIFY2(!s.streamed.isEmpty(), label(QStringLiteral("the text before the fault is lost")));
        }
        QCOMPARE(s.errors.size(), 1);
        QCOMPARE(chat_->lastError(), s.errors.at(0));
        QVERIFY2(namesIt(s.errors.at(0), r), label(s.errors.at(0)));
        QVERIFY2(!s.errors.at(0).contains(QLatin1Char('\n')), label(s.errors.at(0)));
        // The loaded model answers the next message in full (the fault was one call, not a dead GPU).
        fault::reset();
        const Sent next = send();
        QVERIFY2(next.finished, label(QStringLiteral("the next reply hangs")));
        QVERIFY2(
            next.viewState == QLatin1String("complete"),
            label(QStringLiteral("then ") + next.viewState + QStringLiteral(": ") + next.errors.join(QLatin1Char('|'))));
        QCOMPARE(next.streamed, ref.streamed);
      }
      // And a reload gives the fault-free reply again.
      fault::reset();
      QVERIFY2(load(), label(QStringLiteral("the reload hangs")));
      QVERIFY2(chat_->model()->state() == QLatin1String("ready"), label(chat_->model()->error()));
      const Sent after = send();
      QVERIFY2(after.finished && after.viewState == QLatin1String("complete"),
               label(QStringLiteral("then ") + after.viewState));
      QCOMPARE(after.streamed, ref.streamed);
      QCOMPARE(after.storedContent, ref.streamed);
      ++covered[p.kind][static_cast<size_t>(phase)];
    }
    std::printf("Vulkan fault sweep (chat worker): %d injection points, %.1f s\n", static_cast<int>(points.size()),
                static_cast<double>(clock.elapsed()) / 1000.0);
    for (size_t k = 0; k < 4; ++k)
      std::printf("  %-6s load %d, prompt %d, decode %d\n", fault::kind_name(kKinds[k]), covered[k][0], covered[k][1],
                  covered[k][2]);
  }

  // When not even a new session can be made after a failed reply (a device really gone: here the
  // GPU "does not finish" the reply and then the new session's first allocation fails), the model
  // is unloaded and shows "error" with the reason, instead of staying "ready" and failing every
  // send; a reload then works.
  void aModelThatCannotRecoverShowsErrorAndReloads() {
    fault::reset();
    QVERIFY(load());
    QCOMPARE(chat_->model()->state(), QStringLiteral("ready"));
    qputenv("VELOCE_VK_FENCE_TIMEOUT_MS", "0");                       // every fence wait times out
    fault::configure({fault::Kind::Alloc, 1, VK_ERROR_DEVICE_LOST});  // a reply allocates nothing
    QSignalSpy errors(chat_.get(), &ChatController::errorOccurred);
    const Sent s = send();
    // The worker renews its session after reporting the reply: wait for that before the
    // environment changes under it.
    const bool unloaded = waitFor([&] { return chat_->model()->state() == QLatin1String("error"); });
    qunsetenv("VELOCE_VK_FENCE_TIMEOUT_MS");
    const bool fired = fault::fired();
    fault::reset();
    QVERIFY(s.finished);
    QVERIFY(unloaded);
    QVERIFY(fired);
    QCOMPARE(s.viewState, QStringLiteral("error"));
    QCOMPARE(s.storedState, MessageState::Error);
    QVERIFY2(s.errors.size() == 1 && s.errors.at(0).contains(QLatin1String("did not finish")),
             qPrintable(s.errors.join(QLatin1Char('|'))));
    QVERIFY2(chat_->model()->error().contains(QLatin1String("unloaded")) &&
                 chat_->model()->error().contains(QLatin1String("VK_ERROR_DEVICE_LOST")),
             qPrintable(chat_->model()->error()));
    QCOMPARE(chat_->lastError(), chat_->model()->error());
    QVERIFY(!chat_->canSend());

    QVERIFY(load());
    QCOMPARE(chat_->model()->state(), QStringLiteral("ready"));
    const Sent after = send();
    QVERIFY(after.finished);
    QCOMPARE(after.viewState, QStringLiteral("complete"));
    QVERIFY(!after.streamed.isEmpty());
  }
};

QTEST_GUILESS_MAIN(VulkanFaultTest)
#include "vulkan_fault_test.moc"
