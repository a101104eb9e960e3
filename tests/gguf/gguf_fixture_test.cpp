// Every fixture parses with the layout an independent reader (the fixtures' README, PHI4.md and
// llama.cpp's gguf-py dump of the same files) reports: counts, shapes, types and offsets.
#include <gtest/gtest.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <future>
#include <map>
#include <string>

#include "inference/gguf/gguf_file.h"
#include "tests/gguf/test_support.h"

namespace veloce {
namespace {

using test::data_path;

// Tiny-fixture widths (tests/data/README.md): n_embd 256, 4 heads / 1 KV head of 64, FFN 768, vocab 4096.
constexpr uint64_t k_embd = 256, k_qkv = 256 + 2 * 64, k_ff = 768, k_vocab = 4096;

// Per-file types of {token_embd, output, attn_qkv (blk 0, blk 1), attn_output, ffn_up, ffn_down (blk 0, blk 1)}.
struct Mix {
  GgmlType embd, output, qkv0, qkv1, attn_out, ffn_up, down0, down1;
};
const std::map<std::string, Mix>& fixture_mixes() {
  using T = GgmlType;
  static const std::map<std::string, Mix> m{
      {"F32", {T::F32, T::F32, T::F32, T::F32, T::F32, T::F32, T::F32, T::F32}},
      {"F16", {T::F16, T::F16, T::F16, T::F16, T::F16, T::F16, T::F16, T::F16}},
      {"BF16", {T::BF16, T::BF16, T::BF16, T::BF16, T::BF16, T::BF16, T::BF16, T::BF16}},
      {"Q8_0", {T::Q8_0, T::Q8_0, T::Q8_0, T::Q8_0, T::Q8_0, T::Q8_0, T::Q8_0, T::Q8_0}},
      {"Q6_K", {T::Q6_K, T::Q6_K, T::Q6_K, T::Q6_K, T::Q6_K, T::Q6_K, T::Q6_K, T::Q6_K}},
      {"Q5_K_M", {T::Q5_K, T::Q6_K, T::Q5_K, T::Q6_K, T::Q5_K, T::Q5_K, T::Q5_K, T::Q6_K}},
      {"Q5_0", {T::Q5_0, T::Q6_K, T::Q5_0, T::Q5_0, T::Q5_0, T::Q5_0, T::Q5_0, T::Q5_0}},
      {"Q5_1", {T::Q5_1, T::Q6_K, T::Q5_1, T::Q5_1, T::Q5_1, T::Q5_1, T::Q5_1, T::Q5_1}},
      {"Q4_K_M", {T::Q4_K, T::Q6_K, T::Q4_K, T::Q6_K, T::Q4_K, T::Q4_K, T::Q4_K, T::Q6_K}},
      {"Q4_K_S", {T::Q4_K, T::Q6_K, T::Q5_K, T::Q5_K, T::Q4_K, T::Q4_K, T::Q4_K, T::Q4_K}},
      {"Q4_0", {T::Q4_0, T::Q6_K, T::Q4_0, T::Q4_0, T::Q4_0, T::Q4_0, T::Q4_0, T::Q4_0}},
      {"Q4_1", {T::Q4_1, T::Q6_K, T::Q4_1, T::Q4_1, T::Q4_1, T::Q4_1, T::Q4_1, T::Q4_1}},
      {"Q3_K_M", {T::Q3_K, T::Q6_K, T::Q5_K, T::Q5_K, T::Q4_K, T::Q3_K, T::Q4_K, T::Q4_K}},
      {"Q2_K", {T::Q2_K, T::Q6_K, T::Q4_K, T::Q4_K, T::Q3_K, T::Q2_K, T::Q3_K, T::Q3_K}},
  };
  return m;
}

class FixtureTest : public ::testing::TestWithParam<std::string> {};

void expect_tensor(const GgufFile& f, const std::string& name, std::vector<uint64_t> shape, GgmlType type) {
  SCOPED_TRACE(name);
  const TensorInfo* t = f.find_tensor(name);
  ASSERT_NE(t, nullptr);
  ASSERT_EQ(t->n_dims, shape.size());
  uint64_t n = 1;
  for (size_t d = 0; d < shape.size(); ++d) {
    EXPECT_EQ(t->ne[d], shape[d]);
    n *= shape[d];
  }
  EXPECT_EQ(t->n_elements, n);
  EXPECT_EQ(t->type, type);
  const TypeInfo& ti = type_info(type);
  EXPECT_EQ(t->n_bytes, n / ti.block_values * ti.block_bytes);
  EXPECT_EQ(t->offset % f.alignment(), 0u);
  EXPECT_NE(t->data, nullptr);
  EXPECT_LE(f.data_offset() + t->offset + t->n_bytes, f.file_size());
  // require_tensor agrees with find_tensor on the exact shape and type.
  const GgmlType allowed[] = {type};
  EXPECT_EQ(&f.require_tensor(name, shape, allowed), t);
}

TEST_P(FixtureTest, ParsesWithExpectedLayout) {
  const std::string type = GetParam();
  const std::string path = data_path("phi4-tiny-" + type + ".gguf");
  auto f = GgufFile::open(path);
  EXPECT_EQ(f->path(), path);
  EXPECT_EQ(f->version(), 3u);
  EXPECT_EQ(f->alignment(), 32u);
  EXPECT_EQ(f->data_offset(), 122944u);  // infos end at 122913, rounded up to 32
  EXPECT_EQ(f->keys().size(), 27u);
  ASSERT_EQ(f->tensors().size(), 15u);
  EXPECT_EQ(f->get_string("general.architecture"), "phi3");
  EXPECT_EQ(f->get_uint("phi3.embedding_length"), k_embd);
  EXPECT_EQ(f->get_uint("phi3.block_count"), 2u);
  EXPECT_EQ(f->get_uint("phi3.attention.head_count"), 4u);
  EXPECT_EQ(f->get_uint("phi3.attention.head_count_kv"), 1u);
  EXPECT_EQ(f->get_uint("phi3.feed_forward_length"), k_ff);
  EXPECT_EQ(f->get_uint("phi3.rope.dimension_count"), 64u);
  EXPECT_EQ(f->get_float("phi3.rope.freq_base"), 250000.0);
  EXPECT_NEAR(*f->get_float("phi3.attention.layer_norm_rms_epsilon"), 1e-5, 1e-9);
  EXPECT_EQ(f->get_uint("tokenizer.ggml.bos_token_id"), 4001u);
  EXPECT_EQ(f->get_uint("tokenizer.ggml.eos_token_id"), 4009u);
  EXPECT_EQ(f->array_size("tokenizer.ggml.tokens"), k_vocab);
  EXPECT_EQ(f->array_size("tokenizer.ggml.merges"), 3744u);
  EXPECT_EQ(f->array_type_of("tokenizer.ggml.token_type"), GgufValueType::I32);

  const Mix& m = fixture_mixes().at(type);
  expect_tensor(*f, "token_embd.weight", {k_embd, k_vocab}, m.embd);
  expect_tensor(*f, "output.weight", {k_embd, k_vocab}, m.output);
  expect_tensor(*f, "output_norm.weight", {k_embd}, GgmlType::F32);
  for (int l = 0; l < 2; ++l) {
    const std::string b = "blk." + std::to_string(l) + ".";
    expect_tensor(*f, b + "attn_norm.weight", {k_embd}, GgmlType::F32);
    expect_tensor(*f, b + "ffn_norm.weight", {k_embd}, GgmlType::F32);
    expect_tensor(*f, b + "attn_qkv.weight", {k_embd, k_qkv}, l == 0 ? m.qkv0 : m.qkv1);
    expect_tensor(*f, b + "attn_output.weight", {k_embd, k_embd}, m.attn_out);
    expect_tensor(*f, b + "ffn_up.weight", {k_embd, 2 * k_ff}, m.ffn_up);
    expect_tensor(*f, b + "ffn_down.weight", {k_ff, k_embd}, l == 0 ? m.down0 : m.down1);
  }
}

INSTANTIATE_TEST_SUITE_P(AllTypes, FixtureTest,
                         ::testing::Values("F32", "F16", "BF16", "Q8_0", "Q6_K", "Q5_K_M", "Q5_0", "Q5_1", "Q4_K_M",
                                           "Q4_K_S", "Q4_0", "Q4_1", "Q3_K_M", "Q2_K"));

TEST(GgufFixture, TensorDataIsTheFileBytes) {
  // The F32 fixture's first tensor starts the data section: its first float read through the
  // mapping equals the bytes at data_offset in the file.
  const std::string path = data_path("phi4-tiny-F32.gguf");
  auto f = GgufFile::open(path);
  const auto bytes = test::read_bytes(path);
  const TensorInfo& t = f->tensors().front();
  EXPECT_EQ(t.name, "token_embd.weight");
  EXPECT_EQ(t.offset, 0u);
  EXPECT_EQ(std::memcmp(t.data, bytes.data() + f->data_offset(), 4096), 0);
  // The last tensor ends exactly at the end of the file.
  const TensorInfo& last = f->tensors().back();
  EXPECT_EQ(last.name, "output.weight");
  EXPECT_EQ(f->data_offset() + last.offset + last.n_bytes, f->file_size());
}

TEST(GgufFixture, VocabOnlyFile) {
  auto f = GgufFile::open(data_path("phi4-vocab.gguf"));
  EXPECT_TRUE(f->tensors().empty());
  EXPECT_EQ(f->array_size("tokenizer.ggml.tokens"), 100352u);
  EXPECT_EQ(f->array_size("tokenizer.ggml.merges"), 100000u);
  const auto tokens = f->get_string_array("tokenizer.ggml.tokens");
  ASSERT_TRUE(tokens);
  EXPECT_EQ((*tokens)[0], "!");
  EXPECT_EQ((*tokens)[100265], "<|im_end|>");
  EXPECT_EQ((*tokens)[100257], "<|endoftext|>");
  const auto types = f->get_int_array("tokenizer.ggml.token_type");
  ASSERT_TRUE(types);
  EXPECT_EQ(types->size(), 100352u);
  EXPECT_EQ((*types)[0], 1);
  EXPECT_EQ(f->get_uint("phi3.embedding_length"), 5120u);
  EXPECT_EQ(f->get_uint("phi3.attention.head_count_kv"), 10u);
}

TEST(GgufFixture, TypedGettersRejectWrongTypes) {
  const std::string path = data_path("phi4-tiny-Q4_0.gguf");
  auto f = GgufFile::open(path);
  EXPECT_FALSE(f->get_uint("no.such.key"));
  EXPECT_FALSE(f->has("no.such.key"));
  EXPECT_EQ(f->type_of("phi3.block_count"), GgufValueType::U32);
  EXPECT_EQ(f->get_int("phi3.block_count"), 2);
  test::expect_gguf_error([&] { (void)f->get_uint("general.architecture"); }, path,
                          {"key 'general.architecture'", "expected an unsigned integer", "found string"});
  test::expect_gguf_error([&] { (void)f->get_string("phi3.block_count"); }, path,
                          {"key 'phi3.block_count'", "expected a string", "found u32"});
  test::expect_gguf_error([&] { (void)f->get_string_array("tokenizer.ggml.token_type"); }, path,
                          {"tokenizer.ggml.token_type", "array of i32"});
  EXPECT_EQ(f->describe("phi3.block_count"), "2");
  EXPECT_EQ(f->describe("general.architecture"), "\"phi3\"");
  EXPECT_EQ(f->describe("tokenizer.ggml.tokens"), "[string x 4096] \"!\", \"\"\", \"#\", ...");
  test::expect_gguf_error(
      [&] {
        (void)f->require_tensor("output.weight", std::vector<uint64_t>{256, 4095}, std::vector<GgmlType>{GgmlType::Q6_K});
      },
      path, {"tensor 'output.weight'", "shape [256, 4096], expected [256, 4095]"});
  test::expect_gguf_error(
      [&] {
        (void)f->require_tensor("output.weight", std::vector<uint64_t>{256, 4096}, std::vector<GgmlType>{GgmlType::F32});
      },
      path, {"tensor 'output.weight'", "type Q6_K is not allowed here (expected F32)"});
  test::expect_gguf_error(
      [&] { (void)f->require_tensor("nope.weight", std::vector<uint64_t>{256}, std::vector<GgmlType>{GgmlType::F32}); },
      path, {"tensor 'nope.weight'", "missing"});
}

TEST(GgufFixture, MissingFileNamesThePath) {
  test::expect_gguf_error([] { (void)GgufFile::open("/nonexistent/model.gguf"); }, "/nonexistent/model.gguf",
                          {"open", "No such file"});
}

// A FIFO, a folder and a device given as the model: a one-line error at once. Before the type was
// checked first, open() of the FIFO blocked until a writer came (forever; in the GUI on the UI
// thread); here a writer is opened after 5 s to release a blocked reader and fail cleanly.
TEST(GgufFixture, NonRegularFilesAreRefusedWithoutBlocking) {
  char dir_template[] = "/tmp/veloce-fifo-XXXXXX";
  ASSERT_NE(::mkdtemp(dir_template), nullptr);
  const std::string dir = dir_template;
  const std::string fifo = dir + "/model.gguf";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  auto opening = std::async(std::launch::async, [&] {
    try {
      (void)GgufFile::open(fifo);
      return std::string("opened");
    } catch (const GgufError& e) {
      return std::string(e.what());
    }
  });
  if (opening.wait_for(std::chrono::seconds(5)) != std::future_status::ready) {
    const int writer = ::open(fifo.c_str(), O_WRONLY);  // lets the blocked open() return
    if (writer >= 0) ::close(writer);
    opening.wait();
    ::unlink(fifo.c_str());
    ::rmdir(dir.c_str());
    FAIL() << "opening a FIFO as the model blocked";
  }
  const std::string message = opening.get();
  EXPECT_NE(message.find(fifo + ": file: a FIFO (named pipe), not a regular file"), std::string::npos) << message;
  ::unlink(fifo.c_str());
  ::rmdir(dir.c_str());

  test::expect_gguf_error([] { (void)GgufFile::open("/dev/null"); }, "/dev/null", {"a device, not a regular file"});
  test::expect_gguf_error([] { (void)GgufFile::open("/tmp"); }, "/tmp", {"a folder, not a regular file"});
}

}  // namespace
}  // namespace veloce
