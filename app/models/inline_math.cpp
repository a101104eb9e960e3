#include "app/models/inline_math.h"

#include <QTextBlock>
#include <QTextCursor>
#include <QTextDocument>
#include <QTextImageFormat>
#include <QTextList>
#include <QTextTable>
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

namespace {

// What goes before a block of the plain text: table cells of one row are joined by tabs, other
// blocks start a new line (a cell of several paragraphs stays on its row's line).
QString separatorBefore(const QTextBlock& block, const QTextBlock& previous) {
  QTextTable* table = QTextCursor(block).currentTable();
  if (!table || table != QTextCursor(previous).currentTable()) return QStringLiteral("\n");
  const QTextTableCell cell = table->cellAt(block.position());
  const QTextTableCell before = table->cellAt(previous.position());
  if (cell.row() != before.row()) return QStringLiteral("\n");
  return cell.column() != before.column() ? QStringLiteral("\t") : QStringLiteral(" ");
}

// A list item's marker as the view draws it: "1. " for numbered lists, "• " for the others.
QString listMarker(const QTextBlock& block) {
  const QTextList* list = block.textList();
  if (!list) return {};
  const int style = list->format().style();
  const bool numbered = style == QTextListFormat::ListDecimal || style == QTextListFormat::ListLowerAlpha ||
                        style == QTextListFormat::ListUpperAlpha || style == QTextListFormat::ListLowerRoman ||
                        style == QTextListFormat::ListUpperRoman;
  return numbered ? list->itemText(block) + u' ' : QStringLiteral("\u2022 ");
}

}  // namespace

QString mathImageInColour(const QString& url, const QColor& colour) {
  static const QString kScheme = QStringLiteral("image://math/");
  if (!url.startsWith(kScheme)) return url;
  QStringList parts = url.mid(kScheme.size()).split(u'/');
  if (parts.size() != 7) return url;
  parts[3] = colour.name(QColor::HexArgb).mid(1);
  return kScheme + parts.join(u'/');
}

void colourFormulas(QTextDocument& doc, int start, int end, const QColor& inside) {
  // Where a recoloured formula keeps the URL it was written with, to go back to it.
  constexpr int kOriginalName = QTextFormat::UserProperty + 1;
  for (QTextBlock block = doc.begin(); block.isValid(); block = block.next()) {
    for (auto it = block.begin(); !it.atEnd(); ++it) {
      const QTextFragment fragment = it.fragment();
      if (!fragment.isValid() || !fragment.charFormat().isImageFormat()) continue;
      QTextImageFormat image = fragment.charFormat().toImageFormat();
      const QString original = image.hasProperty(kOriginalName) ? image.stringProperty(kOriginalName) : image.name();
      if (mathImageTex(original).isEmpty()) continue;
      const bool selected = fragment.position() < end && fragment.position() + fragment.length() > start;
      const QString wanted = selected ? mathImageInColour(original, inside) : original;
      if (wanted == image.name()) continue;
      image.setName(wanted);
      image.setProperty(kOriginalName, original);
      QTextCursor cursor(&doc);
      cursor.setPosition(fragment.position());
      cursor.setPosition(fragment.position() + fragment.length(), QTextCursor::KeepAnchor);
      cursor.setCharFormat(image);
    }
  }
}

QString textWithFormulas(const QString& richText) {
  QTextDocument doc;
  // A selection's rich text marks where it starts with a comment, which put inside a list's first
  // item made Qt's HTML reader drop that list.
  doc.setHtml(QString(richText).remove(QStringLiteral("<!--StartFragment-->")).remove(QStringLiteral("<!--EndFragment-->")));
  QString out;
  QTextBlock previous;
  for (QTextBlock block = doc.begin(); block.isValid(); block = block.next()) {
    if (previous.isValid()) out += separatorBefore(block, previous);
    previous = block;
    out += listMarker(block);
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
  // Qt's markers of where tables begin and end: nothing a reader sees.
  out.remove(QChar(0xfdd0));
  out.remove(QChar(0xfdd1));
  // The empty paragraphs Qt keeps before and after a table are no lines of the reader's.
  while (out.startsWith(u'\n')) out.remove(0, 1);
  while (out.endsWith(u'\n')) out.chop(1);
  return out;
}

}  // namespace veloce::app
