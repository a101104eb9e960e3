#pragma once
// One generation at a time on a worker thread, with a bounded wait list: the HTTP thread never
// runs the model. A job's callbacks run on the worker thread; the HTTP layer queues them back to
// its own thread. The Generator keeps its KV cache between jobs, so a request that shares a
// prefix with the previous one (the same conversation, one turn longer) reads only the new part,
// but only when the previous job came from the same client: a cache another client filled is
// dropped first, or its hit (the cached_tokens figure, or the time saved) would tell one client
// how much of its prompt matched another's.
// The Generator is a SharedGenerator: in the app, the chat takes turns on the same model.
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "app/server/shared_generator.h"
#include "inference/generation/generator.h"

namespace veloce::server {

struct JobResult {
  std::string finish_reason;  // "stop" or "length"; empty when cancelled or failed
  std::string error;          // engine failure, for a 500
  size_t prompt_tokens = 0;
  size_t prompt_tokens_reused = 0;
  size_t completion_tokens = 0;
  double time_to_first_token_ms = 0;
  double tokens_per_second = 0;  // decode speed
};

struct Job {
  std::vector<int32_t> prompt;
  // Who sent it, as far as the cache may be shared: jobs of different clients never reuse each
  // other's KV cache. Empty when one user owns the server (loopback without a key).
  std::string client;
  int32_t max_tokens = 0;
  SamplerParams sampling;
  std::vector<std::string> stop;
  std::atomic<bool> cancel{false};           // the client went away
  std::function<void(std::string)> on_text;  // worker thread: text safe to send
  std::function<void(JobResult)> on_done;    // worker thread: exactly once
};

class GenerationQueue {
 public:
  // max_waiting: jobs that may wait while one runs (0: only when idle).
  GenerationQueue(SharedGenerator& generator, size_t max_waiting);
  ~GenerationQueue();  // cancels the running job, drops the waiting ones (on_done with an error)
  GenerationQueue(const GenerationQueue&) = delete;
  GenerationQueue& operator=(const GenerationQueue&) = delete;
  // False when the queue is full: the caller answers 429 and the job is not run.
  bool submit(std::shared_ptr<Job> job);

 private:
  void loop();
  JobResult run(Job& job);  // the caller calls on_done, once the job no longer counts as running
  SharedGenerator& generator_;
  const size_t max_waiting_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<std::shared_ptr<Job>> waiting_;
  std::shared_ptr<Job> running_;
  std::string cache_client_;  // whose prompt the KV cache holds; the worker's alone
  bool quit_ = false;
  std::thread thread_;  // last: starts after the members it uses
};

}  // namespace veloce::server
