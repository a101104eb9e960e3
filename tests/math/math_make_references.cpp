// Writes tests/data/math/reference/ref_NN.png for the 30 picked corpus formulas. Run it only after
// a deliberate layout change, and look at the images before committing them.
#include <cstdio>
#include <string>

#include "app/math/math_raster.h"
#include "app/math/math_render.h"
#include "tests/math/reference_set.h"

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: math_make_references CORPUS.txt OUT_DIR\n");
    return 2;
  }
  using namespace veloce::math;
  const auto font = MathFont::default_font();
  for (const auto& [name, e] : test::reference_picks(test::read_corpus(argv[1]))) {
    const MathResult r = layout_math(e.tex, e.display, *font);
    if (!r.ok) {
      std::fprintf(stderr, "%s: %s\n", e.tex.c_str(), r.error.c_str());
      return 1;
    }
    std::string error;
    Coverage c;
    if (!rasterize(r.list, *font, test::kReferencePxPerEm, &c, &error, 2) ||
        !write_png(std::string(argv[2]) + "/" + name, c, 0, false, &error)) {
      std::fprintf(stderr, "%s\n", error.c_str());
      return 1;
    }
    std::printf("%s  %s\n", name.c_str(), e.tex.c_str());
  }
  return 0;
}
