// veloce-cli chat: one user message in a new or existing conversation, through the same
// ChatController and GenerationWorker as the desktop app, so both are stored exactly as the GUI
// stores them. The reply streams to stdout; progress lines for scripts go to stderr.
#include <QCoreApplication>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTimer>
#include <atomic>
#include <csignal>
#include <cstdio>
#include <string>

#include "app/chat/chat_controller.h"
#include "app/cli/command.h"
#include "app/cli/input_file.h"
#include "app/settings/app_paths.h"
#include "app/settings/app_settings.h"
#include "app/settings/device_list.h"
#include "app/storage/conversation_store.h"

namespace veloce::cli {
namespace {

// A message this long could never fit the largest context -c allows (16384 tokens), so nothing a
// user means is refused; anything longer is an error before the database is touched.
constexpr size_t kMaxMessageBytes = size_t{1} << 20;

std::atomic<bool> g_interrupted{false};
static_assert(std::atomic<bool>::is_always_lock_free, "the flag is written from a signal handler");
extern "C" void chat_on_sigint(int) { g_interrupted.store(true); }

void line_to_stderr(const QString& text) {
  // One write per line, flushed at once: a test that kills this process reads exactly the lines
  // written before the kill, and a line is written only after what it reports is committed.
  const QByteArray bytes = text.toUtf8() + '\n';
  std::fwrite(bytes.constData(), 1, static_cast<size_t>(bytes.size()), stderr);
  std::fflush(stderr);
}

template <typename T>
T checked(long long value, long long lo, long long hi, const char* name) {
  if (value < lo || value > hi) {
    throw UsageError(std::string(name) + " must be between " + std::to_string(lo) + " and " + std::to_string(hi) + ", not " +
                     std::to_string(value));
  }
  return static_cast<T>(value);
}

double checked_number(double value, double lo, double hi, const char* name) {
  if (!(value >= lo && value <= hi)) {
    throw UsageError(std::string(name) + " must be between " + number_text(lo) + " and " + number_text(hi) + ", not " +
                     number_text(value));
  }
  return value;
}

int run(Args& args) {
  const std::string model_path = args.required({"-m", "--model"});
  const std::string db_path = args.required({"--db"});
  const long long conversation = args.integer({"--conversation"}, -1);
  auto prompt = args.value({"-p", "--prompt"});
  const std::string backend = args.value({"--backend"}).value_or("vulkan");
  const std::string device = args.value({"--device"}).value_or("");
  const int max_tokens = checked<int>(args.integer({"-n", "--max-tokens"}, 1024), 1, 16384, "-n");
  const int n_ctx = checked<int>(args.integer({"-c", "--ctx-size"}, 4096), 256, 16384, "-c");
  const double temp = checked_number(args.number({"--temp"}, 0.7), 0, 5, "--temp");
  const int top_k = checked<int>(args.integer({"--top-k"}, 40), 0, 1 << 20, "--top-k");
  const double top_p = checked_number(args.number({"--top-p"}, 0.95), 0, 1, "--top-p");
  const double min_p = checked_number(args.number({"--min-p"}, 0.05), 0, 1, "--min-p");
  const double repeat_penalty = checked_number(args.number({"--repeat-penalty"}, 1.0), 0.5, 3, "--repeat-penalty");
  const long long seed = args.integer({"--seed"}, 0);
  const auto system = args.value({"--system"});
  const int checkpoint_ms = checked<int>(args.integer({"--checkpoint-ms"}, 2000), 1, 600000, "--checkpoint-ms");
  const bool regenerate = args.flag({"--regenerate"});
  args.finish();
  if (regenerate && (conversation < 0 || prompt)) throw UsageError("--regenerate needs --conversation and no message");
  if (backend != "vulkan" && backend != "reference") throw UsageError("--backend must be vulkan or reference");
  if (seed < 0) throw UsageError("--seed must be 0 (random) or positive");
  if (!prompt && !regenerate) {
    // No -p: the message is stdin, so long or multi-line text needs no quoting.
    // Bounded: stdin may be /dev/zero or a pipe that never ends.
    prompt = read_bounded(stdin, kMaxMessageBytes, "the message on stdin");
  }
  if (!regenerate && QString::fromStdString(*prompt).trimmed().isEmpty()) throw UsageError("the message is empty");

  int argc = 1;
  char name[] = "veloce-cli";
  char* argv[] = {name, nullptr};
  QCoreApplication app(argc, argv);
  app::apply_app_identity();

  // The CLI's settings come from its options only, never from (or into) the GUI's settings file.
  QTemporaryDir settings_dir;
  if (!settings_dir.isValid()) throw std::runtime_error("cannot create a temporary folder for settings");
  app::AppSettings settings(settings_dir.filePath(QStringLiteral("settings.ini")));
  settings.setModelPathOverride(QString::fromStdString(model_path));
  settings.setDevice(backend == "reference" ? QString::fromLatin1(app::kReferenceDeviceId) : QString::fromStdString(device));
  settings.setContextSize(n_ctx);
  settings.setMaxReplyTokens(max_tokens);
  settings.setTemperature(temp);
  settings.setTopK(top_k);
  settings.setTopP(top_p);
  settings.setMinP(min_p);
  settings.setRepeatPenalty(repeat_penalty);
  settings.setSeed(seed);
  if (system) settings.setDefaultSystemPrompt(QString::fromStdString(*system));

  storage::ConversationStore store(QString::fromStdString(db_path));
  if (!store.open_report().user_message.isEmpty()) line_to_stderr(store.open_report().user_message);

  app::ChatController chat(&store, &settings);
  chat.setCheckpointInterval(checkpoint_ms);
  if (conversation >= 0 && !chat.openConversation(conversation)) {
    throw std::runtime_error("conversation " + std::to_string(conversation) + ": " + chat.lastError().toStdString());
  }

  QString failure;
  QString final_state;
  qint64 announced = -1;
  QObject::connect(&chat, &app::ChatController::errorOccurred, [&](const QString& m) { failure = m; });
  QObject::connect(chat.model(), &app::ModelController::infoChanged, [&] {
    const QString last = chat.model()->info().section(QLatin1Char('\n'), -1);
    if (!last.isEmpty()) line_to_stderr(last);
  });
  QObject::connect(&chat, &app::ChatController::currentConversationChanged, [&] {
    if (chat.currentConversationId() > 0 && chat.currentConversationId() != announced) {
      announced = chat.currentConversationId();
      line_to_stderr(QStringLiteral("conversation %1").arg(announced));
    }
  });
  QObject::connect(&chat, &app::ChatController::userMessageStored,
                   [&](qint64 id) { line_to_stderr(QStringLiteral("stored user message %1").arg(id)); });
  QObject::connect(&chat, &app::ChatController::replyStarted,
                   [&](qint64 id) { line_to_stderr(QStringLiteral("reply %1 streaming").arg(id)); });
  QObject::connect(&chat, &app::ChatController::replyPiece, [&](const QString& piece) {
    const QByteArray bytes = piece.toUtf8();
    std::fwrite(bytes.constData(), 1, static_cast<size_t>(bytes.size()), stdout);
    std::fflush(stdout);
  });
  QObject::connect(&chat, &app::ChatController::replyCheckpointed, [&](qint64 id, int length) {
    line_to_stderr(QStringLiteral("stored reply %1 partial %2").arg(id).arg(length));
  });
  // Printed at most once: a reply whose final write is retried ends the streamed text only once.
  bool reply_ended = false;
  auto end_reply_text = [&] {
    if (reply_ended) return;
    reply_ended = true;
    std::fputs("\n", stdout);
    std::fflush(stdout);
  };
  QObject::connect(&chat, &app::ChatController::replyFinished, [&](qint64 id, const QString& state) {
    final_state = state;
    end_reply_text();
    line_to_stderr(QStringLiteral("stored reply %1 %2").arg(id).arg(state));
    QCoreApplication::quit();
  });
  // The final write failed: no "stored" line (nothing new is committed). Say what the database
  // holds, try once more after a pause, then give up with exit status 1.
  int save_retries = 1;
  bool retrying = false;
  QObject::connect(&chat, &app::ChatController::replySaveFailed, [&](qint64 id, int length) {
    end_reply_text();
    line_to_stderr(QStringLiteral("reply %1 not saved: the database holds its first %2 units").arg(id).arg(length));
    if (save_retries-- > 0) {
      retrying = true;
      QTimer::singleShot(1000, &chat, [&] { chat.retrySave(); });
    } else {
      retrying = false;
      failure = chat.lastError();
      QCoreApplication::quit();
    }
  });
  QObject::connect(&chat, &app::ChatController::sendStateChanged, [&] {
    if (!chat.busy() && !retrying) QCoreApplication::quit();
  });
  QObject::connect(chat.model(), &app::ModelController::stateChanged, [&] {
    if (chat.model()->state() == QLatin1String("ready")) {
      if (regenerate) {
        // A new version of the shown branch's last reply, as the regenerate button makes it.
        const auto* rows = chat.messages();
        qint64 last = -1;
        for (int row = rows->rowCount() - 1; row >= 0 && last < 0; --row)
          if (rows->at(row).role == QLatin1String("assistant")) last = rows->at(row).id;
        if (last < 0 || !chat.regenerate(last)) {
          failure = QStringLiteral("conversation %1 has no reply to regenerate").arg(conversation);
          QCoreApplication::quit();
        }
      } else if (!chat.send(QString::fromStdString(*prompt))) {
        QCoreApplication::quit();
      }
    } else if (chat.model()->state() != QLatin1String("loading")) {
      failure = chat.model()->error().isEmpty() ? chat.cannotSendReason() : chat.model()->error();
      QCoreApplication::quit();
    }
  });

  // Ctrl-C stops the reply like the stop button: it is kept, marked stopped, and we exit 0.
  auto previous = std::signal(SIGINT, chat_on_sigint);
  QTimer poll;
  QObject::connect(&poll, &QTimer::timeout, [&] {
    if (g_interrupted.exchange(false)) chat.stop();
  });
  poll.start(50);

  chat.model()->load(QString());
  QCoreApplication::exec();
  std::signal(SIGINT, previous == SIG_ERR ? SIG_DFL : previous);

  if (final_state == QLatin1String("complete") || final_state == QLatin1String("stopped")) return 0;
  if (failure.isEmpty()) failure = QStringLiteral("the reply did not finish");
  throw std::runtime_error(failure.toStdString());
}

CommandRegistration reg{{"chat", "send one message in a stored conversation and stream the reply",
                         R"(usage: veloce-cli chat -m MODEL --db FILE [--conversation ID] [-p TEXT] [-n N]
                         [-c CTX] [--backend B] [--device D] [--temp T] [--top-k K]
                         [--top-p P] [--min-p P] [--repeat-penalty R] [--seed S]
                         [--system TEXT] [--checkpoint-ms MS] [--regenerate]

Sends one user message through the same code as the desktop app: the message is committed
first, the reply streams to stdout and is committed every --checkpoint-ms while streaming and
when it ends. Without --conversation a new conversation is made, titled from the message.
Ctrl-C stops the reply (it is kept, marked stopped; exit status 0).

stderr gets one line per event, each written only after the database commit it reports:
  conversation ID                 the conversation (new or existing)
  stored user message ID          the user message is committed
  reply ID streaming              the reply row exists (state "streaming")
  stored reply ID partial N       the reply's first N UTF-16 units are committed
  stored reply ID STATE           the reply is final: complete, stopped or error
  reply ID not saved: ...         its final write failed (nothing new committed); retried once,
                                  then exit status 1 with the reason

options:
  -m, --model MODEL       Phi-4 GGUF file
  --db FILE               conversation database (created when missing)
  --conversation ID       continue this conversation, after the last message of its shown branch
  -p, --prompt TEXT       the message (default: all of stdin, at most 1 MiB)
  -n, --max-tokens N      longest reply in tokens (default 1024)
  -c, --ctx-size CTX      context size in tokens (default 4096, 256 .. 16384)
  --backend B             vulkan (default) or reference (the fp32 CPU oracle: slow)
  --device D              Vulkan device by index, name or UUID (default: VELOCE_DEVICE or the best)
  --temp T                temperature (default 0.7; 0: greedy)
  --top-k K, --top-p P, --min-p P, --repeat-penalty R   as veloce-cli generate
  --seed S                random seed (default 0: a new one per reply)
  --system TEXT           system prompt for a new conversation without its own
                          (default "You are a helpful assistant.")
  --checkpoint-ms MS      how often the streaming reply is committed (default 2000)
  --regenerate            no message: a new version of the last reply of --conversation's
                          shown branch (as the app's regenerate button)
)",
                         run}};

}  // namespace
}  // namespace veloce::cli
