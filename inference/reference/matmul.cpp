#include "inference/reference/matmul.h"

#include <algorithm>
#include <vector>

#include "inference/gguf/gguf_file.h"
#include "inference/quant/dequantize.h"
#include "inference/reference/parallel.h"

namespace veloce::reference {

float dot(const float* a, const float* b, size_t n) {
  // Eight independent partial sums: lets the compiler use SIMD without -ffast-math.
  float acc[8] = {};
  size_t i = 0;
  for (; i + 8 <= n; i += 8)
    for (size_t k = 0; k < 8; ++k) acc[k] += a[i + k] * b[i + k];
  float sum = ((acc[0] + acc[1]) + (acc[2] + acc[3])) + ((acc[4] + acc[5]) + (acc[6] + acc[7]));
  for (; i < n; ++i) sum += a[i] * b[i];
  return sum;
}

void matmul(const TensorInfo& w, const float* x, size_t n_tokens, float* y) {
  const size_t cols = w.ne[0];
  const size_t rows = w.rows();
  // A tile of dequantized rows small enough to stay in cache while every token reads it.
  const size_t tile = std::clamp<size_t>(32768 / cols, 1, 16);
  parallel_for(rows, 16, [&](size_t begin, size_t end) {
    std::vector<float> buf(tile * cols);
    for (size_t r0 = begin; r0 < end; r0 += tile) {
      const size_t nr = std::min(tile, end - r0);
      for (size_t r = 0; r < nr; ++r) dequantize_row(w.type, w.data, cols, r0 + r, buf.data() + r * cols);
      for (size_t t = 0; t < n_tokens; ++t) {
        const float* xt = x + t * cols;
        float* yt = y + t * rows + r0;
        for (size_t r = 0; r < nr; ++r) yt[r] = dot(buf.data() + r * cols, xt, cols);
      }
    }
  });
}

void get_row(const TensorInfo& w, size_t row, float* dst) { dequantize_row(w.type, w.data, w.ne[0], row, dst); }

}  // namespace veloce::reference
