#include "app/server/shared_generator.h"

#include <chrono>

namespace veloce::server {

SharedGenerator::Use SharedGenerator::use(const std::function<void(Generator&)>& work,
                                          const std::function<bool()>& give_up) {
  using namespace std::chrono_literals;
  std::unique_lock turn(turn_, std::defer_lock);
  while (!turn.try_lock_for(20ms)) {
    if (give_up && give_up()) return Use::GaveUp;
  }
  if (!generator_) return Use::NoGenerator;
  work(*generator_);
  return Use::Done;
}

void SharedGenerator::set(Generator* generator) {
  std::lock_guard turn(turn_);
  generator_ = generator;
}

}  // namespace veloce::server
