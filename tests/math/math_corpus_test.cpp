// The corpus (tests/data/math/corpus.txt, formulas written for these tests in the style of worked
// competition solutions) all lays out without falling back to source, and 30 of them rasterise to
// within a small tolerance of the checked-in reference PNGs (tests/data/math/reference/).
#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "app/math/math_raster.h"
#include "app/math/math_render.h"
#include "tests/math/corpus_io.h"
#include "tests/math/reference_set.h"

namespace veloce::math {
namespace {

const MathFont& font() {
  static const std::shared_ptr<MathFont> f = MathFont::default_font();
  return *f;
}

const std::string kDir = std::string(VELOCE_TEST_DATA) + "/math";

TEST(MathCorpus, EveryFormulaLaysOut) {
  const auto corpus = test::read_corpus(kDir + "/corpus.txt");
  ASSERT_GE(corpus.size(), 300u);
  for (const auto& e : corpus) {
    const MathResult r = layout_math(e.tex, e.display, font());
    EXPECT_TRUE(r.ok) << "line " << e.line << ": " << e.tex << "\n  " << r.error << " at " << r.error_pos;
    if (r.ok) {
      EXPECT_GT(r.list.width, 0) << e.tex;
      EXPECT_FALSE(r.list.glyphs.empty()) << e.tex;
    }
  }
}

// Mean absolute difference of coverage, over the union of both images' pixels; sizes must match
// within a pixel (font or rule changes that move things show up as a size or content change).
TEST(MathCorpus, ThirtyReferenceImagesMatch) {
  const auto corpus = test::read_corpus(kDir + "/corpus.txt");
  const auto picks = test::reference_picks(corpus);
  ASSERT_EQ(picks.size(), 30u);
  for (const auto& [name, entry] : picks) {
    const MathResult r = layout_math(entry.tex, entry.display, font());
    ASSERT_TRUE(r.ok) << entry.tex;
    Coverage now, ref;
    std::string error;
    ASSERT_TRUE(rasterize(r.list, font(), test::kReferencePxPerEm, &now, &error, 2)) << error;
    ASSERT_TRUE(read_png_coverage(kDir + "/reference/" + name, &ref, &error)) << error;
    ASSERT_LE(std::abs(now.width - ref.width), 1) << name << ": " << entry.tex;
    ASSERT_LE(std::abs(now.height - ref.height), 1) << name << ": " << entry.tex;
    double diff = 0;
    size_t ink = 0;
    const int w = std::min(now.width, ref.width), h = std::min(now.height, ref.height);
    for (int y = 0; y < h; ++y)
      for (int x = 0; x < w; ++x) {
        const int a = now.alpha[static_cast<size_t>(y * now.width + x)],
                  b = ref.alpha[static_cast<size_t>(y * ref.width + x)];
        diff += std::abs(a - b);
        ink += static_cast<size_t>(std::max(a, b) > 0);
      }
    // At most 3% of full ink on average over the inked pixels.
    EXPECT_LE(diff / static_cast<double>(std::max<size_t>(ink, 1)) / 255.0, 0.03) << name << ": " << entry.tex;
  }
}

}  // namespace
}  // namespace veloce::math
