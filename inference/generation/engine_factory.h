#pragma once
// Builds a backend by name, so the CLI and the app choose "reference" or "vulkan" the same way.
#include <functional>
#include <memory>
#include <string>

#include "inference/model/kv_type.h"
#include "inference/model/session.h"

namespace veloce {

struct EngineOptions {
  std::string backend = "vulkan";  // "vulkan" or "reference"
  std::string device;              // Vulkan device by index, name or UUID; empty: VELOCE_DEVICE or the best
  // Upload progress (bytes done of total), for progress bars.
  std::function<void(uint64_t done, uint64_t total)> on_progress;
  // Human-readable lines about the memory plan and warnings (e.g. "lavapipe is slow").
  std::function<void(const std::string&)> on_info;
  // Context the Vulkan memory plan reserves a KV cache for (capped at the model's trained context).
  size_t n_ctx = 4096;
  KvType kv_type = KvType::F16;  // the Vulkan KV cache's storage (kv_type.h)
};

// Throws EngineError (unknown backend, no device, out of memory) with a message for a user.
std::unique_ptr<Engine> make_engine(std::shared_ptr<const Model> model, const EngineOptions& options);

}  // namespace veloce
