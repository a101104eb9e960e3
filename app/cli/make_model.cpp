// veloce-cli make-model: a random-weight GGUF with Phi-4's exact layout, streamed to disk.
#include <cstdio>
#include <stdexcept>
#include <string>

#include "app/cli/command.h"
#include "inference/gguf/gguf_file.h"
#include "inference/model/quant_mix.h"
#include "inference/model/random_model.h"

namespace veloce::cli {
namespace {

uint32_t positive(const char* name, long long v) {
  if (v < 1 || v > (1ll << 24)) throw UsageError(std::string(name) + " must be between 1 and 16777216");
  return static_cast<uint32_t>(v);
}

int run(Args& args) {
  const std::string preset = args.value({"--preset"}).value_or("phi-4");
  RandomModelSpec spec;
  try {
    spec = random_model_preset(preset);
  } catch (const std::invalid_argument& e) {
    throw UsageError(e.what());
  }
  spec.n_layer = positive("--layers", args.integer({"--layers"}, spec.n_layer));
  spec.n_vocab = positive("--vocab", args.integer({"--vocab"}, spec.n_vocab));
  spec.n_ctx = positive("--ctx", args.integer({"--ctx"}, spec.n_ctx));
  spec.mix = args.required({"--type"});
  spec.seed = static_cast<uint64_t>(args.integer({"--seed"}, 1));
  const std::string vocab_from = args.required({"--vocab-from"});
  const std::string out = args.required({"-o", "--output"});
  args.finish();

  const auto vocab = GgufFile::open(vocab_from);
  GgufWriter writer = [&] {
    try {
      return random_model_writer(spec, *vocab);
    } catch (const std::invalid_argument& e) {
      throw UsageError(e.what());
    }
  }();
  writer.write(out);
  const auto written = GgufFile::open(out);  // re-read: what was written must parse
  std::printf("%s: %s, %u layers, %llu tensors, %llu bytes\n", out.c_str(), spec.mix.c_str(), spec.n_layer,
              static_cast<unsigned long long>(written->tensors().size()),
              static_cast<unsigned long long>(written->file_size()));
  return 0;
}

std::string help() {
  std::string mixes;
  for (std::string_view m : supported_mixes()) mixes += (mixes.empty() ? "" : ", ") + std::string(m);
  return R"(usage: veloce-cli make-model --type TYPE --vocab-from VOCAB.gguf -o FILE
                             [--preset phi-4|tiny] [--layers N] [--vocab N] [--ctx N] [--seed S]

Writes a GGUF with Phi-4's exact layout (architecture phi3, fused attn_qkv, gate|up ffn_up,
untied output) and random weights: finite values of realistic size (standard deviation about
0.02, norms about 1), with the tensor-type mix llama.cpp's quantizer gives real Phi-4 files of
that type (Q4_K_M: output Q6_K, attn_qkv Q5_K, ffn_down Q6_K in llama.cpp's "more bits" layers,
Q4_K elsewhere; norms F32). For benchmarks at real widths and for tests. The weights are
streamed to disk: a multi-GB file is never held in memory.

The tokenizer (every tokenizer.* key) is copied from VOCAB.gguf: Phi-4's vocabulary GGUF
(tests/data/phi4-vocab.gguf) or any Phi-4 model file. With --vocab N smaller than its
vocabulary, it keeps the first ranks and Phi-4's added tokens, as the test fixtures do.

options:
  --type TYPE         )" +
         mixes + R"(
  --vocab-from FILE   where the tokenizer comes from (required)
  -o, --output FILE   written atomically (temporary file, then rename)
  --preset NAME       phi-4 (5120 hidden, 40 layers, 40/10 heads, 17920 FFN, vocab 100352;
                      the default) or tiny (the test fixtures: 256, 2 layers, 4/1 heads, 768, 4096)
  --layers N          number of layers (default: the preset's)
  --vocab N           vocabulary size (default: the preset's)
  --ctx N             phi3.context_length (default 16384)
  --seed S            random seed (default 1); the same seed gives the same bytes

A 2-layer phi-4 Q4_K_M file is about 1.1 GB.
)";
}

CommandRegistration reg{{"make-model", "write a random-weight model with Phi-4's layout", help(), run}};

}  // namespace
}  // namespace veloce::cli
