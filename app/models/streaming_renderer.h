#pragma once
// One message's rendered pieces, for the chat view (a list model a Repeater shows). While a reply
// streams, each new piece of text re-splits and re-renders only the pieces that are still open
// (normally the last paragraph or code block): closed pieces keep their rows and rich text, so
// the cost per streamed piece does not grow with the reply. Closed code blocks are highlighted
// once, when they close; `finished` closes whatever is still open (the reply has ended).
//
// QML: StreamingRenderer { text: model.content; finished: model.state !== "streaming"; ... }.
// Setting `text` to a longer text that starts with the old one renders incrementally; any other
// change renders from scratch. renderAll() is the same output without the incremental state
// (the reference the tests compare against).
#include <QtQml/qqmlregistration.h>
#include <QAbstractListModel>
#include <QColor>
#include <QQmlParserStatus>
#include <QString>
#include <vector>

#include "app/models/inline_math.h"
#include "app/models/render_blocks.h"

namespace veloce::app {

struct RenderedBlock {
  QString kind;          // "prose", "code" or "math"
  QString html;          // prose/math: rich text (math: its source, kept exactly as written)
  QString code;          // code: verbatim; math: the block as written, delimiters included
  QString language;      // code: the fence's language
  QString highlighted;   // code: highlight.js rich text once closed (empty: show plain `code`)
  QString tex;           // math: the TeX between the delimiters ("" while the formula is open)
  bool display = false;  // math: shown on its own line
  // math: the formula's image://math/ URL (app/models/inline_math.h) in the style's size and
  // colour; "" when the style has no math size (then the view shows the source)
  QString mathUrl;
  QString mathError;  // math: why the formula cannot be drawn ("" when it can): the view shows the source
  bool operator==(const RenderedBlock&) const = default;
};

struct RenderStyle {
  QColor link;
  bool dark = false;
  MathStyle math;  // formulas as images (inline and display); off: their source
};

// Renders one piece; code is highlighted when `closed`.
RenderedBlock renderBlock(const RenderBlock& block, bool closed, const RenderStyle& style);
// The whole text from scratch: what StreamingRenderer shows for it (finished or not).
std::vector<RenderedBlock> renderAll(const QString& text, bool finished, const RenderStyle& style);

class StreamingRenderer : public QAbstractListModel, public QQmlParserStatus {
  Q_OBJECT
  // import Veloce: each message delegate owns one renderer of its text.
  QML_ELEMENT
  Q_PROPERTY(QString text READ text WRITE setText NOTIFY textChanged)
  Q_PROPERTY(bool finished READ finished WRITE setFinished NOTIFY finishedChanged)
  Q_PROPERTY(QColor linkColor READ linkColor WRITE setLinkColor NOTIFY styleChanged)
  Q_PROPERTY(bool dark READ dark WRITE setDark NOTIFY styleChanged)
  // Formulas drawn (image://math/) at this many pixels per em, in this colour, for this screen's
  // pixel ratio; a size of 0 (the default) leaves them as source text.
  Q_PROPERTY(qreal mathPixelSize READ mathPixelSize WRITE setMathPixelSize NOTIFY styleChanged)
  Q_PROPERTY(QColor mathColor READ mathColor WRITE setMathColor NOTIFY styleChanged)
  Q_PROPERTY(qreal devicePixelRatio READ devicePixelRatio WRITE setDevicePixelRatio NOTIFY styleChanged)
  // The x-height of the view's text font: where an inline formula's baseline goes (inline_math.h).
  Q_PROPERTY(qreal textXHeight READ textXHeight WRITE setTextXHeight NOTIFY styleChanged)
  Q_PROPERTY(int count READ count NOTIFY countChanged)
  // Created from QML, it renders once, when all its properties are set (not once per property).
  Q_INTERFACES(QQmlParserStatus)

 public:
  enum Role {
    KindRole = Qt::UserRole + 1,
    HtmlRole,
    CodeRole,
    LanguageRole,
    HighlightedRole,
    TexRole,
    DisplayRole,
    MathUrlRole,
    MathErrorRole
  };

  explicit StreamingRenderer(QObject* parent = nullptr);

  int rowCount(const QModelIndex& parent = QModelIndex()) const override;
  QVariant data(const QModelIndex& index, int role) const override;
  QHash<int, QByteArray> roleNames() const override;

  QString text() const { return text_; }
  void setText(const QString& text);
  void append(const QString& piece);
  bool finished() const { return finished_; }
  void setFinished(bool finished);
  QColor linkColor() const { return style_.link; }
  void setLinkColor(const QColor& colour);
  bool dark() const { return style_.dark; }
  void setDark(bool dark);
  qreal mathPixelSize() const { return style_.math.pixelSize; }
  void setMathPixelSize(qreal px);
  QColor mathColor() const { return style_.math.colour; }
  void setMathColor(const QColor& colour);
  qreal devicePixelRatio() const { return style_.math.devicePixelRatio; }
  void setDevicePixelRatio(qreal ratio);
  qreal textXHeight() const { return style_.math.textXHeight; }
  void setTextXHeight(qreal xHeight);
  void classBegin() override { deferred_ = true; }
  void componentComplete() override;
  int count() const { return static_cast<int>(rows_.size()); }
  const std::vector<RenderedBlock>& rows() const { return rows_; }

 signals:
  void textChanged();
  void finishedChanged();
  void styleChanged();
  void countChanged();

 private:
  void update();       // re-render from tailStart_
  void renderFresh();  // forget everything, render from the start (after componentComplete)
  void styleSet();
  void applyRows(size_t from, std::vector<RenderedBlock> fresh);

  QString text_;
  bool finished_ = false;
  RenderStyle style_;
  std::vector<RenderedBlock> rows_;
  size_t closedRows_ = 0;    // rows_[0, closedRows_) can no longer change
  qsizetype tailStart_ = 0;  // where the first open piece starts in text_
  bool deferred_ = false;    // between classBegin and componentComplete: nothing is rendered
};

}  // namespace veloce::app
