// Model::load on every fixture: hyperparameters, weight views and sizes agree with the fixtures'
// documented layout (tests/data/README.md) and with sizes computed here from the block table.
#include <gtest/gtest.h>

#include "inference/model/model.h"
#include "tests/gguf/model_edit.h"
#include "tests/gguf/test_support.h"

namespace veloce {
namespace {

class ModelFixtureTest : public ::testing::TestWithParam<std::string> {};

TEST_P(ModelFixtureTest, LoadsWithDocumentedHyperparameters) {
  const std::string type = GetParam();
  auto model = Model::load(test::data_path("phi4-tiny-" + type + ".gguf"));
  const ModelConfig& c = model->config();
  EXPECT_EQ(c.architecture, "phi3");
  EXPECT_EQ(c.name, "Phi 4 tiny random fixture");
  EXPECT_EQ(c.n_embd, 256u);
  EXPECT_EQ(c.n_layer, 2u);
  EXPECT_EQ(c.n_head, 4u);
  EXPECT_EQ(c.n_head_kv, 1u);
  EXPECT_EQ(c.head_dim, 64u);
  EXPECT_EQ(c.n_rot, 64u);
  EXPECT_EQ(c.n_embd_kv(), 64u);
  EXPECT_EQ(c.n_ff, 768u);
  EXPECT_EQ(c.n_vocab, 4096u);
  EXPECT_EQ(c.n_ctx_train, 16384u);
  EXPECT_EQ(c.rope_freq_base, 250000.0f);
  EXPECT_FLOAT_EQ(c.rms_eps, 1e-5f);
  EXPECT_EQ(model->tokenizer().vocab_size(), 4096u);
  // general.file_type names the mix exactly as the fixture's file name does.
  EXPECT_EQ(model->quantization_label(), type);

  const ModelWeights& w = model->weights();
  ASSERT_EQ(w.layers.size(), 2u);
  EXPECT_EQ(w.token_embd->name, "token_embd.weight");
  EXPECT_EQ(w.output->name, "output.weight");  // untied
  EXPECT_EQ(w.layers[1].ffn_down->name, "blk.1.ffn_down.weight");
  EXPECT_EQ(w.layers[0].attn_qkv->ne[1], 384u);  // Q 256 | K 64 | V 64
  EXPECT_EQ(w.layers[0].ffn_up->ne[1], 1536u);   // gate 768 | up 768
  // Every weight byte: the fixture holds exactly these 15 tensors.
  uint64_t all = 0;
  for (const TensorInfo& t : model->file().tensors()) all += t.n_bytes;
  EXPECT_EQ(w.total_bytes(), all);
  EXPECT_EQ(w.bytes_read_per_token(), all - w.token_embd->n_bytes);
}

INSTANTIATE_TEST_SUITE_P(AllTypes, ModelFixtureTest,
                         ::testing::Values("F32", "F16", "BF16", "Q8_0", "Q6_K", "Q5_K_M", "Q5_0", "Q5_1", "Q4_K_M",
                                           "Q4_K_S", "Q4_0", "Q4_1", "Q3_K_M", "Q2_K"));

TEST(ModelLoad, F32SizesFromTheArchitecture) {
  auto model = Model::load(test::data_path("phi4-tiny-F32.gguf"));
  // Per layer: 2 norms of 256, qkv 256x384, attn_output 256x256, ffn_up 256x1536, ffn_down 768x256.
  const uint64_t layer = 2 * 256 + 256 * 384 + 256 * 256 + 256 * 1536 + 768 * 256;
  const uint64_t embd = 256ull * 4096;
  EXPECT_EQ(model->weights().total_bytes(), 4 * (2 * embd + 256 + 2 * layer));
  EXPECT_EQ(model->weights().bytes_read_per_token(), 4 * (embd + 256 + 2 * layer));
}

TEST(ModelLoad, MissingOutputFallsBackToTheEmbeddingTable) {
  auto src = GgufFile::open(test::data_path("phi4-tiny-Q8_0.gguf"));
  test::ModelEdit e;
  e.drop_tensors = {"output.weight"};
  auto model = Model::from_file(GgufFile::from_bytes("tied.gguf", test::rewrite(*src, e)));
  EXPECT_EQ(model->weights().output, model->weights().token_embd);
  // Tied: the table is both gathered and fully read by the output matmul, and counted once in total.
  uint64_t all = 0;
  for (const TensorInfo& t : model->file().tensors()) all += t.n_bytes;
  EXPECT_EQ(model->weights().total_bytes(), all);
  EXPECT_EQ(model->weights().bytes_read_per_token(), all);
}

TEST(ModelLoad, LabelFallsBackToTheDominantType) {
  auto src = GgufFile::open(test::data_path("phi4-tiny-Q4_K_M.gguf"));
  test::ModelEdit e;
  e.drop_keys = {"general.file_type"};
  auto model = Model::from_file(GgufFile::from_bytes("nolabel.gguf", test::rewrite(*src, e)));
  EXPECT_EQ(model->quantization_label(), "Q4_K");
}

}  // namespace
}  // namespace veloce
