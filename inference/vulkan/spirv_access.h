#pragma once
// Which descriptor bindings (set 0) of a compute shader it may write, read from its SPIR-V: a
// buffer declared readonly carries NonWritable (on the variable or on every member of its block)
// and a uniform buffer is never written. The recorder orders dispatches by what they write.
#include <cstdint>
#include <span>

namespace veloce::vk {

// Bit i set: binding i of set 0 is a storage buffer the shader may write. Bindings above 31 are
// ignored (no kernel has that many).
uint32_t writable_bindings(std::span<const uint32_t> spirv);

}  // namespace veloce::vk
