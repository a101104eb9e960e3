#pragma once
// What one client may cost the server before it has shown a key or sent a whole request: a
// bounded head, a deadline for each request to arrive, and a bounded number of open connections.
#include <chrono>
#include <cstddef>

namespace veloce::server {

struct HttpLimits {
  size_t max_head_bytes = 64 << 10;  // request line + header fields; more gets 431 and a close
  // How long a connection may wait for its next request to arrive whole (idle keep-alive, a head
  // or a body sent slowly), and how long a closing connection waits for its peer to read.
  std::chrono::milliseconds idle_timeout{30'000};
  size_t max_connections = 64;  // more get 503 and a close; well below the usual 1024 descriptors
};

}  // namespace veloce::server
