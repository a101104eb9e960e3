#pragma once
// The sampling options of veloce-cli generate (--temp, --top-k, --top-p, --min-p,
// --repeat-penalty, --repeat-last-n), each checked against the range where it means something,
// so a typo such as --top-p 5 is an error that names the option and its range instead of a
// silently different sampler. --seed is not read here.
#include "app/cli/command.h"
#include "inference/sampling/sampler.h"

namespace veloce::cli {

// Consumes the options from `args`; defaults are SamplerParams'. Throws UsageError.
SamplerParams sampling_args(Args& args);

}  // namespace veloce::cli
