#pragma once
// Weight-times-activations products straight from the mapped GGUF tensor, dequantizing a few
// rows at a time so that no fp32 copy of the model is ever made (Phi-4 would need 56 GB).
#include <cstddef>

namespace veloce {
struct TensorInfo;
}

namespace veloce::reference {

float dot(const float* a, const float* b, size_t n);

// w: (cols, rows) in GGUF order, any supported type. x: n_tokens rows of w.ne[0] floats.
// y: n_tokens rows of w.rows() floats: y[t][r] = sum_k w[r][k] * x[t][k]. Rows are spread over
// the cores.
void matmul(const TensorInfo& w, const float* x, size_t n_tokens, float* y);

// Dequantizes row `row` of w (w.ne[0] floats) into dst: the embedding lookup.
void get_row(const TensorInfo& w, size_t row, float* dst);

}  // namespace veloce::reference
