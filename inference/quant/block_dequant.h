#pragma once
// One dequantizer per block type: each turns one block (the bytes at src) into its values.
// Layouts follow ggml's block structs (PHI4.md "Block layouts"); every multi-byte field is
// little-endian and read byte by byte so no alignment is assumed.
#include <cstdint>

namespace veloce::quant {

inline uint16_t read_u16(const uint8_t* p) { return static_cast<uint16_t>(p[0] | (p[1] << 8)); }
inline uint32_t read_u32(const uint8_t* p) {
  return static_cast<uint32_t>(p[0]) | (static_cast<uint32_t>(p[1]) << 8) | (static_cast<uint32_t>(p[2]) << 16) |
         (static_cast<uint32_t>(p[3]) << 24);
}

// 32 values per block.
void dequant_block_q4_0(const uint8_t* src, float* dst);
void dequant_block_q4_1(const uint8_t* src, float* dst);
void dequant_block_q5_0(const uint8_t* src, float* dst);
void dequant_block_q5_1(const uint8_t* src, float* dst);
void dequant_block_q8_0(const uint8_t* src, float* dst);
// 256 values per superblock.
void dequant_block_q2_k(const uint8_t* src, float* dst);
void dequant_block_q3_k(const uint8_t* src, float* dst);
void dequant_block_q4_k(const uint8_t* src, float* dst);
void dequant_block_q5_k(const uint8_t* src, float* dst);
void dequant_block_q6_k(const uint8_t* src, float* dst);

}  // namespace veloce::quant
