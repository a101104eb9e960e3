// Devices: enumeration, the default choice and overrides, the smallest pipeline, error mapping.
#include <gtest/gtest.h>

#include <cstring>

#include "inference/model/session.h"
#include "inference/vulkan/device.h"
#include "inference/vulkan/device_list.h"
#include "inference/vulkan/physical_device.h"
#include "inference/vulkan/vk_check.h"
#include "tests/vulkan/kernel_harness.h"
#include "tests/vulkan/vk_test_support.h"

namespace veloce {
namespace {

using vk::DeviceInfo;
using vk::DeviceKind;

class DeviceTest : public test::ValidatedTest {};

TEST_F(DeviceTest, ValidationLayerIsActiveWhenRequested) {
  if (!vk::validation_requested()) return;  // only meaningful under the test environment
  auto dev = vk::Device::create("", nullptr);
  EXPECT_TRUE(dev->validation_enabled()) << "VELOCE_VALIDATION=1 but the layer did not load";
}

TEST_F(DeviceTest, ListsDevicesWithTheirProperties) {
  const auto devices = vk::list_devices();
  ASSERT_FALSE(devices.empty());
  for (const auto& d : devices) {
    EXPECT_FALSE(d.name.empty());
    EXPECT_EQ(d.uuid.size(), 32u);
    EXPECT_GT(d.device_local_bytes, 0u);
    EXPECT_GT(d.subgroup_size, 0u);
  }
}

DeviceInfo fake(uint32_t index, const char* name, DeviceKind kind, uint64_t mem) {
  DeviceInfo d;
  d.index = index;
  d.name = name;
  d.kind = kind;
  d.device_local_bytes = mem;
  d.uuid = std::string(31, '0') + std::to_string(index);
  d.supported = true;
  return d;
}

TEST_F(DeviceTest, DefaultChoicePrefersTheBiggestDiscreteGpu) {
  test::ScopedEnv no_env("VELOCE_DEVICE", "");
  std::vector<DeviceInfo> ds = {
      fake(0, "llvmpipe", DeviceKind::Cpu, 2ull << 30), fake(1, "Intel UHD", DeviceKind::Integrated, 8ull << 30),
      fake(2, "Small dGPU", DeviceKind::Discrete, 4ull << 30), fake(3, "Big dGPU", DeviceKind::Discrete, 16ull << 30)};
  std::string warning;
  EXPECT_EQ(vk::choose_device(ds, "", &warning), 3u);
  EXPECT_TRUE(warning.empty());
  ds.erase(ds.begin() + 2, ds.end());
  EXPECT_EQ(vk::choose_device(ds, "", &warning), 1u);
  ds.erase(ds.begin() + 1);
  EXPECT_EQ(vk::choose_device(ds, "", &warning), 0u);
  EXPECT_NE(warning.find("slow"), std::string::npos) << warning;
}

TEST_F(DeviceTest, OverrideByIndexNameOrUuid) {
  std::vector<DeviceInfo> ds = {fake(0, "llvmpipe", DeviceKind::Cpu, 1), fake(1, "Radeon RX", DeviceKind::Discrete, 2)};
  EXPECT_EQ(vk::choose_device(ds, "0", nullptr), 0u);
  EXPECT_EQ(vk::choose_device(ds, "radeon", nullptr), 1u);
  EXPECT_EQ(vk::choose_device(ds, ds[0].uuid, nullptr), 0u);
  EXPECT_THROW(vk::choose_device(ds, "7", nullptr), EngineError);
  EXPECT_THROW(vk::choose_device(ds, "geforce", nullptr), EngineError);
  test::ScopedEnv env("VELOCE_DEVICE", "LLVM");
  EXPECT_EQ(vk::choose_device(ds, "", nullptr), 0u);
}

TEST_F(DeviceTest, UnsupportedDeviceIsRefusedWithItsReason) {
  std::vector<DeviceInfo> ds = {fake(0, "Old GPU", DeviceKind::Discrete, 1)};
  ds[0].supported = false;
  ds[0].unsupported_reason = "it supports only Vulkan 1.0.3 (1.1 is needed)";
  try {
    vk::choose_device(ds, "0", nullptr);
    FAIL();
  } catch (const EngineError& e) {
    EXPECT_NE(std::string(e.what()).find("1.1 is needed"), std::string::npos);
  }
}

// Devices below the kernels' shared memory or workgroup size are refused with the figures; the
// Vulkan minimums (16 KiB, 128) are below both, lavapipe's limits (32 KiB, 1024) are not.
TEST_F(DeviceTest, ComputeLimitsBelowTheKernelsAreNamed) {
  VkPhysicalDeviceLimits l{};
  l.maxComputeSharedMemorySize = 32768;
  l.maxComputeWorkGroupInvocations = 1024;
  l.maxComputeWorkGroupSize[0] = 1024;
  EXPECT_EQ(vk::compute_limits_shortfall(l), "");
  l.maxComputeSharedMemorySize = 16384;
  EXPECT_EQ(vk::compute_limits_shortfall(l), "it has 16 KiB of compute shared memory (32 KiB is needed)");
  l.maxComputeSharedMemorySize = 49152;
  l.maxComputeWorkGroupInvocations = 128;
  EXPECT_EQ(vk::compute_limits_shortfall(l), "its compute workgroups hold at most 128 invocations (256 are needed)");
  l.maxComputeWorkGroupInvocations = 1024;
  l.maxComputeWorkGroupSize[0] = 128;
  EXPECT_EQ(vk::compute_limits_shortfall(l), "its compute workgroups hold at most 128 invocations (256 are needed)");
  // The device this suite runs on meets them.
  for (const DeviceInfo& d : vk::list_devices()) EXPECT_TRUE(d.supported) << d.name << ": " << d.unsupported_reason;
}

TEST_F(DeviceTest, DeviceErrorsBecomeEngineErrors) {
  EXPECT_THROW(vk::check(VK_ERROR_DEVICE_LOST, "vkQueueSubmit"), EngineError);
  try {
    vk::check(VK_ERROR_OUT_OF_DEVICE_MEMORY, "vkAllocateMemory");
  } catch (const EngineError& e) {
    EXPECT_NE(std::string(e.what()).find("VK_ERROR_OUT_OF_DEVICE_MEMORY"), std::string::npos);
  }
  EXPECT_NO_THROW(vk::check(VK_SUCCESS, "x"));
}

TEST_F(DeviceTest, SmallestPipelineRuns) {
  test::KernelHarness h;
  auto out = h.zeros(100 * 4);
  vk::Pipelines pipelines(std::shared_ptr<const vk::Device>(&h.device(), [](const vk::Device*) {}));
  h.run([&](vk::Recorder& r, vk::Kernels&) {
    const uint32_t n = 100;
    r.dispatch(pipelines.get("fill_test", 1), {vk::whole(out)}, n, 2);
  });
  const auto* v = static_cast<const uint32_t*>(out.mapped());
  for (uint32_t i = 0; i < 100; ++i) ASSERT_EQ(v[i], i * 3 + 1);
}

TEST_F(DeviceTest, DispatchRejectsBindingsBeyondTheLimits) {
  test::KernelHarness h;
  auto out = h.zeros(64);
  vk::Pipelines pipelines(std::shared_ptr<const vk::Device>(&h.device(), [](const vk::Device*) {}));
  EXPECT_THROW(h.run([&](vk::Recorder& r, vk::Kernels&) {
    r.dispatch(pipelines.get("fill_test", 1), {vk::BufferRange{out.handle(), 4, 16}}, uint32_t{4}, 1);  // misaligned
  }),
               EngineError);
}

}  // namespace
}  // namespace veloce
