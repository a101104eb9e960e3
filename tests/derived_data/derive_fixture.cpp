// derive_fixture IN.gguf F16|BF16|Q8_0 OUT.gguf: the 16-bit and Q8_0 fixtures are roundings of the
// F32 one, so the build writes them instead of the repository storing them (tests/data/README.md).
// Written as llama-quantize wrote them: every matrix (F32 tensor of 2+ dimensions) rounded to
// nearest even (F16, BF16) or to Q8_0 blocks, vectors (the norms) and metadata copied,
// general.file_type moved to the end with the new type, tensors in llama.cpp's order (by layer,
// unnumbered ones first, then by name).
#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <string>
#include <vector>

#include "inference/gguf/gguf_file.h"
#include "inference/gguf/gguf_writer.h"
#include "inference/quant/dequantize.h"

namespace {

// fp32 -> bfloat16 rounded to nearest even; NaN stays a quiet NaN (ggml_compute_fp32_to_bf16).
uint16_t fp32_to_bf16(float f) {
  const uint32_t u = std::bit_cast<uint32_t>(f);
  if ((u & 0x7fffffffu) > 0x7f800000u) return static_cast<uint16_t>((u >> 16) | 64u);
  return static_cast<uint16_t>((u + (0x7fffu + ((u >> 16) & 1u))) >> 16);
}

// 32 values -> an fp16 scale d = max|x| / 127 and 32 int8 round(x / d), rounded half away from
// zero with x multiplied by 1/d (ggml's reference Q8_0 quantizer, which llama-quantize ran).
void quantize_q8_0_block(const float* x, uint8_t* out) {
  float amax = 0.0f;
  for (int i = 0; i < 32; ++i) amax = std::max(amax, std::fabs(x[i]));
  const float d = amax / 127.0f;
  const float id = d != 0.0f ? 1.0f / d : 0.0f;
  const uint16_t h = veloce::fp32_to_fp16(d);
  std::memcpy(out, &h, 2);
  for (int i = 0; i < 32; ++i) out[2 + i] = static_cast<uint8_t>(static_cast<int8_t>(std::round(x[i] * id)));
}

// blk.N.* -> N, anything else -1 (llama.cpp's weight_name_comparer).
int layer_of(const std::string& name) {
  if (name.rfind("blk.", 0) != 0) return -1;
  return std::atoi(name.c_str() + 4);
}

int derive(const std::string& in, const std::string& type, const std::string& out) {
  using namespace veloce;
  const bool bf16 = type == "BF16";
  const bool q8_0 = type == "Q8_0";
  if (!bf16 && !q8_0 && type != "F16") {
    std::fprintf(stderr, "derive_fixture: type must be F16, BF16 or Q8_0, not '%s'\n", type.c_str());
    return 2;
  }
  const auto f = GgufFile::open(in);
  GgufWriter w(f->version(), f->alignment());
  for (const std::string& key : f->keys()) {
    if (key == "general.alignment") continue;  // the writer records a non-default alignment itself
    if (key != "general.file_type") w.copy_key(*f, key);
  }
  // LLAMA_FTYPE_MOSTLY_BF16 = 32, MOSTLY_F16 = 1, MOSTLY_Q8_0 = 7
  w.set_u32("general.file_type", bf16 ? 32u : q8_0 ? 7u : 1u);
  std::vector<const TensorInfo*> order;
  for (const TensorInfo& t : f->tensors()) order.push_back(&t);
  std::stable_sort(order.begin(), order.end(), [](const TensorInfo* a, const TensorInfo* b) {
    const int la = layer_of(a->name), lb = layer_of(b->name);
    return la != lb ? la < lb : a->name < b->name;
  });
  for (const TensorInfo* tp : order) {
    const TensorInfo& t = *tp;
    std::vector<uint64_t> dims(t.ne.begin(), t.ne.begin() + t.n_dims);
    if (t.type != GgmlType::F32 || t.n_dims < 2) {
      w.add_tensor(t.name, t.type, dims, {t.data, static_cast<size_t>(t.n_bytes)});
      continue;
    }
    if (q8_0) {
      std::vector<uint8_t> blocks(static_cast<size_t>(t.n_elements / 32) * 34);
      std::vector<float> x(32);
      for (uint64_t b = 0; b < t.n_elements / 32; ++b) {
        std::memcpy(x.data(), t.data + b * 32 * 4, 32 * 4);
        quantize_q8_0_block(x.data(), blocks.data() + b * 34);
      }
      w.add_tensor(t.name, GgmlType::Q8_0, dims, blocks);
      continue;
    }
    std::vector<uint8_t> bytes(static_cast<size_t>(t.n_elements) * 2);
    for (uint64_t i = 0; i < t.n_elements; ++i) {
      float v;
      std::memcpy(&v, t.data + i * 4, 4);
      const uint16_t h = bf16 ? fp32_to_bf16(v) : fp32_to_fp16(v);
      std::memcpy(bytes.data() + i * 2, &h, 2);
    }
    w.add_tensor(t.name, bf16 ? GgmlType::BF16 : GgmlType::F16, dims, bytes);
  }
  w.write(out);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 4) {
    std::fprintf(stderr, "usage: derive_fixture IN.gguf F16|BF16|Q8_0 OUT.gguf\n");
    return 2;
  }
  try {
    return derive(argv[1], argv[2], argv[3]);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "derive_fixture: %s\n", e.what());
    return 1;
  }
}
