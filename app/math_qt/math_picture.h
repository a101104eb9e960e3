#pragma once
// The Qt side of the math engine, for the chat view and the PDF export: a laid-out formula painted
// with QPainter from the font's glyph outlines (QPainterPath), at any device pixel ratio, in a
// given colour and font size, with its baseline reported for inline placement. veloce_math itself
// stays Qt-free; this adapter only draws its display list.
#include <QColor>
#include <QImage>
#include <QPainter>
#include <QPainterPath>
#include <QSizeF>
#include <QString>
#include <memory>

#include "app/math/math_render.h"

namespace veloce::math_qt {

class MathPicture {
 public:
  // Lays out `tex` for `pixel_size` pixels per em (the text's font size in pixels). With no font
  // given, the default math font (Latin Modern Math); if that is missing the picture is an error.
  static MathPicture layout(const QString& tex, bool display, qreal pixel_size,
                            std::shared_ptr<const math::MathFont> font = nullptr);

  bool ok() const { return result_.ok; }
  // When !ok(): the message (for the tooltip over the source shown in monospace) and its offset
  // in the TeX, in UTF-16 code units of `tex`.
  QString error() const { return error_; }
  int error_position() const { return error_pos_; }

  QSizeF size() const;     // logical pixels
  qreal baseline() const;  // distance from the top to the baseline, logical pixels
  // Paints with the box's top-left corner at `top_left` (logical coordinates of `p`).
  void paint(QPainter& p, QPointF top_left, const QColor& color) const;
  // A transparent image of the formula, device_pixel_ratio times as many pixels as size(), with
  // that ratio set on it so it draws sharp and at the right size on a high-density screen.
  QImage image(const QColor& color, qreal device_pixel_ratio) const;

 private:
  math::MathResult result_;
  std::shared_ptr<const math::MathFont> font_;
  qreal pixel_size_ = 16;
  QString error_;
  int error_pos_ = 0;
};

// A glyph's outline in font units, y up (cached per font and glyph; safe across threads).
QPainterPath glyph_path(const math::MathFont& font, uint32_t glyph);

}  // namespace veloce::math_qt
