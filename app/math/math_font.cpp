#include "app/math/math_font.h"

#include <cstdlib>
#include <filesystem>
#include <mutex>
#include <stdexcept>

namespace veloce::math {
namespace {

// HarfBuzz draw callbacks that append to a GlyphPath.
void move_to(hb_draw_funcs_t*, void* p, hb_draw_state_t*, float x, float y, void*) {
  auto* g = static_cast<GlyphPath*>(p);
  g->ops.push_back(GlyphPath::Move);
  g->pts.insert(g->pts.end(), {x, y});
}
void line_to(hb_draw_funcs_t*, void* p, hb_draw_state_t*, float x, float y, void*) {
  auto* g = static_cast<GlyphPath*>(p);
  g->ops.push_back(GlyphPath::Line);
  g->pts.insert(g->pts.end(), {x, y});
}
void quad_to(hb_draw_funcs_t*, void* p, hb_draw_state_t*, float cx, float cy, float x, float y, void*) {
  auto* g = static_cast<GlyphPath*>(p);
  g->ops.push_back(GlyphPath::Quad);
  g->pts.insert(g->pts.end(), {cx, cy, x, y});
}
void cubic_to(hb_draw_funcs_t*, void* p, hb_draw_state_t*, float c1x, float c1y, float c2x, float c2y, float x, float y,
              void*) {
  auto* g = static_cast<GlyphPath*>(p);
  g->ops.push_back(GlyphPath::Cubic);
  g->pts.insert(g->pts.end(), {c1x, c1y, c2x, c2y, x, y});
}
void close_path(hb_draw_funcs_t*, void* p, hb_draw_state_t*, void*) {
  static_cast<GlyphPath*>(p)->ops.push_back(GlyphPath::Close);
}

hb_draw_funcs_t* draw_funcs() {
  static hb_draw_funcs_t* f = [] {
    hb_draw_funcs_t* d = hb_draw_funcs_create();
    hb_draw_funcs_set_move_to_func(d, move_to, nullptr, nullptr);
    hb_draw_funcs_set_line_to_func(d, line_to, nullptr, nullptr);
    hb_draw_funcs_set_quadratic_to_func(d, quad_to, nullptr, nullptr);
    hb_draw_funcs_set_cubic_to_func(d, cubic_to, nullptr, nullptr);
    hb_draw_funcs_set_close_path_func(d, close_path, nullptr, nullptr);
    hb_draw_funcs_make_immutable(d);
    return d;
  }();
  return f;
}

}  // namespace

std::shared_ptr<MathFont> MathFont::open(const std::string& path) {
  if (!std::filesystem::is_regular_file(path)) throw std::runtime_error(path + ": no such font file");
  std::shared_ptr<MathFont> f(new MathFont());
  f->path_ = path;
  f->blob_ = hb_blob_create_from_file_or_fail(path.c_str());
  if (!f->blob_) throw std::runtime_error(path + ": cannot read the font file");
  f->face_ = hb_face_create(f->blob_, 0);
  if (hb_face_get_glyph_count(f->face_) == 0) throw std::runtime_error(path + ": not an OpenType font");
  if (!hb_ot_math_has_data(f->face_)) throw std::runtime_error(path + ": the font has no MATH table");
  f->font_ = hb_font_create(f->face_);
  f->upem_ = static_cast<int32_t>(hb_face_get_upem(f->face_));
  hb_font_set_scale(f->font_, f->upem_, f->upem_);  // work in font units
  f->constants_.resize(HB_OT_MATH_CONSTANT_RADICAL_DEGREE_BOTTOM_RAISE_PERCENT + 1);
  for (int c = 0; c <= HB_OT_MATH_CONSTANT_RADICAL_DEGREE_BOTTOM_RAISE_PERCENT; ++c)
    f->constants_[static_cast<size_t>(c)] = hb_ot_math_get_constant(f->font_, static_cast<hb_ot_math_constant_t>(c));
  return f;
}

std::string MathFont::find_default_path() {
  if (const char* env = std::getenv("VELOCE_MATH_FONT"); env && *env) return env;
  // fonts-lmodern puts it under texmf and, on some releases, links it under /usr/share/fonts.
  static const char* const kCandidates[] = {
      "/usr/share/fonts/opentype/public/lm-math/latinmodern-math.otf",
      "/usr/share/texmf/fonts/opentype/public/lm-math/latinmodern-math.otf",
      "/usr/share/texlive/texmf-dist/fonts/opentype/public/lm-math/latinmodern-math.otf",
      "/usr/share/fonts/opentype/lmodern/latinmodern-math.otf",
  };
  for (const char* c : kCandidates)
    if (std::filesystem::is_regular_file(c)) return c;
  return {};
}

std::shared_ptr<MathFont> MathFont::default_font() {
  static std::mutex m;
  static std::shared_ptr<MathFont> font;
  std::lock_guard lock(m);
  if (!font) {
    const std::string p = find_default_path();
    if (p.empty()) throw std::runtime_error("no math font found: install fonts-lmodern or set VELOCE_MATH_FONT");
    font = open(p);
  }
  return font;
}

MathFont::~MathFont() {
  hb_font_destroy(font_);
  hb_face_destroy(face_);
  hb_blob_destroy(blob_);
}

uint32_t MathFont::glyph_for(char32_t cp) const {
  std::lock_guard lock(mutex_);
  auto it = cmap_.find(cp);
  if (it != cmap_.end()) return it->second;
  hb_codepoint_t g = 0;
  if (!hb_font_get_nominal_glyph(font_, cp, &g)) g = 0;
  cmap_.emplace(cp, g);
  return g;
}

uint32_t MathFont::glyph_for(char32_t cp, int ssty) const {
  const uint32_t nominal = glyph_for(cp);
  if (ssty <= 0 || nominal == 0) return nominal;
  const uint64_t key = (static_cast<uint64_t>(cp) << 2) | static_cast<uint64_t>(ssty & 3);
  {
    std::lock_guard lock(mutex_);
    auto it = ssty_.find(key);
    if (it != ssty_.end()) return it->second;
  }
  // Shape the one character with ssty on: GSUB picks the script form where the font has one.
  hb_buffer_t* buf = hb_buffer_create();
  hb_buffer_add_utf32(buf, reinterpret_cast<const uint32_t*>(&cp), 1, 0, 1);
  hb_buffer_set_direction(buf, HB_DIRECTION_LTR);
  hb_buffer_set_script(buf, HB_SCRIPT_MATH);  // the MATH script tag, where fonts put ssty
  const hb_feature_t feature{HB_TAG('s', 's', 't', 'y'), static_cast<uint32_t>(ssty), 0, static_cast<unsigned>(-1)};
  hb_shape(font_, buf, &feature, 1);
  unsigned n = 0;
  const hb_glyph_info_t* info = hb_buffer_get_glyph_infos(buf, &n);
  const uint32_t g = (n == 1 && info[0].codepoint != 0) ? info[0].codepoint : nominal;
  hb_buffer_destroy(buf);
  std::lock_guard lock(mutex_);
  ssty_.emplace(key, g);
  return g;
}

const GlyphMetrics& MathFont::metrics(uint32_t glyph) const {
  std::lock_guard lock(mutex_);
  auto it = metrics_.find(glyph);
  if (it != metrics_.end()) return it->second;
  GlyphMetrics m;
  m.advance = hb_font_get_glyph_h_advance(font_, glyph);
  hb_glyph_extents_t e{};
  if (hb_font_get_glyph_extents(font_, glyph, &e)) {
    m.xmin = e.x_bearing;
    m.xmax = e.x_bearing + e.width;
    m.ymax = e.y_bearing;
    m.ymin = e.y_bearing + e.height;  // height is negative in HarfBuzz (y up)
  }
  m.italic = hb_ot_math_get_glyph_italics_correction(font_, glyph);
  m.top_accent = hb_ot_math_get_glyph_top_accent_attachment(font_, glyph);  // advance/2 when absent
  return metrics_.emplace(glyph, m).first->second;
}

std::vector<GlyphVariant> MathFont::variants(uint32_t glyph, bool vertical) const {
  const hb_direction_t dir = vertical ? HB_DIRECTION_BTT : HB_DIRECTION_LTR;
  hb_ot_math_glyph_variant_t buf[32];
  unsigned count = 32;
  hb_ot_math_get_glyph_variants(font_, glyph, dir, 0, &count, buf);
  std::vector<GlyphVariant> out;
  for (unsigned i = 0; i < count; ++i) out.push_back({buf[i].glyph, buf[i].advance});
  return out;
}

std::vector<AssemblyPart> MathFont::assembly(uint32_t glyph, bool vertical) const {
  const hb_direction_t dir = vertical ? HB_DIRECTION_BTT : HB_DIRECTION_LTR;
  hb_ot_math_glyph_part_t buf[16];
  unsigned count = 16;
  hb_position_t italic = 0;
  hb_ot_math_get_glyph_assembly(font_, glyph, dir, 0, &count, buf, &italic);
  std::vector<AssemblyPart> out;
  for (unsigned i = 0; i < count; ++i)
    out.push_back({buf[i].glyph, buf[i].start_connector_length, buf[i].end_connector_length, buf[i].full_advance,
                   (buf[i].flags & HB_OT_MATH_GLYPH_PART_FLAG_EXTENDER) != 0});
  return out;
}

int32_t MathFont::min_connector_overlap(bool vertical) const {
  return hb_ot_math_get_min_connector_overlap(font_, vertical ? HB_DIRECTION_BTT : HB_DIRECTION_LTR);
}

int32_t MathFont::kerning(uint32_t glyph, hb_ot_math_kern_t corner, int32_t height) const {
  return hb_ot_math_get_glyph_kerning(font_, glyph, corner, height);
}

const GlyphPath& MathFont::outline(uint32_t glyph) const {
  std::lock_guard lock(mutex_);
  auto it = outlines_.find(glyph);
  if (it != outlines_.end()) return it->second;
  GlyphPath p;
#if HB_VERSION_ATLEAST(7, 0, 0)
  hb_font_draw_glyph(font_, glyph, draw_funcs(), &p);
#else
  hb_font_get_glyph_shape(font_, glyph, draw_funcs(), &p);  // the same call before HarfBuzz 7 renamed it
#endif
  return outlines_.emplace(glyph, std::move(p)).first->second;
}

}  // namespace veloce::math
