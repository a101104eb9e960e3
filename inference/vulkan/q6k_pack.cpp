#include "inference/vulkan/q6k_pack.h"

#include <cstring>

#include "inference/quant/dequantize.h"

namespace veloce::vk {

void pack_q6k_blocks(const uint8_t* src, uint8_t* dst, uint64_t n_blocks) {
  for (uint64_t b = 0; b < n_blocks; ++b, src += kQ6KBlockBytes, dst += kQ6KPackedBlockBytes) {
    const uint8_t* ql = src;
    const uint8_t* qh = src + 128;
    const uint8_t* scales = src + 192;
    uint16_t dh;
    std::memcpy(&dh, src + 208, 2);
    const float d = fp16_to_fp32(dh);
    for (uint32_t h = 0; h < 2; ++h) {
      uint8_t* o = dst + 112 * h;
      std::memcpy(o, scales + 8 * h, 8);
      std::memcpy(o + 8, &d, 4);
      std::memset(o + 12, 0, 4);
      std::memcpy(o + 16, ql + 64 * h, 64);
      std::memcpy(o + 80, qh + 32 * h, 32);
    }
  }
}

}  // namespace veloce::vk
