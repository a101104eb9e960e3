#pragma once
// Copies a tokenizer (every tokenizer.* key) from one GGUF into a writer, optionally cut down to
// a smaller vocabulary the way the test fixtures were made: the first ranks, then the added
// tokens that close the vocabulary, with the merges among the kept tokens and special ids moved.
#include <cstdint>

namespace veloce {
class GgufFile;
class GgufWriter;

// n_vocab 0 or equal to the source's size copies unchanged. Throws GgufError when the source has
// no usable vocabulary or n_vocab cannot hold the byte tokens and the added tokens.
// Returns the vocabulary size written.
uint32_t copy_vocabulary(const GgufFile& source, uint32_t n_vocab, GgufWriter& out);

}  // namespace veloce
