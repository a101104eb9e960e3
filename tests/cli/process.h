#pragma once
// Runs a program as a child process with its stdout and stderr captured, for CLI tests.
#include <chrono>
#include <functional>
#include <string>
#include <vector>

namespace veloce::test {

struct ProcessResult {
  int exit_code = -1;  // -1 when killed by a signal
  int signal = 0;
  std::string out;
  std::string err;
};

// What the child reads: by default this process's stdin.
struct ProcessInput {
  std::string stdin_path;  // when set, the child's stdin is this file opened for reading (e.g. /dev/zero)
};

// on_output is called whenever stdout grows (with the whole stdout so far) and may return
// true to have SIGINT sent to the child once. The child is killed after `limit`.
ProcessResult run_process(const std::vector<std::string>& argv, std::chrono::milliseconds limit,
                          const std::function<bool(const std::string&)>& on_output = {}, const ProcessInput& input = {});

}  // namespace veloce::test
