#pragma once
// A validated, memory-mapped GGUF file (versions 2 and 3). Nothing in it is trusted until
// open() has checked it against ../shared/docs/RELIABILITY.md; after that it is immutable.
#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "inference/gguf/ggml_type.h"

namespace veloce {

// Every loader error names the file, the field and the reason: "model.gguf: tensor 'x': offset ...".
class GgufError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

enum class GgufValueType : uint32_t {
  U8 = 0,
  I8 = 1,
  U16 = 2,
  I16 = 3,
  U32 = 4,
  I32 = 5,
  F32 = 6,
  BOOL = 7,
  STRING = 8,
  ARRAY = 9,
  U64 = 10,
  I64 = 11,
  F64 = 12,
};

struct TensorInfo {
  std::string name;
  uint32_t n_dims = 0;
  std::array<uint64_t, 4> ne{1, 1, 1, 1};  // GGUF order: ne[0] is the row length (input width)
  GgmlType type = GgmlType::F32;
  uint64_t offset = 0;  // relative to the data section
  uint64_t n_elements = 0;
  uint64_t n_bytes = 0;
  const uint8_t* data = nullptr;  // inside the mapping, valid as long as the GgufFile lives
  uint64_t rows() const { return n_elements / ne[0]; }
};

class GgufFile {
 public:
  // Maps and validates; throws GgufError.
  static std::unique_ptr<GgufFile> open(const std::string& path);
  // Validates bytes already in memory (fuzzing, tests). The bytes are copied.
  static std::unique_ptr<GgufFile> from_bytes(std::string display_name, std::span<const uint8_t> bytes);
  ~GgufFile();
  GgufFile(const GgufFile&) = delete;
  GgufFile& operator=(const GgufFile&) = delete;

  const std::string& path() const { return path_; }
  uint32_t version() const { return version_; }
  uint64_t file_size() const { return size_; }
  uint64_t alignment() const { return alignment_; }
  uint64_t data_offset() const { return data_offset_; }

  // Metadata. Getters return nullopt when the key is absent and throw GgufError when it has
  // another type (integers of any width convert when the value fits).
  bool has(std::string_view key) const;
  std::optional<GgufValueType> type_of(std::string_view key) const;
  std::vector<std::string> keys() const;
  std::optional<uint64_t> get_uint(std::string_view key) const;
  std::optional<int64_t> get_int(std::string_view key) const;
  std::optional<double> get_float(std::string_view key) const;
  std::optional<bool> get_bool(std::string_view key) const;
  std::optional<std::string_view> get_string(std::string_view key) const;
  // Arrays: element type must match (ints of any width for get_int_array).
  std::optional<std::vector<std::string_view>> get_string_array(std::string_view key) const;
  std::optional<std::vector<int64_t>> get_int_array(std::string_view key) const;
  std::optional<std::vector<float>> get_float_array(std::string_view key) const;
  // Element count and element type of an array without copying it; nullopt when absent,
  // GgufError when the key holds no array.
  std::optional<uint64_t> array_size(std::string_view key) const;
  std::optional<GgufValueType> array_type_of(std::string_view key) const;
  // A short human-readable rendering of any value (for `veloce-cli info`).
  std::string describe(std::string_view key) const;

  // Tensors, in file order.
  const std::vector<TensorInfo>& tensors() const { return tensors_; }
  const TensorInfo* find_tensor(std::string_view name) const;
  // Throws GgufError naming the tensor unless it exists with exactly this shape and one of the types.
  const TensorInfo& require_tensor(std::string_view name, std::span<const uint64_t> shape,
                                   std::span<const GgmlType> allowed_types) const;

  struct Impl;

 private:
  GgufFile() = default;
  // Parses and validates bytes that `impl` keeps alive (a mapping or an owned copy).
  static std::unique_ptr<GgufFile> parse_into(std::string path, std::unique_ptr<Impl> impl, std::span<const uint8_t> bytes);
  void index();  // builds the key and tensor-name lookups once the parse is final
  std::string path_;
  uint32_t version_ = 0;
  uint64_t size_ = 0;
  uint64_t alignment_ = 32;
  uint64_t data_offset_ = 0;
  std::vector<TensorInfo> tensors_;
  std::unique_ptr<Impl> impl_;
};

}  // namespace veloce
