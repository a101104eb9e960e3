#pragma once
// The text inputs of veloce-cli (tokenize, perplexity and bench-tokenizer -f FILE; chat's stdin),
// read with a bound: a path may name a folder, a FIFO or a device such as /dev/zero, and stdin
// may never end. Each refusal is one line that names the input and the reason.
#include <cstdio>
#include <string>

namespace veloce::cli {

// Larger than any text these commands are meant for (a perplexity corpus is a few MB), small
// enough that reading it never strains memory.
inline constexpr size_t kMaxInputFileBytes = size_t{64} << 20;

// The whole of a regular file of at most kMaxInputFileBytes; throws std::runtime_error naming
// the path otherwise. Anything else (a folder, a FIFO, a device) is refused before it is opened,
// since opening a FIFO blocks until a writer appears and a device may never end.
std::string read_input_file(const std::string& path);

// All of `stream` up to `limit` bytes; throws std::runtime_error naming `what` and the limit when
// there is more, without reading further.
std::string read_bounded(std::FILE* stream, size_t limit, const std::string& what);

// "64 MiB", "1 MiB", "512 bytes": a limit as a person reads it.
std::string byte_limit_text(size_t bytes);

}  // namespace veloce::cli
