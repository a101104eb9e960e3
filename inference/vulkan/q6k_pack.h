#pragma once
// Q6_K weights repacked at upload for the CPU-device mat-vec (matvec_sg_q6_k.comp -DPACKED).
// A GGUF Q6_K block is 210 bytes, so blocks are only 2-byte aligned, and on lavapipe every
// storage-buffer load is a loop over the SIMD lanes: the kernel needed 10 uvec4 loads per half
// block plus realignment. Packed, each half block (128 values) is 112 bytes on 16-byte boundaries,
// read in 7 aligned uvec4 loads:
//   bytes   0..7   scales[8h .. 8h+7]
//   bytes   8..11  d as a 32-bit float (exact: every fp16 is a float)
//   bytes  12..15  zero
//   bytes  16..79  ql[64h .. 64h+63]
//   bytes  80..111 qh[32h .. 32h+31]
// so a block is 224 bytes and a row of whole blocks stays contiguous (the row split of large
// tensors still works). Only tensors read by mat-vecs are packed: get_rows and the tiled matmul
// read the GGUF layout (see Kernels).
#include <cstdint>

namespace veloce::vk {

constexpr uint32_t kQ6KBlockValues = 256;
constexpr uint32_t kQ6KBlockBytes = 210;
constexpr uint32_t kQ6KPackedBlockBytes = 224;

// Bytes of a packed row of ncols values (a multiple of 256).
inline uint64_t q6k_packed_row_bytes(uint64_t ncols) { return ncols / kQ6KBlockValues * kQ6KPackedBlockBytes; }

// Repacks n_blocks consecutive GGUF Q6_K blocks from src into dst (n_blocks * 224 bytes).
void pack_q6k_blocks(const uint8_t* src, uint8_t* dst, uint64_t n_blocks);

}  // namespace veloce::vk
