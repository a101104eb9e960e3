// GgufWriter round trips: what it writes, GgufFile reads back bit for bit, in memory and on disk.
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <numeric>

#include "inference/gguf/gguf_file.h"
#include "inference/gguf/gguf_writer.h"
#include "tests/gguf/test_support.h"

namespace veloce {
namespace {

std::vector<uint8_t> iota_bytes(size_t n, uint8_t start) {
  std::vector<uint8_t> v(n);
  std::iota(v.begin(), v.end(), start);
  return v;
}

GgufWriter sample_writer(uint32_t version, uint64_t alignment) {
  GgufWriter w(version, alignment);
  w.set_string("general.architecture", "phi3");
  w.set_u32("a.u32", 4000000000u);
  w.set_i32("a.i32", -7);
  w.set_u64("a.u64", 1ull << 40);
  w.set_f32("a.f32", 0.25f);
  w.set_bool("a.bool", true);
  w.set_string_array("a.strings", {"x", "", "héllo"});
  w.set_i32_array("a.ints", {1, -2, 3});
  w.set_f32_array("a.floats", {1.5f, -2.5f});
  w.add_tensor("t.f32", GgmlType::F32, {4, 2}, iota_bytes(32, 1));
  w.add_tensor("t.q8", GgmlType::Q8_0, {64}, iota_bytes(68, 100));
  w.add_tensor_stream("t.stream", GgmlType::F16, {3}, 6, [](std::span<uint8_t> dst, uint64_t off) {
    for (size_t i = 0; i < dst.size(); ++i) dst[i] = static_cast<uint8_t>(0xA0 + off + i);
  });
  return w;
}

void expect_sample(const GgufFile& f, uint32_t version, uint64_t alignment) {
  EXPECT_EQ(f.version(), version);
  EXPECT_EQ(f.alignment(), alignment);
  EXPECT_EQ(f.get_string("general.architecture"), "phi3");
  EXPECT_EQ(f.get_uint("a.u32"), 4000000000u);
  EXPECT_EQ(f.get_int("a.i32"), -7);
  EXPECT_EQ(f.get_uint("a.u64"), 1ull << 40);
  EXPECT_EQ(f.get_float("a.f32"), 0.25);
  EXPECT_EQ(f.get_bool("a.bool"), true);
  EXPECT_EQ(*f.get_string_array("a.strings"), (std::vector<std::string_view>{"x", "", "héllo"}));
  EXPECT_EQ(*f.get_int_array("a.ints"), (std::vector<int64_t>{1, -2, 3}));
  EXPECT_EQ(*f.get_float_array("a.floats"), (std::vector<float>{1.5f, -2.5f}));
  ASSERT_EQ(f.tensors().size(), 3u);
  const TensorInfo& a = f.tensors()[0];
  EXPECT_EQ(a.name, "t.f32");
  EXPECT_EQ(a.n_dims, 2u);
  EXPECT_EQ(a.rows(), 2u);
  EXPECT_EQ(a.n_bytes, 32u);
  EXPECT_EQ(std::vector<uint8_t>(a.data, a.data + 32), iota_bytes(32, 1));
  const TensorInfo& b = f.tensors()[1];
  EXPECT_EQ(b.type, GgmlType::Q8_0);
  EXPECT_EQ(b.n_bytes, 68u);
  EXPECT_EQ(b.offset % alignment, 0u);
  EXPECT_EQ(std::vector<uint8_t>(b.data, b.data + 68), iota_bytes(68, 100));
  const TensorInfo& c = f.tensors()[2];
  EXPECT_EQ(c.type, GgmlType::F16);
  EXPECT_EQ(std::vector<uint8_t>(c.data, c.data + 6), (std::vector<uint8_t>{0xA0, 0xA1, 0xA2, 0xA3, 0xA4, 0xA5}));
}

TEST(GgufWriter, RoundTripInMemoryV2AndV3) {
  for (uint32_t version : {2u, 3u}) {
    for (uint64_t alignment : {32u, 64u, 4096u}) {
      SCOPED_TRACE(std::to_string(version) + "/" + std::to_string(alignment));
      const auto bytes = sample_writer(version, alignment).to_bytes();
      auto f = GgufFile::from_bytes("mem.gguf", bytes);
      expect_sample(*f, version, alignment);
      EXPECT_EQ(f->file_size(), bytes.size());
    }
  }
}

TEST(GgufWriter, AtomicWriteToDiskRoundTrips) {
  const auto dir = std::filesystem::temp_directory_path() / ("veloce-writer-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const std::string path = (dir / "out.gguf").string();
  sample_writer(3, 32).write(path);
  auto f = GgufFile::open(path);
  expect_sample(*f, 3, 32);
  // Only the final file is left: the temporary was renamed.
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir), std::filesystem::directory_iterator()), 1);
  // A failing tensor source leaves the old file intact and no temporary behind.
  GgufWriter bad(3, 32);
  bad.add_tensor_stream("t", GgmlType::F32, {1}, 4, [](std::span<uint8_t>, uint64_t) { throw GgufError("source failed"); });
  EXPECT_THROW(bad.write(path), GgufError);
  expect_sample(*GgufFile::open(path), 3, 32);
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir), std::filesystem::directory_iterator()), 1);
  // An unwritable destination is a GgufError naming the path.
  test::expect_gguf_error([&] { sample_writer(3, 32).write((dir / "missing" / "x.gguf").string()); },
                          (dir / "missing" / "x.gguf").string(), {"temporary file"});
  std::filesystem::remove_all(dir);
}

TEST(GgufWriter, CopyKeyPreservesTypes) {
  auto src = GgufFile::from_bytes("src.gguf", sample_writer(3, 32).to_bytes());
  GgufWriter w;
  for (const std::string& k : src->keys()) w.copy_key(*src, k);
  auto f = GgufFile::from_bytes("copy.gguf", w.to_bytes());
  for (const std::string& k : src->keys()) {
    EXPECT_EQ(f->type_of(k), src->type_of(k)) << k;
    EXPECT_EQ(f->describe(k), src->describe(k)) << k;
  }
  EXPECT_EQ(f->array_type_of("a.ints"), GgufValueType::I32);
}

TEST(GgufWriter, CopiesTheVocabularyOfTheVocabFixture) {
  auto src = GgufFile::open(test::data_path("phi4-vocab.gguf"));
  GgufWriter w;
  for (const std::string& k : src->keys())
    if (k.rfind("tokenizer.", 0) == 0) w.copy_key(*src, k);
  auto f = GgufFile::from_bytes("copy.gguf", w.to_bytes());
  EXPECT_EQ(*f->get_string_array("tokenizer.ggml.tokens"), *src->get_string_array("tokenizer.ggml.tokens"));
  EXPECT_EQ(*f->get_string_array("tokenizer.ggml.merges"), *src->get_string_array("tokenizer.ggml.merges"));
  EXPECT_EQ(*f->get_int_array("tokenizer.ggml.token_type"), *src->get_int_array("tokenizer.ggml.token_type"));
  EXPECT_EQ(f->get_string("tokenizer.chat_template"), src->get_string("tokenizer.chat_template"));
  EXPECT_EQ(f->get_uint("tokenizer.ggml.eos_token_id"), 100265u);
}

}  // namespace
}  // namespace veloce
