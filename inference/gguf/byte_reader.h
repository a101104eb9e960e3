#pragma once
// A little-endian cursor over untrusted bytes. Every read is bounds-checked against the end of
// the buffer and failures throw GgufError naming the file and the field being read, so the
// parser never touches a byte it has not proven to exist.
#include <bit>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

#include "inference/gguf/gguf_file.h"

namespace veloce {

static_assert(std::endian::native == std::endian::little, "GGUF is little-endian; so is every supported host");

class ByteReader {
 public:
  ByteReader(const std::string& path, const uint8_t* data, uint64_t size) : path_(path), data_(data), size_(size) {}

  uint64_t pos() const { return pos_; }
  uint64_t remaining() const { return size_ - pos_; }
  const uint8_t* data() const { return data_; }

  [[noreturn]] void fail(std::string_view field, std::string_view reason) const {
    throw GgufError(path_ + ": " + std::string(field) + ": " + std::string(reason));
  }

  // Pointer to the next n bytes, which are consumed.
  const uint8_t* take(uint64_t n, std::string_view field) {
    if (n > remaining())
      fail(field, "unexpected end of file (needs " + std::to_string(n) + " bytes at offset " + std::to_string(pos_) +
                      ", the file has " + std::to_string(size_) + "): the file is truncated or corrupt");
    const uint8_t* p = data_ + pos_;
    pos_ += n;
    return p;
  }

  template <class T>
  T read(std::string_view field) {
    T v;
    std::memcpy(&v, take(sizeof(T), field), sizeof(T));
    return v;
  }
  uint32_t u32(std::string_view field) { return read<uint32_t>(field); }
  uint64_t u64(std::string_view field) { return read<uint64_t>(field); }

  // A GGUF string: u64 length then bytes. max_len bounds it further than the bytes left do.
  std::string_view str(std::string_view field, uint64_t max_len) {
    const uint64_t n = u64(field);
    if (n > remaining())
      fail(field,
           "string length " + std::to_string(n) + " exceeds the " + std::to_string(remaining()) + " bytes left in the file");
    if (n > max_len) fail(field, "string length " + std::to_string(n) + " exceeds the limit of " + std::to_string(max_len));
    return {reinterpret_cast<const char*>(take(n, field)), static_cast<size_t>(n)};
  }

 private:
  const std::string& path_;
  const uint8_t* data_;
  uint64_t size_;
  uint64_t pos_ = 0;
};

}  // namespace veloce
