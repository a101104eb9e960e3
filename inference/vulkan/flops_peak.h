#pragma once
// The device's arithmetic peak as a kernel of our own reaches it, for `veloce-cli bench`: the
// measure that prompt processing (matrix products) is compared with, as decode is compared with
// the copy kernel's bandwidth.
namespace veloce::vk {
class Device;
class Pipelines;

struct FlopsPeak {
  double fp32 = 0;  // TFLOP/s of fp32 multiply-adds (2 flops each)
  double fp16 = 0;  // the same in fp16; 0 where the device has no fp16 arithmetic
};
// Runs shaders/fma_peak.comp (both precisions) over enough workgroups to fill the device and to
// last tens of milliseconds. Vector units only: matrix units (tensor cores, XMX, WMMA), which
// need cooperative-matrix kernels, are not counted.
FlopsPeak measure_flops_peak(const Device& device, Pipelines& pipelines);

}  // namespace veloce::vk
