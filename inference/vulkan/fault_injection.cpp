#include "inference/vulkan/fault_injection.h"

#include <array>
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <mutex>

namespace veloce::vk::fault {
namespace {

struct State {
  std::array<std::atomic<uint64_t>, kKinds> counts{};
  std::atomic<int> kind{-1};  // -1: nothing planned
  std::atomic<uint64_t> nth{0};
  std::atomic<int> result{VK_SUCCESS};
  std::atomic<bool> fired{false};
};

State& state() {
  static State s;
  return s;
}

void apply(const Plan& p) {
  State& s = state();
  s.kind.store(-1);
  for (auto& c : s.counts) c.store(0);
  s.fired.store(false);
  s.nth.store(p.nth);
  s.result.store(p.result);
  if (p.nth > 0) s.kind.store(static_cast<int>(p.kind));
}

void print_report() {
  std::fprintf(stderr, "veloce: Vulkan fault hooks: alloc %llu, submit %llu, wait %llu, map %llu\n",
               static_cast<unsigned long long>(calls(Kind::Alloc)), static_cast<unsigned long long>(calls(Kind::Submit)),
               static_cast<unsigned long long>(calls(Kind::Wait)), static_cast<unsigned long long>(calls(Kind::Map)));
}

// The environment's plan is read once, before the first hooked call counts.
std::once_flag g_env_once;
void read_environment() {
  std::call_once(g_env_once, [] {
    if (const char* r = std::getenv("VELOCE_VK_FAULT_REPORT"); r && *r && std::string(r) != "0") {
      state();  // constructed before the handler is registered, so still alive when it runs
      std::atexit(print_report);
    }
    const char* v = std::getenv("VELOCE_VK_FAULT");
    if (!v || !*v) return;
    std::string error;
    if (auto p = parse(v, &error)) apply(*p);
    else std::fprintf(stderr, "veloce: ignoring VELOCE_VK_FAULT: %s\n", error.c_str());
  });
}

}  // namespace

const char* kind_name(Kind kind) {
  switch (kind) {
    case Kind::Alloc: return "alloc";
    case Kind::Submit: return "submit";
    case Kind::Wait: return "wait";
    case Kind::Map: return "map";
  }
  return "?";
}

std::optional<Plan> parse(const std::string& spec, std::string* error) {
  auto fail = [&](const std::string& why) -> std::optional<Plan> {
    if (error) *error = "'" + spec + "': " + why + " (want kind:n:result, e.g. alloc:3:oom_device)";
    return std::nullopt;
  };
  const size_t a = spec.find(':');
  const size_t b = a == std::string::npos ? a : spec.find(':', a + 1);
  if (b == std::string::npos) return fail("three fields separated by ':' expected");
  const std::string kind = spec.substr(0, a), nth = spec.substr(a + 1, b - a - 1), result = spec.substr(b + 1);
  Plan p;
  if (kind == "alloc") p.kind = Kind::Alloc;
  else if (kind == "submit") p.kind = Kind::Submit;
  else if (kind == "wait") p.kind = Kind::Wait;
  else if (kind == "map") p.kind = Kind::Map;
  else return fail("unknown kind '" + kind + "' (alloc, submit, wait, map)");
  // Digits only: strtoull alone would take "-1" as 2^64 - 1.
  if (nth.empty() || nth.size() > 18 || nth.find_first_not_of("0123456789") != std::string::npos)
    return fail("n must be a whole number from 1");
  p.nth = std::strtoull(nth.c_str(), nullptr, 10);
  if (p.nth == 0) return fail("n must be a whole number from 1");
  if (result == "oom_device") p.result = VK_ERROR_OUT_OF_DEVICE_MEMORY;
  else if (result == "oom_host") p.result = VK_ERROR_OUT_OF_HOST_MEMORY;
  else if (result == "device_lost") p.result = VK_ERROR_DEVICE_LOST;
  else if (result == "timeout") p.result = VK_TIMEOUT;
  else return fail("unknown result '" + result + "' (oom_device, oom_host, device_lost, timeout)");
  return p;
}

void configure(const Plan& plan) {
  read_environment();  // so that a later first hook does not override this plan
  apply(plan);
}

void reset() { configure(Plan{}); }

uint64_t calls(Kind kind) { return state().counts[static_cast<size_t>(kind)].load(); }

bool fired() { return state().fired.load(); }

VkResult next(Kind kind) {
  read_environment();
  State& s = state();
  const uint64_t n = s.counts[static_cast<size_t>(kind)].fetch_add(1, std::memory_order_relaxed) + 1;
  if (s.kind.load(std::memory_order_relaxed) != static_cast<int>(kind) || n != s.nth.load()) return VK_SUCCESS;
  s.fired.store(true);
  return static_cast<VkResult>(s.result.load());
}

}  // namespace veloce::vk::fault
