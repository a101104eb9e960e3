#include "reference_data.h"

#include <cmath>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <map>
#include <memory>
#include <stdexcept>

#include "../tokenizer/json_reader.h"

namespace veloce::test {
namespace {

const Json& cached_json(const std::string& relative) {
  static std::map<std::string, std::unique_ptr<Json>> cache;
  auto it = cache.find(relative);
  if (it == cache.end())
    it = cache.emplace(relative, std::make_unique<Json>(Json::parse(read_file(data_path(relative))))).first;
  return *it->second;
}

std::vector<double> doubles(const Json& array) {
  std::vector<double> out;
  for (const Json& v : array.as_array()) out.push_back(v.as_double());
  return out;
}

std::vector<uint8_t> read_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error(path + ": cannot open");
  return std::vector<uint8_t>(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

template <typename T>
T read_at(const std::vector<uint8_t>& bytes, size_t offset, const std::string& path) {
  if (offset + sizeof(T) > bytes.size()) throw std::runtime_error(path + ": truncated at byte " + std::to_string(offset));
  T v;
  std::memcpy(&v, bytes.data() + offset, sizeof(T));
  return v;
}

}  // namespace

std::string data_path(std::string_view relative) {
  const char* env = std::getenv("VELOCE_TEST_DATA");
  std::string base = env != nullptr && *env != '\0' ? env : VELOCE_TEST_DATA;
  return base + "/" + std::string(relative);
}

const std::vector<std::string>& tiny_models() {
  static const std::vector<std::string> names{"phi4-tiny-F32",    "phi4-tiny-F16",    "phi4-tiny-BF16", "phi4-tiny-Q8_0",
                                              "phi4-tiny-Q6_K",   "phi4-tiny-Q5_K_M", "phi4-tiny-Q5_0", "phi4-tiny-Q5_1",
                                              "phi4-tiny-Q4_K_M", "phi4-tiny-Q4_K_S", "phi4-tiny-Q4_0", "phi4-tiny-Q4_1",
                                              "phi4-tiny-Q3_K_M", "phi4-tiny-Q2_K"};
  return names;
}

std::string model_path(const std::string& model) { return data_path(model + ".gguf"); }

std::string read_data_file(std::string_view relative) { return read_file(data_path(relative)); }

Tolerance tolerance_for(const std::string& model) {
  if (model == "phi4-tiny-F32") return {0.02f, 1e-4, 0.01};
  if (model == "phi4-tiny-F16" || model == "phi4-tiny-BF16") return {0.2f, 2e-3, 0.01};
  return {0.5f, 5e-3, 0.01};
}

PerplexityRef perplexity_ref(const std::string& model, const std::string& text, const std::string& backend) {
  const Json& r = cached_json("reference/perplexity.json")[model][text][backend];
  PerplexityRef out;
  out.ppl = r["ppl"].as_double();
  out.ppl_err = r["ppl_err"].as_double();
  out.n_chunks = static_cast<size_t>(r["n_chunks"].as_int());
  out.running_ppl = doubles(r["running_ppl_per_chunk"]);
  return out;
}

GreedyRef greedy_ref(const std::string& model, const std::string& backend) {
  const Json& m = cached_json("reference/greedy.json")[model];
  GreedyRef out;
  out.prompt_ids = m["prompt_ids"].as_int32_array();
  out.generated_ids = m[backend]["generated_ids"].as_int32_array();
  out.top1_margin = doubles(m[backend]["top1_margin"]);
  return out;
}

std::vector<float> last_logits_ref(const std::string& model, const std::string& backend) {
  const std::string path = data_path("reference/logits/" + model + "." + backend + ".last_logits.f32");
  const std::vector<uint8_t> bytes = read_bytes(path);
  if (bytes.empty() || bytes.size() % 4 != 0) throw std::runtime_error(path + ": not a whole number of floats");
  std::vector<float> out(bytes.size() / 4);
  std::memcpy(out.data(), bytes.data(), bytes.size());
  return out;
}

KldBase kld_base(const std::string& model) {
  const std::string path = data_path("reference/logits/" + model + ".cpu.kld_base_seed_it.bin");
  const std::vector<uint8_t> bytes = read_bytes(path);
  if (bytes.size() < 20 || std::memcmp(bytes.data(), "_logits_", 8) != 0)
    throw std::runtime_error(path + ": no _logits_ header");
  KldBase out;
  out.n_ctx = read_at<uint32_t>(bytes, 8, path);
  const int32_t n_vocab = read_at<int32_t>(bytes, 12, path);
  const int32_t n_chunk = read_at<int32_t>(bytes, 16, path);
  if (out.n_ctx < 4 || out.n_ctx > 1 << 16 || n_vocab <= 0 || n_vocab > 1 << 20 || n_chunk != 1)
    throw std::runtime_error(path + ": unexpected n_ctx / n_vocab / n_chunk");
  out.n_vocab = static_cast<size_t>(n_vocab);
  size_t offset = 20;
  for (size_t i = 0; i < out.n_ctx; ++i, offset += 4) out.tokens.push_back(read_at<int32_t>(bytes, offset, path));
  // Per scored position: float scale, float min, then one uint16 per token (vocab rounded to even).
  const size_t words = 2 * ((out.n_vocab + 1) / 2) + 4;
  const size_t first = out.n_ctx / 2;
  for (size_t pos = first; pos + 1 < out.n_ctx; ++pos, offset += 2 * words) {
    const float scale = read_at<float>(bytes, offset, path);
    const float min = read_at<float>(bytes, offset + 4, path);
    std::vector<float> lp(out.n_vocab);
    for (size_t t = 0; t < out.n_vocab; ++t)
      lp[t] = min + scale * static_cast<float>(read_at<uint16_t>(bytes, offset + 8 + 2 * t, path));
    out.log_probs.push_back(std::move(lp));
  }
  if (offset != bytes.size()) throw std::runtime_error(path + ": unexpected size");
  return out;
}

double kl_divergence(std::span<const float> reference_log_probs, std::span<const float> logits) {
  float max = logits[0];
  for (float l : logits) max = std::max(max, l);
  double sum = 0.0;
  for (float l : logits) sum += std::exp(static_cast<double>(l - max));
  const double log_sum = std::log(sum);
  double kld = 0.0;
  for (size_t i = 0; i < logits.size(); ++i) {
    const double ours = static_cast<double>(logits[i] - max) - log_sum;
    const double ref = reference_log_probs[i];
    kld += std::exp(ref) * (ref - ours);
  }
  return kld;
}

}  // namespace veloce::test
