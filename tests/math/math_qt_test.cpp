// MathPicture: a formula painted with QPainter lands where the layout says, in the given colour,
// sharp at device pixel ratio 2, with its baseline reported; errors come back with their offset.
#include <gtest/gtest.h>

#include <QXmlStreamReader>

#include "app/math/math_mathml.h"
#include "app/math/math_svg.h"
#include "app/math_qt/math_picture.h"
#include "tests/math/corpus_io.h"

namespace veloce::math_qt {
namespace {

int ink_pixels(const QImage& img, QRgb colour) {
  int n = 0;
  for (int y = 0; y < img.height(); ++y)
    for (int x = 0; x < img.width(); ++x) {
      const QColor c = QColor::fromRgba(img.pixel(x, y));
      if (c.alpha() > 200 && qAbs(c.red() - qRed(colour)) < 8 && qAbs(c.blue() - qBlue(colour)) < 8) ++n;
    }
  return n;
}

TEST(MathPicture, PaintsTheFormulaInColourAtAnyPixelRatio) {
  const MathPicture m = MathPicture::layout("\\frac{1}{2}", true, 40);
  ASSERT_TRUE(m.ok()) << m.error().toStdString();
  const QSizeF s = m.size();
  EXPECT_GT(s.width(), 10);
  EXPECT_GT(s.height(), 50);  // a display fraction is taller than one line of 40 px text
  EXPECT_GT(m.baseline(), s.height() / 3);
  EXPECT_LT(m.baseline(), s.height());
  const QImage one = m.image(QColor(200, 0, 0), 1);
  const QImage two = m.image(QColor(200, 0, 0), 2);
  EXPECT_EQ(two.width(), qCeil(s.width() * 2));
  EXPECT_DOUBLE_EQ(two.devicePixelRatio(), 2.0);
  const int ink1 = ink_pixels(one, qRgb(200, 0, 0)), ink2 = ink_pixels(two, qRgb(200, 0, 0));
  EXPECT_GT(ink1, 60);
  // Four times the pixels at ratio 2: the solid ink roughly quadruples (outlines, not a scaled bitmap).
  EXPECT_GT(ink2, 3 * ink1);
  // The bar is on the axis: the row just above the baseline by the axis height is mostly ink.
  const int bar_row = qRound((m.baseline() - 0.25 * 40) * 2);  // Latin Modern Math: axis 0.25 em
  int dark = 0;
  for (int x = 0; x < two.width(); ++x) dark += qAlpha(two.pixel(x, bar_row)) > 128;
  EXPECT_GT(dark, two.width() / 2);
}

TEST(MathPicture, ErrorsKeepMessageAndUtf16Offset) {
  const MathPicture m = MathPicture::layout(QString::fromUtf8("\xCE\xB1 + \\foo"), false, 16);  // "α + \foo"
  EXPECT_FALSE(m.ok());
  EXPECT_EQ(m.error(), QStringLiteral("unknown command \\foo"));
  EXPECT_EQ(m.error_position(), 4);  // α is 2 bytes but 1 UTF-16 unit
  EXPECT_TRUE(m.size().isEmpty());
}

// Well-formed XML for every corpus formula: what HTML export will embed (MathML) and what
// render-math writes (SVG). QXmlStreamReader stands in for the browser's parser.
TEST(MathPicture, CorpusMathmlAndSvgAreWellFormedXml) {
  const auto corpus = math::test::read_corpus(std::string(VELOCE_TEST_DATA) + "/math/corpus.txt");
  ASSERT_GE(corpus.size(), 300u);
  const auto font = math::MathFont::default_font();
  auto well_formed = [](const std::string& xml, QString* why) {
    QXmlStreamReader r(QByteArray::fromStdString(xml));
    while (!r.atEnd()) r.readNext();
    *why = r.errorString();
    return !r.hasError();
  };
  for (const auto& e : corpus) {
    QString why;
    EXPECT_TRUE(well_formed(math::to_mathml(e.tex, e.display), &why)) << e.tex << ": " << why.toStdString();
    const math::MathResult r = math::layout_math(e.tex, e.display, *font);
    ASSERT_TRUE(r.ok) << e.tex;
    EXPECT_TRUE(well_formed(math::to_svg(r.list, *font, 20), &why)) << e.tex << ": " << why.toStdString();
  }
}

}  // namespace
}  // namespace veloce::math_qt
