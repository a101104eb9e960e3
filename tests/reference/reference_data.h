#pragma once
// The llama.cpp reference results under tests/data/reference, read for engine tests (the
// reference backend here, the Vulkan backend in tests/vulkan). Everything throws
// std::runtime_error naming the file when a fixture is missing or malformed.
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace veloce::test {

// VELOCE_TEST_DATA from the environment (set by CTest), else the compile-time definition.
std::string data_path(std::string_view relative);

// The 14 fixture models: "phi4-tiny-F32", ... "phi4-tiny-Q2_K".
const std::vector<std::string>& tiny_models();
std::string model_path(const std::string& model);       // data_path("<model>.gguf")
std::string read_data_file(std::string_view relative);  // the bytes of data_path(relative)

// Fixture tolerances (fixtures/README.md): by the model's weight type.
struct Tolerance {
  float logits_max_abs;  // last-position logits
  double kld_mean;       // mean KL divergence over chunk 1 of seed_it
  double ppl_rel;        // perplexity relative difference
};
Tolerance tolerance_for(const std::string& model);

struct PerplexityRef {
  double ppl = 0;
  double ppl_err = 0;
  size_t n_chunks = 0;
  std::vector<double> running_ppl;
};
// text: "seed_it" or "short_en"; backend: "cpu" or "vulkan".
PerplexityRef perplexity_ref(const std::string& model, const std::string& text, const std::string& backend);

struct GreedyRef {
  std::vector<int32_t> prompt_ids;
  std::vector<int32_t> generated_ids;
  std::vector<double> top1_margin;
};
GreedyRef greedy_ref(const std::string& model, const std::string& backend);

// logits/<model>.<backend>.last_logits.f32
std::vector<float> last_logits_ref(const std::string& model, const std::string& backend);

// logits/<model>.cpu.kld_base_seed_it.bin: the chunk's tokens and, for each scored position
// (n_ctx/2 .. n_ctx-2), the reference log-probabilities over the vocabulary.
struct KldBase {
  size_t n_ctx = 0;
  size_t n_vocab = 0;
  std::vector<int32_t> tokens;
  std::vector<std::vector<float>> log_probs;  // [position - n_ctx/2][token]
};
KldBase kld_base(const std::string& model);

// KL(reference || ours) for one position, as llama-perplexity --kl-divergence computes it.
double kl_divergence(std::span<const float> reference_log_probs, std::span<const float> logits);

}  // namespace veloce::test
