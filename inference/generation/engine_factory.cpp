// The one place that maps a backend name to an engine, for the CLI and the app alike.
#include "inference/generation/engine_factory.h"

#include "inference/reference/reference_engine.h"
#include "inference/vulkan/vulkan_engine.h"

namespace veloce {

std::unique_ptr<Engine> make_engine(std::shared_ptr<const Model> model, const EngineOptions& options) {
  if (options.backend == "reference") return make_reference_engine(std::move(model));
  if (options.backend == "vulkan") return make_vulkan_engine(std::move(model), options);
  throw EngineError("unknown backend '" + options.backend + "' (expected 'vulkan' or 'reference')");
}

}  // namespace veloce
