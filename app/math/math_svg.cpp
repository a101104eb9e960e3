#include "app/math/math_svg.h"

#include <cstdio>
#include <set>

namespace veloce::math {
namespace {

void num(std::string& out, float v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", static_cast<double>(v));
  std::string s(buf);
  if (s.size() > 2 && s.compare(s.size() - 2, 2, ".0") == 0) s.resize(s.size() - 2);
  if (s == "-0") s = "0";
  out += s;
}

// Path data in font units with y flipped (SVG's y points down).
std::string path_data(const GlyphPath& p) {
  std::string d;
  size_t k = 0;
  auto pt = [&](int n) {
    for (int i = 0; i < n; ++i) {
      num(d, p.pts[k]);
      d += ' ';
      num(d, -p.pts[k + 1]);
      d += ' ';
      k += 2;
    }
  };
  for (GlyphPath::Op op : p.ops) {
    switch (op) {
      case GlyphPath::Move:
        d += 'M';
        pt(1);
        break;
      case GlyphPath::Line:
        d += 'L';
        pt(1);
        break;
      case GlyphPath::Quad:
        d += 'Q';
        pt(2);
        break;
      case GlyphPath::Cubic:
        d += 'C';
        pt(3);
        break;
      case GlyphPath::Close: d += 'Z'; break;
    }
  }
  return d;
}

}  // namespace

std::string to_svg(const DisplayList& l, const MathFont& font, float px_per_em, const std::string& color) {
  const float upem = static_cast<float>(font.units_per_em());
  const float total_h = l.height + l.depth;
  std::string out = "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" width=\"";
  num(out, l.width / upem * px_per_em);
  out += "\" height=\"";
  num(out, total_h / upem * px_per_em);
  out += "\" viewBox=\"0 ";
  num(out, -l.height);
  out += ' ';
  num(out, l.width);
  out += ' ';
  num(out, total_h);
  // The baseline's distance from the bottom, for inline placement (vertical-align).
  out += "\" style=\"vertical-align:";
  num(out, -l.depth / upem);
  out += "em\" fill=\"" + color + "\">\n<defs>\n";
  std::set<uint32_t> used;
  for (const PlacedGlyph& g : l.glyphs) used.insert(g.glyph);
  for (uint32_t g : used) out += "<path id=\"g" + std::to_string(g) + "\" d=\"" + path_data(font.outline(g)) + "\"/>\n";
  out += "</defs>\n";
  for (const PlacedGlyph& g : l.glyphs) {
    out += "<use xlink:href=\"#g" + std::to_string(g.glyph) + "\" transform=\"translate(";
    num(out, g.x);
    out += ' ';
    num(out, -g.y);
    out += ')';
    if (g.scale != 1.0f) {
      char buf[32];
      std::snprintf(buf, sizeof buf, " scale(%.3f)", static_cast<double>(g.scale));
      out += buf;
    }
    out += "\"/>\n";
  }
  for (const PlacedRule& r : l.rules) {
    out += "<rect x=\"";
    num(out, r.x);
    out += "\" y=\"";
    num(out, -(r.y + r.height));
    out += "\" width=\"";
    num(out, r.width);
    out += "\" height=\"";
    num(out, r.height);
    out += "\"/>\n";
  }
  for (const PlacedLine& ln : l.lines) {
    out += "<line x1=\"";
    num(out, ln.x0);
    out += "\" y1=\"";
    num(out, -ln.y0);
    out += "\" x2=\"";
    num(out, ln.x1);
    out += "\" y2=\"";
    num(out, -ln.y1);
    out += "\" stroke=\"" + color + "\" stroke-width=\"";
    num(out, ln.thickness);
    out += "\"/>\n";
  }
  out += "</svg>\n";
  return out;
}

}  // namespace veloce::math
