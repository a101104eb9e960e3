#include "inference/vulkan/vulkan_session.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <stdexcept>
#include <string>

#include "inference/model/session_input.h"
#include "inference/vulkan/argmax.h"
#include "inference/vulkan/fused_ops.h"
#include "inference/vulkan/top_k.h"

namespace veloce::vk {

struct PromptSlot {
  explicit PromptSlot(const Device& d)
      : cmd(d), fence(d), sets(d), ids(d, kMaxBatch * 4, MemoryKind::Staging), step(d, 16, MemoryKind::Staging) {}
  CommandBuffer cmd;
  Fence fence;
  DescriptorArena sets;
  Buffer ids, step;
  bool in_flight = false;
};

VulkanSession::VulkanSession(std::shared_ptr<GpuModel> gpu, size_t n_ctx)
    : gpu_(std::move(gpu)), dev_(*gpu_->device), kernels_(dev_, *gpu_->pipelines), n_ctx_(n_ctx),
      n_vocab_(gpu_->model->config().n_vocab), decode_cmd_(dev_), decode_top_cmd_(dev_), prompt_cmd_(dev_), fence_(dev_),
      decode_sets_(dev_), decode_top_sets_(dev_), prompt_sets_(dev_) {
  const ModelConfig& c = gpu_->model->config();
  if (n_ctx == 0) throw EngineError("the context size must be at least 1 token");
  if (c.n_ctx_train && n_ctx > c.n_ctx_train)
    throw EngineError("a context of " + std::to_string(n_ctx) + " tokens exceeds the model's " +
                      std::to_string(c.n_ctx_train));
  // The KV cache was counted for the context given at load: a longer one was never planned for.
  if (n_ctx > gpu_->planned_ctx)
    throw EngineError("a context of " + std::to_string(n_ctx) + " tokens is larger than the " +
                      std::to_string(gpu_->planned_ctx) +
                      " the memory plan counted when the model was loaded; "
                      "load the model again with the larger context");
  sizes_ = scratch_sizes(c, static_cast<uint32_t>(n_ctx));
  if (const char* e = std::getenv("VELOCE_VK_FUSE")) fuse_ = std::string(e) != "0";

  // KV cache: each layer's K and V are one binding each; layers are packed into as few
  // allocations as the device's allocation limit allows.
  const DeviceLimits& lim = dev_.limits();
  const uint64_t layer_bytes = kv_layer_bytes(c, static_cast<uint32_t>(n_ctx), gpu_->kv_type, lim.offset_alignment);
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
    for (auto& slot : slots_) slot = std::make_unique<PromptSlot>(dev_);
    const TopKSizes tk = top_k_sizes(static_cast<uint32_t>(n_vocab_), kTopKMax);
    // A CPU device (lavapipe) reads the logits back at memory speed, and its GPU top-k (bitonic
    // sorts, a barrier per step) measured ~18% of a decode step there: it selects on the host
    // instead. VELOCE_VK_GPU_TOPK=1 forces the GPU path (tests), =0 turns it off anywhere.
    bool gpu_topk = dev_.info().kind != DeviceKind::Cpu;
    if (const char* e = std::getenv("VELOCE_VK_GPU_TOPK"); e && *e) gpu_topk = std::string(e) != "0";
    top_ok_ = gpu_topk && sizes_.gate_up >= n_vocab_ * 4 && sizes_.ffn >= tk.ping && sizes_.qkv >= tk.pong &&
              sizes_.hidden >= tk.partials && sizes_.logits >= tk.result;
    argmax_ok_ = sizes_.gate_up >= n_vocab_ * 4 && sizes_.logits >= argmax_bytes(static_cast<uint32_t>(n_vocab_));
    // VELOCE_VK_ARGMAX=0 sends greedy through the top-k / host selection above, to compare.
    if (const char* e = std::getenv("VELOCE_VK_ARGMAX"); e && std::string(e) == "0") argmax_ok_ = false;
    if (top_ok_ || argmax_ok_) logits_dev_ = {gate_up_.handle(), 0, n_vocab_ * 4};
    if (top_ok_) {
      top_ping_ = {ffn_.handle(), 0, std::max<uint64_t>(tk.ping, 16)};
      top_pong_ = {qkv_.handle(), 0, std::max<uint64_t>(tk.pong, 16)};
      top_partials_ = {attn_.handle(), 0, tk.partials};
      top_result_ = {logits_.handle(), 0, tk.result};
    }
  } catch (const EngineError& e) {
    throw EngineError(std::string(e.what()) + " (session of " + std::to_string(n_ctx) + " tokens: KV cache " +
                      format_bytes(kv_cache_bytes(c, static_cast<uint32_t>(n_ctx), gpu_->kv_type)) + " (" +
                      kv_type_name(gpu_->kv_type) + "), scratch " + format_bytes(sizes_.total()) + ")");
  }
}

VulkanSession::~VulkanSession() {
  // After a timeout a submission may still be using the buffers: give it the long default time
  // to finish before they are freed (a lost device reports at once).
  if (broken_ && fence_pending_) {  // never waited for an unsubmitted fence: it would take the whole timeout
    VkFence f = fence_.handle();
    vkWaitForFences(dev_.handle(), 1, &f, VK_TRUE, 120000000000ull);
  }
  // A prompt batch may still run (prefill() returns before it ends, or an error came first).
  for (auto& slot : slots_)
    if (slot && slot->in_flight) {
      VkFence f = slot->fence.handle();
      vkWaitForFences(dev_.handle(), 1, &f, VK_TRUE, 120000000000ull);
    }
}

void VulkanSession::set_gpu_timer(GpuTimer* timer) {
  timer_ = timer;
  // The decode steps are recorded again, with or without the timestamps.
  decode_recorded_ = decode_top_recorded_ = false;
  decode_sets_.reset();
  decode_top_sets_.reset();
}

void VulkanSession::truncate(size_t n) { n_past_ = std::min(n, n_past_); }

void VulkanSession::record_forward(Recorder& r, const BufferRange& ids, const BufferRange& step, uint32_t n,
                                   uint32_t n_kv_max, bool decode, bool all_logits, bool no_logits, bool top) {
  const ModelConfig& c = gpu_->model->config();
  const GpuModel& g = *gpu_;
  const uint32_t n_qkv = c.n_embd + 2 * c.n_embd_kv();
  const BufferRange h = whole(h_), xn = whole(xn_), attn = whole(attn_), tmp = whole(tmp_), qkv = whole(qkv_),
                    gu = whole(gate_up_), ffn = whole(ffn_), partial = whole(partial_);
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

  kernels_.get_rows(r, *g.token_embd, ids, n, h);
  Pipelines& pipes = *g.pipelines;
  const uint32_t n_embd = c.n_embd;
  // h += delta, then xn = the next norm of h: one fused kernel (fused_ops.h) unless turned off.
  auto add_then_norm = [&](const GpuTensor* next_norm) {
    if (!next_norm) {
      kernels_.add(r, h, tmp, n * n_embd);
    } else if (fuse_) {
      add_rms_norm(r, pipes, h, tmp, *next_norm, xn, n_embd, n, c.rms_eps);
    } else {
      kernels_.add(r, h, tmp, n * n_embd);
      kernels_.rms_norm(r, h, *next_norm, xn, n_embd, n, c.rms_eps);
    }
  };
  // attention norm of the first layer (the others come fused with the previous layer's last add)
  kernels_.rms_norm(r, h, *g.layers[0].attn_norm, xn, n_embd, n, c.rms_eps);
  for (uint32_t l = 0; l < c.n_layer; ++l) {
    const GpuLayer& L = g.layers[l];
    // q | k | v for every token of the batch
    kernels_.project(r, *L.attn_qkv, xn, n, qkv, n_qkv);
    // rotate the query heads and the key heads (contiguous in a row), append K and V (f16 pairs
    // or q8_0 blocks)
    const KvType kv = g.kv_type;
    if (fuse_) {
      rope_kv_write(
          r, pipes, dev_, qkv, k_cache_[l], v_cache_[l], step,
          {n, n_qkv, c.n_head, c.head_dim, c.n_rot, c.rope_freq_base, c.n_embd, c.n_embd + c.n_embd_kv(), c.n_embd_kv()},
          kv);
    } else {
      kernels_.rope_neox(r, qkv, step, {n, n_qkv, c.n_head + c.n_head_kv, c.head_dim, c.n_rot, c.rope_freq_base});
      kernels_.kv_write(r, qkv, k_cache_[l], v_cache_[l], step,
                        {n, n_qkv, c.n_embd, c.n_embd + c.n_embd_kv(), c.n_embd_kv()}, kv);
    }
    kernels_.attention(r, qkv, k_cache_[l], v_cache_[l], step, partial, attn,
                       {n, n_qkv, c.n_head, c.n_head_kv, c.head_dim, chunk, splits, scale}, kv);
    // h += attn_output . attention, then the ffn norm
    kernels_.project(r, *L.attn_output, attn, n, tmp, n_embd);
    add_then_norm(L.ffn_norm);
    // h += ffn_down . (silu(gate) * up), then the next layer's attention norm (or the output norm)
    kernels_.project(r, *L.ffn_up, xn, n, gu, 2 * c.n_ff);
    kernels_.swiglu(r, gu, ffn, c.n_ff, n);
    kernels_.project(r, *L.ffn_down, ffn, n, tmp, n_embd);
    add_then_norm(l + 1 < c.n_layer ? g.layers[l + 1].attn_norm : no_logits ? nullptr : g.output_norm);
  }
  if (no_logits) return;
  if (top) {
    kernels_.matvec(r, *g.output, xn, (n - 1) * c.n_embd, logits_dev_, 0);
    if (argmax_) record_argmax(r, *g.pipelines, logits_dev_, c.n_vocab, whole(logits_));
    else record_top_k(r, *g.pipelines, logits_dev_, c.n_vocab, kTopKMax, top_ping_, top_pong_, top_partials_, top_result_);
  } else if (all_logits) {
    kernels_.project(r, *g.output, xn, n, whole(logits_), c.n_vocab);
  } else {
    kernels_.matvec(r, *g.output, xn, (n - 1) * c.n_embd, whole(logits_), 0);
  }
  r.barrier_to_host();
}

namespace {

// Orders everything before this submission (uploads, the previous token's kernels) before its kernels.
void leading_barrier(VkCommandBuffer cmd) {
  VkMemoryBarrier mb{};
  mb.sType = VK_STRUCTURE_TYPE_MEMORY_BARRIER;
  mb.srcAccessMask = VK_ACCESS_SHADER_WRITE_BIT | VK_ACCESS_TRANSFER_WRITE_BIT | VK_ACCESS_HOST_WRITE_BIT;
  mb.dstAccessMask = VK_ACCESS_SHADER_READ_BIT | VK_ACCESS_SHADER_WRITE_BIT;
  vkCmdPipelineBarrier(cmd,
                       VK_PIPELINE_STAGE_COMPUTE_SHADER_BIT | VK_PIPELINE_STAGE_TRANSFER_BIT | VK_PIPELINE_STAGE_HOST_BIT,
                       VK_PIPELINE_STAGE_COMPUTE_SHADER_BIT, 0, 1, &mb, 0, nullptr, 0, nullptr);
}

}  // namespace

void VulkanSession::wait_slot(PromptSlot& slot) {
  if (!slot.in_flight) return;
  const auto wait_start = std::chrono::steady_clock::now();
  dev_.wait(slot.fence.handle(), "a forward pass");  // on a failure it stays in flight: the destructor waits
  slot.in_flight = false;
  wait_seconds_ += std::chrono::duration<double>(std::chrono::steady_clock::now() - wait_start).count();
}

void VulkanSession::drain() {
  for (auto& slot : slots_) wait_slot(*slot);
}

void VulkanSession::run_batch(std::span<const int32_t> tokens, bool all_logits, bool want_logits, bool top, bool wait) {
  const uint32_t n = static_cast<uint32_t>(tokens.size());
  const uint32_t n_past = static_cast<uint32_t>(n_past_);
  if (n == 1 && want_logits) {
    drain();  // the decode step reads what the prompt batches wrote, and uses the shared fence
    std::memcpy(ids_.mapped(), tokens.data(), tokens.size() * 4);
    std::memcpy(step_.mapped(), &n_past, 4);
    // Two decode steps recorded once each and replayed: full logits, or their top-k.
    CommandBuffer& dc = top ? decode_top_cmd_ : decode_cmd_;
    bool& recorded = top ? decode_top_recorded_ : decode_recorded_;
    Recorded& rc = top ? decode_top_counts_ : decode_counts_;
    if (top && recorded && decode_top_argmax_ != argmax_) {  // the other selection: record again
      recorded = false;
      decode_top_sets_.reset();
    }
    if (!recorded) {
      if (top) decode_top_argmax_ = argmax_;
      dc.begin(false);
      if (timer_) timer_->begin(dc.handle());
      leading_barrier(dc.handle());
      Recorder r(dev_, dc.handle(), top ? decode_top_sets_ : decode_sets_);
      if (timer_) r.after_dispatch = [t = timer_](VkCommandBuffer c, const Pipeline& p) { t->after_dispatch(c, p); };
      record_forward(r, whole(ids_), whole(step_), 1, static_cast<uint32_t>(n_ctx_), true, false, false, top);
      if (timer_) timer_->end(dc.handle());
      dc.end();
      rc = {r.dispatch_count(), r.barrier_count()};
      recorded = true;
    }
    fence_.reset();
    fence_pending_ = true;
    dev_.submit(dc.handle(), fence_.handle());
    const auto wait_start = std::chrono::steady_clock::now();
    dev_.wait(fence_.handle(), "a forward pass");
    fence_pending_ = false;
    wait_seconds_ += std::chrono::duration<double>(std::chrono::steady_clock::now() - wait_start).count();
    if (timer_) timer_->collect(dc.handle());
    ++counters_.submissions;
    counters_.dispatches += rc.dispatches;
    counters_.barriers += rc.barriers;
    counters_.tokens += n;
    return;
  }
  // A prompt batch: the slot the batch before last used, free once its fence says so.
  PromptSlot& slot = *slots_[next_slot_];
  next_slot_ ^= 1u;
  wait_slot(slot);
  std::memcpy(slot.ids.mapped(), tokens.data(), tokens.size() * 4);
  std::memcpy(slot.step.mapped(), &n_past, 4);
  slot.sets.reset();
  slot.cmd.begin(true);
  leading_barrier(slot.cmd.handle());
  Recorder r(dev_, slot.cmd.handle(), slot.sets);
  record_forward(r, whole(slot.ids), whole(slot.step), n, n_past + n, false, all_logits, !want_logits, top && want_logits);
  if (!want_logits) r.barrier_to_host();
  slot.cmd.end();
  slot.fence.reset();
  dev_.submit(slot.cmd.handle(), slot.fence.handle());
  slot.in_flight = true;
  ++counters_.submissions;
  counters_.dispatches += r.dispatch_count();
  counters_.barriers += r.barrier_count();
  counters_.tokens += n;
  // Results are read only after everything before them: the other slot's batch ran first.
  if (wait) drain();
}

void VulkanSession::evaluate(std::span<const int32_t> tokens, std::span<float> logits, bool all_logits) {
  if (broken_) throw EngineError("this session hit a GPU error earlier and cannot continue; reload the model");
  check_evaluate_input(tokens, logits.size(), all_logits, n_past_, n_ctx_, n_vocab_);
  in_batches(tokens, [&](std::span<const int32_t> batch, size_t done, bool last) {
    const size_t n = batch.size();
    run_batch(batch, all_logits, all_logits || last, false, all_logits || last);
    const auto* out = static_cast<const float*>(logits_.mapped());
    if (all_logits) std::memcpy(logits.data() + done * n_vocab_, out, n * n_vocab_ * 4);
    else if (last) std::memcpy(logits.data(), out, n_vocab_ * 4);
    if (all_logits || last) counters_.readback_bytes += (all_logits ? n : 1) * n_vocab_ * 4;
  });
  last_was_top_ = last_was_default_ = false;
}

void VulkanSession::in_batches(std::span<const int32_t> tokens,
                               const std::function<void(std::span<const int32_t>, size_t, bool)>& batch) {
  try {
    for (size_t done = 0; done < tokens.size();) {
      const size_t n = gpu_->submissions.tokens(n_past_, tokens.size() - done);  // bounded by cost
      batch(tokens.subspan(done, n), done, done + n == tokens.size());
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

void VulkanSession::evaluate_top(std::span<const int32_t> tokens, size_t k, TopLogits& out) {
  argmax_ = k == 1 && argmax_ok_;
  if (!argmax_ && (!top_ok_ || k > kTopKMax)) {  // scratch too small for this vocabulary, or more than the GPU keeps
    Session::evaluate_top(tokens, k, out);
    last_was_top_ = false;
    last_was_default_ = true;
    return;
  }
  if (broken_) throw EngineError("this session hit a GPU error earlier and cannot continue; reload the model");
  check_evaluate_input(tokens, n_vocab_, false, n_past_, n_ctx_, n_vocab_);
  in_batches(tokens, [&](std::span<const int32_t> batch, size_t, bool last) { run_batch(batch, false, last, last, last); });
  if (argmax_) {
    read_argmax(logits_.mapped(), static_cast<uint32_t>(n_vocab_), out);
    counters_.readback_bytes += argmax_bytes(static_cast<uint32_t>(n_vocab_));
    last_was_top_ = true;
    last_was_default_ = false;
    return;
  }
  // The GPU kept kTopKMax; the caller asked for k (no more than the vocabulary).
  const uint32_t kept = static_cast<uint32_t>(std::min<size_t>(k, n_vocab_));
  TopLogits all;
  read_top_k(logits_.mapped(), kTopKMax, all);
  out.top.assign(all.top.begin(), all.top.begin() + kept);
  out.max_logit = all.max_logit;
  out.log_sum_exp = all.log_sum_exp;
  counters_.readback_bytes += (uint64_t{kept} + 1) * 8;
  last_was_top_ = true;
  last_was_default_ = false;
}

void VulkanSession::prefill(std::span<const int32_t> tokens) {
  if (broken_) throw EngineError("this session hit a GPU error earlier and cannot continue; reload the model");
  check_evaluate_input(tokens, n_vocab_, false, n_past_, n_ctx_, n_vocab_);
  in_batches(tokens, [&](std::span<const int32_t> batch, size_t, bool) { run_batch(batch, false, false, false, false); });
  last_was_top_ = last_was_default_ = false;
}

void VulkanSession::last_logits(std::span<float> out) {
  if (last_was_default_) return Session::last_logits(out);
  if (!last_was_top_ || out.size() < n_vocab_)
    throw std::invalid_argument("Session::last_logits: no evaluate_top() before, or the span is too small");
  if (broken_) throw EngineError("this session hit a GPU error earlier and cannot continue; reload the model");
  try {
    drain();
    // One small submission copies the logits the top-k read out of the GPU's buffer.
    prompt_sets_.reset();
    prompt_cmd_.begin(true);
    leading_barrier(prompt_cmd_.handle());
    Recorder r(dev_, prompt_cmd_.handle(), prompt_sets_);
    r.copy(gate_up_, 0, logits_, 0, n_vocab_ * 4);
    r.barrier_to_host();
    prompt_cmd_.end();
    fence_.reset();
    fence_pending_ = true;
    dev_.submit(prompt_cmd_.handle(), fence_.handle());
    dev_.wait(fence_.handle(), "copying logits");
    fence_pending_ = false;
    ++counters_.submissions;
  } catch (const EngineError&) {
    broken_ = true;
    throw;
  }
  std::memcpy(out.data(), logits_.mapped(), n_vocab_ * 4);
  counters_.readback_bytes += n_vocab_ * 4;
}

}  // namespace veloce::vk
