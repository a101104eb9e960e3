#pragma once
// Formulas inside a paragraph, drawn as images in the chat view's rich text. The prose renderer's
// placeholders (math_spans.h) become images from image://math/ (app/desktop/math_image_provider.h)
// of the formula laid out in text style, aligned "middle" and padded above or below so that the
// formula's baseline lands on the text's. Qt Quick draws a middle-aligned image with its centre
// half the text's x-height above the baseline (as measured by tests/ui/test_math_view, which
// compares the lowest ink of a formula's x with the text's), so the formula's baseline must sit
// that far below the image's centre. A formula the engine cannot
// lay out is shown as its source, in monospace.
#include <QColor>
#include <QString>
#include <QStringList>

class QTextDocument;

namespace veloce::app {

struct MathStyle {
  qreal pixelSize = 0;  // pixels per em of the formulas; 0: formulas stay source text
  qreal devicePixelRatio = 1;
  QColor colour;
  qreal textXHeight = 0;  // of the text around the formulas, logical pixels
  bool enabled() const { return pixelSize > 0 && colour.isValid(); }
};

// The image URL for `tex`, display or text style, with `padTop` / `padBottom` logical pixels of
// transparent space (image://math/MODE/PX/DPR/AARRGGBB/PT/PB/KEY).
QString mathImageUrl(const QString& tex, bool display, const MathStyle& style, qreal padTop = 0, qreal padBottom = 0);

// Replaces the placeholders protectMath() left in `doc` by images of the formulas (see above).
void insertMathImages(QTextDocument& doc, const QStringList& sources, const MathStyle& style);

// The TeX an image://math/ id (the part after "image://math/") or URL draws; empty when it is not one.
QString mathImageTex(const QString& idOrUrl, bool* display = nullptr);

// The same formula image URL drawn in another colour (a selected formula in the selection's text
// colour); any other URL unchanged.
QString mathImageInColour(const QString& url, const QColor& colour);

// Draws the formula images of `doc` between `start` and `end` in `inside` and the others in the
// colour they were written with: a selection's formulas readable on the selection's colour.
void colourFormulas(QTextDocument& doc, int start, int end, const QColor& inside);

// The plain text of rich text from this renderer (a selection's TextEdit.getFormattedText, or a
// prose piece's html) with each formula image as its LaTeX, $...$ inline and \[...\] displayed,
// where the text itself would have an object character, table rows as lines of tab-separated cells
// and list items with their markers ("• ", "1. "): what copying a selection or a screen reader gets.
QString textWithFormulas(const QString& richText);

}  // namespace veloce::app
