// A real fixture cut at 200+ offsets spread over the header, the metadata, the tensor infos and
// the data: every cut must be rejected with a message that names the file and says why.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "inference/gguf/gguf_file.h"
#include "tests/gguf/test_support.h"

namespace veloce {
namespace {

TEST(GgufTruncation, EveryCutOfAFixtureIsRejected) {
  const auto bytes = test::read_bytes(test::data_path("phi4-tiny-Q4_K_M.gguf"));
  auto whole = GgufFile::from_bytes("whole.gguf", bytes);
  // Past the end of the last tensor only padding remains; a cut there would still be valid.
  uint64_t data_end = 0;
  for (const TensorInfo& t : whole->tensors()) data_end = std::max(data_end, t.offset + t.n_bytes);
  const uint64_t end = whole->data_offset() + data_end;
  ASSERT_LE(end, bytes.size());

  std::set<uint64_t> cuts;
  for (uint64_t i = 0; i <= 40; ++i) cuts.insert(i);                          // every byte of the header and the first key
  const uint64_t infos = whole->data_offset();                                // metadata + tensor infos end here
  for (uint64_t i = 0; i < 80; ++i) cuts.insert(40 + (infos - 40) * i / 80);  // metadata and vocabulary
  for (uint64_t i = 0; i < 40; ++i) cuts.insert(infos - 1 - i * 37);          // the tensor infos at the end
  for (uint64_t i = 0; i < 60; ++i) cuts.insert(infos + (end - infos) * i / 60);  // the data section
  cuts.insert(end - 1);
  ASSERT_GE(cuts.size(), 200u);

  for (uint64_t cut : cuts) {
    SCOPED_TRACE("cut at " + std::to_string(cut));
    const std::string name = "cut-" + std::to_string(cut) + ".gguf";
    const std::string msg = test::expect_gguf_error(
        [&] { (void)GgufFile::from_bytes(name, std::span<const uint8_t>(bytes.data(), cut)); }, name, {});
    const bool says_why = msg.find("truncated") != std::string::npos || msg.find("bytes left") != std::string::npos ||
                          msg.find("smaller than a GGUF header") != std::string::npos;
    EXPECT_TRUE(says_why) << msg;
  }
}

}  // namespace
}  // namespace veloce
