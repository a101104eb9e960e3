#pragma once
// Rasterising a display list: glyph outlines flattened to polygons and filled with the non-zero
// rule, anti-aliased by exact horizontal coverage on 5 sub-scanlines per pixel row; and PNG files.
#include <cstdint>
#include <string>
#include <vector>

#include "app/math/display_list.h"
#include "app/math/math_font.h"

namespace veloce::math {

struct Coverage {
  int width = 0, height = 0;
  int baseline = 0;            // pixel row of the baseline, from the top
  std::vector<uint8_t> alpha;  // row-major, 0 empty .. 255 full ink
};

// The most pixels one formula is rasterised to (4096 x 4096: 64 MB of float coverage while it is
// filled, 16 MB of alpha). A formula bigger than that at the size asked (a large matrix, a huge
// --size) is refused up front, from its layout box, before anything is allocated: never cut at
// an edge, never gigabytes.
inline constexpr double kMaxRasterPixels = 4096.0 * 4096.0;

// Fills *out with the coverage of `list` at px_per_em pixels per em, padded on every side. Returns
// false with a one-line reason in *error (and *out untouched) when the image would exceed
// kMaxRasterPixels.
bool rasterize(const DisplayList& list, const MathFont& font, float px_per_em, Coverage* out, std::string* error,
               int padding_px = 2);

// Ink `rgb` (0xRRGGBB) on white (8-bit grey when the ink is black) or, with transparent, RGBA.
// Returns false with a one-line reason in *error.
bool write_png(const std::string& path, const Coverage& c, uint32_t rgb, bool transparent, std::string* error);
// Reads an 8-bit grey PNG (as write_png makes for black ink) back as coverage (255 - grey).
bool read_png_coverage(const std::string& path, Coverage* out, std::string* error);

}  // namespace veloce::math
