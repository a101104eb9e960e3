#include "inference/vulkan/recorder.h"

#include <string>

#include "inference/model/session.h"
#include "inference/vulkan/spirv_access.h"
#include "inference/vulkan/vk_check.h"
#include "shader_table.h"

namespace veloce::vk {

DescriptorArena::~DescriptorArena() {
  for (VkDescriptorPool p : pools_) vkDestroyDescriptorPool(device_->handle(), p, nullptr);
}

void DescriptorArena::add_pool() {
  constexpr uint32_t kSets = 512;
  const VkDescriptorPoolSize sizes[] = {{VK_DESCRIPTOR_TYPE_STORAGE_BUFFER, kSets * 6},
                                        {VK_DESCRIPTOR_TYPE_UNIFORM_BUFFER, kSets}};
  VkDescriptorPoolCreateInfo ci{};
  ci.sType = VK_STRUCTURE_TYPE_DESCRIPTOR_POOL_CREATE_INFO;
  ci.maxSets = kSets;
  ci.poolSizeCount = 2;
  ci.pPoolSizes = sizes;
  VkDescriptorPool pool = VK_NULL_HANDLE;
  check(vkCreateDescriptorPool(device_->handle(), &ci, nullptr, &pool), "vkCreateDescriptorPool");
  pools_.push_back(pool);
}

VkDescriptorSet DescriptorArena::allocate(VkDescriptorSetLayout layout) {
  for (;;) {
    if (current_ >= pools_.size()) add_pool();
    VkDescriptorSetAllocateInfo ai{};
    ai.sType = VK_STRUCTURE_TYPE_DESCRIPTOR_SET_ALLOCATE_INFO;
    ai.descriptorPool = pools_[current_];
    ai.descriptorSetCount = 1;
    ai.pSetLayouts = &layout;
    VkDescriptorSet set = VK_NULL_HANDLE;
    const VkResult r = vkAllocateDescriptorSets(device_->handle(), &ai, &set);
    if (r == VK_SUCCESS) return set;
    if (r != VK_ERROR_OUT_OF_POOL_MEMORY && r != VK_ERROR_FRAGMENTED_POOL) check(r, "vkAllocateDescriptorSets");
    ++current_;  // this pool is full: move on to the next (created on demand)
  }
}

void DescriptorArena::reset() {
  for (VkDescriptorPool p : pools_) vkResetDescriptorPool(device_->handle(), p, 0);
  current_ = 0;
}

void Recorder::dispatch_raw(const Pipeline& p, std::initializer_list<BufferRange> bindings, const void* push,
                            uint32_t push_bytes, uint32_t gx, uint32_t gy, uint32_t gz) {
  const DeviceLimits& lim = device_.limits();
  if (bindings.size() != p.n_bindings)
    throw EngineError("internal error: " + p.name + " takes " + std::to_string(p.n_bindings) + " buffers, got " +
                      std::to_string(bindings.size()));
  if (gx == 0 || gy == 0 || gz == 0) {  // nothing to do
    narrowing_.clear();
    return;
  }
  if (gx > lim.max_groups[0] || gy > lim.max_groups[1] || gz > lim.max_groups[2])
    throw EngineError("internal error: " + p.name + " dispatch of " + std::to_string(gx) + "x" + std::to_string(gy) + "x" +
                      std::to_string(gz) + " groups exceeds the device limit");
  std::vector<VkDescriptorBufferInfo> infos;
  std::vector<VkWriteDescriptorSet> writes;
  infos.reserve(bindings.size());
  const VkDescriptorSet set = arena_.allocate(p.set_layout);
  uint32_t i = 0;
  for (const BufferRange& b : bindings) {
    const bool uniform = (p.uniform_mask >> i) & 1;
    if (b.buffer == VK_NULL_HANDLE || b.range == 0 || b.range > (uniform ? lim.max_uniform_range : lim.max_binding) ||
        b.offset % (uniform ? lim.uniform_offset_alignment : lim.offset_alignment))
      throw EngineError("internal error: " + p.name + " binding " + std::to_string(i) + " (offset " +
                        std::to_string(b.offset) + ", " + std::to_string(b.range) + " bytes) breaks the device limits");
    infos.push_back({b.buffer, b.offset, b.range});
    VkWriteDescriptorSet w{};
    w.sType = VK_STRUCTURE_TYPE_WRITE_DESCRIPTOR_SET;
    w.dstSet = set;
    w.dstBinding = i++;
    w.descriptorCount = 1;
    w.descriptorType = uniform ? VK_DESCRIPTOR_TYPE_UNIFORM_BUFFER : VK_DESCRIPTOR_TYPE_STORAGE_BUFFER;
    w.pBufferInfo = &infos.back();
    writes.push_back(w);
  }
  vkUpdateDescriptorSets(device_.handle(), static_cast<uint32_t>(writes.size()), writes.data(), 0, nullptr);
  // What this dispatch reads and writes: each binding's whole range, narrowed where the caller
  // said which slice it writes.
  const uint32_t wmask = writable(p);
  std::vector<Span> reads, wspans;
  i = 0;
  for (const BufferRange& b : bindings) {
    Span s{b.buffer, b.offset, b.offset + b.range};
    reads.push_back(s);  // a written binding may be read too (add, rope work in place)
    if ((wmask >> i) & 1) {
      for (const Narrowing& n : narrowing_)
        if (n.binding == i) {
          if (n.offset < s.begin || n.offset + n.bytes > s.end)
            throw EngineError("internal error: " + p.name + " binding " + std::to_string(i) + " narrowed outside its range");
          s = {b.buffer, n.offset, n.offset + n.bytes};
        }
      wspans.push_back(s);
      reads.back() = s;
    }
    ++i;
  }
  narrowing_.clear();
  order(reads, wspans);
  vkCmdBindPipeline(cmd_, VK_PIPELINE_BIND_POINT_COMPUTE, p.pipeline);
  vkCmdBindDescriptorSets(cmd_, VK_PIPELINE_BIND_POINT_COMPUTE, p.layout, 0, 1, &set, 0, nullptr);
  if (push_bytes) vkCmdPushConstants(cmd_, p.layout, VK_SHADER_STAGE_COMPUTE_BIT, 0, push_bytes, push);
  vkCmdDispatch(cmd_, gx, gy, gz);
  ++dispatches_;
  if (after_dispatch) after_dispatch(cmd_, p);
}

uint32_t Recorder::writable(const Pipeline& p) {
  const auto it = writable_.find(&p);
  if (it != writable_.end()) return it->second;
  // Unknown SPIR-V (no table entry): every storage binding may be written.
  const auto spirv = shaders::find(p.name);
  const uint32_t mask = spirv.empty() ? ~p.uniform_mask : writable_bindings(spirv) & ~p.uniform_mask;
  writable_.emplace(&p, mask);
  return mask;
}

void Recorder::narrow_write(uint32_t binding, uint64_t offset, uint64_t bytes) {
  narrowing_.push_back({binding, offset, bytes});
}

namespace {

bool overlaps(const Recorder::Span& a, const Recorder::Span& b) {
  return a.buffer == b.buffer && a.begin < b.end && b.begin < a.end;
}

bool any_overlap(const std::vector<Recorder::Span>& a, const std::vector<Recorder::Span>& b) {
  for (const Recorder::Span& x : a)
    for (const Recorder::Span& y : b)
      if (overlaps(x, y)) return true;
  return false;
}

}  // namespace

void Recorder::order(const std::vector<Span>& reads, const std::vector<Span>& writes) {
  // Read after write, write after write, write after read of the same bytes.
  if (any_overlap(reads, unordered_writes_) || any_overlap(writes, unordered_writes_) ||
      any_overlap(writes, unordered_reads_)) {
    // Orders every earlier dispatch's writes before this one's reads and writes, and their reads
    // before its writes (one global barrier: cheaper to record than per-buffer ones, and a
    // dependency on one buffer is the usual case).
    VkMemoryBarrier mb{};
    mb.sType = VK_STRUCTURE_TYPE_MEMORY_BARRIER;
    mb.srcAccessMask = VK_ACCESS_SHADER_WRITE_BIT;
    mb.dstAccessMask = VK_ACCESS_SHADER_READ_BIT | VK_ACCESS_SHADER_WRITE_BIT;
    vkCmdPipelineBarrier(cmd_, VK_PIPELINE_STAGE_COMPUTE_SHADER_BIT, VK_PIPELINE_STAGE_COMPUTE_SHADER_BIT, 0, 1, &mb, 0,
                         nullptr, 0, nullptr);
    ++barriers_;
    unordered_reads_.clear();
    unordered_writes_.clear();
  }
  unordered_reads_.insert(unordered_reads_.end(), reads.begin(), reads.end());
  unordered_writes_.insert(unordered_writes_.end(), writes.begin(), writes.end());
}

void Recorder::barrier_to_host() {
  // Shader and transfer writes must be visible to the host reads that follow the fence wait.
  VkMemoryBarrier mb{};
  mb.sType = VK_STRUCTURE_TYPE_MEMORY_BARRIER;
  mb.srcAccessMask = VK_ACCESS_SHADER_WRITE_BIT | VK_ACCESS_TRANSFER_WRITE_BIT;
  mb.dstAccessMask = VK_ACCESS_HOST_READ_BIT;
  vkCmdPipelineBarrier(cmd_, VK_PIPELINE_STAGE_COMPUTE_SHADER_BIT | VK_PIPELINE_STAGE_TRANSFER_BIT,
                       VK_PIPELINE_STAGE_HOST_BIT, 0, 1, &mb, 0, nullptr, 0, nullptr);
}

void Recorder::copy(const Buffer& src, uint64_t src_offset, const Buffer& dst, uint64_t dst_offset, uint64_t bytes) {
  // The copy reads what kernels wrote, and later kernels may read what it wrote.
  VkMemoryBarrier before{};
  before.sType = VK_STRUCTURE_TYPE_MEMORY_BARRIER;
  before.srcAccessMask = VK_ACCESS_SHADER_WRITE_BIT;
  before.dstAccessMask = VK_ACCESS_TRANSFER_READ_BIT;
  vkCmdPipelineBarrier(cmd_, VK_PIPELINE_STAGE_COMPUTE_SHADER_BIT, VK_PIPELINE_STAGE_TRANSFER_BIT, 0, 1, &before, 0, nullptr,
                       0, nullptr);
  VkBufferCopy region{src_offset, dst_offset, bytes};
  vkCmdCopyBuffer(cmd_, src.handle(), dst.handle(), 1, &region);
  // The two barriers chain: every earlier dispatch is ordered before every later one.
  unordered_reads_.clear();
  unordered_writes_.clear();
  VkMemoryBarrier after{};
  after.sType = VK_STRUCTURE_TYPE_MEMORY_BARRIER;
  after.srcAccessMask = VK_ACCESS_TRANSFER_WRITE_BIT;
  after.dstAccessMask = VK_ACCESS_SHADER_READ_BIT | VK_ACCESS_SHADER_WRITE_BIT;
  vkCmdPipelineBarrier(cmd_, VK_PIPELINE_STAGE_TRANSFER_BIT, VK_PIPELINE_STAGE_COMPUTE_SHADER_BIT, 0, 1, &after, 0, nullptr,
                       0, nullptr);
}

Groups2D split_groups(const Device& device, uint64_t count) {
  const uint64_t max_x = device.limits().max_groups[0];
  if (count <= max_x) return {static_cast<uint32_t>(count ? count : 1), 1};
  const uint64_t y = (count + max_x - 1) / max_x;
  if (y > device.limits().max_groups[1]) throw EngineError("internal error: too many workgroups");
  const uint64_t x = (count + y - 1) / y;
  return {static_cast<uint32_t>(x), static_cast<uint32_t>(y)};
}

}  // namespace veloce::vk
