#pragma once
// Shared helpers of the GGUF and model tests: fixture paths, crafted-file builders, and an
// assertion that a load fails with GgufError naming the file and the reason.
#include <gtest/gtest.h>

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <functional>
#include <initializer_list>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

#include "inference/gguf/gguf_file.h"

namespace veloce::test {

inline std::string data_path(const std::string& name) {
  const char* env = std::getenv("VELOCE_TEST_DATA");
  return std::string(env && *env ? env : VELOCE_TEST_DATA) + "/" + name;
}

inline std::vector<uint8_t> read_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// When VELOCE_WRITE_CORPUS names a folder, every crafted bad file is saved there as a seed for
// the fuzzer (tests/data/fuzz_corpus was made this way).
inline void save_to_corpus(const std::string& name, const std::vector<uint8_t>& bytes) {
  const char* dir = std::getenv("VELOCE_WRITE_CORPUS");
  if (!dir || !*dir || bytes.size() > 64 * 1024) return;
  std::ofstream(std::string(dir) + "/" + name, std::ios::binary)
      .write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
}

// Runs fn, which must throw GgufError whose message starts with "<file>: " and contains every
// one of the needles. Returns the message for further checks.
inline std::string expect_gguf_error(const std::function<void()>& fn, const std::string& file,
                                     std::initializer_list<std::string_view> needles) {
  try {
    fn();
  } catch (const GgufError& e) {
    const std::string msg = e.what();
    EXPECT_EQ(msg.rfind(file + ": ", 0), 0u) << "message does not start with the file name: " << msg;
    for (std::string_view n : needles) EXPECT_NE(msg.find(n), std::string::npos) << "'" << n << "' not in: " << msg;
    EXPECT_EQ(msg.find('\n'), std::string::npos) << "message is not one line: " << msg;
    return msg;
  } catch (const std::exception& e) {
    ADD_FAILURE() << "expected GgufError, got another exception: " << e.what();
    return {};
  }
  ADD_FAILURE() << "expected GgufError for " << file << ", nothing was thrown";
  return {};
}

// Little-endian byte builder for files the writer cannot express.
struct Bytes {
  std::vector<uint8_t> b;
  Bytes& raw(const void* p, size_t n) {
    const auto* c = static_cast<const uint8_t*>(p);
    b.insert(b.end(), c, c + n);
    return *this;
  }
  Bytes& u8(uint8_t v) { return raw(&v, 1); }
  Bytes& u32(uint32_t v) { return raw(&v, 4); }
  Bytes& u64(uint64_t v) { return raw(&v, 8); }
  Bytes& str(std::string_view s) { return u64(s.size()).raw(s.data(), s.size()); }
};

inline void patch_u32(std::vector<uint8_t>& b, size_t at, uint32_t v) { std::memcpy(b.data() + at, &v, 4); }
inline void patch_u64(std::vector<uint8_t>& b, size_t at, uint64_t v) { std::memcpy(b.data() + at, &v, 8); }

}  // namespace veloce::test
