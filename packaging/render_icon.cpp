// Build-time tool: the app icon's SVG drawn as a square PNG of one size, for the hicolor theme's
// fixed-size folders (menus and docks that do not draw SVG). Qt's SVG image plugin (libqt6svg6,
// already a runtime dependency) does the drawing, so no other converter is needed.
//   veloce_render_icon ICON.svg SIZE OUT.png
#include <QGuiApplication>
#include <QImage>
#include <QImageReader>
#include <cstdio>

int main(int argc, char* argv[]) {
  if (argc != 4) {
    std::fputs("usage: veloce_render_icon ICON.svg SIZE OUT.png\n", stderr);
    return 2;
  }
  // No display: the raster engine is all that draws here.
  qputenv("QT_QPA_PLATFORM", "offscreen");
  QGuiApplication app(argc, argv);
  const int size = QString::fromLocal8Bit(argv[2]).toInt();
  QImageReader reader(QString::fromLocal8Bit(argv[1]));
  reader.setScaledSize(QSize(size, size));
  const QImage image = reader.read();
  if (image.isNull() || image.width() != size || image.height() != size) {
    std::fprintf(stderr, "veloce_render_icon: cannot draw %s at %d px: %s\n", argv[1], size,
                 qPrintable(reader.errorString()));
    return 1;
  }
  if (!image.save(QString::fromLocal8Bit(argv[3]), "PNG")) {
    std::fprintf(stderr, "veloce_render_icon: cannot write %s\n", argv[3]);
    return 1;
  }
  return 0;
}
