#include "inference/reference/parallel.h"

#include <algorithm>
#include <cstdlib>
#include <exception>
#include <string>
#include <system_error>
#include <thread>
#include <vector>

namespace veloce::reference {

size_t worker_count() {
  static const size_t count = [] {
    if (const char* env = std::getenv("VELOCE_THREADS")) {
      try {
        const long v = std::stol(env);
        if (v >= 1 && v <= 1024) return static_cast<size_t>(v);
      } catch (const std::exception&) {
        // Not a number: fall back to the hardware count below.
      }
    }
    return std::max<size_t>(1, std::thread::hardware_concurrency());
  }();
  return count;
}

void parallel_for(size_t n, size_t min_items, const std::function<void(size_t, size_t)>& fn) {
  if (n == 0) return;
  const size_t max_parts = std::max<size_t>(1, n / std::max<size_t>(1, min_items));
  const size_t parts = std::min(worker_count(), max_parts);
  if (parts <= 1) {
    fn(0, n);
    return;
  }
  std::vector<std::exception_ptr> errors(parts);
  std::vector<std::thread> threads;
  threads.reserve(parts - 1);
  auto run_part = [&](size_t part) {
    const size_t begin = n * part / parts;
    const size_t end = n * (part + 1) / parts;
    try {
      fn(begin, end);
    } catch (...) {
      errors[part] = std::current_exception();
    }
  };
  size_t started = 0;
  try {
    for (; started + 1 < parts; ++started) threads.emplace_back(run_part, started);
  } catch (const std::system_error&) {
    // No more threads available: the calling thread does the parts that did not start.
  }
  for (size_t part = started; part < parts; ++part) run_part(part);
  for (std::thread& t : threads) t.join();
  for (const std::exception_ptr& e : errors)
    if (e) std::rethrow_exception(e);
}

}  // namespace veloce::reference
