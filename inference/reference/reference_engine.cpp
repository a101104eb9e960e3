#include "inference/reference/reference_engine.h"

#include <stdexcept>

#include "inference/model/model.h"
#include "inference/reference/reference_session.h"

namespace veloce {
namespace {

class ReferenceEngine final : public Engine {
 public:
  explicit ReferenceEngine(std::shared_ptr<const Model> model) : model_(std::move(model)) {}
  std::unique_ptr<Session> create_session(size_t n_ctx) override {
    return std::make_unique<reference::ReferenceSession>(model_, n_ctx);
  }
  std::string name() const override { return "reference"; }
  std::string device_name() const override { return "CPU (fp32 reference)"; }
  const Model& model() const override { return *model_; }

 private:
  std::shared_ptr<const Model> model_;
};

}  // namespace

std::unique_ptr<Engine> make_reference_engine(std::shared_ptr<const Model> model) {
  if (!model) throw std::invalid_argument("make_reference_engine: no model");
  return std::make_unique<ReferenceEngine>(std::move(model));
}

}  // namespace veloce
