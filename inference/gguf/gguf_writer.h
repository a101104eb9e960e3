#pragma once
// Writes GGUF files: used by tests to craft inputs and by `veloce-cli make-model`.
// It writes what it is told (it does not validate), so tests can also make bad files.
#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <vector>

#include "inference/gguf/gguf_file.h"

namespace veloce {

class GgufWriter {
 public:
  explicit GgufWriter(uint32_t version = 3, uint64_t alignment = 32);
  void set_u32(const std::string& key, uint32_t v);
  void set_i32(const std::string& key, int32_t v);
  void set_u64(const std::string& key, uint64_t v);
  void set_f32(const std::string& key, float v);
  void set_bool(const std::string& key, bool v);
  void set_string(const std::string& key, const std::string& v);
  void set_string_array(const std::string& key, const std::vector<std::string>& v);
  void set_i32_array(const std::string& key, const std::vector<int32_t>& v);
  void set_f32_array(const std::string& key, const std::vector<float>& v);
  // Any key: type id and the value's bytes exactly as given (tests craft bad values with it).
  void set_raw(const std::string& key, uint32_t type_id, std::span<const uint8_t> value_bytes);
  // Copies one metadata value of another file with its exact type (tokenizer keys, for example).
  void copy_key(const GgufFile& from, const std::string& key);
  // Copies data; dims in GGUF order (ne[0] first).
  void add_tensor(const std::string& name, GgmlType type, std::vector<uint64_t> dims, std::span<const uint8_t> data);
  // Streams n_bytes of tensor data at write time: fill(dst, offset) must fill dst with the bytes
  // [offset, offset + dst.size()) of the tensor. Called in order, in chunks, so a multi-GB model
  // never has to be in memory.
  using TensorFill = std::function<void(std::span<uint8_t> dst, uint64_t offset)>;
  void add_tensor_stream(const std::string& name, GgmlType type, std::vector<uint64_t> dims, uint64_t n_bytes,
                         TensorFill fill);
  // Records this offset for tensor #index instead of the laid-out one; the data still goes where
  // the layout puts it (for crafting misaligned, overlapping or out-of-range tensors).
  void set_tensor_offset(size_t index, uint64_t offset);
  size_t tensor_count() const { return tensors_.size(); }

  std::vector<uint8_t> to_bytes() const;
  // Atomic: writes to a temporary file beside path, then renames. Throws GgufError on I/O errors.
  void write(const std::string& path) const;

  struct Item;

 private:
  uint32_t version_;
  uint64_t alignment_;
  std::vector<std::vector<uint8_t>> kv_;  // serialized key/value pairs
  struct Tensor {
    std::string name;
    GgmlType type;
    std::vector<uint64_t> dims;
    std::vector<uint8_t> data;  // when fill is empty
    uint64_t n_bytes = 0;
    TensorFill fill;
    bool offset_overridden = false;
    uint64_t offset_override = 0;
  };
  std::vector<Tensor> tensors_;
  std::vector<uint8_t> header_bytes(std::vector<uint64_t>& offsets) const;
  uint64_t layout_alignment() const;
  template <class Sink>
  void emit(Sink& sink) const;
};

}  // namespace veloce
