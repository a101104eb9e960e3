#include "app/desktop/math_image_provider.h"

#include <QColor>
#include <QPainter>
#include <QQmlEngine>
#include <QStringList>
#include <algorithm>
#include <cmath>

#include "app/math_qt/math_picture.h"
#include "app/models/inline_math.h"

namespace veloce::app {

QImage MathImageProvider::requestImage(const QString& id, QSize* size, const QSize&) {
  const QStringList parts = id.split(u'/');
  QImage image;
  if (parts.size() == 7) {
    const bool display = parts[0] == QLatin1String("d");
    const qreal px = std::clamp(parts[1].toDouble(), 4.0, 200.0);
    const qreal dpr = std::clamp(parts[2].toDouble(), 0.5, 8.0);
    const QColor colour(QLatin1Char('#') + parts[3]);
    const qreal padTop = std::clamp(parts[4].toDouble(), 0.0, 1000.0);
    const qreal padBottom = std::clamp(parts[5].toDouble(), 0.0, 1000.0);
    const QString tex = app::mathImageTex(id);
    const math_qt::MathPicture picture = math_qt::MathPicture::layout(tex, display, px);
    if (picture.ok()) {
      const QSizeF s = picture.size();
      image = QImage(std::max(1, static_cast<int>(std::ceil(s.width() * dpr))),
                     std::max(1, static_cast<int>(std::ceil((s.height() + padTop + padBottom) * dpr))),
                     QImage::Format_ARGB32_Premultiplied);
      image.fill(Qt::transparent);
      image.setDevicePixelRatio(dpr);
      QPainter painter(&image);
      painter.setRenderHint(QPainter::Antialiasing);
      picture.paint(painter, {0, padTop}, colour.isValid() ? colour : QColor(Qt::black));
    }
  }
  if (image.isNull()) {
    image = QImage(1, 1, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::transparent);
  }
  if (size) *size = image.size();
  return image;
}

void MathImageProvider::install(QQmlEngine& engine) {
  engine.addImageProvider(QStringLiteral("math"), new MathImageProvider);
}

}  // namespace veloce::app
