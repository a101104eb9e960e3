// veloce-cli render-math end to end: the three formats a script asks for, and a clear error.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <sys/wait.h>
#include <unistd.h>

#include "app/math/math_raster.h"

namespace {

namespace fs = std::filesystem;

struct CliRun {
  int status;
  std::string err;
};

// Runs veloce-cli with the arguments (already shell-quoted) and returns its exit status and stderr.
CliRun cli(const std::string& args) {
  const fs::path err = fs::temp_directory_path() / "veloce_math_cli_err.txt";
  const std::string cmd = std::string(VELOCE_CLI) + " " + args + " 2>" + err.string();
  const int raw = std::system(cmd.c_str());
  std::ifstream in(err);
  std::stringstream ss;
  ss << in.rdbuf();
  return {WIFEXITED(raw) ? WEXITSTATUS(raw) : -1, ss.str()};
}

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

class RenderMath : public ::testing::Test {
 protected:
  fs::path dir = fs::temp_directory_path() / ("veloce_math_cli_" + std::to_string(::getpid()));
  void SetUp() override { fs::create_directories(dir); }
  void TearDown() override { fs::remove_all(dir); }
};

TEST_F(RenderMath, WritesSvgPngAndMathml) {
  const fs::path svg = dir / "f.svg", png = dir / "f.png", mml = dir / "f.mathml";
  ASSERT_EQ(cli("render-math -e '\\frac{a}{b}' -o " + svg.string()).status, 0);
  const std::string s = slurp(svg);
  EXPECT_EQ(s.rfind("<svg ", 0), 0u);
  EXPECT_NE(s.find("<path id="), std::string::npos);
  EXPECT_NE(s.find("<rect "), std::string::npos);

  ASSERT_EQ(cli("render-math -e '\\sum_{k=1}^n k' --display --size 40 -o " + png.string()).status, 0);
  veloce::math::Coverage c;
  std::string error;
  ASSERT_TRUE(veloce::math::read_png_coverage(png.string(), &c, &error)) << error;
  EXPECT_GT(c.height, 60);  // display limits stack: well over one 40 px line
  size_t ink = 0;
  for (uint8_t a : c.alpha) ink += a > 128;
  EXPECT_GT(ink, 100u);

  ASSERT_EQ(cli("render-math -e 'x^2' -o " + mml.string()).status, 0);
  const std::string m = slurp(mml);
  EXPECT_NE(m.find("<msup>"), std::string::npos);
  EXPECT_NE(m.find("<annotation encoding=\"application/x-tex\">x^2</annotation>"), std::string::npos);
}

TEST_F(RenderMath, BadFormulaAndBadNameFailWithOneLine) {
  const CliRun bad = cli("render-math -e 'x + \\foo' -o " + (dir / "x.png").string());
  EXPECT_EQ(bad.status, 1);
  EXPECT_EQ(bad.err, "render-math: at offset 4: unknown command \\foo\n");
  EXPECT_FALSE(fs::exists(dir / "x.png"));
  const CliRun ext = cli("render-math -e x -o " + (dir / "x.txt").string());
  EXPECT_NE(ext.status, 0);
  EXPECT_NE(ext.err.find(".svg, .png or .mathml"), std::string::npos);
}

TEST_F(RenderMath, AChainNestedThousandsDeepIsRefusedWithOneLineNotACrash) {
  // The red team's input, \sqrt thousands of times without braces, here 25,000 times (125 KB, as
  // long as one command-line argument may be): it overflowed the parser's stack.
  std::string chain;
  for (int i = 0; i < 25000; ++i) chain += "\\sqrt";
  chain += "2";
  for (const char* file : {"x.svg", "x.png"}) {
    const CliRun r = cli("render-math -e '" + chain + "' -o " + (dir / file).string());
    EXPECT_EQ(r.status, 1) << file;
    EXPECT_EQ(r.err.rfind("render-math: at offset ", 0), 0u) << r.err;
    EXPECT_NE(r.err.find(": formula nested too deeply (more than 120 levels)\n"), std::string::npos) << r.err;
    EXPECT_FALSE(fs::exists(dir / file));
  }
}

TEST_F(RenderMath, APngOverTheSizeLimitIsRefusedWithTheReason) {
  // A 30 x 30 matrix at 1024 px per em: about 46,000 x 37,000 pixels, which used to take gigabytes
  // and seconds and then be cut at 16,384 pixels without a word.
  std::string tex = "\\begin{bmatrix}";
  for (int r = 0; r < 30; ++r) {
    for (int c = 0; c < 30; ++c) tex += c ? " & 1" : "1";
    tex += " \\\\ ";
  }
  tex += "\\end{bmatrix}";
  const fs::path png = dir / "m.png";
  const CliRun r = cli("render-math -e '" + tex + "' --size 1024 -o " + png.string());
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.err.rfind("render-math: formula too large to rasterise: ", 0), 0u) << r.err;
  EXPECT_NE(r.err.find("over the limit of 16777216 pixels (4096 x 4096); use a smaller size\n"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(png));
  // At the default size it fits, and is written.
  EXPECT_EQ(cli("render-math -e '" + tex + "' -o " + png.string()).status, 0);
  EXPECT_TRUE(fs::exists(png));
}

}  // namespace
