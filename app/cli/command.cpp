#include "app/cli/command.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>

namespace veloce::cli {
namespace {
std::vector<Command>& registry() {
  static std::vector<Command> r;  // function-local: safe against static initialisation order
  return r;
}
bool matches(const std::string& arg, std::initializer_list<std::string_view> names) {
  return std::any_of(names.begin(), names.end(), [&](std::string_view n) { return arg == n; });
}
std::string first_name(std::initializer_list<std::string_view> names) { return std::string(*names.begin()); }
}  // namespace

CommandRegistration::CommandRegistration(Command command) {
  registry().push_back(std::move(command));
  std::sort(registry().begin(), registry().end(), [](const Command& a, const Command& b) { return a.name < b.name; });
}

const std::vector<Command>& commands() { return registry(); }

void Args::ensure_used() {
  if (used_.size() != argv_.size()) used_.assign(argv_.size(), false);
}

std::optional<std::string> Args::value(std::initializer_list<std::string_view> names) {
  ensure_used();
  for (size_t i = 0; i < argv_.size(); ++i) {
    if (!matches(argv_[i], names)) continue;
    if (i + 1 >= argv_.size()) throw UsageError(argv_[i] + " needs a value");
    used_[i] = used_[i + 1] = true;
    return argv_[i + 1];
  }
  return std::nullopt;
}

bool Args::flag(std::initializer_list<std::string_view> names) {
  ensure_used();
  bool found = false;
  for (size_t i = 0; i < argv_.size(); ++i)
    if (!used_[i] && matches(argv_[i], names)) used_[i] = found = true;
  return found;
}

std::string Args::required(std::initializer_list<std::string_view> names) {
  auto v = value(names);
  if (!v) throw UsageError("missing " + first_name(names));
  return *v;
}

long long Args::integer(std::initializer_list<std::string_view> names, long long fallback) {
  auto v = value(names);
  if (!v) return fallback;
  long long out = 0;
  auto [p, ec] = std::from_chars(v->data(), v->data() + v->size(), out);
  if (ec != std::errc() || p != v->data() + v->size()) throw UsageError(first_name(names) + ": not an integer: " + *v);
  return out;
}

std::vector<long long> Args::integers(std::initializer_list<std::string_view> names, long long fallback) {
  auto v = value(names);
  if (!v) return {fallback};
  std::vector<long long> out;
  const char* p = v->data();
  const char* end = v->data() + v->size();
  while (true) {
    long long n = 0;
    auto [next, ec] = std::from_chars(p, end, n);
    if (ec != std::errc() || (next != end && *next != ',') || (next != end && next + 1 == end))
      throw UsageError(first_name(names) + ": not an integer or a list of integers separated by commas: " + *v);
    out.push_back(n);
    if (next == end) return out;
    p = next + 1;
  }
}

double Args::number(std::initializer_list<std::string_view> names, double fallback) {
  auto v = value(names);
  if (!v) return fallback;
  // from_chars, not stod: it ignores the locale (a decimal point always) and leading spaces.
  double d = 0;
  auto [p, ec] = std::from_chars(v->data(), v->data() + v->size(), d);
  if (ec != std::errc() || p != v->data() + v->size()) throw UsageError(first_name(names) + ": not a number: " + *v);
  // "nan" and "inf" parse, but no option means them, and NaN passes every range check unnoticed
  // (each comparison with it is false).
  if (!std::isfinite(d)) throw UsageError(first_name(names) + ": not a finite number: " + *v);
  return d;
}

std::vector<std::string> Args::positional() {
  ensure_used();
  std::vector<std::string> out;
  for (size_t i = 0; i < argv_.size(); ++i) {
    if (used_[i] || (argv_[i].size() > 1 && argv_[i][0] == '-')) continue;
    used_[i] = true;
    out.push_back(argv_[i]);
  }
  return out;
}

void Args::finish() {
  ensure_used();
  for (size_t i = 0; i < argv_.size(); ++i)
    if (!used_[i]) throw UsageError("unexpected argument '" + argv_[i] + "'");
}

std::string number_text(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%g", value);
  return text;
}

KvType kv_type_arg(Args& args) {
  const auto v = args.value({"--kv-type"});
  if (!v) return KvType::F16;
  if (const auto t = kv_type_from_name(*v)) return *t;
  throw UsageError("--kv-type must be f16 or q8_0, not '" + *v + "'");
}

}  // namespace veloce::cli
