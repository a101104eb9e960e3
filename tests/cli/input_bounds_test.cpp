// veloce-cli reads every input with a bound: a folder, a device or an endless stdin where text is
// expected, a file over the limit, sampling options outside their range and a database size
// beyond reason are each a one-line error naming the input and the limit, at once: never a hang,
// never memory eaten without end, never a silently different run.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <string>
#include <vector>

#include "tests/cli/process.h"
#include "tests/reference/reference_data.h"

namespace veloce::test {
namespace {

using namespace std::chrono_literals;

// Each refusal comes before any real work; a run killed at this limit (exit_code -1) is the
// hang the bound prevents.
constexpr auto kLimit = 30s;

ProcessResult cli(std::vector<std::string> args, const ProcessInput& input = {}) {
  args.insert(args.begin(), VELOCE_CLI);
  return run_process(args, kLimit, {}, input);
}

// A fresh folder, removed with what the test put in it.
class TempDir {
 public:
  TempDir() {
    char pattern[] = "/tmp/veloce-cli-bounds-XXXXXX";
    path_ = ::mkdtemp(pattern) ? pattern : "";
  }
  ~TempDir() {
    for (const auto& f : files_) ::unlink(f.c_str());
    ::rmdir(path_.c_str());
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  // A path inside the folder, removed at the end (with SQLite's -wal and -shm beside it).
  std::string file(const std::string& name) {
    const std::string p = path_ + "/" + name;
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) files_.push_back(p + suffix);
    return p;
  }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
  std::vector<std::string> files_;
};

bool exists(const std::string& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0;
}

TEST(CliInputBounds, TokenizeOfAFolderIsAnErrorThatSaysItIsAFolder) {
  TempDir dir;
  const ProcessResult r = cli({"tokenize", "-m", data_path("phi4-vocab.gguf"), "-f", dir.path()});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_EQ(r.err, "veloce-cli tokenize: " + dir.path() + ": a folder, not a regular file; give a text file\n");
  EXPECT_EQ(r.out, "");  // not "[]"
}

TEST(CliInputBounds, EveryFileInputRefusesADeviceAtOnce) {
  const std::vector<std::vector<std::string>> commands = {
      {"tokenize", "-m", data_path("phi4-vocab.gguf"), "-f", "/dev/zero"},
      {"perplexity", "-m", model_path("phi4-tiny-Q8_0"), "--backend", "reference", "-f", "/dev/zero"},
      {"bench-tokenizer", "-m", data_path("phi4-vocab.gguf"), "-f", "/dev/zero", "--mb", "1", "--runs", "1"},
  };
  for (const auto& args : commands) {
    const ProcessResult r = cli(args);
    EXPECT_EQ(r.exit_code, 1) << args[0] << ": " << r.err;
    EXPECT_EQ(r.err, "veloce-cli " + args[0] + ": /dev/zero: a device, not a regular file; give a text file\n");
    EXPECT_EQ(r.out, "") << args[0];
  }
}

TEST(CliInputBounds, AFileOverTheLimitIsRefusedWithoutBeingRead) {
  TempDir dir;
  const std::string big = dir.file("big.txt");
  // Sparse: 64 MiB and one byte on the file system's books, nothing written.
  const int fd = ::open(big.c_str(), O_CREAT | O_WRONLY | O_CLOEXEC, 0600);
  ASSERT_GE(fd, 0);
  ASSERT_EQ(::ftruncate(fd, (off_t{64} << 20) + 1), 0);
  ::close(fd);
  const ProcessResult r = cli({"tokenize", "-m", data_path("phi4-vocab.gguf"), "-f", big});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_EQ(r.err, "veloce-cli tokenize: " + big + ": 67108865 bytes, more than the 64 MiB limit for a text input\n");
  EXPECT_EQ(r.out, "");
}

TEST(CliInputBounds, GenerateRefusesSamplingOptionsOutsideTheirRange) {
  struct Case {
    std::vector<std::string> options;
    std::string message;
  };
  const std::vector<Case> cases = {
      {{"--temp", "nan"}, "--temp: not a finite number: nan"},
      {{"--temp", "inf"}, "--temp: not a finite number: inf"},
      {{"--temp", "-1"}, "--temp must be between 0 (greedy) and 100, not -1"},
      {{"--top-p", "5"}, "--top-p must be above 0 and at most 1 (1: off), not 5"},
      {{"--top-p", "0"}, "--top-p must be above 0 and at most 1 (1: off), not 0"},
      {{"--top-k", "-1"}, "--top-k must be between 0 (off) and 16777216, not -1"},
      // 2^32 + 40: once cut to 32 bits it read as top-k 40.
      {{"--top-k", "4294967336"}, "--top-k must be between 0 (off) and 16777216, not 4294967336"},
      {{"--min-p", "2"}, "--min-p must be between 0 (off) and 1, not 2"},
      {{"--repeat-penalty", "0"}, "--repeat-penalty must be above 0 and at most 100 (1: off), not 0"},
      {{"--repeat-last-n", "-2"}, "--repeat-last-n must be -1 (all) or between 0 and 16777216, not -2"},
  };
  for (const Case& c : cases) {
    std::vector<std::string> args = {"generate", "-m", model_path("phi4-tiny-Q8_0"), "--backend", "reference", "-p", "hi",
                                     "-n",       "1"};
    args.insert(args.end(), c.options.begin(), c.options.end());
    const ProcessResult r = cli(args);
    EXPECT_EQ(r.exit_code, 2) << c.message << ": " << r.err;
    EXPECT_EQ(r.err, "veloce-cli generate: " + c.message + " (see veloce-cli generate --help)\n");
    EXPECT_EQ(r.out, "") << c.message;  // nothing generated
  }
}

// NaN passes every range check (each comparison with it is false), so it is refused where any
// number is read: bench-tokenizer cast --mb nan to a size.
TEST(CliInputBounds, BenchTokenizerRefusesANonFiniteSize) {
  const ProcessResult r = cli({"bench-tokenizer", "-m", data_path("phi4-vocab.gguf"), "-f", data_path("text/short_en.txt"),
                               "--mb", "nan", "--runs", "1"});
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_EQ(r.err, "veloce-cli bench-tokenizer: --mb: not a finite number: nan (see veloce-cli bench-tokenizer --help)\n");
  EXPECT_EQ(r.out, "");
}

#ifdef VELOCE_CLI_HAS_APP
TEST(CliInputBounds, ChatFromAnEndlessStdinStopsAtTheLimitAndStoresNothing) {
  TempDir dir;
  const std::string db = dir.file("chat.sqlite");
  const ProcessResult r = cli({"chat", "-m", model_path("phi4-tiny-Q8_0"), "--db", db, "--backend", "reference"},
                              ProcessInput{.stdin_path = "/dev/zero"});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_EQ(r.err, "veloce-cli chat: the message on stdin is longer than the 1 MiB limit\n");
  EXPECT_FALSE(exists(db));  // refused before the database was opened
}

TEST(CliInputBounds, ChatSamplingOptionsOutsideTheirRangeNameTheRangeAndTheValue) {
  TempDir dir;
  const std::string db = dir.file("chat.sqlite");
  const std::vector<std::pair<std::vector<std::string>, std::string>> cases = {
      {{"--temp", "9"}, "--temp must be between 0 and 5, not 9"},
      {{"--top-p", "1.5"}, "--top-p must be between 0 and 1, not 1.5"},
      {{"--repeat-penalty", "0.25"}, "--repeat-penalty must be between 0.5 and 3, not 0.25"},
      {{"--top-k", "-1"}, "--top-k must be between 0 and 1048576, not -1"},
  };
  for (const auto& [options, message] : cases) {
    std::vector<std::string> args = {"chat", "-m", model_path("phi4-tiny-Q8_0"), "--db", db, "-p", "hi"};
    args.insert(args.end(), options.begin(), options.end());
    const ProcessResult r = cli(args);
    EXPECT_EQ(r.exit_code, 2) << message << ": " << r.err;
    EXPECT_EQ(r.err, "veloce-cli chat: " + message + " (see veloce-cli chat --help)\n");
    EXPECT_FALSE(exists(db)) << message;
  }
}

TEST(CliInputBounds, BenchDbMakeIsBoundedAndStrict) {
  TempDir dir;
  const std::string db = dir.file("bench.sqlite");
  for (const std::string make : {"1000000x1000", "99999999999x1", "10x20junk", "0x5"}) {
    const ProcessResult r = cli({"bench-db", "--db", db, "--make", make});
    EXPECT_EQ(r.exit_code, 2) << make << ": " << r.err;
    EXPECT_EQ(r.err,
              "veloce-cli bench-db: --make expects CONVERSATIONSxMESSAGES with at most 2000000 messages in all, "
              "e.g. 10000x20, not '" +
                  make + "' (see veloce-cli bench-db --help)\n");
    EXPECT_FALSE(exists(db)) << make;
  }
  const ProcessResult runs = cli({"bench-db", "--db", db, "--make", "1x1", "--runs", "1001"});
  EXPECT_EQ(runs.exit_code, 2) << runs.err;
  EXPECT_EQ(runs.err, "veloce-cli bench-db: --runs must be between 1 and 1000 (see veloce-cli bench-db --help)\n");
  EXPECT_FALSE(exists(db));
}
#endif

}  // namespace
}  // namespace veloce::test
