#pragma once
// Writes GGUF files: used by tests to craft inputs and by `veloce-cli make-model`.
// It writes what it is told (it does not validate), so tests can also make bad files.
#include <cstdint>
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
  // Copies data; dims in GGUF order (ne[0] first).
  void add_tensor(const std::string& name, GgmlType type, std::vector<uint64_t> dims,
                  std::span<const uint8_t> data);
  std::vector<uint8_t> to_bytes() const;
  // Atomic: writes to a temporary file beside path, then renames. Throws GgufError on I/O errors.
  void write(const std::string& path) const;

  struct Item;

 private:
  uint32_t version_;
  uint64_t alignment_;
  std::vector<std::vector<uint8_t>> kv_;  // serialized key/value pairs
  struct Tensor { std::string name; GgmlType type; std::vector<uint64_t> dims; std::vector<uint8_t> data; };
  std::vector<Tensor> tensors_;
};

}  // namespace veloce
