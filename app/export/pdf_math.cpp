#include "app/export/pdf_math.h"

#include <QAbstractTextDocumentLayout>
#include <QFontMetrics>
#include <QGuiApplication>
#include <QPaintDevice>
#include <QPainter>
#include <QScreen>
#include <QTextBlock>
#include <QTextCursor>
#include <QTextDocument>
#include <QTextFrame>
#include <QTextList>
#include <algorithm>

#include "app/math_qt/math_picture.h"
#include "app/models/math_spans.h"

namespace veloce::exporting {
namespace {

constexpr int kFormulaObject = QTextFormat::UserObject + 17;
constexpr int kTexProperty = QTextFormat::UserProperty + 17;
constexpr int kDisplayProperty = QTextFormat::UserProperty + 18;

qreal dots_per_inch(const QTextDocument* doc) {
  if (const QPaintDevice* device = doc->documentLayout()->paintDevice()) return device->logicalDpiY();
  const QScreen* screen = QGuiApplication::primaryScreen();
  return screen ? screen->logicalDotsPerInchY() : 96;
}

// A width the paragraph at `position` is sure to have on the printed page: the page's text width
// less the 2 cm margins that QTextDocument::print() gives the root frame of the copy it prints,
// the root frame's own margins and the paragraph's. Qt's frame geometry is not public before
// layout, and the export's <body> max-width can narrow the column further, so this errs on the
// narrow side (on A4 it leaves about 2% spare). 0 when the document has no width yet.
qreal column_width(const QTextDocument* doc, int position) {
  if (doc->textWidth() <= 0) return 0;
  const QPaintDevice* device = doc->documentLayout()->paintDevice();
  const qreal print_margin = device ? 2 / 2.54 * device->logicalDpiX() : 0;
  const QTextFrameFormat root = doc->rootFrame()->frameFormat();
  const QTextBlockFormat block = doc->findBlock(position).blockFormat();
  const qreal width = doc->textWidth() - 2 * print_margin - root.leftMargin() - root.rightMargin() - block.leftMargin() -
                      block.rightMargin();
  return std::max<qreal>(width, 0);
}

// Cuts the paragraph around the displayed formula just before `after`, dropping the spaces
// (a soft line break became one) on either side of the cut. The HTML export shows every displayed
// formula as a block (MathML display="block"), and models write one on lines of its own inside a
// paragraph ("The integral is\n$$...$$\nso..."): left in its paragraph, the PDF drew it inside a
// line as tall as the formula. The pieces after the first leave a list the paragraph was in, at
// the list's indent, or each would get a bullet of its own.
void give_own_paragraph(QTextCursor& after) {
  QTextDocument* doc = after.document();
  const QTextBlock block = after.block();
  QTextBlockFormat piece = block.blockFormat();
  if (const QTextList* list = block.textList()) {
    piece.setObjectIndex(-1);
    piece.setIndent(list->format().indent());
  }
  const int end = block.position() + block.length() - 1;
  int trailing = 0;
  while (after.position() + trailing < end && doc->characterAt(after.position() + trailing).isSpace()) ++trailing;
  after.movePosition(QTextCursor::NextCharacter, QTextCursor::KeepAnchor, trailing);
  after.removeSelectedText();
  if (after.position() < block.position() + block.length() - 1) {
    after.insertBlock(piece);
    after.movePosition(QTextCursor::PreviousBlock);
    after.movePosition(QTextCursor::EndOfBlock);
  }
  QTextCursor before = after;
  before.movePosition(QTextCursor::PreviousCharacter);  // onto the formula's own character
  const int start = before.block().position();
  int leading = 0;
  while (before.position() - leading > start && doc->characterAt(before.position() - leading - 1).isSpace()) ++leading;
  before.movePosition(QTextCursor::PreviousCharacter, QTextCursor::KeepAnchor, leading);
  before.removeSelectedText();
  if (before.position() > start) before.insertBlock(piece);
  after = before;
  after.movePosition(QTextCursor::NextCharacter);
}

}  // namespace

struct PdfMathObjects::Placed {
  math_qt::MathPicture picture;
  qreal pad_top = 0, pad_bottom = 0;
  qreal scale = 1;
};

PdfMathObjects::PdfMathObjects(QTextDocument& document) : document_(document) {
  document_.documentLayout()->registerHandler(kFormulaObject, this);
}

PdfMathObjects::~PdfMathObjects() { document_.documentLayout()->unregisterHandler(kFormulaObject, this); }

void PdfMathObjects::insert(const QStringList& sources) {
  // Last first, so an earlier placeholder's position is not moved by what replaces a later one.
  for (qsizetype k = sources.size() - 1; k >= 0; --k) {
    QTextCursor cursor = document_.find(app::mathPlaceholder(k));
    if (cursor.isNull()) continue;  // e.g. inside a link's address
    const QString& source = sources[k];
    const auto [tex, display] = app::formulaOf(source);
    // Whether it lays out at all; the size is laid out again at print time, for the printer.
    const math_qt::MathPicture check =
        tex.isEmpty() ? math_qt::MathPicture() : math_qt::MathPicture::layout(tex, display, 16);
    if (!check.ok()) {
      app::insertFormulaSource(cursor, source);
      continue;
    }
    QTextCharFormat format = cursor.charFormat();
    format.setObjectType(kFormulaObject);
    format.setProperty(kTexProperty, tex);
    format.setProperty(kDisplayProperty, display);
    format.setVerticalAlignment(QTextCharFormat::AlignMiddle);
    cursor.insertText(QString(QChar::ObjectReplacementCharacter), format);
    if (display) give_own_paragraph(cursor);
    // A formula alone in its paragraph is a displayed one: centred on the column.
    const QTextBlock block = cursor.block();
    if (block.text().trimmed() == QString(QChar::ObjectReplacementCharacter)) {
      QTextBlockFormat centred;
      centred.setAlignment(Qt::AlignHCenter);
      cursor.mergeBlockFormat(centred);
    }
  }
}

const PdfMathObjects::Placed& PdfMathObjects::placed(QTextDocument* doc, int position, const QTextFormat& format) {
  const QTextCharFormat chars = format.toCharFormat();
  const QFont font = chars.font().resolve(doc->defaultFont());
  const qreal dpi = dots_per_inch(doc);
  // Formulas 1.2 times the text's size, as in the chat view: Latin Modern Math's letters are
  // small beside a sans-serif text's.
  const qreal text_em = font.pixelSize() > 0 ? font.pixelSize() : font.pointSizeF() * dpi / 72.0;
  const qreal pixels_per_em = 1.2 * text_em;
  const QString tex = format.stringProperty(kTexProperty);
  const bool display = format.boolProperty(kDisplayProperty);
  const qreal column = column_width(doc, position);
  // Keyed by size and column too: print() lays out a copy of the page at the printer's resolution.
  const auto key =
      std::make_pair(tex + QChar(display ? u'd' : u't') + QString::number(qRound(column)), qRound(pixels_per_em * 64));
  auto& slot = cache_[key];
  if (slot) return *slot;
  slot = std::make_unique<Placed>();
  slot->picture = math_qt::MathPicture::layout(tex, display, pixels_per_em);
  const QSizeF size = slot->picture.size();
  if (column > 0 && size.width() > column) slot->scale = column / size.width();
  // Qt centres a middle-aligned object a quarter of the font's x-height above the baseline, an
  // x-height it takes from the screen's metrics even when the layout is for the printer (so, at
  // the writer's 1200 dpi, practically on the baseline). Padding of top - bottom = depth - height
  // + 2 * that offset puts the formula's baseline on the text's; tests/app_export measures it on
  // the printed page.
  const qreal qt_centre = QFontMetrics(font).xHeight() / 4.0;
  const qreal above = slot->picture.baseline() * slot->scale;
  const qreal below = (size.height() - slot->picture.baseline()) * slot->scale;
  const qreal delta = below - above + 2 * qt_centre;
  slot->pad_top = std::max<qreal>(0, delta);
  slot->pad_bottom = std::max<qreal>(0, -delta);
  return *slot;
}

QSizeF PdfMathObjects::intrinsicSize(QTextDocument* doc, int position, const QTextFormat& format) {
  const Placed& p = placed(doc, position, format);
  const QSizeF size = p.picture.size() * p.scale;
  return {size.width(), size.height() + p.pad_top + p.pad_bottom};
}

void PdfMathObjects::drawObject(QPainter* painter, const QRectF& rect, QTextDocument* doc, int position,
                                const QTextFormat& format) {
  const Placed& p = placed(doc, position, format);
  const QBrush ink = format.toCharFormat().foreground();
  const QColor colour = ink.style() == Qt::NoBrush ? painter->pen().color() : ink.color();
  painter->save();
  painter->translate(rect.left(), rect.top() + p.pad_top);
  painter->scale(p.scale, p.scale);
  p.picture.paint(*painter, QPointF(0, 0), colour);
  painter->restore();
}

}  // namespace veloce::exporting
