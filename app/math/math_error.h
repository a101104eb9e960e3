#pragma once
#include <stdexcept>
#include <string>

namespace veloce::math {

// A formula that cannot be laid out: the message and the byte offset in the TeX source where the
// problem is (the caller shows the source in monospace with this message on hover).
struct MathError : std::runtime_error {
  MathError(const std::string& message, size_t position) : std::runtime_error(message), pos(position) {}
  size_t pos;
};

}  // namespace veloce::math
