#include "inference/vulkan/spirv_access.h"

#include <map>
#include <set>

namespace veloce::vk {
namespace {

// Opcodes and enumerants of the SPIR-V specification (unified 1.6, sections 3.x).
constexpr uint32_t kOpTypeStruct = 30, kOpTypePointer = 32, kOpVariable = 59, kOpDecorate = 71, kOpMemberDecorate = 72;
constexpr uint32_t kDecorationNonWritable = 24, kDecorationBinding = 33, kDecorationDescriptorSet = 34;
constexpr uint32_t kStorageUniform = 2, kStorageStorageBuffer = 12;
constexpr uint32_t kDecorationBufferBlock = 3;

}  // namespace

uint32_t writable_bindings(std::span<const uint32_t> spirv) {
  if (spirv.size() < 5) return 0;
  std::map<uint32_t, uint32_t> binding, set;                   // variable id -> decoration value
  std::set<uint32_t> nonwritable_var, buffer_block;            // ids decorated NonWritable / BufferBlock
  std::map<uint32_t, std::set<uint32_t>> nonwritable_members;  // struct id -> members
  std::map<uint32_t, uint32_t> struct_members;                 // struct id -> member count
  std::map<uint32_t, std::pair<uint32_t, uint32_t>> pointer;   // pointer id -> storage class, pointee
  std::map<uint32_t, uint32_t> variable_type;                  // variable id -> pointer type id
  for (size_t i = 5; i < spirv.size();) {
    const uint32_t words = spirv[i] >> 16, op = spirv[i] & 0xffffu;
    if (words == 0 || i + words > spirv.size()) break;  // malformed: treat what was read
    const uint32_t* w = &spirv[i];
    if (op == kOpDecorate && words >= 3) {
      if (w[2] == kDecorationBinding && words >= 4) binding[w[1]] = w[3];
      else if (w[2] == kDecorationDescriptorSet && words >= 4) set[w[1]] = w[3];
      else if (w[2] == kDecorationNonWritable) nonwritable_var.insert(w[1]);
      else if (w[2] == kDecorationBufferBlock) buffer_block.insert(w[1]);
    } else if (op == kOpMemberDecorate && words >= 4 && w[3] == kDecorationNonWritable) {
      nonwritable_members[w[1]].insert(w[2]);
    } else if (op == kOpTypeStruct && words >= 2) {
      struct_members[w[1]] = words - 2;
    } else if (op == kOpTypePointer && words >= 4) {
      pointer[w[1]] = {w[2], w[3]};
    } else if (op == kOpVariable && words >= 4) {
      variable_type[w[2]] = w[1];
    }
    i += words;
  }
  uint32_t mask = 0;
  for (const auto& [var, b] : binding) {
    if (b >= 32 || (set.count(var) && set.at(var) != 0)) continue;
    const auto vt = variable_type.find(var);
    if (vt == variable_type.end()) continue;
    const auto pt = pointer.find(vt->second);
    if (pt == pointer.end()) continue;
    const auto [storage, pointee] = pt->second;
    // Storage buffers: StorageBuffer class, or Uniform class with a BufferBlock struct (SPIR-V 1.0).
    const bool storage_buffer =
        storage == kStorageStorageBuffer || (storage == kStorageUniform && buffer_block.count(pointee));
    if (!storage_buffer || nonwritable_var.count(var)) continue;
    const auto members = struct_members.find(pointee);
    const auto ro = nonwritable_members.find(pointee);
    const bool all_readonly =
        members != struct_members.end() && ro != nonwritable_members.end() && ro->second.size() >= members->second;
    if (!all_readonly) mask |= 1u << b;
  }
  return mask;
}

}  // namespace veloce::vk
