#include "inference/vulkan/memory_plan.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <set>

#include "inference/vulkan/kernel_params.h"

namespace veloce::vk {

std::string format_bytes(uint64_t bytes) {
  char buf[32];
  if (bytes >= (1ull << 30)) std::snprintf(buf, sizeof buf, "%.2f GiB", static_cast<double>(bytes) / (1ull << 30));
  else std::snprintf(buf, sizeof buf, "%.1f MiB", static_cast<double>(bytes) / (1ull << 20));
  return buf;
}

uint64_t kv_row_bytes(const ModelConfig& c, KvType type) {
  const uint64_t n = c.n_embd_kv();
  return type == KvType::Q8_0 ? n + n / 32 * 2 : n * 2;
}

uint64_t kv_layer_bytes(const ModelConfig& c, uint32_t n_ctx, KvType type, uint64_t offset_alignment) {
  const uint64_t a = std::max<uint64_t>(offset_alignment, 1);
  const uint64_t bytes = uint64_t{n_ctx} * kv_row_bytes(c, type);
  return (bytes + a - 1) / a * a;
}

std::string kv_type_unsupported(const ModelConfig& c, KvType type) {
  // q8_0 blocks of 32 may not straddle heads, and kv_write_q8.comp writes 64 values at a time.
  if (type == KvType::Q8_0 && (c.head_dim % 32 || c.n_embd_kv() % 64))
    return "a q8_0 KV cache needs a head size that is a multiple of 32 and K rows that are a multiple of 64 values "
           "(this model: head size " +
           std::to_string(c.head_dim) + ", " + std::to_string(c.n_embd_kv()) + " values); use --kv-type f16";
  return "";
}

uint64_t kv_cache_bytes(const ModelConfig& c, uint32_t n_ctx, KvType type, uint64_t offset_alignment) {
  return 2ull * c.n_layer * kv_layer_bytes(c, n_ctx, type, offset_alignment);  // K and V of every layer
}

ScratchSizes scratch_sizes(const ModelConfig& c, uint32_t n_ctx) {
  ScratchSizes s;
  const uint64_t b = kMaxBatch;
  s.hidden = b * c.n_embd * 4;
  s.qkv = b * (c.n_embd + 2ull * c.n_embd_kv()) * 4;
  s.gate_up = b * 2ull * c.n_ff * 4;
  s.ffn = b * uint64_t{c.n_ff} * 4;
  s.decode_splits = std::max<uint32_t>(1, (n_ctx + kAttentionWindow - 1) / kAttentionWindow);
  s.prompt_max_splits = 4;
  const uint64_t per_split = uint64_t{c.n_head} * (c.head_dim + 2) * 4;
  s.partial = std::max<uint64_t>(s.decode_splits * per_split, b * s.prompt_max_splits * per_split);
  s.logits = b * uint64_t{c.n_vocab} * 4;
  return s;
}

MemoryPlan make_memory_plan(const ModelConfig& c, const ModelWeights& w, const PlanRequest& req,
                            std::vector<const TensorInfo*>* order_out) {
  MemoryPlan plan;
  plan.n_ctx = req.n_ctx;
  plan.budget = req.budget;
  plan.budget_source = req.budget_source;
  plan.host_is_device_memory = req.host_is_device_memory;
  plan.kv_type = req.kv_type;
  plan.kv_cache = kv_cache_bytes(c, req.n_ctx, req.kv_type, req.limits.offset_alignment);
  const ScratchSizes s = scratch_sizes(c, req.n_ctx);
  plan.activations = s.device_total();
  plan.host_buffers = s.host_total();
  plan.kv_read_per_token_full = kv_cache_bytes(c, req.n_ctx, req.kv_type);

  // Every tensor once (a tied output shares the embedding table), in the order of spilling last.
  const bool tied = w.output == w.token_embd;
  std::vector<const TensorInfo*> order;
  std::set<const TensorInfo*> seen;
  auto add = [&](const TensorInfo* t) {
    if (seen.insert(t).second) order.push_back(t);
  };
  for (const auto& l : w.layers) {
    add(l.attn_norm), add(l.attn_qkv), add(l.attn_output), add(l.ffn_norm), add(l.ffn_up), add(l.ffn_down);
  }
  add(w.output_norm);
  add(w.output);
  add(w.token_embd);

  std::vector<bool> pack(order.size(), false), host(order.size(), false);
  for (size_t i = 0; i < order.size(); ++i) {
    // The embedding table is read by get_rows (never packed); untied, it is only gathered.
    pack[i] = req.pack_q6k && order[i] != w.token_embd;
    host[i] = !tied && order[i] == w.token_embd;
  }
  const uint64_t fixed = plan.kv_cache + plan.activations;
  const uint64_t weight_budget = req.budget > fixed ? req.budget - fixed : 0;
  plan.arena = plan_arena(order, req.limits, weight_budget, pack, host);

  for (size_t i = 0; i < order.size(); ++i) {
    const GpuTensor& g = plan.arena.tensors[i];
    uint64_t dev = 0, spilled = 0;
    for (const auto& p : g.parts) {
      const uint64_t bytes = uint64_t{p.rows} * g.row_bytes;
      (plan.arena.buffers[p.buffer].device_local ? dev : spilled) += bytes;
    }
    plan.weights += dev + spilled;
    if (host[i]) {
      plan.embedding_host += spilled;
      plan.read_host_per_token += g.row_bytes;  // one row per generated token
      continue;
    }
    plan.weights_device += dev;
    plan.weights_spilled += spilled;
    if (spilled) plan.spilled_tensors.push_back(order[i]->name);
    plan.read_device_per_token += dev;
    plan.read_host_per_token += spilled;
  }
  if (order_out) *order_out = std::move(order);
  return plan;
}

double MemoryPlan::decode_tokens_per_s(double device_gbps, double bus_gbps, bool full_context) const {
  if (device_gbps <= 0) return 0;
  const double host_gbps = host_is_device_memory || bus_gbps <= 0 ? device_gbps : bus_gbps;
  const double dev = static_cast<double>(read_device_per_token + (full_context ? kv_read_per_token_full : 0));
  const double seconds = dev / (device_gbps * 1e9) + static_cast<double>(read_host_per_token) / (host_gbps * 1e9);
  return seconds > 0 ? 1.0 / seconds : 0;
}

std::vector<PlanLine> MemoryPlan::lines() const {
  std::vector<PlanLine> out;
  out.push_back({"weights_device", "weights on the GPU", weights_device, true});
  out.push_back(
      {"weights_spilled", "weights spilled to system memory (read over the bus every token)", weights_spilled, false});
  out.push_back({"embedding_host", "embedding table in system memory (one row read per token)", embedding_host, false});
  out.push_back({"kv_cache", std::string("KV cache (") + kv_type_name(kv_type) + ", " + std::to_string(n_ctx) + " tokens)",
                 kv_cache, true});
  out.push_back(
      {"activations", "activations (prompt batch of " + std::to_string(kMaxBatch) + " tokens)", activations, true});
  out.push_back({"host_buffers", "scratch in system memory (logits, token ids)", host_buffers, false});
  out.push_back({"device_total", "total on the GPU", device_total(), true});
  out.push_back({"budget", "GPU budget (" + budget_source + ")", budget, true});
  return out;
}

std::string MemoryPlan::describe(const std::string& device_name) const {
  std::string s = "memory plan on " + device_name + ": weights " + format_bytes(weights);
  if (weights_spilled)
    s += " (" + format_bytes(weights_device) + " on the GPU, " + format_bytes(weights_spilled) +
         " spilled to system memory and read over the bus: slower)";
  if (embedding_host) s += ", embedding table " + format_bytes(embedding_host) + " of them in system memory";
  s += ", KV cache " + format_bytes(kv_cache) + " (" + kv_type_name(kv_type) + ") for " + std::to_string(n_ctx) +
       " tokens, activations " + format_bytes(activations) + "; total " + format_bytes(device_total()) +
       " on the GPU of a " + format_bytes(budget) + " budget (" + budget_source + ")";
  return s;
}

SubmissionBudget submission_budget(const ModelConfig& c, uint64_t weight_bytes, DeviceKind kind) {
  SubmissionBudget b;
  // Rates of a slow card of the kind: the estimate errs towards short submissions.
  switch (kind) {
    case DeviceKind::Discrete: b.bytes_per_s = 150e9, b.flops_per_s = 2e12; break;
    case DeviceKind::Integrated: b.bytes_per_s = 40e9, b.flops_per_s = 0.4e12; break;
    case DeviceKind::Cpu: b.bytes_per_s = 8e9, b.flops_per_s = 0.05e12; break;
    default: b.bytes_per_s = 40e9, b.flops_per_s = 0.4e12; break;
  }
  b.bounded = kind != DeviceKind::Cpu;
  b.weights_per_token = kind == DeviceKind::Cpu;
  if (const char* ms = std::getenv("VELOCE_VK_SUBMIT_MS"); ms && *ms) {
    b.bounded = true;
    b.max_seconds = std::max(0.0, std::strtod(ms, nullptr) / 1e3);
  }
  const double e = c.n_embd, kv = c.n_embd_kv(), ff = c.n_ff;
  b.weight_bytes = static_cast<double>(weight_bytes);
  b.flops_per_token = 2.0 * c.n_layer * (e * (e + 2 * kv) + e * e + e * 2 * ff + ff * e);
  b.flops_output = 2.0 * e * c.n_vocab;
  b.attention_flops_per_position = 4.0 * c.n_layer * c.n_head * c.head_dim;  // q.k and p.v
  return b;
}

double SubmissionBudget::seconds(uint64_t n_past, uint64_t n) const {
  const double tokens = static_cast<double>(n);
  // Positions attended to: n_past + 1 for the first token, up to n_past + n for the last.
  const double positions = tokens * static_cast<double>(n_past + 1) + tokens * (tokens - 1) / 2;
  const double flops = flops_per_token * tokens + flops_output + attention_flops_per_position * positions;
  const double bytes = weight_bytes * (weights_per_token ? tokens : 1.0);
  return bytes / bytes_per_s + flops / flops_per_s;
}

uint32_t SubmissionBudget::tokens(uint64_t n_past, size_t remaining) const {
  const uint32_t most = static_cast<uint32_t>(std::min<size_t>(kMaxBatch, remaining));
  if (!bounded || most <= 1) return std::max<uint32_t>(most, 1);
  uint32_t n = 1;
  while (n < most && seconds(n_past, n + 1) <= max_seconds) ++n;
  return n;
}

}  // namespace veloce::vk
