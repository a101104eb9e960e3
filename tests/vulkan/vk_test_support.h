#pragma once
// Shared by the Vulkan tests: paths of the fixtures, and a base fixture that fails a test when
// the Khronos validation layer reported anything during it (the suite runs with VELOCE_VALIDATION=1).
#include <gtest/gtest.h>

#include <cstdlib>
#include <cstring>
#include <fstream>
#include <string>
#include <vector>

#include "inference/vulkan/instance.h"

namespace veloce::test {

inline std::string data_path(const std::string& rel) {
  const char* env = std::getenv("VELOCE_TEST_DATA");
  return std::string(env && *env ? env : VELOCE_TEST_DATA) + "/" + rel;
}

inline std::vector<float> read_f32_file(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  if (!f) throw std::runtime_error("cannot read " + path);
  std::vector<char> bytes((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
  std::vector<float> out(bytes.size() / 4);
  std::memcpy(out.data(), bytes.data(), out.size() * 4);
  return out;
}

class ValidatedTest : public ::testing::Test {
 protected:
  void SetUp() override { start_ = vk::validation_message_count(); }
  void TearDown() override {
    if (vk::validation_requested()) {
      const uint64_t n = vk::validation_message_count() - start_;
      EXPECT_EQ(n, 0u) << "Vulkan validation reported " << n << " message(s); first: "
                       << (vk::validation_messages().empty() ? "" : vk::validation_messages().front());
    }
  }

 private:
  uint64_t start_ = 0;
};

// Sets an environment variable for the lifetime of the object.
class ScopedEnv {
 public:
  ScopedEnv(const char* name, const std::string& value) : name_(name) {
    if (const char* old = std::getenv(name)) old_ = old, had_ = true;
    setenv(name, value.c_str(), 1);
  }
  ~ScopedEnv() {
    if (had_) setenv(name_, old_.c_str(), 1);
    else unsetenv(name_);
  }

 private:
  const char* name_;
  std::string old_;
  bool had_ = false;
};

}  // namespace veloce::test
