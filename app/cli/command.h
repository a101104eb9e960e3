#pragma once
// veloce-cli commands: each lives in its own file and registers itself with a static
// CommandRegistration, so adding a command touches no shared file.
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "inference/model/kv_type.h"

namespace veloce::cli {

// Parsed "--name value" / "-n value" / "--flag" arguments of one command.
class Args {
 public:
  Args(std::vector<std::string> argv) : argv_(std::move(argv)) {}
  // Value of the first of the given spellings ("-m", "--model"); nullopt when absent.
  std::optional<std::string> value(std::initializer_list<std::string_view> names);
  bool flag(std::initializer_list<std::string_view> names);
  std::string required(std::initializer_list<std::string_view> names);  // throws UsageError
  long long integer(std::initializer_list<std::string_view> names, long long fallback);
  // "512,4096": one or more integers separated by commas (llama-bench's spelling of a sweep).
  std::vector<long long> integers(std::initializer_list<std::string_view> names, long long fallback);
  // A finite decimal number; UsageError for anything else ("nan", "inf", trailing text).
  double number(std::initializer_list<std::string_view> names, double fallback);
  // Throws UsageError for any argument not consumed by the calls above.
  void finish();
  // Positional (not "-"-prefixed) arguments not consumed by value().
  std::vector<std::string> positional();

 private:
  std::vector<std::string> argv_;
  std::vector<bool> used_;
  void ensure_used();
};

struct UsageError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct Command {
  std::string name;
  std::string summary;            // one line for `veloce-cli --help`
  std::string help;               // full text for `veloce-cli NAME --help`
  std::function<int(Args&)> run;  // returns the exit status; throw for errors
};

struct CommandRegistration {
  explicit CommandRegistration(Command command);
};

const std::vector<Command>& commands();

// A number as a person writes it ("0.5", "100", "1e-05"), for messages that quote an option.
std::string number_text(double value);

// --kv-type f16|q8_0 (default f16), the same spelling and error in every command that has it.
KvType kv_type_arg(Args& args);

}  // namespace veloce::cli
