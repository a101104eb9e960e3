#include "inference/vulkan/device_list.h"

#include <vulkan/vulkan.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstdlib>

#include "inference/model/session.h"
#include "inference/vulkan/instance.h"
#include "inference/vulkan/physical_device.h"

namespace veloce::vk {
namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

int kind_rank(DeviceKind k) {
  switch (k) {
    case DeviceKind::Discrete: return 0;
    case DeviceKind::Integrated: return 1;
    case DeviceKind::Virtual: return 2;
    case DeviceKind::Other: return 3;
    case DeviceKind::Cpu: return 4;
  }
  return 5;
}

std::string describe_all(const std::vector<DeviceInfo>& devices) {
  std::string s;
  for (const auto& d : devices) {
    if (!s.empty()) s += "; ";
    s += std::to_string(d.index) + ": " + d.name;
  }
  return s.empty() ? "none" : s;
}

}  // namespace

const char* device_kind_name(DeviceKind kind) {
  switch (kind) {
    case DeviceKind::Discrete: return "discrete GPU";
    case DeviceKind::Integrated: return "integrated GPU";
    case DeviceKind::Virtual: return "virtual GPU";
    case DeviceKind::Cpu: return "CPU";
    case DeviceKind::Other: return "other";
  }
  return "other";
}

std::vector<DeviceInfo> list_devices() {
  auto instance = Instance::create();
  std::vector<DeviceInfo> out;
  for (VkPhysicalDevice pd : physical_devices(*instance)) {
    DeviceInfo info = describe_physical_device(*instance, pd);
    info.index = static_cast<uint32_t>(out.size());
    out.push_back(std::move(info));
  }
  return out;
}

uint32_t choose_device(const std::vector<DeviceInfo>& devices, std::string_view selector, std::string* warning) {
  std::string sel(selector);
  if (sel.empty()) {
    const char* env = std::getenv("VELOCE_DEVICE");
    if (env) sel = env;
  }
  if (devices.empty())
    throw EngineError("no Vulkan device found: install a GPU driver with Vulkan support (or Mesa's lavapipe)");
  auto usable = [&](const DeviceInfo& d) {
    if (!d.supported) throw EngineError("Vulkan device '" + d.name + "' cannot run Veloce: " + d.unsupported_reason);
    return d.index;
  };
  if (!sel.empty()) {
    const bool numeric =
        std::all_of(sel.begin(), sel.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
    if (numeric && sel.size() < 4) {
      const unsigned long i = std::strtoul(sel.c_str(), nullptr, 10);
      if (i < devices.size()) return usable(devices[i]);
      throw EngineError("device index " + sel + " does not exist; devices: " + describe_all(devices));
    }
    const std::string want = lower(sel);
    for (const auto& d : devices)
      if (lower(d.uuid) == want) return usable(d);
    for (const auto& d : devices)
      if (lower(d.name).find(want) != std::string::npos) return usable(d);
    throw EngineError("no Vulkan device matches '" + sel + "' (by index, UUID or name); devices: " + describe_all(devices));
  }
  const DeviceInfo* best = nullptr;
  for (const auto& d : devices) {
    if (!d.supported) continue;
    if (!best || kind_rank(d.kind) < kind_rank(best->kind) ||
        (kind_rank(d.kind) == kind_rank(best->kind) && d.device_local_bytes > best->device_local_bytes))
      best = &d;
  }
  if (!best)
    throw EngineError("no usable Vulkan device: " + devices.front().name + ": " + devices.front().unsupported_reason);
  if (best->kind == DeviceKind::Cpu && warning)
    *warning = "using '" + best->name + "', a Vulkan driver that runs on the CPU: expect slow generation";
  return best->index;
}

}  // namespace veloce::vk
