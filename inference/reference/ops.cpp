#include "inference/reference/ops.h"

#include <array>
#include <cmath>
#include <memory>

#include "inference/quant/dequantize.h"

namespace veloce::reference {

void rms_norm(const float* x, const float* weight, float* out, size_t n, float eps) {
  double sum = 0.0;
  for (size_t i = 0; i < n; ++i) sum += static_cast<double>(x[i]) * x[i];
  const float mean = static_cast<float>(sum / static_cast<double>(n));
  const float scale = 1.0f / std::sqrt(mean + eps);
  for (size_t i = 0; i < n; ++i) out[i] = x[i] * scale * weight[i];
}

void rope_neox(float* x, size_t n_heads, size_t head_dim, size_t n_rot, size_t pos, float base) {
  const size_t half = n_rot / 2;
  for (size_t i = 0; i < half; ++i) {
    // The angle in double: positions up to 16K times frequencies near 1 need the precision.
    const double theta = static_cast<double>(pos) *
                         std::pow(static_cast<double>(base), -2.0 * static_cast<double>(i) / static_cast<double>(n_rot));
    const float c = static_cast<float>(std::cos(theta));
    const float s = static_cast<float>(std::sin(theta));
    for (size_t h = 0; h < n_heads; ++h) {
      float* head = x + h * head_dim;
      const float x0 = head[i];
      const float x1 = head[i + half];
      head[i] = x0 * c - x1 * s;
      head[i + half] = x0 * s + x1 * c;
    }
  }
}

void swiglu(const float* gate, const float* up, float* out, size_t n) {
  for (size_t i = 0; i < n; ++i) out[i] = gate[i] / (1.0f + std::exp(-gate[i])) * up[i];
}

void softmax(float* x, size_t n) {
  float max = x[0];
  for (size_t i = 1; i < n; ++i) max = std::max(max, x[i]);
  double sum = 0.0;
  for (size_t i = 0; i < n; ++i) {
    x[i] = std::exp(x[i] - max);
    sum += x[i];
  }
  const float inv = static_cast<float>(1.0 / sum);
  for (size_t i = 0; i < n; ++i) x[i] *= inv;
}

float half_to_float(uint16_t h) {
  static const std::unique_ptr<std::array<float, 65536>> table = [] {
    auto t = std::make_unique<std::array<float, 65536>>();
    for (uint32_t i = 0; i < 65536; ++i) (*t)[i] = fp16_to_fp32(static_cast<uint16_t>(i));
    return t;
  }();
  return (*table)[h];
}

}  // namespace veloce::reference
