#include "inference/vulkan/env_switch.h"

#include <cstdlib>
#include <string>

#include "inference/model/session.h"

namespace veloce::vk {

std::optional<bool> env_switch(const char* name) {
  const char* e = std::getenv(name);
  if (!e || !*e) return std::nullopt;
  const std::string v = e;
  if (v == "0" || v == "1") return v == "1";
  throw EngineError(std::string(name) + " must be 0 or 1, not '" + v + "'");
}

}  // namespace veloce::vk
