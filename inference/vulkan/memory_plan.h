#pragma once
// What a model needs on the GPU before anything is allocated: weights (on the device, spilled to
// host memory, the embedding table in host memory), the KV cache of the chosen context in the
// type it is stored in, the activations and the host-side buffers, against the device budget.
// Computed without a device too (`veloce-cli plan --preset phi-4 --vram 12GiB`), printed to the
// user, shown by the app as data (lines()), and turned into an EngineError when it cannot fit.
#include <cstdint>
#include <string>
#include <vector>

#include "inference/model/kv_type.h"
#include "inference/model/model.h"
#include "inference/model/model_config.h"
#include "inference/vulkan/device_list.h"
#include "inference/vulkan/weight_arena.h"

namespace veloce::vk {

constexpr uint32_t kMaxBatch = 128;  // tokens per prompt submission at most (see submission_tokens)

struct ScratchSizes {
  uint64_t hidden = 0, qkv = 0, gate_up = 0, ffn = 0, partial = 0, logits = 0;
  uint32_t decode_splits = 0;      // attention splits of the replayed decode step
  uint32_t prompt_max_splits = 0;  // at most this many splits for a prompt batch
  uint64_t total() const { return 4 * hidden + qkv + gate_up + ffn + partial + logits; }
  // Device-local activations; the logits (and the token ids, the step) live in host memory.
  uint64_t device_total() const { return 4 * hidden + qkv + gate_up + ffn + partial; }
  uint64_t host_total() const { return logits + kMaxBatch * 4 + 16; }
};
ScratchSizes scratch_sizes(const ModelConfig& c, uint32_t n_ctx);

// One cache position's K (or V) row: f16 2 bytes a value; q8_0 one byte a value and 2 bytes of
// scale per 32 (shaders/kv_cache.glsl's layout). One layer's K (or V) binding is n_ctx rows,
// rounded up to the storage offset alignment exactly as the session allocates it.
uint64_t kv_row_bytes(const ModelConfig& c, KvType type);
uint64_t kv_layer_bytes(const ModelConfig& c, uint32_t n_ctx, KvType type, uint64_t offset_alignment = 1);
uint64_t kv_cache_bytes(const ModelConfig& c, uint32_t n_ctx, KvType type, uint64_t offset_alignment = 1);
// Empty if the model's shape can use a cache of this type, else why not, for a user.
std::string kv_type_unsupported(const ModelConfig& c, KvType type);

// One row of the plan for display: what, how many bytes, where it lives.
struct PlanLine {
  std::string key;    // stable identifier (JSON key): weights_device, weights_spilled, ...
  std::string label;  // English words for the CLI ("weights on the GPU")
  uint64_t bytes = 0;
  bool device = true;  // counts against the device budget
};

struct MemoryPlan {
  uint32_t n_ctx = 0;
  uint64_t budget = 0;                       // device-local bytes available
  std::string budget_source;                 // "VK_EXT_memory_budget", "heap size less 10%", "--vram", ...
  uint64_t weights = 0;                      // every weight byte as laid out (packed Q6_K counted packed)
  uint64_t weights_device = 0;               // matrices and norms in device memory
  uint64_t weights_spilled = 0;              // matrices that did not fit, read over the bus every token
  uint64_t embedding_host = 0;               // the embedding table kept in host memory (one row read per token)
  std::vector<std::string> spilled_tensors;  // names (a tensor split by rows appears once)
  KvType kv_type = KvType::F16;
  uint64_t kv_cache = 0;      // device-local, in kv_type
  uint64_t activations = 0;   // device-local scratch of a prompt batch
  uint64_t host_buffers = 0;  // logits readback, token ids
  // Bytes read per generated token (not counting the KV cache): from device memory and over the bus.
  uint64_t read_device_per_token = 0, read_host_per_token = 0;
  uint64_t kv_read_per_token_full = 0;  // the whole KV cache, read at the end of the context
  bool host_is_device_memory = false;   // CPU or integrated device: "spilled" memory is as fast
  ArenaPlan arena;

  uint64_t weights_host() const { return weights_spilled + embedding_host; }
  uint64_t device_total() const { return weights_device + kv_cache + activations; }
  bool fits() const { return kv_cache + activations <= budget; }
  // Decode tokens/s the bandwidths allow (device GB/s for device memory, bus GB/s for host
  // memory), at the start of the context and with the whole context in the KV cache.
  double decode_tokens_per_s(double device_gbps, double bus_gbps, bool full_context) const;
  std::vector<PlanLine> lines() const;
  std::string describe(const std::string& device_name) const;
};

struct PlanRequest {
  uint32_t n_ctx = 4096;
  KvType kv_type = KvType::F16;
  uint64_t budget = 0;
  std::string budget_source;
  DeviceLimits limits;    // allocation and binding limits for the arena layout
  bool pack_q6k = false;  // the device reads Q6_K mat-vec tensors in the packed layout
  bool host_is_device_memory = false;
};

// Lays out the weights: the embedding table (when the output matrix is separate) in host memory,
// everything else on the device while the budget lasts after the KV cache and activations. What
// does not fit is spilled by whole row slices, the output matrix first (a prompt batch reads it
// for its last token only; in decode every matrix byte costs the same, so the plan spills as few
// bytes as the slices allow), then layers from the last one back.
// Every tensor once, in the order the arena's tensors() follow: *order receives them.
MemoryPlan make_memory_plan(const ModelConfig& c, const ModelWeights& w, const PlanRequest& request,
                            std::vector<const TensorInfo*>* order = nullptr);

std::string format_bytes(uint64_t bytes);

// How many prompt tokens one submission may take so that its estimated work stays under about
// max_seconds (a Windows driver resets a GPU whose submission runs past 2 s): the weights read
// once per batch (once per token where the device runs a batch as mat-vecs) over the device's
// bandwidth, plus the batch's flops (matrices and attention up to each token's position, so later
// chunks of a long prompt get fewer tokens) over its peak. The rates are conservative per device
// kind; CPU devices have no watchdog and keep kMaxBatch. VELOCE_VK_SUBMIT_MS sets max_seconds
// for every kind (tests).
struct SubmissionBudget {
  bool bounded = false;
  bool weights_per_token = false;
  double weight_bytes = 0;                  // read per pass over the weights
  double flops_per_token = 0;               // 2 x the matrix parameters of the layers
  double flops_output = 0;                  // the output matrix, for the last token of a batch
  double attention_flops_per_position = 0;  // per token, per cached position
  double bytes_per_s = 0, flops_per_s = 0, max_seconds = 0.5;
  double seconds(uint64_t n_past, uint64_t n) const;
  uint32_t tokens(uint64_t n_past, size_t remaining) const;  // at least 1, at most kMaxBatch
};
SubmissionBudget submission_budget(const ModelConfig& c, uint64_t weight_bytes, DeviceKind kind);

}  // namespace veloce::vk
