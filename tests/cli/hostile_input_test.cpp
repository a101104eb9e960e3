// veloce-cli on input a hostile world gives it: a FIFO as the model, a prompt longer than the
// context, a GPU that does not finish the model upload in time. Each is a one-line error and
// exit status 1, at once, never a hang or a crash.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <string>
#include <vector>

#include "tests/cli/process.h"
#include "tests/reference/reference_data.h"

namespace veloce::test {
namespace {

using namespace std::chrono_literals;

ProcessResult cli(std::vector<std::string> args, std::chrono::milliseconds limit = 120s) {
  args.insert(args.begin(), VELOCE_CLI);
  return run_process(args, limit);
}

size_t count_lines(const std::string& s) {
  size_t n = 0;
  for (char c : s) n += c == '\n';
  return n;
}

std::string long_prompt(int words) {
  std::string p;
  for (int i = 0; i < words; ++i) p += "snail" + std::to_string(i) + " ";
  return p;
}

TEST(CliHostile, AFifoAsTheModelFailsAtOnce) {
  char dir[] = "/tmp/veloce-cli-fifo-XXXXXX";
  ASSERT_NE(::mkdtemp(dir), nullptr);
  const std::string fifo = std::string(dir) + "/model.gguf";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  for (const char* command : {"info", "generate"}) {
    std::vector<std::string> args{command, "-m", fifo};
    if (std::string(command) == "generate") args.insert(args.end(), {"-p", "hi", "--backend", "reference"});
    const auto start = std::chrono::steady_clock::now();
    const ProcessResult r = cli(args, 20s);  // killed (exit_code -1) if it blocks
    EXPECT_LT(std::chrono::steady_clock::now() - start, 10s) << command;
    EXPECT_EQ(r.exit_code, 1) << command << ": " << r.err;
    EXPECT_EQ(count_lines(r.err), 1u) << r.err;
    EXPECT_NE(r.err.find("FIFO"), std::string::npos) << r.err;
  }
  ::unlink(fifo.c_str());
  ::rmdir(dir);
}

TEST(CliHostile, GeneratePromptLongerThanTheContextIsRefusedBeforeAnyWork) {
  const ProcessResult r =
      cli({"generate", "-m", model_path("phi4-tiny-Q8_0"), "--backend", "reference", "-c", "64", "-p", long_prompt(100)});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_EQ(count_lines(r.err), 1u) << r.err;
  EXPECT_NE(r.err.find("leaves no room for a reply in a context of 64 tokens"), std::string::npos) << r.err;
  EXPECT_EQ(r.out, "");  // nothing generated, not even the final newline
}

#ifdef VELOCE_CLI_HAS_APP
TEST(CliHostile, ChatPromptLongerThanTheContextIsAClearError) {
  char dir[] = "/tmp/veloce-cli-chat-XXXXXX";
  ASSERT_NE(::mkdtemp(dir), nullptr);
  const std::string db = std::string(dir) + "/chat.sqlite";
  const ProcessResult r = cli({"chat", "-m", model_path("phi4-tiny-Q8_0"), "--db", db, "--backend", "reference", "-c", "256",
                               "-p", long_prompt(400)});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_NE(r.err.find("too long for the context"), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find("streaming"), std::string::npos) << r.err;  // no reply was started
  for (const char* suffix : {"", "-wal", "-shm"}) ::unlink((db + suffix).c_str());
  ::rmdir(dir);
}
#endif

// The upload's fence wait times out: the first wait reports VK_TIMEOUT by fault injection (the
// copy is then surely in flight; a 0 ms poll alone races a fast driver), with a 0 ms timeout, since
// before the staging ring's destructor waited with that same spent timeout and freed buffers the
// queue was still copying from.
TEST(CliHostile, GpuUploadTimeoutIsAClearErrorNotACrash) {
  ::setenv("VELOCE_VK_FENCE_TIMEOUT_MS", "0", 1);
  ::setenv("VELOCE_VK_FAULT", "wait:1:timeout", 1);
  const ProcessResult r = cli({"generate", "-m", model_path("phi4-tiny-Q8_0"), "-p", "hi", "-n", "4", "--temp", "0"});
  ::unsetenv("VELOCE_VK_FENCE_TIMEOUT_MS");
  ::unsetenv("VELOCE_VK_FAULT");
  EXPECT_EQ(r.signal, 0) << r.err;
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_NE(r.err.find("the GPU did not finish"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace veloce::test
