#pragma once
// Test-only Vulkan fault injection: makes the Nth call of one kind (memory allocation, queue
// submit, fence wait, memory map) fail with a chosen VkResult instead of reaching the driver, so
// the tests can prove that every such failure ends in a clear error, never a crash or a hang.
//
// Off unless configured, by the environment (read once, at the first hooked call):
//   VELOCE_VK_FAULT="<kind>:<n>:<result>"   kind: alloc | submit | wait | map; n counts from 1;
//   result: oom_device | oom_host | device_lost | timeout
// or in-process by configure() (the sweeps in tests/). VELOCE_VK_FAULT_REPORT=1 prints the counts
// at exit ("veloce: Vulkan fault hooks: alloc A, submit S, wait W, map M" on stderr), so that a
// sweep over a separate process (tests/cli) learns which N its scenario reaches. The hooks are one line at each call site:
//   const VkResult r = fault::call(fault::Kind::Alloc, [&] { return vkAllocateMemory(...); });
// Disabled, a hook costs one relaxed atomic increment; no driver call is skipped.
#include <vulkan/vulkan.h>

#include <cstdint>
#include <optional>
#include <string>

namespace veloce::vk::fault {

enum class Kind : uint8_t { Alloc, Submit, Wait, Map };
inline constexpr int kKinds = 4;

struct Plan {
  Kind kind = Kind::Alloc;
  uint64_t nth = 0;  // 1-based; 0 injects nothing (only counts)
  VkResult result = VK_ERROR_OUT_OF_DEVICE_MEMORY;
};

// "alloc:3:oom_device" -> Plan; nullopt (and *error set) when malformed.
std::optional<Plan> parse(const std::string& spec, std::string* error = nullptr);
const char* kind_name(Kind kind);

// Replaces the plan (and the environment's) and zeroes the counters.
void configure(const Plan& plan);
// Counting only, no injection; zeroes the counters.
void reset();
// Calls of this kind seen since the last configure()/reset() (also those that were failed).
uint64_t calls(Kind kind);
// Whether the configured fault has been injected since configure().
bool fired();

// Counts the call; returns the injected result when this is the planned one, else VK_SUCCESS.
VkResult next(Kind kind);

template <class F>
VkResult call(Kind kind, F&& real) {
  const VkResult injected = next(kind);
  return injected != VK_SUCCESS ? injected : real();
}

}  // namespace veloce::vk::fault
