#include "app/math/math_raster.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <memory>

#include <png.h>

namespace veloce::math {
namespace {

struct Edge {
  float x0, y0, x1, y1;  // pixel coordinates, y down
};

// One filled shape (a glyph, a rule, a line): its own winding, so overlapping shapes never cancel.
class ShapeFiller {
 public:
  ShapeFiller(std::vector<float>& acc, int w, int h) : acc_(acc), w_(w), h_(h) {}

  void move_to(float x, float y) {
    close();
    sx_ = cx_ = x;
    sy_ = cy_ = y;
  }
  void line_to(float x, float y) {
    if (cy_ != y) edges_.push_back({cx_, cy_, x, y});
    cx_ = x;
    cy_ = y;
  }
  void close() {
    if (cx_ != sx_ || cy_ != sy_) line_to(sx_, sy_);
  }
  void quad_to(float qx, float qy, float x, float y) {
    const int n = segments(std::hypot(qx - cx_, qy - cy_) + std::hypot(x - qx, y - qy));
    const float x0 = cx_, y0 = cy_;
    for (int i = 1; i <= n; ++i) {
      const float t = static_cast<float>(i) / static_cast<float>(n), u = 1 - t;
      line_to(u * u * x0 + 2 * u * t * qx + t * t * x, u * u * y0 + 2 * u * t * qy + t * t * y);
    }
  }
  void cubic_to(float ax, float ay, float bx, float by, float x, float y) {
    const int n = segments(std::hypot(ax - cx_, ay - cy_) + std::hypot(bx - ax, by - ay) + std::hypot(x - bx, y - by));
    const float x0 = cx_, y0 = cy_;
    for (int i = 1; i <= n; ++i) {
      const float t = static_cast<float>(i) / static_cast<float>(n), u = 1 - t;
      line_to(u * u * u * x0 + 3 * u * u * t * ax + 3 * u * t * t * bx + t * t * t * x,
              u * u * u * y0 + 3 * u * u * t * ay + 3 * u * t * t * by + t * t * t * y);
    }
  }

  // Fills the collected polygon into the accumulation buffer.
  void fill() {
    close();
    if (edges_.empty()) return;
    float ymin = 1e30f, ymax = -1e30f;
    for (const Edge& e : edges_) ymin = std::min({ymin, e.y0, e.y1}), ymax = std::max({ymax, e.y0, e.y1});
    const int r0 = std::max(0, static_cast<int>(std::floor(ymin)));
    const int r1 = std::min(h_ - 1, static_cast<int>(std::ceil(ymax)));
    constexpr int kSub = 5;
    std::vector<std::pair<float, int>> xs;
    for (int row = r0; row <= r1; ++row) {
      for (int k = 0; k < kSub; ++k) {
        const float ys = static_cast<float>(row) + (static_cast<float>(k) + 0.5f) / kSub;
        xs.clear();
        for (const Edge& e : edges_) {
          const bool down = e.y0 < e.y1;
          const float lo = down ? e.y0 : e.y1, hi = down ? e.y1 : e.y0;
          if (ys < lo || ys >= hi) continue;
          const float t = (ys - e.y0) / (e.y1 - e.y0);
          xs.push_back({e.x0 + t * (e.x1 - e.x0), down ? 1 : -1});
        }
        std::sort(xs.begin(), xs.end());
        int winding = 0;
        for (size_t i = 0; i + 1 < xs.size(); ++i) {
          winding += xs[i].second;
          if (winding != 0) span(row, xs[i].first, xs[i + 1].first, 1.0f / kSub);
        }
      }
    }
    edges_.clear();
  }

 private:
  static int segments(float length_px) { return std::clamp(static_cast<int>(length_px / 1.5f) + 1, 2, 64); }

  // Exact horizontal coverage of [xa, xb) on one sub-scanline of `row`.
  void span(int row, float xa, float xb, float weight) {
    xa = std::max(xa, 0.0f);
    xb = std::min(xb, static_cast<float>(w_));
    if (xb <= xa) return;
    float* line = acc_.data() + static_cast<size_t>(row) * static_cast<size_t>(w_);
    const int ia = static_cast<int>(xa), ib = std::min(w_ - 1, static_cast<int>(xb));
    if (ia == ib) {
      line[ia] += (xb - xa) * weight;
      return;
    }
    line[ia] += (static_cast<float>(ia + 1) - xa) * weight;
    for (int i = ia + 1; i < ib; ++i) line[i] += weight;
    line[ib] += (xb - static_cast<float>(ib)) * weight;
  }

  std::vector<float>& acc_;
  int w_, h_;
  std::vector<Edge> edges_;
  float sx_ = 0, sy_ = 0, cx_ = 0, cy_ = 0;
};

}  // namespace

bool rasterize(const DisplayList& l, const MathFont& font, float px_per_em, Coverage* out, std::string* error, int pad) {
  const float k = px_per_em / static_cast<float>(font.units_per_em());
  // Checked in double before any conversion to int: a box can be wider than an int holds. (A
  // depth may be negative: a formula wholly above its baseline.)
  const double above_px = std::ceil(l.height * k);
  const double width_px = std::max(1.0, static_cast<double>(std::ceil(l.width * k)) + 2.0 * pad);
  const double height_px = std::max(1.0, above_px + static_cast<double>(std::ceil(l.depth * k)) + 2.0 * pad);
  if (!(width_px * height_px <= kMaxRasterPixels) || !std::isfinite(l.width * k) || !std::isfinite(above_px) ||
      !std::isfinite(l.depth * k)) {
    char line[200];
    std::snprintf(line, sizeof line,
                  "formula too large to rasterise: %.0f x %.0f pixels at %g px/em, over the limit of %.0f pixels "
                  "(4096 x 4096); use a smaller size",
                  width_px, height_px, static_cast<double>(px_per_em), kMaxRasterPixels);
    *error = line;
    return false;
  }
  Coverage c;
  c.width = static_cast<int>(width_px);
  c.height = static_cast<int>(height_px);
  c.baseline = pad + static_cast<int>(above_px);
  std::vector<float> acc(static_cast<size_t>(c.width) * static_cast<size_t>(c.height), 0.0f);
  ShapeFiller f(acc, c.width, c.height);
  const float ox = static_cast<float>(pad), oy = static_cast<float>(c.baseline);
  auto X = [&](float x) { return ox + x * k; };
  auto Y = [&](float y) { return oy - y * k; };
  for (const PlacedGlyph& g : l.glyphs) {
    const GlyphPath& p = font.outline(g.glyph);
    size_t i = 0;
    auto px = [&](size_t j) { return X(g.x + p.pts[j] * g.scale); };
    auto py = [&](size_t j) { return Y(g.y + p.pts[j + 1] * g.scale); };
    for (GlyphPath::Op op : p.ops) {
      switch (op) {
        case GlyphPath::Move:
          f.move_to(px(i), py(i));
          i += 2;
          break;
        case GlyphPath::Line:
          f.line_to(px(i), py(i));
          i += 2;
          break;
        case GlyphPath::Quad:
          f.quad_to(px(i), py(i), px(i + 2), py(i + 2));
          i += 4;
          break;
        case GlyphPath::Cubic:
          f.cubic_to(px(i), py(i), px(i + 2), py(i + 2), px(i + 4), py(i + 4));
          i += 6;
          break;
        case GlyphPath::Close: f.close(); break;
      }
    }
    f.fill();
  }
  for (const PlacedRule& r : l.rules) {
    f.move_to(X(r.x), Y(r.y));
    f.line_to(X(r.x + r.width), Y(r.y));
    f.line_to(X(r.x + r.width), Y(r.y + r.height));
    f.line_to(X(r.x), Y(r.y + r.height));
    f.fill();
  }
  for (const PlacedLine& ln : l.lines) {
    const float dx = ln.x1 - ln.x0, dy = ln.y1 - ln.y0, len = std::hypot(dx, dy);
    if (len <= 0) continue;
    const float nx = -dy / len * ln.thickness / 2, ny = dx / len * ln.thickness / 2;
    f.move_to(X(ln.x0 + nx), Y(ln.y0 + ny));
    f.line_to(X(ln.x1 + nx), Y(ln.y1 + ny));
    f.line_to(X(ln.x1 - nx), Y(ln.y1 - ny));
    f.line_to(X(ln.x0 - nx), Y(ln.y0 - ny));
    f.fill();
  }
  c.alpha.resize(acc.size());
  for (size_t i = 0; i < acc.size(); ++i)
    c.alpha[i] = static_cast<uint8_t>(std::lround(std::clamp(acc[i], 0.0f, 1.0f) * 255.0f));
  *out = std::move(c);
  return true;
}

bool write_png(const std::string& path, const Coverage& c, uint32_t rgb, bool transparent, std::string* error) {
  std::unique_ptr<FILE, int (*)(FILE*)> fp(std::fopen(path.c_str(), "wb"), std::fclose);
  if (!fp) {
    *error = path + ": cannot write";
    return false;
  }
  png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, nullptr, nullptr, nullptr);
  png_infop info = png ? png_create_info_struct(png) : nullptr;
  if (!png || !info || setjmp(png_jmpbuf(png))) {
    png_destroy_write_struct(&png, &info);
    *error = path + ": PNG encoding failed";
    return false;
  }
  png_init_io(png, fp.get());
  const bool grey = !transparent && rgb == 0;
  const int channels = grey ? 1 : 4;
  png_set_IHDR(png, info, static_cast<png_uint_32>(c.width), static_cast<png_uint_32>(c.height), 8,
               grey ? PNG_COLOR_TYPE_GRAY : PNG_COLOR_TYPE_RGBA, PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT,
               PNG_FILTER_TYPE_DEFAULT);
  png_set_compression_level(png, 9);
  png_write_info(png, info);
  std::vector<uint8_t> row(static_cast<size_t>(c.width) * static_cast<size_t>(channels));
  const int r = static_cast<int>((rgb >> 16) & 255), g = static_cast<int>((rgb >> 8) & 255), b = static_cast<int>(rgb & 255);
  for (int y = 0; y < c.height; ++y) {
    for (int x = 0; x < c.width; ++x) {
      const int a = c.alpha[static_cast<size_t>(y) * static_cast<size_t>(c.width) + static_cast<size_t>(x)];
      uint8_t* px = row.data() + static_cast<size_t>(x) * static_cast<size_t>(channels);
      if (grey) {
        px[0] = static_cast<uint8_t>(255 - a);
      } else if (transparent) {
        px[0] = static_cast<uint8_t>(r), px[1] = static_cast<uint8_t>(g), px[2] = static_cast<uint8_t>(b);
        px[3] = static_cast<uint8_t>(a);
      } else {  // ink over white
        auto mix = [a](int ink) { return static_cast<uint8_t>((ink * a + 255 * (255 - a)) / 255); };
        px[0] = mix(r), px[1] = mix(g), px[2] = mix(b), px[3] = 255;
      }
    }
    png_write_row(png, row.data());
  }
  png_write_end(png, nullptr);
  png_destroy_write_struct(&png, &info);
  return true;
}

bool read_png_coverage(const std::string& path, Coverage* out, std::string* error) {
  std::unique_ptr<FILE, int (*)(FILE*)> fp(std::fopen(path.c_str(), "rb"), std::fclose);
  if (!fp) {
    *error = path + ": cannot open";
    return false;
  }
  png_structp png = png_create_read_struct(PNG_LIBPNG_VER_STRING, nullptr, nullptr, nullptr);
  png_infop info = png ? png_create_info_struct(png) : nullptr;
  if (!png || !info || setjmp(png_jmpbuf(png))) {
    png_destroy_read_struct(&png, &info, nullptr);
    *error = path + ": not a readable PNG";
    return false;
  }
  png_init_io(png, fp.get());
  png_read_info(png, info);
  if (png_get_color_type(png, info) != PNG_COLOR_TYPE_GRAY || png_get_bit_depth(png, info) != 8) {
    png_destroy_read_struct(&png, &info, nullptr);
    *error = path + ": expected an 8-bit grey PNG";
    return false;
  }
  out->width = static_cast<int>(png_get_image_width(png, info));
  out->height = static_cast<int>(png_get_image_height(png, info));
  out->alpha.resize(static_cast<size_t>(out->width) * static_cast<size_t>(out->height));
  for (int y = 0; y < out->height; ++y)
    png_read_row(png, out->alpha.data() + static_cast<size_t>(y) * static_cast<size_t>(out->width), nullptr);
  for (uint8_t& v : out->alpha) v = static_cast<uint8_t>(255 - v);
  png_destroy_read_struct(&png, &info, nullptr);
  return true;
}

}  // namespace veloce::math
