// Time per formula for parse + layout of corpus formulas after the font is loaded (target: under
// 1 ms each), cycling through the corpus until N formulas are done; then the same through to a
// rasterised image. The first formulas also fill the font's glyph caches (the worst case shows it).
#include <chrono>
#include <cstdio>
#include <cstdlib>

#include "app/math/math_raster.h"
#include "app/math/math_render.h"
#include "tests/math/corpus_io.h"

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: math_bench CORPUS.txt N\n");
    return 2;
  }
  using clock = std::chrono::steady_clock;
  using namespace veloce::math;
  const auto corpus = test::read_corpus(argv[1]);
  const int n = std::atoi(argv[2]);
  if (corpus.empty() || n <= 0) return 2;
  const auto t_font = clock::now();
  const auto font = MathFont::default_font();
  const auto t0 = clock::now();
  size_t glyphs = 0;
  int failed = 0;
  double worst = 0;
  for (int i = 0; i < n; ++i) {
    const auto& e = corpus[static_cast<size_t>(i) % corpus.size()];
    const auto a = clock::now();
    const MathResult r = layout_math(e.tex, e.display, *font);
    worst = std::max(worst, std::chrono::duration<double, std::milli>(clock::now() - a).count());
    glyphs += r.list.glyphs.size();
    failed += !r.ok;
  }
  const double ms = std::chrono::duration<double, std::milli>(clock::now() - t0).count();
  std::printf("font load: %.2f ms\n", std::chrono::duration<double, std::milli>(t0 - t_font).count());
  std::printf("%d formulas (%zu distinct), %zu glyphs: %.3f ms per formula (worst %.3f ms), target < 1 ms\n", n,
              corpus.size(), glyphs, ms / n, worst);
  // The same formulas through to pixels (24 px per em coverage, as the reference images).
  const auto t1 = clock::now();
  size_t pixels = 0;
  for (int i = 0; i < n; ++i) {
    const auto& e = corpus[static_cast<size_t>(i) % corpus.size()];
    const MathResult r = layout_math(e.tex, e.display, *font);
    Coverage c;
    std::string error;
    if (r.ok && rasterize(r.list, *font, 24, &c, &error)) pixels += c.alpha.size();
  }
  const double ms_px = std::chrono::duration<double, std::milli>(clock::now() - t1).count();
  std::printf("layout + rasterise at 24 px/em: %.3f ms per formula (%zu pixels in all)\n", ms_px / n, pixels);
  if (ms / n >= 1.0) std::printf("OVER TARGET (timings on a loaded machine vary; the exit status only fails on errors)\n");
  if (failed) std::printf("%d formulas failed to lay out\n", failed);
  return failed == 0 ? 0 : 1;
}
