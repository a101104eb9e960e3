#pragma once
// What identifies a weight kernel's pipeline: the operation, the weight type, the mat-vec family,
// the weight layout and how x is bound. shader_name() is the one place that maps a key to the
// SPIR-V module's name in shaders/shader_list.cmake; nothing else composes those names.
#include <compare>
#include <cstdint>
#include <string>

#include "inference/gguf/ggml_type.h"

namespace veloce::vk {

// Matmul: matmul.comp's 64 x 64 tiles; MatmulLarge: matmul_large.comp's 128 x 128 (long batches on
// GPUs) with fp32 tiles, MatmulLargeHalf the same with fp16 weight tiles in two stages;
// MatmulInt8: matmul_int8.comp, the same tile with 8-bit integer dot products (quantized types);
// MatmulCoopmat: matmul_coopmat.comp, 64 x 64 on NVIDIA's matrix units.
enum class WeightOp : uint8_t { Matvec, Matmul, MatmulLarge, MatmulLargeHalf, MatmulInt8, MatmulCoopmat, GetRows };

// Mat-vec kernel families (decode), chosen per device (see kernels.h).
enum class MatvecVariant : uint8_t {
  Baseline,   // matvec.comp: 32 invocations, 32-bit loads, shared-memory reduction; Vulkan 1.1 only
  Subgroup,   // matvec.comp -DSUBGROUP: one subgroup per workgroup, subgroupAdd, any type
  Dedicated,  // CPU devices: Subgroup plus per-type kernels (matvec_sg_q4_k.comp, matvec_sg_q6_k.comp)
  Gpu,        // GPUs: matvec_gpu.comp, 16/8-bit loads, several subgroups and rows per workgroup, 1-8 tokens
};
const char* matvec_variant_name(MatvecVariant v);

enum class WeightLayout : uint8_t { File, PackedQ6K };  // PackedQ6K: inference/vulkan/q6k_pack.h
enum class XBinding : uint8_t { Storage, Uniform };

struct KernelKey {
  WeightOp op = WeightOp::Matvec;
  GgmlType type = GgmlType::F32;
  MatvecVariant variant = MatvecVariant::Baseline;  // Matvec only
  WeightLayout layout = WeightLayout::File;
  XBinding x = XBinding::Storage;
  auto operator<=>(const KernelKey&) const = default;
};

// The shader's name in the table (e.g. matvec_gpu_q4_k); the key must describe a shader that
// shader_list.cmake builds (Pipelines::exists tells).
std::string shader_name(const KernelKey& key);

}  // namespace veloce::vk
