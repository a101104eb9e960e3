// html_snapshot IN.html OUT.png [WIDTH]: an exported HTML file drawn to a PNG by Qt's rich-text
// engine (QTextDocument, the engine the PDF export prints the same HTML with), for
// scripts/screenshots.sh's picture of an HTML export: setup.sh installs no browser.
// Not a test; tests/ui/CMakeLists.txt builds it next to the UI tests.
#include <QFile>
#include <QGuiApplication>
#include <QImage>
#include <QPainter>
#include <QTextDocument>

#include <cstdio>

int main(int argc, char** argv) {
  // It draws into an image and never needs a display.
  if (!qEnvironmentVariableIsSet("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");
  QGuiApplication app(argc, argv);
  const QStringList args = app.arguments();
  if (args.size() < 3 || args.size() > 4) {
    std::fprintf(stderr, "usage: html_snapshot IN.html OUT.png [WIDTH]\n");
    return 2;
  }
  QFile in(args[1]);
  if (!in.open(QIODevice::ReadOnly)) {
    std::fprintf(stderr, "html_snapshot: cannot read %s: %s\n", qPrintable(args[1]), qPrintable(in.errorString()));
    return 1;
  }
  bool ok = true;
  const int width = args.size() == 4 ? args[3].toInt(&ok) : 1000;
  if (!ok || width < 100 || width > 4000) {
    std::fprintf(stderr, "html_snapshot: WIDTH must be 100 to 4000 pixels, not %s\n", qPrintable(args[3]));
    return 2;
  }
  QTextDocument document;
  document.setDocumentMargin(32);
  document.setHtml(QString::fromUtf8(in.readAll()));
  document.setTextWidth(width);
  // The whole document, capped so a long conversation still gives a picture of sensible size.
  const int height = qMin(static_cast<int>(document.size().height() + 0.5), 3 * width);
  QImage image(width, height, QImage::Format_RGB32);
  image.fill(Qt::white);
  {
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setRenderHint(QPainter::TextAntialiasing);
    document.drawContents(&painter, QRectF(0, 0, width, height));
  }
  if (!image.save(args[2])) {
    std::fprintf(stderr, "html_snapshot: cannot write %s\n", qPrintable(args[2]));
    return 1;
  }
  return 0;
}
