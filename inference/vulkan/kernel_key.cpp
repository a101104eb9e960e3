#include "inference/vulkan/kernel_key.h"

#include <cctype>

namespace veloce::vk {

const char* matvec_variant_name(MatvecVariant v) {
  switch (v) {
    case MatvecVariant::Baseline: return "baseline";
    case MatvecVariant::Subgroup: return "subgroup";
    case MatvecVariant::Dedicated: return "cpu";
    case MatvecVariant::Gpu: return "gpu";
  }
  return "?";
}

// The naming scheme of shader_list.cmake: <op>[_<family>[p][u]]_<type in lower case>.
std::string shader_name(const KernelKey& key) {
  std::string name;
  switch (key.op) {
    case WeightOp::Matmul: name = "matmul"; break;
    case WeightOp::MatmulLarge: name = "matmul_large"; break;
    case WeightOp::MatmulLargeHalf: name = "matmul_large_half"; break;
    case WeightOp::MatmulInt8: name = "matmul_int8"; break;
    case WeightOp::MatmulCoopmat: name = "matmul_coopmat"; break;
    case WeightOp::GetRows: name = "get_rows"; break;
    case WeightOp::Matvec:
      name = "matvec";
      switch (key.variant) {
        case MatvecVariant::Baseline: break;
        case MatvecVariant::Subgroup: name += "_sg"; break;
        case MatvecVariant::Dedicated: name += "_sgk"; break;
        case MatvecVariant::Gpu: name += "_gpu"; break;
      }
      if (key.layout == WeightLayout::PackedQ6K) name += 'p';
      if (key.x == XBinding::Uniform) name += 'u';
      break;
  }
  name += '_';
  for (char c : type_info(key.type).name) name += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return name;
}

}  // namespace veloce::vk
