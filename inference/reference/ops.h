#pragma once
// The element-wise pieces of a Phi-4 layer, one function per step of PHI4.md "One layer".
#include <cstddef>
#include <cstdint>

namespace veloce::reference {

// out = x / sqrt(mean(x^2) + eps) * weight, over n values (the mean is summed in double).
void rms_norm(const float* x, const float* weight, float* out, size_t n, float eps);

// NEOX rotary embedding in place on n_heads heads of head_dim values: within the first n_rot
// values of a head, x[i] pairs with x[i + n_rot / 2], angle pos * base^(-2i / n_rot).
void rope_neox(float* x, size_t n_heads, size_t head_dim, size_t n_rot, size_t pos, float base);

// out[i] = silu(gate[i]) * up[i] (SwiGLU).
void swiglu(const float* gate, const float* up, float* out, size_t n);

// In-place softmax of n values.
void softmax(float* x, size_t n);

// fp16 -> fp32 through a 65536-entry table: the KV cache is read many times per token.
float half_to_float(uint16_t h);

}  // namespace veloce::reference
