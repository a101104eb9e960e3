// Crafted bad files, one per check of RELIABILITY.md items 1-6: each must end in a GgufError that
// names the file, the field and the reason (never a crash, a hang or a giant allocation).
#include <gtest/gtest.h>

#include <limits>

#include "inference/gguf/gguf_file.h"
#include "inference/gguf/gguf_writer.h"
#include "tests/gguf/test_support.h"

namespace veloce {
namespace {

using test::Bytes;
using test::expect_gguf_error;

constexpr uint64_t k_u64_max = std::numeric_limits<uint64_t>::max();

std::vector<uint8_t> zeros(size_t n) { return std::vector<uint8_t>(n, 0); }

// A small valid file: a few keys and two tensors.
GgufWriter base_writer(uint32_t version = 3, uint64_t alignment = 32) {
  GgufWriter w(version, alignment);
  w.set_string("general.architecture", "phi3");
  w.set_u32("x.count", 7);
  w.add_tensor("a.weight", GgmlType::F32, {8}, zeros(32));
  w.add_tensor("b.weight", GgmlType::Q8_0, {32, 2}, zeros(68));
  return w;
}

// Header + one raw metadata entry (key, then type and value bytes as given) and no tensors.
std::vector<uint8_t> one_kv(std::string_view key, const Bytes& type_and_value) {
  Bytes b;
  b.raw("GGUF", 4).u32(3).u64(0).u64(1).str(key);
  b.b.insert(b.b.end(), type_and_value.b.begin(), type_and_value.b.end());
  b.b.resize(b.b.size() + 64, 0);  // room, so that only the value itself is wrong
  return b.b;
}

// Header + one raw tensor info and `data` bytes of data section.
std::vector<uint8_t> one_tensor(std::string_view name, std::vector<uint64_t> dims, uint32_t type, uint64_t offset,
                                size_t data = 256) {
  Bytes b;
  b.raw("GGUF", 4).u32(3).u64(1).u64(0).str(name).u32(static_cast<uint32_t>(dims.size()));
  for (uint64_t d : dims) b.u64(d);
  b.u32(type).u64(offset);
  b.b.resize((b.b.size() + 31) / 32 * 32 + data, 0);
  return b.b;
}

// Asserts the bytes are rejected with the given message parts, and keeps them as a fuzz seed.
void expect_bad(const std::string& name, const std::vector<uint8_t>& bytes,
                std::initializer_list<std::string_view> needles) {
  SCOPED_TRACE(name);
  test::save_to_corpus("bad-" + name + ".gguf", bytes);
  const std::string file = name + ".gguf";
  expect_gguf_error([&] { (void)GgufFile::from_bytes(file, bytes); }, file, needles);
}

TEST(GgufBadFile, BaseFileIsValid) {
  const auto bytes = base_writer().to_bytes();
  test::save_to_corpus("good-small.gguf", bytes);
  auto f = GgufFile::from_bytes("base.gguf", bytes);
  EXPECT_EQ(f->tensors().size(), 2u);
  EXPECT_EQ(GgufFile::from_bytes("v2.gguf", base_writer(2).to_bytes())->version(), 2u);
}

// Item 1: header size, magic, version.
TEST(GgufBadFile, Header) {
  expect_bad("empty", {}, {"header", "0 bytes, smaller than a GGUF header"});
  expect_bad("short-header", {'G', 'G', 'U', 'F', 3, 0, 0, 0, 0, 0}, {"header", "smaller than a GGUF header"});
  auto bytes = base_writer().to_bytes();
  bytes[0] = 'X';
  expect_bad("bad-magic", bytes, {"magic", "not a GGUF file", "'XGUF'"});
  expect_bad("version-1", base_writer(1).to_bytes(), {"version", "GGUF version 1 is not supported"});
  expect_bad("version-4", base_writer(4).to_bytes(), {"version", "GGUF version 4 is not supported"});
  expect_bad("big-endian", base_writer(0x03000000u).to_bytes(), {"version", "big-endian"});
}

// Item 2: counts against the bytes left.
TEST(GgufBadFile, Counts) {
  auto bytes = base_writer().to_bytes();
  test::patch_u64(bytes, 8, 1ull << 40);
  expect_bad("huge-tensor-count", bytes, {"tensor count", "1099511627776 tensors cannot fit"});
  bytes = base_writer().to_bytes();
  test::patch_u64(bytes, 16, k_u64_max);
  expect_bad("huge-kv-count", bytes, {"metadata count", "cannot fit"});
  // Plausible for the whole file but not for what is left after the metadata.
  GgufWriter big_meta = base_writer();
  big_meta.set_string("x.padding", std::string(2000, 'p'));
  bytes = big_meta.to_bytes();
  test::patch_u64(bytes, 8, 20);
  expect_bad("tensor-count-after-metadata", bytes, {"tensor count", "20 tensor infos cannot fit", "after the metadata"});
}

// Item 3: strings, arrays and value types.
TEST(GgufBadFile, StringsArraysAndTypes) {
  Bytes huge_key;
  huge_key.raw("GGUF", 4).u32(3).u64(0).u64(1).u64(1ull << 40);
  huge_key.b.resize(200, 'k');
  expect_bad("huge-key-length", huge_key.b, {"metadata #0: key", "string length 1099511627776 exceeds"});
  expect_bad("overlong-key", one_kv(std::string(2000, 'k'), Bytes().u32(4).u32(1)),
             {"metadata #0: key", "exceeds the limit of 1024"});
  expect_bad("empty-key", one_kv("", Bytes().u32(4).u32(1)), {"metadata #0", "empty key"});
  expect_bad("huge-string-length", one_kv("s", Bytes().u32(8).u64(1ull << 33)),
             {"key 's'", "string length 8589934592 exceeds"});
  expect_bad("string-length-overflow", one_kv("s", Bytes().u32(8).u64(k_u64_max)),
             {"key 's'", "string length 18446744073709551615 exceeds"});
  expect_bad("array-count-overflow", one_kv("a", Bytes().u32(9).u32(10).u64((1ull << 61) + 1)),
             {"key 'a'", "array count 2305843009213693953 of u64 needs more than"});
  expect_bad("array-count-too-big", one_kv("a", Bytes().u32(9).u32(5).u64(1000000)),
             {"key 'a'", "array count 1000000 of i32"});
  expect_bad("string-array-count", one_kv("a", Bytes().u32(9).u32(8).u64(k_u64_max / 4)),
             {"key 'a'", "of string needs more than"});
  expect_bad("string-array-element-length", one_kv("a", Bytes().u32(9).u32(8).u64(2).str("ok").u64(1ull << 50)),
             {"key 'a'[1]", "string length 1125899906842624 exceeds"});
  expect_bad("array-of-arrays", one_kv("a", Bytes().u32(9).u32(9).u64(1).u32(4).u64(1).u32(1)),
             {"key 'a'", "arrays of arrays"});
  expect_bad("bad-value-type", one_kv("v", Bytes().u32(13).u32(0)), {"key 'v': type", "value type 13 is not a GGUF type"});
  expect_bad("bad-array-element-type", one_kv("a", Bytes().u32(9).u32(99).u64(1)),
             {"key 'a': array element type", "value type 99"});
  expect_bad("bool-not-0-or-1", one_kv("b", Bytes().u32(7).u8(2)), {"key 'b'", "bool value 2"});
  expect_bad("bool-array-element", one_kv("b", Bytes().u32(9).u32(7).u64(3).u8(1).u8(0).u8(7)),
             {"key 'b'[2]", "bool value 7"});
  GgufWriter dup = base_writer();
  dup.set_u32("x.count", 8);
  expect_bad("duplicate-key", dup.to_bytes(), {"key 'x.count'", "duplicate key"});
}

// Item 4: general.alignment.
TEST(GgufBadFile, Alignment) {
  expect_bad("alignment-0", base_writer(3, 0).to_bytes(), {"general.alignment", "0 is not a power of two"});
  expect_bad("alignment-3", base_writer(3, 3).to_bytes(), {"general.alignment", "3 is not a power of two"});
  expect_bad("alignment-huge", base_writer(3, 1u << 30).to_bytes(),
             {"general.alignment", "1073741824 is outside the supported range"});
  expect_bad("alignment-2", base_writer(3, 2).to_bytes(), {"general.alignment", "2 is outside the supported range"});
  GgufWriter w = base_writer();
  w.set_string("general.alignment", "32");
  expect_bad("alignment-string", w.to_bytes(), {"general.alignment", "expected an unsigned integer, found string"});
}

// Item 5: tensor names, dimensions, element counts, types and block sizes.
TEST(GgufBadFile, TensorInfos) {
  GgufWriter dup = base_writer();
  dup.add_tensor("a.weight", GgmlType::F32, {8}, zeros(32));
  expect_bad("duplicate-tensor-name", dup.to_bytes(), {"tensor 'a.weight'", "duplicate tensor name"});
  expect_bad("overlong-tensor-name", one_tensor(std::string(300, 'n'), {8}, 0, 0),
             {"tensor #0: name", "exceeds the limit of 255"});
  expect_bad("empty-tensor-name", one_tensor("", {8}, 0, 0), {"tensor #0", "empty tensor name"});
  expect_bad("n-dims-0", one_tensor("t", {}, 0, 0), {"tensor 't'", "n_dims 0 is outside 1..4"});
  expect_bad("n-dims-5", one_tensor("t", {1, 1, 1, 1, 1}, 0, 0), {"tensor 't'", "n_dims 5 is outside 1..4"});
  expect_bad("zero-dimension", one_tensor("t", {8, 0}, 0, 0), {"tensor 't'", "ne[1] is zero"});
  expect_bad("dimension-above-int64", one_tensor("t", {8, 1ull << 63}, 0, 0),
             {"tensor 't'", "ne[1] = 9223372036854775808 is too large"});
  expect_bad("element-count-overflow", one_tensor("t", {1ull << 32, 1ull << 32, 1ull << 10}, 0, 0),
             {"tensor 't'", "element count overflows"});
  expect_bad("byte-size-overflow", one_tensor("t", {1ull << 31, 1ull << 31}, 0, 0), {"tensor 't'", "byte size overflows"});
  expect_bad("unsupported-type", one_tensor("t", {32}, 99, 0), {"tensor 't'", "unsupported tensor type id 99"});
  expect_bad("removed-type-q4-2", one_tensor("t", {32}, 4, 0), {"tensor 't'", "unsupported tensor type id 4"});
  expect_bad("iq-type-unsupported", one_tensor("t", {256}, 16, 0), {"tensor 't'", "unsupported tensor type id 16"});
  expect_bad("block-size-q8", one_tensor("t", {33, 2}, 8, 0),
             {"tensor 't'", "ne[0] = 33 is not a multiple of the Q8_0 block size 32"});
  expect_bad("block-size-q4k", one_tensor("t", {128, 2}, 12, 0),
             {"tensor 't'", "ne[0] = 128 is not a multiple of the Q4_K block size 256"});
}

// Item 6: offsets, data section bounds, overlaps, truncation.
TEST(GgufBadFile, Placement) {
  expect_bad("misaligned-offset", one_tensor("t", {8}, 0, 4),
             {"tensor 't'", "offset 4 is not a multiple of the alignment 32"});
  expect_bad("offset-past-end", one_tensor("t", {8}, 0, 1 << 20),
             {"tensor 't'", "extends past the end of the data section", "truncated"});
  expect_bad("offset-plus-size-overflow", one_tensor("t", {8}, 0, k_u64_max - 31),
             {"tensor 't'", "extends past the end of the data section"});
  expect_bad("size-past-end", one_tensor("t", {64, 2}, 0, 0, 100), {"tensor 't'", "data [0, +512) extends past the end"});
  GgufWriter overlap = base_writer();
  overlap.set_tensor_offset(1, 0);
  expect_bad("overlapping-tensors", overlap.to_bytes(), {"overlaps tensor", "(0 + "});
  GgufWriter overlap2 = base_writer();
  overlap2.add_tensor("c.weight", GgmlType::F32, {16}, zeros(64));
  overlap2.set_tensor_offset(2, 32);  // a.weight is 32 bytes at 0, b.weight 68 bytes at 32
  expect_bad("overlapping-tensors-2", overlap2.to_bytes(), {"tensor 'c.weight'", "overlaps tensor 'b.weight'"});
  auto truncated = base_writer().to_bytes();
  truncated.resize(truncated.size() - 1);
  expect_bad("truncated-data", truncated, {"tensor 'b.weight'", "truncated"});
  // Data section start past the end: the file stops inside the padding after the tensor infos.
  auto no_data = base_writer().to_bytes();
  auto f = GgufFile::from_bytes("ok.gguf", no_data);
  no_data.resize(f->data_offset() - 1);
  expect_bad("truncated-before-data", no_data, {"data section", "past the end", "truncated"});
}

}  // namespace
}  // namespace veloce
