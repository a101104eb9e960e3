// Model-level bad files (RELIABILITY.md items 7-9): a fixture that differs from a loadable model
// in one way, written to disk and opened with Model::load, must fail with a GgufError naming the
// file, the key or tensor, and the reason.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>

#include "inference/model/model.h"
#include "tests/gguf/model_edit.h"
#include "tests/gguf/test_support.h"

namespace veloce {
namespace {

class ModelBadFile : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    src_ = GgufFile::open(test::data_path("phi4-tiny-Q4_0.gguf")).release();
    dir_ = std::filesystem::temp_directory_path() / ("veloce-model-bad-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir_);
  }
  static void TearDownTestSuite() {
    delete src_;
    std::filesystem::remove_all(dir_);
  }

  // Writes the edited fixture and expects Model::load to refuse it.
  void expect_bad(const std::string& name, const test::ModelEdit& edit, std::initializer_list<std::string_view> needles) {
    SCOPED_TRACE(name);
    const std::string path = (dir_ / (name + ".gguf")).string();
    const auto bytes = test::rewrite(*src_, edit);
    std::ofstream(path, std::ios::binary)
        .write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
    test::expect_gguf_error([&] { (void)Model::load(path); }, path, needles);
  }
  static test::ModelEdit set_u32(const std::string& key, uint32_t v) {
    test::ModelEdit e;
    e.drop_keys = {key};
    e.add_keys = [key, v](GgufWriter& w) { w.set_u32(key, v); };
    return e;
  }

  static inline GgufFile* src_ = nullptr;
  static inline std::filesystem::path dir_;
};

TEST_F(ModelBadFile, UneditedRewriteLoads) {
  const std::string path = (dir_ / "good.gguf").string();
  const auto bytes = test::rewrite(*src_, {});
  std::ofstream(path, std::ios::binary)
      .write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
  EXPECT_EQ(Model::load(path)->config().n_embd, 256u);
}

TEST_F(ModelBadFile, Architecture) {
  test::ModelEdit llama;
  llama.drop_keys = {"general.architecture"};
  llama.add_keys = [](GgufWriter& w) { w.set_string("general.architecture", "llama"); };
  expect_bad("arch-llama", llama,
             {"general.architecture", "unsupported architecture 'llama' (Veloce runs Phi-4, architecture phi3)"});
  test::ModelEdit none;
  none.drop_keys = {"general.architecture"};
  expect_bad("arch-missing", none, {"general.architecture", "missing"});
}

TEST_F(ModelBadFile, Hyperparameters) {
  test::ModelEdit missing;
  missing.drop_keys = {"phi3.embedding_length"};
  expect_bad("missing-embedding-length", missing, {"key 'phi3.embedding_length'", "missing"});
  test::ModelEdit no_eps;
  no_eps.drop_keys = {"phi3.attention.layer_norm_rms_epsilon"};
  expect_bad("missing-rms-eps", no_eps, {"layer_norm_rms_epsilon", "missing"});
  expect_bad("zero-layers", set_u32("phi3.block_count", 0), {"key 'phi3.block_count'", "0 is outside 1..512"});
  expect_bad("huge-layers", set_u32("phi3.block_count", 1u << 20), {"key 'phi3.block_count'", "1048576 is outside"});
  expect_bad("zero-ffn", set_u32("phi3.feed_forward_length", 0), {"phi3.feed_forward_length", "outside"});
  expect_bad("hidden-not-heads-x-dim", set_u32("phi3.attention.head_count", 3),
             {"phi3.embedding_length", "hidden size 256 is not a multiple of the 3 attention heads"});
  test::ModelEdit key_len;
  key_len.add_keys = [](GgufWriter& w) { w.set_u32("phi3.attention.key_length", 32); };
  expect_bad("explicit-head-dim-mismatch", key_len, {"phi3.attention.key_length", "256 != 4 heads x 32"});
  // 4 heads of 64; 3 KV heads do not divide them.
  expect_bad("heads-not-divisible-by-kv", set_u32("phi3.attention.head_count_kv", 3),
             {"phi3.attention.head_count_kv", "4 query heads are not divisible by 3 KV heads"});
  expect_bad("kv-heads-above-heads", set_u32("phi3.attention.head_count_kv", 8), {"head_count_kv", "not divisible by 8"});
  expect_bad("partial-rotary", set_u32("phi3.rope.dimension_count", 48), {"phi3.rope.dimension_count", "partial rotary"});
  expect_bad("sliding-window", set_u32("phi3.attention.sliding_window", 2048),
             {"phi3.attention.sliding_window", "not supported"});
  test::ModelEdit scaling;
  scaling.add_keys = [](GgufWriter& w) { w.set_string("phi3.rope.scaling.type", "longrope"); };
  expect_bad("rope-scaling", scaling, {"phi3.rope.scaling.type", "'longrope' is not supported"});
  test::ModelEdit nan_eps;
  nan_eps.drop_keys = {"phi3.attention.layer_norm_rms_epsilon"};
  nan_eps.add_keys = [](GgufWriter& w) { w.set_f32("phi3.attention.layer_norm_rms_epsilon", std::nanf("")); };
  expect_bad("rms-eps-nan", nan_eps, {"layer_norm_rms_epsilon", "is outside"});
  test::ModelEdit wrong_type;
  wrong_type.drop_keys = {"phi3.block_count"};
  wrong_type.add_keys = [](GgufWriter& w) { w.set_string("phi3.block_count", "2"); };
  expect_bad("hyperparameter-wrong-type", wrong_type,
             {"key 'phi3.block_count'", "expected an unsigned integer, found string"});
}

TEST_F(ModelBadFile, Tensors) {
  test::ModelEdit shape;
  shape.change_tensors = {{"blk.0.attn_qkv.weight", {GgmlType::Q4_0, {256, 256}}}};
  expect_bad("wrong-qkv-shape", shape, {"tensor 'blk.0.attn_qkv.weight'", "shape [256, 256], expected [256, 384]"});
  test::ModelEdit vocab_rows;
  vocab_rows.change_tensors = {{"token_embd.weight", {GgmlType::Q4_0, {256, 4000}}}};
  expect_bad("wrong-embedding-rows", vocab_rows, {"tensor 'token_embd.weight'", "expected [256, 4096]"});
  test::ModelEdit dims;
  dims.change_tensors = {{"output_norm.weight", {GgmlType::F32, {256, 1}}}};
  expect_bad("norm-extra-dim", dims, {"tensor 'output_norm.weight'", "shape [256, 1], expected [256]"});
  test::ModelEdit missing;
  missing.drop_tensors = {"blk.1.ffn_down.weight"};
  expect_bad("missing-tensor", missing, {"tensor 'blk.1.ffn_down.weight'", "missing"});
  test::ModelEdit norm;
  norm.change_tensors = {{"blk.0.attn_norm.weight", {GgmlType::F16, {256}}}};
  expect_bad("norm-not-f32", norm, {"tensor 'blk.0.attn_norm.weight'", "type F16 is not allowed here (expected F32)"});
  expect_bad("extra-layer", set_u32("phi3.block_count", 1), {"tensor 'blk.1.", "beyond phi3.block_count (1)"});
}

TEST_F(ModelBadFile, Vocabulary) {
  test::ModelEdit types;
  types.drop_keys = {"tokenizer.ggml.token_type"};
  types.add_keys = [](GgufWriter& w) { w.set_i32_array("tokenizer.ggml.token_type", std::vector<int32_t>(4095, 1)); };
  expect_bad("vocab-arrays-unequal", types,
             {"tokenizer.ggml.token_type", "has 4095 entries but tokenizer.ggml.tokens has 4096"});
  expect_bad("eos-outside-vocab", set_u32("tokenizer.ggml.eos_token_id", 5000),
             {"tokenizer.ggml.eos_token_id", "token id 5000 is outside the vocabulary of 4096 tokens"});
  expect_bad("bos-outside-vocab", set_u32("tokenizer.ggml.bos_token_id", 4096),
             {"tokenizer.ggml.bos_token_id", "4096 is outside"});
  test::ModelEdit no_tokens;
  no_tokens.drop_keys = {"tokenizer.ggml.tokens"};
  expect_bad("vocab-missing", no_tokens, {"tokenizer.ggml.tokens", "missing"});
  test::ModelEdit int_tokens;
  int_tokens.drop_keys = {"tokenizer.ggml.tokens"};
  int_tokens.add_keys = [](GgufWriter& w) { w.set_i32_array("tokenizer.ggml.tokens", std::vector<int32_t>(4096, 0)); };
  expect_bad("vocab-not-strings", int_tokens, {"tokenizer.ggml.tokens", "expected an array of string"});
}

}  // namespace
}  // namespace veloce
