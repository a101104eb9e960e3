#pragma once
// Formulas in the PDF export, drawn as vector outlines. The PDF is Qt's rich text printed to a
// QPdfWriter, and Qt's rich text knows no MathML, so the page's HTML carries placeholders
// (html_markdown.h) that become text objects of this handler once Qt has parsed it. At print
// time Qt lays the page out for the writer and asks the handler for each formula's size and to
// draw it: MathPicture paints the math font's glyphs as QPainterPaths, which the writer keeps as
// paths (sharp at any zoom; no image in the file).
//
// Geometry: an inline formula's baseline sits on the text's (padded above or below, as in the
// chat view, app/models/inline_math.h); a formula alone in its paragraph is centred and, when
// wider than the text column, scaled down to fit it, since paper cannot scroll. A formula the
// engine cannot lay out is printed as its source in monospace, so nothing is lost.
#include <QObject>
#include <QStringList>
#include <QTextObjectInterface>
#include <map>
#include <memory>
#include <utility>

class QTextDocument;

namespace veloce::math_qt {
class MathPicture;
}

namespace veloce::exporting {

class PdfMathObjects : public QObject, public QTextObjectInterface {
  Q_OBJECT
  Q_INTERFACES(QTextObjectInterface)
 public:
  // Registers itself with `document`'s layout (print() copies the handler to the copy it lays
  // out for the printer). `document` must outlive it.
  explicit PdfMathObjects(QTextDocument& document);
  ~PdfMathObjects() override;

  // Swaps the placeholders for formula objects; `sources` as collected by pdf_html().
  void insert(const QStringList& sources);

  QSizeF intrinsicSize(QTextDocument* doc, int position, const QTextFormat& format) override;
  void drawObject(QPainter* painter, const QRectF& rect, QTextDocument* doc, int position,
                  const QTextFormat& format) override;

 private:
  struct Placed;
  // The formula laid out for the font at the layout's paint device, cached since Qt asks for
  // the size more than once and draws later.
  const Placed& placed(QTextDocument* doc, int position, const QTextFormat& format);

  QTextDocument& document_;
  std::map<std::pair<QString, int>, std::unique_ptr<Placed>> cache_;
};

}  // namespace veloce::exporting
