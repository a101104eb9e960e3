#include "inference/vulkan/vulkan_session.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <string>

namespace veloce::vk {

VulkanSession::VulkanSession(std::shared_ptr<GpuModel> gpu, size_t n_ctx)
    : gpu_(std::move(gpu)), dev_(*gpu_->device), kernels_(dev_, *gpu_->pipelines), n_ctx_(n_ctx),
      n_vocab_(gpu_->model->config().n_vocab), decode_cmd_(dev_), prompt_cmd_(dev_), fence_(dev_),
      decode_sets_(dev_), prompt_sets_(dev_) {
  const ModelConfig& c = gpu_->model->config();
  if (n_ctx == 0) throw EngineError("the context size must be at least 1 token");
  if (c.n_ctx_train && n_ctx > c.n_ctx_train)
    throw EngineError("a context of " + std::to_string(n_ctx) + " tokens exceeds the model's " +
                      std::to_string(c.n_ctx_train));
  // The KV cache was counted for the context given at load: a longer one was never planned for.
  if (n_ctx > gpu_->planned_ctx)
    throw EngineError("a context of " + std::to_string(n_ctx) + " tokens is larger than the " +
                      std::to_string(gpu_->planned_ctx) + " the memory plan counted when the model was loaded; "
                      "load the model again with the larger context");
  sizes_ = scratch_sizes(c, static_cast<uint32_t>(n_ctx));

  // KV cache: each layer's K and V are one binding each; layers are packed into as few
  // allocations as the device's allocation limit allows.
  const DeviceLimits& lim = dev_.limits();
  const uint64_t layer_bytes = kv_layer_bytes(c, static_cast<uint32_t>(n_ctx), lim.offset_alignment);
  if (layer_bytes > lim.max_binding || layer_bytes > lim.max_allocation)
    throw EngineError("a context of " + std::to_string(n_ctx) + " tokens needs " + format_bytes(layer_bytes) +
                      " per layer of KV cache, more than this GPU can bind; use a smaller context");
  const uint64_t per_buffer = std::max<uint64_t>(1, lim.max_allocation / (2 * layer_bytes));  // layers per buffer
  try {
    for (uint32_t l0 = 0; l0 < c.n_layer; l0 += static_cast<uint32_t>(per_buffer)) {
      const uint32_t n = static_cast<uint32_t>(std::min<uint64_t>(per_buffer, c.n_layer - l0));
      kv_buffers_.emplace_back(dev_, 2 * n * layer_bytes, MemoryKind::DeviceLocal);
      for (uint32_t i = 0; i < n; ++i) {
        k_cache_.push_back({kv_buffers_.back().handle(), (2 * i) * layer_bytes, layer_bytes});
        v_cache_.push_back({kv_buffers_.back().handle(), (2 * i + 1) * layer_bytes, layer_bytes});
      }
    }
    h_ = Buffer(dev_, sizes_.hidden, MemoryKind::DeviceLocal);
    xn_ = Buffer(dev_, sizes_.hidden, MemoryKind::DeviceLocal);
    attn_ = Buffer(dev_, sizes_.hidden, MemoryKind::DeviceLocal);
    tmp_ = Buffer(dev_, sizes_.hidden, MemoryKind::DeviceLocal);
    qkv_ = Buffer(dev_, sizes_.qkv, MemoryKind::DeviceLocal);
    gate_up_ = Buffer(dev_, sizes_.gate_up, MemoryKind::DeviceLocal);
    ffn_ = Buffer(dev_, sizes_.ffn, MemoryKind::DeviceLocal);
    partial_ = Buffer(dev_, sizes_.partial, MemoryKind::DeviceLocal);
    logits_ = Buffer(dev_, sizes_.logits, MemoryKind::Readback);
    ids_ = Buffer(dev_, kMaxBatch * 4, MemoryKind::Staging);
    step_ = Buffer(dev_, 16, MemoryKind::Staging);
  } catch (const EngineError& e) {
    throw EngineError(std::string(e.what()) + " (session of " + std::to_string(n_ctx) + " tokens: KV cache " +
                      format_bytes(kv_cache_bytes(c, static_cast<uint32_t>(n_ctx))) + ", scratch " +
                      format_bytes(sizes_.total()) + ")");
  }
}

VulkanSession::~VulkanSession() {
  // After a timeout a submission may still be using the buffers: give it the long default time
  // to finish before they are freed (a lost device reports at once).
  if (broken_) {
    VkFence f = fence_.handle();
    vkWaitForFences(dev_.handle(), 1, &f, VK_TRUE, 120000000000ull);
  }
}

void VulkanSession::truncate(size_t n) { n_past_ = std::min(n, n_past_); }

void VulkanSession::record_forward(Recorder& r, uint32_t n, uint32_t n_kv_max, bool decode, bool all_logits,
                                   bool no_logits) {
  const ModelConfig& c = gpu_->model->config();
  const GpuModel& g = *gpu_;
  const uint32_t n_qkv = c.n_embd + 2 * c.n_embd_kv();
  const BufferRange h = whole(h_), xn = whole(xn_), attn = whole(attn_), tmp = whole(tmp_), qkv = whole(qkv_),
                    gu = whole(gate_up_), ffn = whole(ffn_), partial = whole(partial_), step = whole(step_);
  // Attention splits: the replayed decode step covers the whole context in fixed windows (empty
  // splits exit at once); a prompt batch uses a few larger splits sized for its own positions.
  uint32_t splits, chunk;
  if (decode) {
    splits = sizes_.decode_splits;
    chunk = kAttentionWindow;
  } else {
    splits = std::min(sizes_.prompt_max_splits, (n_kv_max + kAttentionWindow - 1) / kAttentionWindow);
    chunk = (n_kv_max + splits - 1) / splits;
  }
  const float scale = 1.0f / std::sqrt(static_cast<float>(c.head_dim));

  kernels_.get_rows(r, *g.token_embd, whole(ids_), n, h);
  for (uint32_t l = 0; l < c.n_layer; ++l) {
    const GpuLayer& L = g.layers[l];
    // attention norm, then q | k | v for every token of the batch
    kernels_.rms_norm(r, h, *L.attn_norm, xn, c.n_embd, n, c.rms_eps);
    kernels_.project(r, *L.attn_qkv, xn, n, qkv, n_qkv);
    // rotate the query heads and the key heads (contiguous in a row), then append K and V
    kernels_.rope_neox(r, qkv, step, {n, n_qkv, c.n_head + c.n_head_kv, c.head_dim, c.n_rot, c.rope_freq_base});
    kernels_.kv_write(r, qkv, k_cache_[l], v_cache_[l], step, {n, n_qkv, c.n_embd, c.n_embd + c.n_embd_kv(), c.n_embd_kv()});
    kernels_.attention(r, qkv, k_cache_[l], v_cache_[l], step, partial, attn,
                       {n, n_qkv, c.n_head, c.n_head_kv, c.head_dim, chunk, splits, scale});
    // h += attn_output . attention
    kernels_.project(r, *L.attn_output, attn, n, tmp, c.n_embd);
    kernels_.add(r, h, tmp, n * c.n_embd);
    // h += ffn_down . (silu(gate) * up) of the normed residual
    kernels_.rms_norm(r, h, *L.ffn_norm, xn, c.n_embd, n, c.rms_eps);
    kernels_.project(r, *L.ffn_up, xn, n, gu, 2 * c.n_ff);
    kernels_.swiglu(r, gu, ffn, c.n_ff, n);
    kernels_.project(r, *L.ffn_down, ffn, n, tmp, c.n_embd);
    kernels_.add(r, h, tmp, n * c.n_embd);
  }
  if (no_logits) return;
  kernels_.rms_norm(r, h, *g.output_norm, xn, c.n_embd, n, c.rms_eps);
  if (all_logits) kernels_.project(r, *g.output, xn, n, whole(logits_), c.n_vocab);
  else kernels_.matvec(r, *g.output, xn, (n - 1) * c.n_embd, whole(logits_), 0);
  r.barrier_to_host();
}

namespace {

// Orders everything before this submission (uploads, the previous token's kernels) before its kernels.
void leading_barrier(VkCommandBuffer cmd) {
  VkMemoryBarrier mb{};
  mb.sType = VK_STRUCTURE_TYPE_MEMORY_BARRIER;
  mb.srcAccessMask = VK_ACCESS_SHADER_WRITE_BIT | VK_ACCESS_TRANSFER_WRITE_BIT | VK_ACCESS_HOST_WRITE_BIT;
  mb.dstAccessMask = VK_ACCESS_SHADER_READ_BIT | VK_ACCESS_SHADER_WRITE_BIT;
  vkCmdPipelineBarrier(cmd, VK_PIPELINE_STAGE_COMPUTE_SHADER_BIT | VK_PIPELINE_STAGE_TRANSFER_BIT | VK_PIPELINE_STAGE_HOST_BIT,
                       VK_PIPELINE_STAGE_COMPUTE_SHADER_BIT, 0, 1, &mb, 0, nullptr, 0, nullptr);
}

}  // namespace

void VulkanSession::run_batch(std::span<const int32_t> tokens, bool all_logits, bool want_logits) {
  const uint32_t n = static_cast<uint32_t>(tokens.size());
  std::memcpy(ids_.mapped(), tokens.data(), tokens.size() * 4);
  const uint32_t n_past = static_cast<uint32_t>(n_past_);
  std::memcpy(step_.mapped(), &n_past, 4);
  VkCommandBuffer cmd;
  if (n == 1 && want_logits) {
    if (!decode_recorded_) {
      decode_cmd_.begin(false);
      leading_barrier(decode_cmd_.handle());
      Recorder r(dev_, decode_cmd_.handle(), decode_sets_);
      record_forward(r, 1, static_cast<uint32_t>(n_ctx_), true, false, false);
      decode_cmd_.end();
      decode_recorded_ = true;
    }
    cmd = decode_cmd_.handle();
  } else {
    prompt_sets_.reset();
    prompt_cmd_.begin(true);
    leading_barrier(prompt_cmd_.handle());
    Recorder r(dev_, prompt_cmd_.handle(), prompt_sets_);
    record_forward(r, n, n_past + n, false, all_logits, !want_logits);
    if (!want_logits) r.barrier_to_host();
    prompt_cmd_.end();
    cmd = prompt_cmd_.handle();
  }
  fence_.reset();
  dev_.submit(cmd, fence_.handle());
  dev_.wait(fence_.handle(), "a forward pass");
}

void VulkanSession::evaluate(std::span<const int32_t> tokens, std::span<float> logits, bool all_logits) {
  if (broken_)
    throw EngineError("this session hit a GPU error earlier and cannot continue; reload the model");
  if (tokens.empty()) return;
  if (n_past_ + tokens.size() > n_ctx_)
    throw ContextFullError("the context is full: " + std::to_string(n_past_) + " + " + std::to_string(tokens.size()) +
                           " tokens exceed the session's " + std::to_string(n_ctx_));
  const size_t need = all_logits ? tokens.size() * n_vocab_ : n_vocab_;
  if (logits.size() < need)
    throw EngineError("internal error: logits buffer of " + std::to_string(logits.size()) + " floats, need " +
                      std::to_string(need));
  for (int32_t id : tokens)
    if (id < 0 || static_cast<size_t>(id) >= n_vocab_)
      throw EngineError("token id " + std::to_string(id) + " is outside the vocabulary of " + std::to_string(n_vocab_));
  try {
    for (size_t done = 0; done < tokens.size();) {
      const size_t n = gpu_->submissions.tokens(n_past_, tokens.size() - done);  // bounded by cost
      const bool last = done + n == tokens.size();
      run_batch(tokens.subspan(done, n), all_logits, all_logits || last);
      const auto* out = static_cast<const float*>(logits_.mapped());
      if (all_logits) std::memcpy(logits.data() + done * n_vocab_, out, n * n_vocab_ * 4);
      else if (last) std::memcpy(logits.data(), out, n_vocab_ * 4);
      n_past_ += n;
      done += n;
    }
  } catch (const ContextFullError&) {
    throw;
  } catch (const EngineError&) {
    broken_ = true;  // the GPU state is unknown (timeout, device lost): refuse further work
    throw;
  }
}

}  // namespace veloce::vk
