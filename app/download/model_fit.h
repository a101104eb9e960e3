#pragma once
// How a Phi-4 quantization would fit a device: the memory plan of that mix at Phi-4's shapes (the
// preset's, no file needed), for the device's memory, at a context size. The verdict is the one
// `veloce-cli plan --preset phi-4 --type Q --vram N` prints.
//
// Free of Qt on purpose: the engine's headers it includes and Qt's `emit` keyword do not mix.
// Nothing here touches the network or Vulkan: the device is described by DeviceTarget (from
// vk::list_devices() or given).
#include <cstdint>
#include <string>

#include "inference/model/kv_type.h"

namespace veloce::app {

// What computes: a GPU, or the CPU (a Vulkan CPU driver such as lavapipe/llvmpipe, or the CPU
// reference backend), where a 14B model answers at a fraction of a token per second.
enum class Processor { Gpu, Cpu };

// The device a verdict is for: its device-local memory and whether that memory is system memory
// (a CPU device, or an integrated GPU).
struct DeviceTarget {
  uint64_t deviceLocalBytes = 0;
  bool sharesSystemMemory = false;
  Processor processor = Processor::Gpu;
};

// OnCpu: it fits system memory, but a CPU computes it: usable only with a lot of patience.
enum class Fit { OnDevice, PartlyInSystemMemory, OnCpu, TooLarge };

struct FitEstimate {
  uint64_t neededBytes = 0;   // weights + KV cache + activations at the context size
  uint64_t spilledBytes = 0;  // matrices the plan keeps in system memory
  uint64_t kvCacheBytes = 0;
  Fit fit = Fit::TooLarge;
};

// The plan of `mix` (a quantization the presets know) at n_ctx for the target, whose usable
// memory is its size less a tenth (as for a device that does not report VK_EXT_memory_budget).
// On a device that shares system memory, the verdict compares the whole need with the system
// memory less a fifth (the desktop and other programs); so does the spill of a discrete GPU. A CPU
// device (always sharing system memory) that has room gets OnCpu, never OnDevice.
// The KV cache in `kv` (the setting the next load uses). Throws std::invalid_argument for an unknown mix.
FitEstimate estimateFit(const std::string& mix, uint32_t n_ctx, const DeviceTarget& target, uint64_t systemMemoryBytes,
                        KvType kv = KvType::F16);
// Whether the catalogue's "recommended" mark may be shown with this verdict: only where the file
// runs on a GPU (held by it or partly spilled); never for a CPU device or a file too large.
bool recommendable(Fit fit);
// Every weight byte of Phi-4 in `mix` as the engine lays it out (the tensors of a file of that type).
uint64_t presetWeightBytes(const std::string& mix);
// Physical memory of this computer (sysconf), 0 when unknown.
uint64_t systemMemoryBytes();

}  // namespace veloce::app
