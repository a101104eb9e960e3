#include "inference/reference/reference_session.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <new>
#include <stdexcept>
#include <string>

#include "inference/model/model.h"
#include "inference/model/session_input.h"
#include "inference/quant/dequantize.h"
#include "inference/reference/matmul.h"
#include "inference/reference/ops.h"
#include "inference/reference/parallel.h"

namespace veloce::reference {
namespace {

// Longer batches are run in slices of this many tokens: bounds the activation memory
// (Phi-4's gate|up row is 35840 floats per token) without changing any result.
constexpr size_t k_max_batch = 64;

std::vector<float> to_floats(const TensorInfo& t) {
  std::vector<float> out(t.n_elements);
  dequantize(t.type, t.data, out.data(), t.n_elements);
  return out;
}

void add_in_place(std::vector<float>& h, const std::vector<float>& delta, size_t n) {
  for (size_t i = 0; i < n; ++i) h[i] += delta[i];
}

}  // namespace

ReferenceSession::ReferenceSession(std::shared_ptr<const Model> model, size_t n_ctx)
    : model_(std::move(model)), config_(model_->config()), weights_(model_->weights()), n_ctx_(n_ctx) {
  if (n_ctx_ == 0) throw EngineError("reference backend: the context size must be at least 1 token");
  const size_t per_position = static_cast<size_t>(config_.n_layer) * config_.n_embd_kv();
  if (per_position == 0 || n_ctx_ > std::numeric_limits<size_t>::max() / 4 / per_position)
    throw EngineError("reference backend: a context of " + std::to_string(n_ctx_) + " tokens is too large");
  for (const LayerWeights& layer : weights_.layers) {
    attn_norm_.push_back(to_floats(*layer.attn_norm));
    ffn_norm_.push_back(to_floats(*layer.ffn_norm));
  }
  output_norm_ = to_floats(*weights_.output_norm);
  try {
    k_cache_.assign(n_ctx_ * per_position, 0);
    v_cache_.assign(n_ctx_ * per_position, 0);
  } catch (const std::exception&) {  // std::bad_alloc, or std::length_error beyond max_size()
    const double mib = static_cast<double>(n_ctx_ * per_position) * 4.0 / (1024.0 * 1024.0);
    throw EngineError("reference backend: not enough memory for a KV cache of " + std::to_string(n_ctx_) + " tokens (" +
                      std::to_string(static_cast<long long>(mib)) + " MiB); use a smaller context");
  }
}

size_t ReferenceSession::n_vocab() const { return config_.n_vocab; }

void ReferenceSession::truncate(size_t n) { n_past_ = std::min(n, n_past_); }

void ReferenceSession::evaluate(std::span<const int32_t> tokens, std::span<float> logits, bool all_logits) {
  const size_t n = tokens.size();
  const size_t vocab = n_vocab();
  check_evaluate_input(tokens, logits.size(), all_logits, n_past_, n_ctx_, vocab);
  for (size_t done = 0; done < n;) {
    const size_t count = std::min(k_max_batch, n - done);
    const auto slice = tokens.subspan(done, count);
    if (all_logits) forward(slice, 0, logits.data() + done * vocab);
    else if (done + count == n) forward(slice, count - 1, logits.data());
    else forward(slice, count, nullptr);
    done += count;
  }
}

void ReferenceSession::resize_scratch(size_t n_tokens) {
  const size_t e = config_.n_embd;
  h_.resize(n_tokens * e);
  x_.resize(n_tokens * e);
  qkv_.resize(n_tokens * (e + 2 * config_.n_embd_kv()));
  attn_.resize(n_tokens * e);
  proj_.resize(n_tokens * e);
  gu_.resize(n_tokens * 2 * config_.n_ff);
  act_.resize(n_tokens * config_.n_ff);
}

void ReferenceSession::forward(std::span<const int32_t> tokens, size_t logits_from, float* out) {
  const size_t n = tokens.size();
  const size_t e = config_.n_embd;
  const size_t kv = config_.n_embd_kv();
  const size_t qkv_width = e + 2 * kv;
  const size_t ff = config_.n_ff;
  resize_scratch(n);

  // token embeddings
  for (size_t t = 0; t < n; ++t) get_row(*weights_.token_embd, static_cast<size_t>(tokens[t]), &h_[t * e]);

  for (size_t l = 0; l < config_.n_layer; ++l) {
    const LayerWeights& w = weights_.layers[l];
    // attention rmsnorm
    for (size_t t = 0; t < n; ++t) rms_norm(&h_[t * e], attn_norm_[l].data(), &x_[t * e], e, config_.rms_eps);
    // q | k | v for every token of the batch
    matmul(*w.attn_qkv, x_.data(), n, qkv_.data());
    // rotate q and k by position, then append k and v to the cache at fp16
    for (size_t t = 0; t < n; ++t) {
      const size_t pos = n_past_ + t;
      float* q = &qkv_[t * qkv_width];
      float* k = q + e;
      const float* v = k + kv;
      rope_neox(q, config_.n_head, config_.head_dim, config_.n_rot, pos, config_.rope_freq_base);
      rope_neox(k, config_.n_head_kv, config_.head_dim, config_.n_rot, pos, config_.rope_freq_base);
      uint16_t* kc = &k_cache_[(l * n_ctx_ + pos) * kv];
      uint16_t* vc = &v_cache_[(l * n_ctx_ + pos) * kv];
      for (size_t i = 0; i < kv; ++i) {
        kc[i] = fp32_to_fp16(k[i]);
        vc[i] = fp32_to_fp16(v[i]);
      }
    }
    attention(l, n);
    // output projection and residual
    matmul(*w.attn_output, attn_.data(), n, proj_.data());
    add_in_place(h_, proj_, n * e);
    // ffn rmsnorm, gate | up, SwiGLU, down and residual
    for (size_t t = 0; t < n; ++t) rms_norm(&h_[t * e], ffn_norm_[l].data(), &x_[t * e], e, config_.rms_eps);
    matmul(*w.ffn_up, x_.data(), n, gu_.data());
    for (size_t t = 0; t < n; ++t) swiglu(&gu_[t * 2 * ff], &gu_[t * 2 * ff + ff], &act_[t * ff], ff);
    matmul(*w.ffn_down, act_.data(), n, proj_.data());
    add_in_place(h_, proj_, n * e);
  }

  // final rmsnorm and the output head, only for the rows whose logits are wanted
  if (logits_from < n) {
    const size_t rows = n - logits_from;
    for (size_t i = 0; i < rows; ++i)
      rms_norm(&h_[(logits_from + i) * e], output_norm_.data(), &x_[i * e], e, config_.rms_eps);
    matmul(*weights_.output, x_.data(), rows, out);
  }
  n_past_ += n;
}

void ReferenceSession::attention(size_t layer, size_t n_tokens) {
  const size_t e = config_.n_embd;
  const size_t kv = config_.n_embd_kv();
  const size_t hd = config_.head_dim;
  const size_t qkv_width = e + 2 * kv;
  const size_t group = config_.n_head / config_.n_head_kv;  // query heads per KV head
  const float scale = 1.0f / std::sqrt(static_cast<float>(hd));
  const uint16_t* k_layer = &k_cache_[layer * n_ctx_ * kv];
  const uint16_t* v_layer = &v_cache_[layer * n_ctx_ * kv];

  // One work item per (token, query head); each reads the cache up to its own position (causal).
  parallel_for(n_tokens * config_.n_head, 4, [&](size_t begin, size_t end) {
    std::vector<float> scores(n_ctx_);
    for (size_t item = begin; item < end; ++item) {
      const size_t t = item / config_.n_head;
      const size_t head = item % config_.n_head;
      const size_t kv_head = head / group;
      const size_t n_keys = n_past_ + t + 1;
      const float* q = &qkv_[t * qkv_width + head * hd];
      for (size_t j = 0; j < n_keys; ++j) {
        const uint16_t* k = k_layer + j * kv + kv_head * hd;
        float s = 0.0f;
        for (size_t d = 0; d < hd; ++d) s += q[d] * half_to_float(k[d]);
        scores[j] = s * scale;
      }
      softmax(scores.data(), n_keys);
      float* o = &attn_[t * e + head * hd];
      std::fill(o, o + hd, 0.0f);
      for (size_t j = 0; j < n_keys; ++j) {
        const uint16_t* v = v_layer + j * kv + kv_head * hd;
        const float p = scores[j];
        for (size_t d = 0; d < hd; ++d) o[d] += p * half_to_float(v[d]);
      }
    }
  });
}

}  // namespace veloce::reference
