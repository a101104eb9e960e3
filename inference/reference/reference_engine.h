#pragma once
// Plain fp32 CPU forward pass of Phi-4, written for clarity: the oracle for every other backend.
#include <memory>

#include "inference/model/session.h"

namespace veloce {
std::unique_ptr<Engine> make_reference_engine(std::shared_ptr<const Model> model);
}
