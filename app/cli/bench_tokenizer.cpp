// veloce-cli bench-tokenizer: encode and decode throughput of the tokenizer on a real text.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <string>
#include <vector>

#include "app/cli/command.h"
#include "app/cli/input_file.h"
#include "inference/gguf/gguf_file.h"
#include "inference/tokenizer/tokenizer.h"

namespace veloce::cli {
namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point t0) { return std::chrono::duration<double>(Clock::now() - t0).count(); }

// CPU time of this thread: on a busy machine wall time also counts the time other processes had
// the core, CPU time only what this code used.
double thread_cpu_seconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

// Best of several runs: the figure the code can reach, with scheduler noise from a shared
// machine filtered out; the median is printed beside it.
struct Timing {
  std::vector<double> runs;
  double best() const { return *std::min_element(runs.begin(), runs.end()); }
  double median() const {
    auto r = runs;
    std::sort(r.begin(), r.end());
    return r[r.size() / 2];
  }
};

int run(Args& args) {
  const std::string model = args.required({"-m", "--model"});
  const std::string file = args.required({"-f", "--file"});
  const double mb = args.number({"--mb"}, 5.0);
  const long long runs = args.integer({"--runs"}, 3);
  args.finish();
  if (mb <= 0 || mb > 4096) throw UsageError("--mb must be in (0, 4096]");
  if (runs < 1 || runs > 100) throw UsageError("--runs must be in [1, 100]");

  const std::string unit = read_input_file(file);
  if (unit.empty()) throw std::runtime_error(file + ": empty");
  // The file repeated up to the requested size: the same text a user pastes, many times over.
  const size_t target = static_cast<size_t>(mb * 1e6);
  std::string text;
  text.reserve(target + unit.size());
  while (text.size() < target) text += unit;

  auto t0 = Clock::now();
  const auto gguf = GgufFile::open(model);
  const Tokenizer tokenizer = Tokenizer::from_gguf(*gguf);
  const double load_s = seconds_since(t0);

  Timing enc, enc_cpu, dec;
  std::vector<int32_t> ids;
  std::string decoded;
  for (long long r = 0; r < runs; ++r) {
    t0 = Clock::now();
    const double c0 = thread_cpu_seconds();
    ids = tokenizer.encode(text, false);
    enc_cpu.runs.push_back(thread_cpu_seconds() - c0);
    enc.runs.push_back(seconds_since(t0));
    t0 = Clock::now();
    decoded = tokenizer.decode(ids);
    dec.runs.push_back(seconds_since(t0));
  }
  if (decoded != text) throw std::runtime_error("decode(encode(text)) differs from the text");

  // A full Phi-4 context worth of prompt: the prefix of the text that makes 16384 tokens.
  const size_t n_prompt = std::min<size_t>(16384, ids.size());
  const std::vector<int32_t> prompt_ids(ids.begin(), ids.begin() + static_cast<std::ptrdiff_t>(n_prompt));
  const std::string prompt = tokenizer.decode(prompt_ids);
  Timing ctx;
  for (int r = 0; r < 10; ++r) {
    t0 = Clock::now();
    const auto p = tokenizer.encode(prompt, false);
    ctx.runs.push_back(seconds_since(t0));
  }

  const double bytes = static_cast<double>(text.size());
  std::printf("text:    %s x %zu = %.2f MB, %zu tokens (%.2f bytes/token)\n", file.c_str(),
              (text.size() + unit.size() - 1) / unit.size(), bytes / 1e6, ids.size(),
              bytes / static_cast<double>(ids.size()));
  std::printf("load:    %.1f ms (GGUF open + tokenizer tables)\n", load_s * 1e3);
  std::printf("encode:  %.2f MB/s, %.0f tokens/s (best of %lld; median %.2f MB/s), single thread\n",
              bytes / enc.best() / 1e6, static_cast<double>(ids.size()) / enc.best(), runs, bytes / enc.median() / 1e6);
  std::printf("         %.2f MB/s by thread CPU time (best; median %.2f MB/s)\n", bytes / enc_cpu.best() / 1e6,
              bytes / enc_cpu.median() / 1e6);
  std::printf("decode:  %.1f MB/s (best of %lld; median %.1f MB/s)\n", bytes / dec.best() / 1e6, runs,
              bytes / dec.median() / 1e6);
  std::printf("prompt:  %zu tokens (%.0f KB) encode in %.2f ms (best of 10; median %.2f ms)\n", n_prompt,
              static_cast<double>(prompt.size()) / 1e3, ctx.best() * 1e3, ctx.median() * 1e3);
  return 0;
}

CommandRegistration reg{{"bench-tokenizer", "measure tokenizer encode/decode throughput",
                         R"(usage: veloce-cli bench-tokenizer -m MODEL -f FILE [--mb N] [--runs R]

Repeats the text of FILE until it is at least N megabytes (default 5), encodes it (plain
text, no special-token parsing) and decodes it back R times (default 3) on one thread, and
prints the best and median encode MB/s and tokens/s, decode MB/s, and the time to encode a
16384-token prompt (Phi-4's whole context) cut from the same text. Encode speed is also given
by the thread's CPU time, which a busy machine does not distort. Checks that decoding gives
the text back. MODEL may be a vocabulary-only GGUF.

options:
  -m, --model MODEL   GGUF file whose tokenizer is measured
  -f, --file FILE     the text (e.g. tests/data/text/seed_it.txt; a regular file of at most
                      64 MiB)
  --mb N              size of the repeated text in megabytes (default 5)
  --runs R            runs to take the best and the median of (default 3)
)",
                         run}};

}  // namespace
}  // namespace veloce::cli
