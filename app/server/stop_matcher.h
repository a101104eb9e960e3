#pragma once
// OpenAI's `stop`: the reply ends before the first occurrence of any stop string, which is not
// returned. Streamed text that could still be the start of a stop string is held back until the
// next piece decides it.
#include <string>
#include <string_view>
#include <vector>

namespace veloce::server {

class StopMatcher {
 public:
  explicit StopMatcher(std::vector<std::string> stops) : stops_(std::move(stops)) {}
  // Adds a piece; returns the text now safe to send. After a match, stopped() is true and
  // further pieces are ignored.
  std::string feed(std::string_view piece);
  // The held-back tail once generation has ended without a match.
  std::string flush();
  bool stopped() const { return stopped_; }

 private:
  std::vector<std::string> stops_;
  std::string pending_;
  bool stopped_ = false;
};

}  // namespace veloce::server
