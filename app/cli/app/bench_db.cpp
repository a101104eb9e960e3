// veloce-cli bench-db: builds a large conversation database and times what the user waits for:
// opening the store with the sidebar filled in, and full-text searches.
#include <QElapsedTimer>
#include <QFileInfo>
#include <QUuid>

#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <random>

#include "app/cli/app/app_context.h"

namespace veloce::cli {
namespace {

using storage::Conversation;
using storage::Message;

// Pseudo-words from syllables: a vocabulary with a realistic spread of frequent and rare words.
class TextMaker {
 public:
  explicit TextMaker(uint32_t seed) : rng_(seed) {
    static const char* syllables[] = {"ka", "lo",  "mi", "ren", "to", "sha", "vel", "or", "du", "pin",
                                      "ex", "qua", "ri", "zen", "bo", "lu",  "tor", "an", "si", "gel"};
    std::uniform_int_distribution<int> count(1, 4), pick(0, 19);
    for (int i = 0; i < 5000; ++i) {
      std::string w;
      for (int s = count(rng_); s > 0; --s) w += syllables[pick(rng_)];
      words_.push_back(QString::fromStdString(w));
    }
  }
  // Zipf-like: word i has weight 1/(i+1), as in natural text.
  QString sentence(int min_words, int max_words) {
    std::uniform_int_distribution<int> length(min_words, max_words);
    std::uniform_real_distribution<double> u(0.0, 1.0);
    QString out;
    for (int n = length(rng_); n > 0; --n) {
      const auto index = static_cast<size_t>(std::pow(static_cast<double>(words_.size()), u(rng_))) - 1;
      if (!out.isEmpty()) out += QLatin1Char(' ');
      out += words_[std::min(index, words_.size() - 1)];
    }
    return out;
  }
  const QString& word(size_t i) const { return words_[i]; }
  std::mt19937& rng() { return rng_; }

 private:
  std::mt19937 rng_;
  std::vector<QString> words_;
};

void make_database(storage::ConversationStore& store, int conversations, int messages_each) {
  TextMaker text(20240501);
  const qint64 now = QDateTime::currentMSecsSinceEpoch();
  constexpr qint64 kTwoYearsMs = 2LL * 365 * 24 * 3600 * 1000;
  std::uniform_int_distribution<qint64> age(0, kTwoYearsMs);
  QElapsedTimer timer;
  timer.start();
  for (int first = 0; first < conversations; first += 250) {
    store.in_transaction([&] {
      for (int c = first; c < std::min(first + 250, conversations); ++c) {
        Conversation conv;
        conv.uuid = QUuid::createUuid().toString(QUuid::WithoutBraces);
        conv.title = text.sentence(2, 6);
        conv.created_at = QDateTime::fromMSecsSinceEpoch(now - age(text.rng()), Qt::UTC);
        conv.pinned = c % 500 == 0;
        conv.model_file = QStringLiteral("phi-4-Q4_K_M.gguf");
        conv.model_quant = QStringLiteral("Q4_K_M");
        std::vector<Message> messages;
        QString parent;
        qint64 t = conv.created_at.toMSecsSinceEpoch();
        for (int m = 0; m < messages_each; ++m) {
          Message msg;
          msg.uuid = QUuid::createUuid().toString(QUuid::WithoutBraces);
          msg.parent_uuid = parent;
          msg.role = m % 2 ? storage::Role::Assistant : storage::Role::User;
          msg.content = m % 2 ? text.sentence(30, 150) : text.sentence(5, 40);
          t += 20000;
          msg.created_at = QDateTime::fromMSecsSinceEpoch(t, Qt::UTC);
          msg.active = true;
          parent = msg.uuid;
          messages.push_back(std::move(msg));
        }
        conv.updated_at = QDateTime::fromMSecsSinceEpoch(t, Qt::UTC);
        store.import_conversation(conv, messages);
      }
    });
    if (isatty(fileno(stderr)))
      std::fprintf(stderr, "\rmade %d of %d conversations", std::min(first + 250, conversations), conversations);
  }
  std::fprintf(stderr, "\nmade in %.1f s\n", static_cast<double>(timer.elapsed()) / 1000.0);
}

// --make's bounds: 2,000,000 messages is ten times the documented 10000x20 and already a
// database of about a gigabyte; beyond it the command would fill the disk, not measure anything.
constexpr long long kMaxMakeMessages = 2'000'000;
constexpr int kMaxRuns = 1000;

struct MakeSize {
  int conversations = 0;
  int messages_each = 0;
};

// "CONVERSATIONSxMESSAGES", both positive, whole string, product within kMaxMakeMessages.
MakeSize make_size(const std::string& text) {
  const auto fail = [&] {
    return UsageError("--make expects CONVERSATIONSxMESSAGES with at most " + std::to_string(kMaxMakeMessages) +
                      " messages in all, e.g. 10000x20, not '" + text + "'");
  };
  const char* end = text.data() + text.size();
  long long conversations = 0, messages = 0;
  auto [x, ec1] = std::from_chars(text.data(), end, conversations);
  if (ec1 != std::errc() || x == end || *x != 'x') throw fail();
  auto [last, ec2] = std::from_chars(x + 1, end, messages);
  if (ec2 != std::errc() || last != end) throw fail();
  // Each factor is bounded first, so the product cannot overflow.
  if (conversations < 1 || messages < 1 || conversations > kMaxMakeMessages || messages > kMaxMakeMessages ||
      conversations * messages > kMaxMakeMessages)
    throw fail();
  return {.conversations = static_cast<int>(conversations), .messages_each = static_cast<int>(messages)};
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

int run_bench_db(Args& args) {
  const auto app = make_qt_app(false);
  const QString db = qstr(args.required({"--db"}));
  const auto make = args.value({"--make"});
  const int runs = static_cast<int>(args.integer({"--runs"}, 5));
  args.finish();
  if (runs < 1 || runs > kMaxRuns) throw UsageError("--runs must be between 1 and " + std::to_string(kMaxRuns));

  if (make) {
    const MakeSize size = make_size(*make);
    if (QFileInfo::exists(db)) throw std::runtime_error(db.toStdString() + ": exists; --make needs a new file");
    storage::ConversationStore store(db);
    make_database(store, size.conversations, size.messages_each);
  }

  // Open + sidebar, as at app start: integrity check, schema check, the whole list.
  std::vector<double> open_ms, check_free_ms, full_check_ms;
  size_t rows = 0;
  for (int r = 0; r < runs; ++r) {
    QElapsedTimer t;
    t.start();
    storage::ConversationStore store(db);
    rows = store.list_conversations().size();
    open_ms.push_back(static_cast<double>(t.nsecsElapsed()) / 1e6);
    t.restart();
    storage::ConversationStore second(db, storage::OpenOptions{.integrity = storage::IntegrityCheck::None});
    second.list_conversations();
    check_free_ms.push_back(static_cast<double>(t.nsecsElapsed()) / 1e6);
    if (r < 2) {
      t.restart();
      const QString problem = second.check_integrity_full();
      if (!problem.isEmpty()) throw std::runtime_error(db.toStdString() + ": damaged: " + problem.toStdString());
      full_check_ms.push_back(static_cast<double>(t.nsecsElapsed()) / 1e6);
    }
  }
  storage::ConversationStore store(db);
  const auto path = store.current_branch(store.list_conversations().front().id);
  std::printf("database: %s, %.1f MB, %zu conversations in the sidebar\n", db.toUtf8().constData(),
              static_cast<double>(QFileInfo(db).size()) / 1e6, rows);
  std::printf("open + start-up check + sidebar: median %.1f ms over %d runs (target < 300 ms)\n", median(open_ms), runs);
  std::printf("open + sidebar without any check (worker-thread store): median %.1f ms\n", median(check_free_ms));
  std::printf("whole-file check (background, check_integrity_full): median %.1f ms\n", median(full_check_ms));
  {
    std::vector<double> ms;
    for (int r = 0; r < runs; ++r) {
      QElapsedTimer t;
      t.start();
      store.current_branch(store.list_conversations().front().id);
      ms.push_back(static_cast<double>(t.nsecsElapsed()) / 1e6);
    }
    std::printf("sidebar reload + open first conversation (%zu messages): median %.1f ms\n", path.size(), median(ms));
  }

  // Searches: frequent, mid and rare words (the generator's Zipf ranks), two words, a prefix.
  TextMaker text(20240501);
  const QString queries[] = {text.word(0),           text.word(40),
                             text.word(4000),        text.word(3) + QLatin1Char(' ') + text.word(90),
                             text.word(120).left(3), QStringLiteral("nomatchword")};
  for (const QString& q : queries) {
    std::vector<double> ms;
    size_t hits = 0;
    for (int r = 0; r < runs; ++r) {
      QElapsedTimer t;
      t.start();
      hits = store.search(q).size();
      ms.push_back(static_cast<double>(t.nsecsElapsed()) / 1e6);
    }
    // Quoted through QString: GCC 12 warns (-Wrestrict, a false positive) on "'" + std::string.
    const QString quoted = QStringLiteral("'%1'").arg(q);
    std::printf("search %-22s %3zu results (limit 50): median %.1f ms (target < 100 ms)\n", quoted.toUtf8().constData(),
                hits, median(ms));
  }
  return 0;
}

CommandRegistration reg{{"bench-db", "time opening and searching a large conversation database",
                         "usage: veloce-cli bench-db --db FILE [--make CxM] [--runs N]\n\n"
                         "  --db FILE     the database to time (a copy you can spare)\n"
                         "  --make CxM    first create FILE with C conversations of M messages each, made\n"
                         "                of pseudo-words (e.g. 10000x20 for 200,000 messages; at most\n"
                         "                2,000,000 messages in all)\n"
                         "  --runs N      repetitions per figure, 1 to 1000; medians are reported (default 5)\n\n"
                         "Reports the time to open the store and load the whole sidebar (targets: under\n"
                         "300 ms) and to answer full-text searches (under 100 ms). Figures are with a warm\n"
                         "file cache.\n",
                         run_bench_db}};

}  // namespace
}  // namespace veloce::cli
