#pragma once
// The one Generator that the app's chat and its API server take turns on: a model is loaded once,
// and its KV cache holds whichever prompt ran last (the Generator reuses the common prefix, so
// turns of the two only cost a re-read, never a wrong answer).
//
// Threads: use() and set() may be called from any thread. A user waits for the other in short
// steps, asking `give_up` between them, so that a stop pressed in the chat or a client that left
// while a long reply of the other runs is answered at once instead of after that reply.
// set(nullptr) waits for the current user to finish: the owner calls it before it destroys the
// generator (unload, a new model, a new session after a GPU error).
#include <functional>
#include <mutex>

namespace veloce {
class Generator;
}

namespace veloce::server {

class SharedGenerator {
 public:
  enum class Use { Done, GaveUp, NoGenerator };
  // Runs work with the generator once no one else uses it.
  Use use(const std::function<void(Generator&)>& work, const std::function<bool()>& give_up);
  void set(Generator* generator);

 private:
  std::timed_mutex turn_;           // held by whoever uses the generator, and by set()
  Generator* generator_ = nullptr;  // guarded by turn_
};

}  // namespace veloce::server
