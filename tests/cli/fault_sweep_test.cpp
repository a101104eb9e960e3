// Vulkan fault sweep through the command line: `veloce-cli generate` on the tiny model with
// VELOCE_VK_FAULT making the Nth allocation, submit, fence wait or memory map fail, for every N
// a greedy run reaches (load, prompt and decode). Each run must end at once in exit status 1
// with exactly one error line naming what failed (beside the load's usual info lines), never a
// signal or a hang, and what it streamed before the fault must be the start of the fault-free
// reply. The engine-level sweep (tests/vulkan/fault_sweep_test.cpp) checks the same in-process;
// this one checks what a user of the CLI sees.
#include <gtest/gtest.h>
#include <stdlib.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <regex>
#include <string>
#include <vector>

#include "tests/cli/process.h"
#include "tests/reference/reference_data.h"

namespace veloce::test {
namespace {

using namespace std::chrono_literals;

constexpr int kTokens = 4;  // the prompt, then 3 decode steps (the 4th token needs no forward pass)
const std::array<const char*, 4> kKinds = {"alloc", "submit", "wait", "map"};
struct Result {
  const char* spec;
  const char* name;  // what the error line must say (vk::result_name)
};
const std::array<Result, 4> kResults = {{{"oom_device", "VK_ERROR_OUT_OF_DEVICE_MEMORY"},
                                         {"oom_host", "VK_ERROR_OUT_OF_HOST_MEMORY"},
                                         {"device_lost", "VK_ERROR_DEVICE_LOST"},
                                         {"timeout", "VK_TIMEOUT"}}};
constexpr const char* kErrorPrefix = "veloce-cli generate: ";
// Under AddressSanitizer (CI's engine suite) each run costs several times more: there the sweep
// keeps one result per point (every N of every kind still), not all four at the decode steps.
#if defined(__SANITIZE_ADDRESS__)
constexpr bool kSanitized = true;
#else
constexpr bool kSanitized = false;
#endif

// Runs generate with VELOCE_VK_FAULT (and VELOCE_VK_FAULT_REPORT) as given; "" leaves one unset.
ProcessResult generate(int tokens, const std::string& fault, bool report = false) {
  if (fault.empty()) ::unsetenv("VELOCE_VK_FAULT");
  else ::setenv("VELOCE_VK_FAULT", fault.c_str(), 1);
  if (report) ::setenv("VELOCE_VK_FAULT_REPORT", "1", 1);
  else ::unsetenv("VELOCE_VK_FAULT_REPORT");
  // A run takes about half a second; a wait that never ends would take the 15-minute fence timeout.
  ProcessResult r = run_process({VELOCE_CLI, "generate", "-m", model_path("phi4-tiny-Q8_0"), "--backend", "vulkan", "--temp",
                                 "0", "-n", std::to_string(tokens), "-c", "64", "-p", "Hello there"},
                                30s);
  ::unsetenv("VELOCE_VK_FAULT");
  ::unsetenv("VELOCE_VK_FAULT_REPORT");
  return r;
}

std::vector<std::string> lines_of(const std::string& s) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start < s.size()) {
    size_t end = s.find('\n', start);
    if (end == std::string::npos) end = s.size();
    out.push_back(s.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

// Info lines carry timings ("loaded 3.7 MiB of weights in 0.01 s"): compared without digits.
std::string without_digits(std::string s) {
  for (char& c : s)
    if (c >= '0' && c <= '9') c = '#';
  return s;
}

// The hooked calls of a fault-free run, from the VELOCE_VK_FAULT_REPORT line.
std::array<unsigned long long, 4> hooked_calls(int tokens) {
  const ProcessResult r = generate(tokens, "", true);
  std::array<unsigned long long, 4> n{};
  EXPECT_EQ(r.exit_code, 0) << r.err;
  std::smatch m;
  const std::regex line("veloce: Vulkan fault hooks: alloc (\\d+), submit (\\d+), wait (\\d+), map (\\d+)");
  EXPECT_TRUE(std::regex_search(r.err, m, line)) << r.err;
  if (m.size() == 5)
    for (size_t k = 0; k < 4; ++k) n[k] = std::stoull(m[k + 1].str());
  return n;
}

TEST(CliFaultSweep, EveryVulkanFailureIsOneClearLineAndKeepsTheReplyPrefix) {
  const ProcessResult ref = generate(kTokens, "");
  ASSERT_EQ(ref.exit_code, 0) << ref.err;
  ASSERT_GT(ref.out.size(), 1u);
  std::vector<std::string> ref_info;
  for (const auto& l : lines_of(ref.err)) ref_info.push_back(without_digits(l));
  // Calls before the first token (load and prompt: -n 1 reads the prompt, decodes nothing) and
  // in the whole run.
  const auto before_first = hooked_calls(1);
  const auto total = hooked_calls(kTokens);
  std::printf("hooked calls (load+prompt / decode):");
  for (size_t k = 0; k < 4; ++k) std::printf(" %s %llu/%llu", kKinds[k], before_first[k], total[k] - before_first[k]);
  std::printf("\n");
  ASSERT_GT(total[1], before_first[1]) << "the decode steps submit work";

  int points = 0, errors = 0;
  std::array<std::array<int, 2>, 4> covered{};
  const auto started = std::chrono::steady_clock::now();
  auto trial = [&](size_t k, unsigned long long n, const Result& result) {
    const std::string where = std::string(kKinds[k]) + ":" + std::to_string(n) + ":" + result.spec;
    const bool decode = n > before_first[k];
    const auto t0 = std::chrono::steady_clock::now();
    const ProcessResult r = generate(kTokens, where);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    ++points;
    ++covered[k][decode ? 1 : 0];
    EXPECT_EQ(r.signal, 0) << where << ": killed by signal " << r.signal << " (or by the timeout)\n" << r.err;
    EXPECT_LT(seconds, 20.0) << where;
    // Streamed text before the fault is the reference's beginning, never garbage.
    EXPECT_EQ(ref.out.compare(0, r.out.size(), r.out), 0) << where << ": printed '" << r.out << "'";
    if (r.exit_code == 0) {
      // Only a call the run never reached may leave it unharmed, and then it is the whole reply.
      EXPECT_EQ(r.out, ref.out) << where;
      return;
    }
    ++errors;
    EXPECT_EQ(r.exit_code, 1) << where << ": " << r.err;
    // A decode step runs after its token was printed (the fixture's first token is plain text).
    EXPECT_FALSE(decode && r.out.empty()) << where << ": a fault during decode lost the text before it";
    const auto lines = lines_of(r.err);
    int error_lines = 0;
    for (const auto& l : lines) {
      if (l.rfind(kErrorPrefix, 0) == 0) {
        ++error_lines;
        // Clear: the result by name (a number alone says nothing), or the timeout in words.
        const bool names_it = l.find(result.name) != std::string::npos || l.find("did not finish") != std::string::npos;
        EXPECT_TRUE(names_it) << where << ": " << l;
        EXPECT_GT(l.size(), std::string(kErrorPrefix).size() + 20) << where << ": " << l;
      } else {
        // Everything else is a line the fault-free run printed too (the load's info lines); a
        // validation message or an abort would show here.
        EXPECT_NE(std::find(ref_info.begin(), ref_info.end(), without_digits(l)), ref_info.end())
            << where << ": unexpected stderr line: " << l;
      }
    }
    EXPECT_EQ(error_lines, 1) << where << ":\n" << r.err;
    EXPECT_EQ(lines.empty() ? "" : lines.back().substr(0, std::string(kErrorPrefix).size()), kErrorPrefix)
        << where << ": the error is the last line";
  };
  for (size_t k = 0; k < 4; ++k) {
    for (unsigned long long n = 1; n <= total[k]; ++n) {
      // Each point gets one result in turn, so each kind meets every result over the sweep ...
      trial(k, n, kResults[(n + k) % kResults.size()]);
      // ... and the prompt's last call and every decode call of submit and wait meet all four:
      // these are the faults that hit a reply part way.
      if (!kSanitized && (k == 1 || k == 2) && n >= before_first[k])
        for (size_t j = 1; j < kResults.size(); ++j) trial(k, n, kResults[(n + k + j) % kResults.size()]);
    }
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::printf("Vulkan fault sweep (veloce-cli generate): %d injection points, %d ended in an error, %.1f s\n", points,
              errors, seconds);
  for (size_t k = 0; k < 4; ++k) std::printf("  %-6s load+prompt %d, decode %d\n", kKinds[k], covered[k][0], covered[k][1]);
  EXPECT_GT(covered[1][1], 0);
  EXPECT_GT(covered[2][1], 0);
}

}  // namespace
}  // namespace veloce::test
