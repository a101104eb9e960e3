#pragma once
// Push constants of every kernel, mirroring shaders/push_constants.glsl field by field.
#include <cstdint>

namespace veloce::vk {

struct MatvecParams {
  uint32_t ncols, nrows, row_bytes, x_offset, y_offset;
};
static_assert(sizeof(MatvecParams) == 20);

struct MatvecGpuParams {
  uint32_t ncols, nrows, row_bytes, x_offset, y_offset, x_stride, y_stride;
};
static_assert(sizeof(MatvecGpuParams) == 28);

struct MatmulParams {
  uint32_t ncols, nrows, row_bytes, n_tokens, x_stride, y_stride, y_offset;
};
static_assert(sizeof(MatmulParams) == 28);

struct GetRowsParams {
  uint32_t ncols, row_bytes, row_begin, nrows, n_ids;
};
static_assert(sizeof(GetRowsParams) == 20);

struct RmsNormParams {
  uint32_t n, n_rows;
  float eps;
};
static_assert(sizeof(RmsNormParams) == 12);

struct RopeParams {
  uint32_t n_tokens, row_stride, n_heads, head_dim, n_rot;
  float freq_base;
};
static_assert(sizeof(RopeParams) == 24);

struct KvWriteParams {
  uint32_t n_tokens, row_stride, k_offset, v_offset, n_embd_kv;
};
static_assert(sizeof(KvWriteParams) == 20);

struct AttentionParams {
  uint32_t n_tokens, row_stride, n_head, n_head_kv, head_dim, chunk, n_splits;
  float scale;
};
static_assert(sizeof(AttentionParams) == 32);

struct AttnCombineParams {
  uint32_t n_tokens, n_head, head_dim, n_splits;
};
static_assert(sizeof(AttnCombineParams) == 16);

struct ElementwiseParams {
  uint32_t n, n_tokens;
};
static_assert(sizeof(ElementwiseParams) == 8);

struct CopyParams {
  uint32_t n_words;
};
static_assert(sizeof(CopyParams) == 4);

// Limits the kernels were written for (shaders/attention.comp).
constexpr uint32_t kAttentionWindow = 256;  // cache positions scored per pass in shared memory
constexpr uint32_t kMaxHeadDim = 256;

}  // namespace veloce::vk
