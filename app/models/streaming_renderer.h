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
#include <QString>
#include <vector>

#include "app/models/render_blocks.h"

namespace veloce::app {

struct RenderedBlock {
  QString kind;          // "prose", "code" or "math"
  QString html;          // prose/math: rich text (math: its source, kept exactly as written)
  QString code;          // code: verbatim
  QString language;      // code: the fence's language
  QString highlighted;   // code: highlight.js rich text once closed (empty: show plain `code`)
  QString tex;           // math: the TeX between the delimiters (for a math layout engine)
  bool display = false;  // math: shown on its own line
  bool operator==(const RenderedBlock&) const = default;
};

struct RenderStyle {
  QColor link;
  bool dark = false;
};

// Renders one piece; code is highlighted when `closed`.
RenderedBlock renderBlock(const RenderBlock& block, bool closed, const RenderStyle& style);
// The whole text from scratch: what StreamingRenderer shows for it (finished or not).
std::vector<RenderedBlock> renderAll(const QString& text, bool finished, const RenderStyle& style);

class StreamingRenderer : public QAbstractListModel {
  Q_OBJECT
  // import Veloce: each message delegate owns one renderer of its text.
  QML_ELEMENT
  Q_PROPERTY(QString text READ text WRITE setText NOTIFY textChanged)
  Q_PROPERTY(bool finished READ finished WRITE setFinished NOTIFY finishedChanged)
  Q_PROPERTY(QColor linkColor READ linkColor WRITE setLinkColor NOTIFY styleChanged)
  Q_PROPERTY(bool dark READ dark WRITE setDark NOTIFY styleChanged)
  Q_PROPERTY(int count READ count NOTIFY countChanged)

 public:
  enum Role { KindRole = Qt::UserRole + 1, HtmlRole, CodeRole, LanguageRole, HighlightedRole, TexRole, DisplayRole };

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
  int count() const { return static_cast<int>(rows_.size()); }
  const std::vector<RenderedBlock>& rows() const { return rows_; }

 signals:
  void textChanged();
  void finishedChanged();
  void styleChanged();
  void countChanged();

 private:
  void update();       // re-render from tailStart_
  void renderFresh();  // forget everything, render from the start
  void applyRows(size_t from, std::vector<RenderedBlock> fresh);

  QString text_;
  bool finished_ = false;
  RenderStyle style_;
  std::vector<RenderedBlock> rows_;
  size_t closedRows_ = 0;    // rows_[0, closedRows_) can no longer change
  qsizetype tailStart_ = 0;  // where the first open piece starts in text_
};

}  // namespace veloce::app
