#pragma once
// SPIR-V modules compiled from shaders/*.comp at build time (see shaders/CMakeLists.txt).
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

namespace veloce::shaders {
// The SPIR-V words of a pipeline by its name in shader_list.cmake; empty if there is none.
std::span<const uint32_t> find(std::string_view name);
std::vector<std::string_view> names();
}  // namespace veloce::shaders
