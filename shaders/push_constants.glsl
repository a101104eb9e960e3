// Push-constant blocks, one per kernel family. Mirrored field by field by the C++ structs in
// inference/vulkan/kernel_params.h (static_assert on their sizes); keep both in step.
// A kernel defines one PUSH_xxx before including this file.

#if defined(PUSH_MATVEC)
layout(push_constant) uniform Push {
  uint ncols;      // K: values per weight row
  uint nrows;      // rows of this part of the weight tensor
  uint row_bytes;  // bytes per weight row
  uint x_offset;   // first float of the input vector
  uint y_offset;   // first float of the output for this part (its first row)
} pc;
#elif defined(PUSH_MATVEC_GPU)
layout(push_constant) uniform Push {
  uint ncols;      // K: values per weight row
  uint nrows;      // rows of this part of the weight tensor
  uint row_bytes;  // bytes per weight row
  uint x_offset;   // first float of the first token's input
  uint y_offset;   // first float of the first token's output for this part (its first row)
  uint x_stride;   // floats between the tokens' inputs
  uint y_stride;   // floats between the tokens' outputs
} pc;
#elif defined(PUSH_MATMUL)
layout(push_constant) uniform Push {
  uint ncols;      // K
  uint nrows;      // rows of this part
  uint row_bytes;
  uint n_tokens;   // T: rows of X and of Y
  uint x_stride;   // floats between token rows of X
  uint y_stride;   // floats between token rows of Y
  uint y_offset;   // column of Y where this part's first row goes
} pc;
#elif defined(PUSH_GET_ROWS)
layout(push_constant) uniform Push {
  uint ncols;      // values per row
  uint row_bytes;
  uint row_begin;  // first row held by this part
  uint nrows;      // rows held by this part
  uint n_ids;
} pc;
#elif defined(PUSH_RMS_NORM)
layout(push_constant) uniform Push {
  uint n;          // values per row
  uint n_rows;
  float eps;
} pc;
#elif defined(PUSH_ROPE)
layout(push_constant) uniform Push {
  uint n_tokens;
  uint row_stride;  // floats between tokens
  uint n_heads;     // heads rotated per token (query heads then key heads, contiguous)
  uint head_dim;
  uint n_rot;       // rotated dims per head (pairs i, i + n_rot/2)
  float freq_base;
} pc;
#elif defined(PUSH_KV_WRITE)
layout(push_constant) uniform Push {
  uint n_tokens;
  uint row_stride;  // floats between tokens of the qkv buffer
  uint k_offset;    // first float of K in a token row
  uint v_offset;    // first float of V in a token row
  uint n_embd_kv;   // K (and V) values per token
} pc;
#elif defined(PUSH_ATTENTION)
layout(push_constant) uniform Push {
  uint n_tokens;
  uint row_stride;  // floats between tokens of the qkv buffer (Q at float 0 of a row)
  uint n_head;
  uint n_head_kv;
  uint head_dim;
  uint chunk;       // cache positions per split
  uint n_splits;
  float scale;      // 1 / sqrt(head_dim)
} pc;
#elif defined(PUSH_ATTN_COMBINE)
layout(push_constant) uniform Push {
  uint n_tokens;
  uint n_head;
  uint head_dim;
  uint n_splits;
} pc;
#elif defined(PUSH_ELEMENTWISE)
layout(push_constant) uniform Push {
  uint n;          // elements (add) or values per token (swiglu)
  uint n_tokens;
} pc;
#elif defined(PUSH_COPY)
layout(push_constant) uniform Push {
  uint n_words;
} pc;
#endif

// Flat workgroup index of a 2D dispatch (see split_groups in recorder.h).
#define FLAT_GROUP (gl_WorkGroupID.x + gl_WorkGroupID.y * gl_NumWorkGroups.x)
