#include "tests/vulkan/kernel_harness.h"

#include <cstring>

#include "inference/quant/dequantize.h"
#include "inference/vulkan/q6k_pack.h"

namespace veloce::test {

KernelHarness::KernelHarness() {
  device_ = vk::Device::create("", nullptr);
  pipelines_ = std::make_unique<vk::Pipelines>(device_);
  kernels_ = std::make_unique<vk::Kernels>(*device_, *pipelines_);
}

vk::Buffer KernelHarness::buffer(const void* data, size_t bytes) {
  vk::Buffer b(*device_, (bytes + 3) / 4 * 4, vk::MemoryKind::Staging);
  std::memset(b.mapped(), 0, b.size());
  std::memcpy(b.mapped(), data, bytes);
  return b;
}

vk::Buffer KernelHarness::zeros(size_t bytes) {
  vk::Buffer b(*device_, (bytes + 3) / 4 * 4, vk::MemoryKind::Readback);
  std::memset(b.mapped(), 0, b.size());
  return b;
}

void KernelHarness::run(const std::function<void(vk::Recorder&, vk::Kernels&)>& record) {
  vk::CommandBuffer cmd(*device_);
  vk::Fence fence(*device_);
  vk::DescriptorArena sets(*device_);
  cmd.begin(true);
  vk::Recorder r(*device_, cmd.handle(), sets);
  record(r, *kernels_);
  r.barrier_to_host();
  cmd.end();
  device_->submit(cmd.handle(), fence.handle());
  device_->wait(fence.handle(), "a kernel test");
}

std::vector<float> KernelHarness::floats(const vk::Buffer& b, size_t n) const {
  std::vector<float> out(n);
  std::memcpy(out.data(), b.mapped(), n * 4);
  return out;
}

vk::GpuTensor KernelHarness::tensor(GgmlType type, uint32_t ncols, uint32_t nrows, const std::vector<uint8_t>& bytes,
                                    uint32_t rows_per_part, bool packed) {
  vk::GpuTensor t;
  t.type = type;
  t.ncols = ncols;
  t.nrows = nrows;
  t.packed = packed;
  const uint64_t src_row = row_bytes(type, ncols);
  t.row_bytes = static_cast<uint32_t>(packed ? vk::q6k_packed_row_bytes(ncols) : src_row);
  if (rows_per_part == 0) rows_per_part = nrows;
  for (uint32_t r = 0; r < nrows; r += rows_per_part) {
    const uint32_t n = std::min(rows_per_part, nrows - r);
    // Padded to whole 16-byte units, as the weight arena pads parts.
    std::vector<uint8_t> padded(bytes.begin() + uint64_t{r} * src_row, bytes.begin() + uint64_t{r + n} * src_row);
    if (packed) {
      std::vector<uint8_t> p(uint64_t{n} * t.row_bytes);
      vk::pack_q6k_blocks(padded.data(), p.data(), p.size() / vk::kQ6KPackedBlockBytes);
      padded = std::move(p);
    }
    padded.resize((padded.size() + 15) / 16 * 16);
    owned_.push_back(buffer(padded));
    vk::TensorPart p;
    p.range = vk::whole(owned_.back());
    p.row_begin = r;
    p.rows = n;
    t.parts.push_back(p);
  }
  return t;
}

std::vector<float> random_floats(size_t n, std::mt19937& rng, float lo, float hi) {
  std::uniform_real_distribution<float> d(lo, hi);
  std::vector<float> v(n);
  for (float& x : v) x = d(rng);
  return v;
}

std::vector<uint8_t> random_weights(GgmlType type, uint64_t n_values, std::mt19937& rng) {
  const TypeInfo& ti = type_info(type);
  const uint64_t blocks = n_values / ti.block_values;
  std::vector<uint8_t> out(blocks * ti.block_bytes);
  std::uniform_int_distribution<int> byte(0, 255);
  std::uniform_real_distribution<float> scale(0.001f, 0.05f);
  auto put_half = [&](size_t off, float v) {
    const uint16_t h = fp32_to_fp16(v);
    std::memcpy(&out[off], &h, 2);
  };
  if (type == GgmlType::F32 || type == GgmlType::F16 || type == GgmlType::BF16) {
    const auto f = random_floats(n_values, rng);
    for (uint64_t i = 0; i < n_values; ++i) {
      if (type == GgmlType::F32) std::memcpy(&out[i * 4], &f[i], 4);
      else if (type == GgmlType::F16) put_half(i * 2, f[i]);
      else {
        uint32_t u;
        std::memcpy(&u, &f[i], 4);
        const uint16_t b = static_cast<uint16_t>(u >> 16);
        std::memcpy(&out[i * 2], &b, 2);
      }
    }
    return out;
  }
  for (auto& b : out) b = static_cast<uint8_t>(byte(rng));
  for (uint64_t k = 0; k < blocks; ++k) {
    const size_t o = k * ti.block_bytes;
    switch (type) {
      case GgmlType::Q4_0:
      case GgmlType::Q5_0:
      case GgmlType::Q8_0: put_half(o, scale(rng)); break;
      case GgmlType::Q4_1:
      case GgmlType::Q5_1:
        put_half(o, scale(rng));
        put_half(o + 2, -scale(rng) * 8);
        break;
      case GgmlType::Q2_K:
        put_half(o + 80, scale(rng));
        put_half(o + 82, scale(rng));
        break;
      case GgmlType::Q3_K: put_half(o + 108, scale(rng)); break;
      case GgmlType::Q4_K:
      case GgmlType::Q5_K:
        put_half(o, scale(rng) / 8);
        put_half(o + 2, scale(rng) / 8);
        break;
      case GgmlType::Q6_K: put_half(o + 208, scale(rng) / 8); break;
      default: break;
    }
  }
  return out;
}

double nmse(const std::vector<float>& ref, const std::vector<float>& got) {
  double num = 0, den = 0;
  for (size_t i = 0; i < ref.size(); ++i) {
    const double d = static_cast<double>(ref[i]) - static_cast<double>(i < got.size() ? got[i] : 0.0f);
    num += d * d;
    den += static_cast<double>(ref[i]) * ref[i];
  }
  return den > 0 ? num / den : num;
}

}  // namespace veloce::test
