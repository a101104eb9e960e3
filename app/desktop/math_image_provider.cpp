#include "app/desktop/math_image_provider.h"

#include <QColor>
#include <QPainter>
#include <QQmlEngine>
#include <QStringList>
#include <algorithm>
#include <cmath>

#include "app/math/math_raster.h"
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
      const qreal w = std::max<qreal>(1, s.width()), h = std::max<qreal>(1, s.height() + padTop + padBottom);
      // The PNG writer's pixel budget (one owner of the limit): a formula that would need more
      // pixels at the asked ratio (a large matrix on a high-density screen) is drawn at a lower
      // ratio, so it keeps its size on screen with fewer pixels instead of taking gigabytes.
      qreal ratio = dpr;
      int pw = 0, ph = 0;
      // Rounding up may still overshoot by a row or column: shrink again (a step or two).
      for (int step = 0; step < 8; ++step) {
        pw = std::max(1, static_cast<int>(std::ceil(w * ratio)));
        ph = std::max(1, static_cast<int>(std::ceil(h * ratio)));
        const double pixels = static_cast<double>(pw) * ph;
        if (pixels <= math::kMaxRasterPixels) break;
        ratio *= std::sqrt(math::kMaxRasterPixels / pixels) * 0.999;
      }
      image = QImage(pw, ph, QImage::Format_ARGB32_Premultiplied);
      image.fill(Qt::transparent);
      image.setDevicePixelRatio(ratio);
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
