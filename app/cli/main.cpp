// veloce-cli: the engine and the app core without a display. Commands register themselves
// (see command.h); this file only dispatches and turns exceptions into one-line errors.
#include <cstdio>
#include <exception>
#include <string>
#include <vector>

#include "app/cli/command.h"

namespace {

void print_usage() {
  std::fputs("usage: veloce-cli COMMAND [options]   (veloce-cli COMMAND --help for details)\n\ncommands:\n", stdout);
  for (const auto& c : veloce::cli::commands()) std::printf("  %-12s %s\n", c.name.c_str(), c.summary.c_str());
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2 || std::string(argv[1]) == "--help" || std::string(argv[1]) == "-h") {
    print_usage();
    return argc < 2 ? 2 : 0;
  }
  if (std::string(argv[1]) == "--version") {
    std::printf("veloce-cli %s\n", VELOCE_VERSION);
    return 0;
  }
  const std::string name = argv[1];
  for (const auto& c : veloce::cli::commands()) {
    if (c.name != name) continue;
    std::vector<std::string> rest(argv + 2, argv + argc);
    for (const auto& a : rest) {
      if (a == "--help" || a == "-h") {
        std::fputs(c.help.c_str(), stdout);
        return 0;
      }
    }
    try {
      veloce::cli::Args args(rest);
      return c.run(args);
    } catch (const veloce::cli::UsageError& e) {
      std::fprintf(stderr, "veloce-cli %s: %s (see veloce-cli %s --help)\n", name.c_str(), e.what(), name.c_str());
      return 2;
    } catch (const std::exception& e) {
      std::fprintf(stderr, "veloce-cli %s: %s\n", name.c_str(), e.what());
      return 1;
    }
  }
  std::fprintf(stderr, "veloce-cli: unknown command '%s' (see veloce-cli --help)\n", name.c_str());
  return 2;
}
