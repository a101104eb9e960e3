#include "app/models/inline_math.h"

#include <QTextBlock>
#include <QTextCursor>
#include <QTextDocument>
#include <QTextImageFormat>
#include <algorithm>
#include <cmath>
#include <vector>

#include "app/math_qt/math_picture.h"
#include "app/models/math_spans.h"

namespace veloce::app {

QString mathImageUrl(const QString& tex, bool display, const MathStyle& style, qreal padTop, qreal padBottom) {
  const QString key =
      QString::fromLatin1(tex.toUtf8().toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
  return QStringLiteral("image://math/%1/%2/%3/%4/%5/%6/%7")
      .arg(display ? QStringLiteral("d") : QStringLiteral("t"))
      .arg(style.pixelSize)
      .arg(style.devicePixelRatio)
      .arg(style.colour.name(QColor::HexArgb).mid(1))
      .arg(padTop)
      .arg(padBottom)
      .arg(key);
}

void insertMathImages(QTextDocument& doc, const QStringList& sources, const MathStyle& style) {
  // Last first, so an earlier placeholder's position is not moved by what replaces a later one.
  for (qsizetype k = sources.size() - 1; k >= 0; --k) {
    QTextCursor cursor = doc.find(mathPlaceholder(k));
    if (cursor.isNull()) continue;  // e.g. inside a link's address
    const QString& source = sources[k];
    const auto [tex, display] = formulaOf(source);
    const math_qt::MathPicture picture =
        tex.isEmpty() ? math_qt::MathPicture() : math_qt::MathPicture::layout(tex, display, style.pixelSize);
    if (!picture.ok()) {
      insertFormulaSource(cursor, source);
      continue;
    }
    // The padding that puts the formula's baseline half an x-height below the image's centre
    // (see the header): top - bottom = x-height + depth - height.
    const qreal above = picture.baseline(), below = picture.size().height() - picture.baseline();
    const qreal delta = style.textXHeight + below - above;
    const qreal padTop = std::max<qreal>(0, delta), padBottom = std::max<qreal>(0, -delta);
    QTextImageFormat image;
    image.setName(mathImageUrl(tex, display, style, padTop, padBottom));
    image.setWidth(picture.size().width());
    image.setHeight(picture.size().height() + padTop + padBottom);
    image.setVerticalAlignment(QTextCharFormat::AlignMiddle);
    image.setToolTip(source);
    cursor.insertImage(image);
  }
}

QString mathImageTex(const QString& idOrUrl, bool* display) {
  static const QString kScheme = QStringLiteral("image://math/");
  const QString id = idOrUrl.startsWith(kScheme) ? idOrUrl.mid(kScheme.size()) : idOrUrl;
  const QStringList parts = id.split(u'/');
  if (parts.size() != 7) return {};
  if (display) *display = parts[0] == QLatin1String("d");
  return QString::fromUtf8(
      QByteArray::fromBase64(parts[6].toLatin1(), QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

QString textWithFormulas(const QString& richText) {
  QTextDocument doc;
  doc.setHtml(richText);
  QString out;
  for (QTextBlock block = doc.begin(); block.isValid(); block = block.next()) {
    if (block != doc.begin()) out += u'\n';
    for (auto it = block.begin(); !it.atEnd(); ++it) {
      const QTextFragment fragment = it.fragment();
      if (!fragment.isValid()) continue;
      const QTextCharFormat format = fragment.charFormat();
      bool display = false;
      const QString tex = format.isImageFormat() ? mathImageTex(format.toImageFormat().name(), &display) : QString();
      if (!format.isImageFormat() || tex.isEmpty()) {
        out += fragment.text();
        continue;
      }
      // One object character per image in the fragment (the same formula twice in a row).
      const QString shown = display ? QStringLiteral("\\[%1\\]").arg(tex) : QStringLiteral("$%1$").arg(tex);
      for (int k = 0; k < fragment.length(); ++k) out += shown;
    }
  }
  out.replace(QChar(QChar::LineSeparator), u'\n');
  out.replace(QChar(QChar::Nbsp), u' ');
  return out;
}

}  // namespace veloce::app
