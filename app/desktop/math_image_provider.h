#pragma once
// image://math/MODE/PX/DPR/AARRGGBB/PT/PB/KEY: a formula for the chat view (URLs made by
// app/models/inline_math.h), laid out by the math engine in display (MODE "d") or text ("t")
// style at PX pixels per em, painted in #AARRGGBB at device pixel ratio DPR (so it is sharp on
// any screen: the view shows it at its size divided by DPR), with PT and PB logical pixels of
// transparent space above and below. A formula that would take more than math::kMaxRasterPixels
// (4096 x 4096) at DPR is painted at the lower ratio that fits: the same size on screen, softer. KEY is the TeX as base64url
// of its UTF-8, which survives any URL handling unchanged. A formula that does not parse gives a 1x1 transparent image; the
// view shows its source instead (it knows before asking), so this is not reached in practice.
#include <QQuickImageProvider>

class QQmlEngine;

namespace veloce::app {

class MathImageProvider : public QQuickImageProvider {
 public:
  MathImageProvider() : QQuickImageProvider(QQuickImageProvider::Image) {}
  QImage requestImage(const QString& id, QSize* size, const QSize& requestedSize) override;
  // Adds the provider to engine (which owns it) as "math".
  static void install(QQmlEngine& engine);
};

}  // namespace veloce::app
