// veloce-cli info and make-model end to end: the real binary, its exit status and its output.
#include <gtest/gtest.h>

#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "inference/model/model.h"
#include "tests/gguf/test_support.h"

namespace veloce {
namespace {

struct Result {
  int status;
  std::string out, err;
};

std::string slurp(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

class Cli : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("veloce-cli-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string tmp(const std::string& name) const { return (dir_ / name).string(); }

  Result run(const std::string& args) const {
    const std::string out = tmp("stdout"), err = tmp("stderr");
    const std::string cmd = std::string("'") + VELOCE_CLI + "' " + args + " >'" + out + "' 2>'" + err + "'";
    const int rc = std::system(cmd.c_str());
    return {WIFEXITED(rc) ? WEXITSTATUS(rc) : -1, slurp(out), slurp(err)};
  }
  std::filesystem::path dir_;
};

TEST_F(Cli, InfoDescribesAFixture) {
  const Result r = run("info -m '" + test::data_path("phi4-tiny-Q4_K_M.gguf") + "' -c 1000");
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.out.find("architecture      phi3"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("quantization      Q4_K_M"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("attention heads   4 query / 1 KV, head dim 64"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("tensors           15 (F32 5, Q4_K 7, Q6_K 3)"), std::string::npos) << r.out;
  // 2 x 2 layers x 64 x 2 bytes = 512 B per token; x 1000 = 500.00 KiB.
  EXPECT_NE(r.out.find("KV cache (f16)    500.00 KiB at context 1000 (512 B per token)"), std::string::npos) << r.out;
}

TEST_F(Cli, InfoJson) {
  const Result r = run("info -m '" + test::data_path("phi4-tiny-F32.gguf") + "' --json");
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.out.find("\"n_embd\": 256"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("\"tensor_types\": {\"F32\": 15}"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("\"kv_cache_bytes\": 2097152"), std::string::npos) << r.out;  // 512 x 4096
  EXPECT_NE(r.out.find("\"file_size\": 14545984"), std::string::npos) << r.out;
}

TEST_F(Cli, InfoOnABadFileFailsWithOneLine) {
  auto bytes = test::read_bytes(test::data_path("phi4-tiny-Q4_0.gguf"));
  bytes.resize(bytes.size() / 2);
  const std::string bad = tmp("half.gguf");
  std::ofstream(bad, std::ios::binary)
      .write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
  const Result r = run("info -m '" + bad + "'");
  EXPECT_EQ(r.status, 1);
  EXPECT_TRUE(r.out.empty()) << r.out;
  EXPECT_EQ(r.err.rfind("veloce-cli info: " + bad + ": tensor '", 0), 0u) << r.err;
  EXPECT_NE(r.err.find("truncated"), std::string::npos) << r.err;
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;

  const Result missing = run("info -m '" + tmp("nope.gguf") + "'");
  EXPECT_EQ(missing.status, 1);
  EXPECT_NE(missing.err.find("nope.gguf: open: No such file"), std::string::npos) << missing.err;
  EXPECT_EQ(std::count(missing.err.begin(), missing.err.end(), '\n'), 1) << missing.err;
}

TEST_F(Cli, MakeModelWritesALoadableTinyModel) {
  const std::string out = tmp("made.gguf");
  const Result r = run("make-model --preset tiny --layers 1 --type Q4_K_M --seed 7 --vocab-from '" +
                       test::data_path("phi4-vocab.gguf") + "' -o '" + out + "'");
  ASSERT_EQ(r.status, 0) << r.err;
  auto model = Model::load(out);
  EXPECT_EQ(model->config().n_layer, 1u);
  EXPECT_EQ(model->config().n_vocab, 4096u);
  EXPECT_EQ(model->quantization_label(), "Q4_K_M");
  const Result info = run("info -m '" + out + "' --json");
  ASSERT_EQ(info.status, 0) << info.err;
  EXPECT_NE(info.out.find("\"n_layer\": 1"), std::string::npos) << info.out;
  // Nothing but the model is left in the folder (the temporary file was renamed).
  EXPECT_TRUE(std::filesystem::exists(out));
  for (const auto& e : std::filesystem::directory_iterator(dir_))
    EXPECT_EQ(e.path().filename().string().find(".tmp"), std::string::npos) << e.path();
}

TEST_F(Cli, MakeModelUsageErrors) {
  const std::string vocab = test::data_path("phi4-vocab.gguf");
  Result r = run("make-model --preset tiny --type Q9_9 --vocab-from '" + vocab + "' -o '" + tmp("x.gguf") + "'");
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("unknown type 'Q9_9'"), std::string::npos) << r.err;
  r = run("make-model --preset tiny --type Q4_0 -o '" + tmp("x.gguf") + "'");
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("missing --vocab-from"), std::string::npos) << r.err;
  EXPECT_FALSE(std::filesystem::exists(tmp("x.gguf")));
  r = run("make-model --help");
  EXPECT_EQ(r.status, 0);
  EXPECT_NE(r.out.find("--vocab-from FILE"), std::string::npos);
}

}  // namespace
}  // namespace veloce
