#include "app/models/streaming_renderer.h"

#include "app/math_qt/math_picture.h"
#include "app/models/code_highlighter.h"
#include "app/models/markdown_renderer.h"
#include "app/models/math_spans.h"

namespace veloce::app {

RenderedBlock renderBlock(const RenderBlock& block, bool closed, const RenderStyle& style) {
  RenderedBlock out;
  switch (block.kind) {
    case RenderBlock::Kind::Prose:
      out.kind = QStringLiteral("prose");
      out.html = proseToRichText(block.text, style.link, style.math);
      break;
    case RenderBlock::Kind::Math: {
      out.kind = QStringLiteral("math");
      out.html = proseToRichText(block.text, style.link);
      out.display = true;
      const QString t = block.text.trimmed();
      out.code = t;  // the formula as written, for "Copy LaTeX" and the fallback
      out.tex = formulaOf(t).tex;
      if (!out.tex.isEmpty()) {
        if (style.math.enabled()) out.mathUrl = mathImageUrl(out.tex, true, style.math);
        // Laid out once here (well under a millisecond) so the view knows before drawing whether
        // to show the formula or its source with the reason.
        const math_qt::MathPicture picture = math_qt::MathPicture::layout(out.tex, true, 16);
        if (!picture.ok()) out.mathError = picture.error();
      }
      break;
    }
    case RenderBlock::Kind::Code:
      out.kind = QStringLiteral("code");
      out.code = block.text;
      out.language = block.language;
      if (closed) out.highlighted = CodeHighlighter::forThisThread().toHtml(block.text, block.language, style.dark);
      break;
  }
  return out;
}

std::vector<RenderedBlock> renderAll(const QString& text, bool finished, const RenderStyle& style) {
  std::vector<RenderedBlock> out;
  for (const RenderBlock& b : splitRenderBlocks(text)) out.push_back(renderBlock(b, b.closed || finished, style));
  return out;
}

StreamingRenderer::StreamingRenderer(QObject* parent) : QAbstractListModel(parent) {}

int StreamingRenderer::rowCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : static_cast<int>(rows_.size());
}

QVariant StreamingRenderer::data(const QModelIndex& index, int role) const {
  if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) return {};
  const RenderedBlock& b = rows_.at(static_cast<size_t>(index.row()));
  switch (role) {
    case KindRole: return b.kind;
    case HtmlRole: return b.html;
    case CodeRole: return b.code;
    case LanguageRole: return b.language;
    case HighlightedRole: return b.highlighted;
    case TexRole: return b.tex;
    case DisplayRole: return b.display;
    case MathUrlRole: return b.mathUrl;
    case MathErrorRole: return b.mathError;
    default: return {};
  }
}

QHash<int, QByteArray> StreamingRenderer::roleNames() const {
  return {{KindRole, "kind"},
          {HtmlRole, "html"},
          {CodeRole, "code"},
          {LanguageRole, "language"},
          {HighlightedRole, "highlighted"},
          {TexRole, "tex"},
          {DisplayRole, "display"},
          {MathUrlRole, "mathUrl"},
          {MathErrorRole, "mathError"}};
}

void StreamingRenderer::setText(const QString& text) {
  if (text == text_) return;
  const bool extends = !text_.isEmpty() && text.startsWith(text_);
  text_ = text;
  if (extends) {
    update();
  } else {
    renderFresh();
  }
  emit textChanged();
}

void StreamingRenderer::append(const QString& piece) {
  if (piece.isEmpty()) return;
  text_ += piece;
  update();
  emit textChanged();
}

void StreamingRenderer::setFinished(bool finished) {
  if (finished == finished_) return;
  finished_ = finished;
  if (finished_) {
    update();  // the open pieces are final now: code gets highlighted
  } else {
    renderFresh();
  }
  emit finishedChanged();
}

void StreamingRenderer::setLinkColor(const QColor& colour) {
  if (colour == style_.link) return;
  style_.link = colour;
  renderFresh();
  emit styleChanged();
}

void StreamingRenderer::setDark(bool dark) {
  if (dark == style_.dark) return;
  style_.dark = dark;
  renderFresh();
  emit styleChanged();
}

void StreamingRenderer::setMathPixelSize(qreal px) {
  if (px == style_.math.pixelSize) return;
  style_.math.pixelSize = px;
  styleSet();
}

void StreamingRenderer::setMathColor(const QColor& colour) {
  if (colour == style_.math.colour) return;
  style_.math.colour = colour;
  styleSet();
}

void StreamingRenderer::setDevicePixelRatio(qreal ratio) {
  if (ratio == style_.math.devicePixelRatio || ratio <= 0) return;
  style_.math.devicePixelRatio = ratio;
  styleSet();
}

void StreamingRenderer::setTextXHeight(qreal xHeight) {
  if (xHeight == style_.math.textXHeight) return;
  style_.math.textXHeight = xHeight;
  styleSet();
}

void StreamingRenderer::styleSet() {
  renderFresh();
  emit styleChanged();
}

void StreamingRenderer::componentComplete() {
  deferred_ = false;
  renderFresh();
}

void StreamingRenderer::renderFresh() {
  if (deferred_) return;
  closedRows_ = 0;
  tailStart_ = 0;
  update();
}

void StreamingRenderer::update() {
  if (deferred_) return;
  const std::vector<RenderBlock> blocks = splitRenderBlocks(text_, tailStart_);
  std::vector<RenderedBlock> fresh;
  fresh.reserve(blocks.size());
  size_t newlyClosed = 0;
  bool open = false;
  qsizetype nextTail = text_.size();
  for (const RenderBlock& b : blocks) {
    // Closed pieces form a prefix (a piece closes only once what follows it is decided).
    if (!open && b.closed) {
      ++newlyClosed;
    } else if (!open) {
      open = true;
      nextTail = b.start;
    }
    fresh.push_back(renderBlock(b, b.closed || finished_, style_));
  }
  const size_t from = closedRows_;
  closedRows_ += newlyClosed;
  tailStart_ = nextTail;
  applyRows(from, std::move(fresh));
}

void StreamingRenderer::applyRows(size_t from, std::vector<RenderedBlock> fresh) {
  const size_t oldCount = rows_.size();
  const size_t newCount = from + fresh.size();
  const size_t common = std::min(oldCount, newCount);
  for (size_t i = from; i < common; ++i) {
    RenderedBlock& row = rows_[i];
    RenderedBlock& next = fresh[i - from];
    if (row == next) continue;
    QList<int> roles;
    if (row.kind != next.kind) roles << KindRole;
    if (row.html != next.html) roles << HtmlRole;
    if (row.code != next.code) roles << CodeRole;
    if (row.language != next.language) roles << LanguageRole;
    if (row.highlighted != next.highlighted) roles << HighlightedRole;
    if (row.tex != next.tex) roles << TexRole;
    if (row.display != next.display) roles << DisplayRole;
    if (row.mathUrl != next.mathUrl) roles << MathUrlRole;
    if (row.mathError != next.mathError) roles << MathErrorRole;
    row = std::move(next);
    const QModelIndex at = index(static_cast<int>(i));
    emit dataChanged(at, at, roles);
  }
  if (newCount > oldCount) {
    beginInsertRows({}, static_cast<int>(oldCount), static_cast<int>(newCount) - 1);
    for (size_t i = oldCount; i < newCount; ++i) rows_.push_back(std::move(fresh[i - from]));
    endInsertRows();
    emit countChanged();
  } else if (newCount < oldCount) {
    beginRemoveRows({}, static_cast<int>(newCount), static_cast<int>(oldCount) - 1);
    rows_.resize(newCount);
    endRemoveRows();
    emit countChanged();
  }
}

}  // namespace veloce::app
