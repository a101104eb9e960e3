#pragma once
// An OpenType MATH font read through HarfBuzz: the MATH table's constants, glyph variants and
// assemblies, italic corrections, top-accent attachments and math kerning, plus glyph metrics and
// outlines. Everything is in font units (Latin Modern Math: 1000 per em), y pointing up.
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include <hb-ot.h>
#include <hb.h>

namespace veloce::math {

struct GlyphMetrics {
  int32_t advance = 0;
  int32_t xmin = 0, xmax = 0, ymin = 0, ymax = 0;  // ink box; ymax = height, -ymin = depth
  int32_t italic = 0;
  int32_t top_accent = 0;  // x of the top accent attachment point
};

// A glyph outline as a flat list of path commands (font units, y up), cached per glyph.
struct GlyphPath {
  enum Op : uint8_t { Move, Line, Quad, Cubic, Close };
  std::vector<Op> ops;
  std::vector<float> pts;  // 2 per Move/Line, 4 per Quad, 6 per Cubic
};

struct GlyphVariant {
  uint32_t glyph;
  int32_t advance;  // height + depth for a vertical variant, width for a horizontal one
};

struct AssemblyPart {
  uint32_t glyph;
  int32_t start_connector, end_connector, full_advance;
  bool extender;
};

class MathFont {
 public:
  // Opens the font at `path`; throws std::runtime_error naming the path and the reason (no file,
  // not a font, no MATH table).
  static std::shared_ptr<MathFont> open(const std::string& path);
  // The first existing of $VELOCE_MATH_FONT and the places Debian's fonts-lmodern installs
  // latinmodern-math.otf; empty when none is found.
  static std::string find_default_path();
  // The font at find_default_path(), opened once per process; throws if there is none.
  static std::shared_ptr<MathFont> default_font();

  ~MathFont();
  MathFont(const MathFont&) = delete;
  MathFont& operator=(const MathFont&) = delete;

  int32_t units_per_em() const { return upem_; }
  int32_t constant(hb_ot_math_constant_t c) const { return constants_[c]; }
  uint32_t glyph_for(char32_t cp) const;  // 0 when the font has no glyph for cp
  // The glyph for cp with the font's script-size forms ('ssty' 1 in script, 2 in scriptscript
  // style: Latin Modern's optically sized letters, as TeX's 7 pt and 5 pt fonts); 0 if none.
  uint32_t glyph_for(char32_t cp, int ssty) const;
  const GlyphMetrics& metrics(uint32_t glyph) const;
  std::vector<GlyphVariant> variants(uint32_t glyph, bool vertical) const;
  std::vector<AssemblyPart> assembly(uint32_t glyph, bool vertical) const;
  int32_t min_connector_overlap(bool vertical) const;
  // Math kerning at a corner of a glyph at `height` (hb_ot_math_get_glyph_kerning).
  int32_t kerning(uint32_t glyph, hb_ot_math_kern_t corner, int32_t height) const;
  const GlyphPath& outline(uint32_t glyph) const;
  const std::string& path() const { return path_; }

 private:
  MathFont() = default;
  std::string path_;
  hb_blob_t* blob_ = nullptr;
  hb_face_t* face_ = nullptr;
  hb_font_t* font_ = nullptr;
  int32_t upem_ = 1000;
  std::vector<int32_t> constants_;
  // The caches fill on first use; one mutex makes a font shareable between threads (the chat view
  // and an export may lay out at the same time). Elements never move, so references stay valid.
  mutable std::mutex mutex_;
  mutable std::unordered_map<uint32_t, GlyphMetrics> metrics_;
  mutable std::unordered_map<uint32_t, GlyphPath> outlines_;
  mutable std::unordered_map<char32_t, uint32_t> cmap_;
  mutable std::unordered_map<uint64_t, uint32_t> ssty_;
};

}  // namespace veloce::math
