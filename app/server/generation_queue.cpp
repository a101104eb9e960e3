#include "app/server/generation_queue.h"

#include <exception>

#include "app/server/stop_matcher.h"

namespace veloce::server {

GenerationQueue::GenerationQueue(SharedGenerator& generator, size_t max_waiting)
    : generator_(generator), max_waiting_(max_waiting), thread_([this] { loop(); }) {}

GenerationQueue::~GenerationQueue() {
  std::deque<std::shared_ptr<Job>> dropped;
  {
    std::lock_guard lock(mutex_);
    quit_ = true;
    if (running_) running_->cancel.store(true);
    dropped.swap(waiting_);
  }
  wake_.notify_all();
  thread_.join();
  for (auto& job : dropped) {
    JobResult r;
    r.error = "the server is shutting down";
    if (job->on_done) job->on_done(r);
  }
}

bool GenerationQueue::submit(std::shared_ptr<Job> job) {
  {
    std::lock_guard lock(mutex_);
    if (quit_) return false;
    // One may run and max_waiting_ wait; a job taken by the worker counts as running.
    if (waiting_.size() + (running_ ? 1 : 0) >= max_waiting_ + 1) return false;
    waiting_.push_back(std::move(job));
  }
  wake_.notify_one();
  return true;
}

void GenerationQueue::loop() {
  for (;;) {
    std::shared_ptr<Job> job;
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [this] { return quit_ || !waiting_.empty(); });
      if (quit_) return;
      job = waiting_.front();
      waiting_.pop_front();
      running_ = job;
    }
    JobResult result = run(*job);
    // The job counts as running until here, not until on_done returns: on_done sends the reply,
    // and a client that sends its next request the moment it has the reply must not find the
    // queue still full (with --queue 0 it got a spurious 429).
    {
      std::lock_guard lock(mutex_);
      running_.reset();
    }
    if (job->on_done) job->on_done(std::move(result));
  }
}

JobResult GenerationQueue::run(Job& job) {
  JobResult result;
  result.prompt_tokens = job.prompt.size();
  // A client that left while its job waited costs nothing.
  if (job.cancel.load()) return result;
  StopMatcher matcher(job.stop);
  std::atomic<bool> stop{false};  // set by the client leaving or by a stop string
  GenerateOptions go;
  go.max_tokens = job.max_tokens;
  go.sampling = job.sampling;
  go.cancel = &stop;
  go.on_text = [&](std::string_view piece) {
    std::string out = matcher.feed(piece);
    if (!out.empty() && job.on_text) job.on_text(std::move(out));
    if (matcher.stopped() || job.cancel.load()) stop.store(true);
  };
  // The generator checks `stop` between tokens; the client's flag is copied in on every token,
  // and also between prefill chunks so a long prompt is abandoned too.
  go.on_prefill = [&](size_t, size_t) {
    if (job.cancel.load()) stop.store(true);
  };
  go.on_token = [&](int32_t) {
    if (job.cancel.load()) stop.store(true);
  };
  const auto work = [&](Generator& generator) {
    if (job.client != cache_client_) generator.reset();
    cache_client_ = job.client;
    try {
      const GenerateResult r = generator.generate(job.prompt, go);
      std::string tail = matcher.flush();
      if (!tail.empty() && job.on_text) job.on_text(std::move(tail));
      result.prompt_tokens = r.prompt_tokens;
      result.prompt_tokens_reused = r.prompt_tokens_reused;
      result.completion_tokens = r.tokens.size();
      result.time_to_first_token_ms = r.time_to_first_token_ms;
      result.tokens_per_second = r.gen_tokens_per_s;
      if (matcher.stopped() || r.stop == StopReason::EndOfText) result.finish_reason = "stop";
      else if (r.stop == StopReason::MaxTokens || r.stop == StopReason::ContextFull) result.finish_reason = "length";
    } catch (const std::exception& e) {
      // The session may hold a half-written cache: forget it so the next job reads its prompt anew.
      generator.reset();
      result.error = e.what();
    }
  };
  // While the app's chat generates, the job waits its turn; a client that leaves meanwhile (or a
  // server shutting down) stops the wait.
  const auto give_up = [&] {
    if (job.cancel.load()) return true;
    std::lock_guard lock(mutex_);
    return quit_;
  };
  if (generator_.use(work, give_up) == SharedGenerator::Use::NoGenerator) result.error = "no model is loaded";
  return result;
}

}  // namespace veloce::server
