// libFuzzer target: any byte string through the GGUF parser and, when it parses, through every
// metadata accessor and the full model validation. Only GgufError may come out; ASan and UBSan
// turn any out-of-bounds read, overflow or leak into a crash the fuzzer reports.
#include <cstddef>
#include <cstdint>

#include "inference/gguf/gguf_file.h"
#include "inference/model/model.h"

namespace {

volatile uint8_t g_sink;

void touch_everything(const veloce::GgufFile& f) {
  using veloce::GgufValueType;
  for (const std::string& key : f.keys()) {
    (void)f.describe(key);
    try {
      switch (*f.type_of(key)) {
        case GgufValueType::STRING: (void)f.get_string(key); break;
        case GgufValueType::BOOL: (void)f.get_bool(key); break;
        case GgufValueType::F32:
        case GgufValueType::F64: (void)f.get_float(key); break;
        case GgufValueType::ARRAY:
          switch (*f.array_type_of(key)) {
            case GgufValueType::STRING: (void)f.get_string_array(key); break;
            case GgufValueType::F32:
            case GgufValueType::F64: (void)f.get_float_array(key); break;
            case GgufValueType::BOOL: break;
            default: (void)f.get_int_array(key);
          }
          break;
        default: (void)f.get_int(key), (void)f.get_uint(key);
      }
    } catch (const veloce::GgufError&) {
      // Out-of-range conversions are reported, not crashed on.
    }
  }
  // First and last byte of every tensor: ASan checks they lie inside the copied buffer.
  for (const veloce::TensorInfo& t : f.tensors()) g_sink = static_cast<uint8_t>(t.data[0] ^ t.data[t.n_bytes - 1]);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  try {
    auto file = veloce::GgufFile::from_bytes("fuzz.gguf", {data, size});
    touch_everything(*file);
    auto model = veloce::Model::from_file(std::move(file));
    g_sink = static_cast<uint8_t>(model->weights().total_bytes() ^ model->weights().bytes_read_per_token());
    (void)model->quantization_label();
  } catch (const veloce::GgufError&) {
    // The expected outcome for bad input.
  }
  return 0;
}
