#include "app/math_qt/math_picture.h"

#include <QMutex>
#include <QMutexLocker>
#include <cmath>
#include <map>

namespace veloce::math_qt {

QPainterPath glyph_path(const math::MathFont& font, uint32_t glyph) {
  static QMutex mutex;
  static std::map<std::pair<const math::MathFont*, uint32_t>, QPainterPath> cache;
  QMutexLocker lock(&mutex);
  auto it = cache.find({&font, glyph});
  if (it != cache.end()) return it->second;
  const math::GlyphPath& g = font.outline(glyph);
  QPainterPath p;
  p.setFillRule(Qt::WindingFill);
  size_t k = 0;
  auto pt = [&] {
    const QPointF q(g.pts[k], g.pts[k + 1]);
    k += 2;
    return q;
  };
  for (math::GlyphPath::Op op : g.ops) {
    switch (op) {
      case math::GlyphPath::Move: p.moveTo(pt()); break;
      case math::GlyphPath::Line: p.lineTo(pt()); break;
      case math::GlyphPath::Quad: {
        const QPointF c = pt();
        p.quadTo(c, pt());
        break;
      }
      case math::GlyphPath::Cubic: {
        const QPointF a = pt(), b = pt();
        p.cubicTo(a, b, pt());
        break;
      }
      case math::GlyphPath::Close: p.closeSubpath(); break;
    }
  }
  cache.emplace(std::make_pair(&font, glyph), p);
  return p;
}

MathPicture MathPicture::layout(const QString& tex, bool display, qreal pixel_size,
                                std::shared_ptr<const math::MathFont> font) {
  MathPicture m;
  m.pixel_size_ = pixel_size;
  if (!font) {
    try {
      font = math::MathFont::default_font();
    } catch (const std::exception& e) {
      m.error_ = QString::fromUtf8(e.what());
      return m;
    }
  }
  m.font_ = font;
  const QByteArray utf8 = tex.toUtf8();
  m.result_ = math::layout_math(std::string_view(utf8.constData(), static_cast<size_t>(utf8.size())), display, *font);
  if (!m.result_.ok) {
    m.error_ = QString::fromStdString(m.result_.error);
    // The error offset is in UTF-8 bytes; the caller indexes the QString in UTF-16 units.
    m.error_pos_ = static_cast<int>(QString::fromUtf8(utf8.left(static_cast<qsizetype>(m.result_.error_pos))).size());
  }
  return m;
}

QSizeF MathPicture::size() const {
  if (!ok()) return {};
  const qreal k = pixel_size_ / result_.units_per_em;
  return {result_.list.width * k, (result_.list.height + result_.list.depth) * k};
}

qreal MathPicture::baseline() const { return ok() ? result_.list.height * pixel_size_ / result_.units_per_em : 0; }

void MathPicture::paint(QPainter& p, QPointF top_left, const QColor& color) const {
  if (!ok()) return;
  const qreal k = pixel_size_ / result_.units_per_em;
  p.save();
  p.setRenderHint(QPainter::Antialiasing, true);
  p.translate(top_left.x(), top_left.y() + baseline());
  p.scale(k, -k);  // font units, y up, origin on the baseline
  p.setPen(Qt::NoPen);
  p.setBrush(color);
  for (const math::PlacedGlyph& g : result_.list.glyphs) {
    p.save();
    p.translate(g.x, g.y);
    p.scale(g.scale, g.scale);
    p.drawPath(glyph_path(*font_, g.glyph));
    p.restore();
  }
  for (const math::PlacedRule& r : result_.list.rules) p.fillRect(QRectF(r.x, r.y, r.width, r.height), color);
  for (const math::PlacedLine& l : result_.list.lines) {
    p.setPen(QPen(color, l.thickness, Qt::SolidLine, Qt::RoundCap));
    p.drawLine(QPointF(l.x0, l.y0), QPointF(l.x1, l.y1));
  }
  p.restore();
}

QImage MathPicture::image(const QColor& color, qreal dpr) const {
  const QSizeF s = size();
  QImage img(std::max(1, static_cast<int>(std::ceil(s.width() * dpr))),
             std::max(1, static_cast<int>(std::ceil(s.height() * dpr))), QImage::Format_ARGB32_Premultiplied);
  img.fill(Qt::transparent);
  img.setDevicePixelRatio(dpr);
  QPainter p(&img);
  paint(p, {0, 0}, color);
  p.end();
  return img;
}

}  // namespace veloce::math_qt
