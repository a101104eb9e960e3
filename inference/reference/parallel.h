#pragma once
// Splits a range of independent work items over the CPU's cores with plain std::thread: the
// reference backend's only concession to speed, so that the tests over 14 models stay quick.
#include <cstddef>
#include <functional>

namespace veloce::reference {

// Calls fn(begin, end) on disjoint sub-ranges covering [0, n), each of at least min_items
// items (so that tiny jobs are not split), the last sub-range on the calling thread.
// An exception thrown by fn on any thread is rethrown here after every thread has joined.
void parallel_for(size_t n, size_t min_items, const std::function<void(size_t, size_t)>& fn);

// Threads parallel_for uses: std::thread::hardware_concurrency(), or VELOCE_THREADS when set.
size_t worker_count();

}  // namespace veloce::reference
