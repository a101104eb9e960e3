#pragma once
// Overflow-checked arithmetic for sizes read from untrusted files: a multiplication that wraps
// is how a hostile "small" tensor gets a huge read, so every size product goes through here.
#include <cstdint>
#include <optional>

namespace veloce {

inline std::optional<uint64_t> checked_mul(uint64_t a, uint64_t b) {
  uint64_t r = 0;
  if (__builtin_mul_overflow(a, b, &r)) return std::nullopt;
  return r;
}

inline std::optional<uint64_t> checked_add(uint64_t a, uint64_t b) {
  uint64_t r = 0;
  if (__builtin_add_overflow(a, b, &r)) return std::nullopt;
  return r;
}

// alignment must be a non-zero power of two.
inline std::optional<uint64_t> align_up(uint64_t v, uint64_t alignment) {
  auto sum = checked_add(v, alignment - 1);
  if (!sum) return std::nullopt;
  return *sum & ~(alignment - 1);
}

inline bool is_power_of_two(uint64_t v) { return v != 0 && (v & (v - 1)) == 0; }

}  // namespace veloce
