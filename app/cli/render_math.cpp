// veloce-cli render-math: a TeX formula to SVG, PNG or MathML, for scripts and tests.
#include <cstdio>
#include <fstream>
#include <string>

#include "app/cli/command.h"
#include "app/math/math_mathml.h"
#include "app/math/math_raster.h"
#include "app/math/math_render.h"
#include "app/math/math_svg.h"

namespace veloce::cli {
namespace {

bool ends_with(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

void write_text(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
  if (!out.flush()) throw std::runtime_error(path + ": cannot write");
}

int run(Args& args) {
  const std::string tex = args.required({"-e", "--expression"});
  const std::string out = args.required({"-o", "--output"});
  const bool display = args.flag({"--display"});
  const double size = args.number({"--size"}, 32);
  const bool transparent = args.flag({"--transparent"});
  args.finish();
  if (!(size >= 4 && size <= 1024)) throw UsageError("--size must be between 4 and 1024 pixels per em");
  if (ends_with(out, ".mathml") || ends_with(out, ".mml")) {
    write_text(out, math::to_mathml(tex, display) + "\n");
    return 0;
  }
  if (!ends_with(out, ".svg") && !ends_with(out, ".png"))
    throw UsageError("-o: the file name must end in .svg, .png or .mathml");
  const auto font = math::MathFont::default_font();
  const math::MathResult r = math::layout_math(tex, display, *font);
  if (!r.ok) {
    std::fprintf(stderr, "render-math: at offset %zu: %s\n", r.error_pos, r.error.c_str());
    return 1;
  }
  if (ends_with(out, ".svg")) {
    write_text(out, math::to_svg(r.list, *font, static_cast<float>(size)));
  } else {
    std::string error;
    math::Coverage c;
    if (!math::rasterize(r.list, *font, static_cast<float>(size), &c, &error)) {
      std::fprintf(stderr, "render-math: %s\n", error.c_str());
      return 1;
    }
    if (!math::write_png(out, c, 0x000000, transparent, &error)) throw std::runtime_error(error);
  }
  return 0;
}

CommandRegistration reg{{"render-math", "render a TeX formula to SVG, PNG or MathML",
                         R"(usage: veloce-cli render-math -e TEX [--display] [--size PX] [--transparent]
                              -o FILE.svg|FILE.png|FILE.mathml

Lays out the LaTeX math TEX with Veloce's TeX math engine on the Latin Modern Math font
(fonts-lmodern; VELOCE_MATH_FONT names another OpenType MATH font) and writes it as an SVG with
the glyph outlines as paths, a PNG, or presentation MathML carrying TEX in an annotation.
A formula that does not parse is reported with its offset and exits with status 1, as does a
PNG that would be over 4096 x 4096 pixels (16.8 million; a smaller --size may fit).

options:
  -e, --expression TEX  the formula, without $ or \[ delimiters
  --display             display style (limits above and below, larger operators)
  -o, --output FILE     the output; its extension (.svg, .png, .mathml) picks the format
  --size PX             pixels per em for PNG and the SVG's width and height (default 32)
  --transparent         PNG: black ink on a transparent background instead of white
)",
                         run}};

}  // namespace
}  // namespace veloce::cli
