#include "app/models/markdown_renderer.h"

#include "app/models/list_numbers.h"

#include "app/models/markdown_fence.h"
#include "app/models/math_spans.h"

#include <QColor>
#include <QFont>
#include <QRegularExpression>
#include <QTextBlock>
#include <QTextCursor>
#include <QTextDocument>
#include <QTextFrame>
#include <QTextImageFormat>
#include <QTextTable>
#include <QVariantMap>

namespace veloce::app {
namespace {

// Replaces every image in the document by a visible placeholder that names its address, so that
// neither a remote nor a local (file:) image is ever loaded by the view.
void replaceImages(QTextDocument& doc) {
  struct Image {
    int position;
    QString name;
  };
  std::vector<Image> images;
  for (QTextBlock block = doc.begin(); block.isValid(); block = block.next()) {
    for (auto it = block.begin(); !it.atEnd(); ++it) {
      const QTextFragment fragment = it.fragment();
      if (fragment.isValid() && fragment.charFormat().isImageFormat()) {
        const QString name = fragment.charFormat().toImageFormat().name();
        // One object-replacement character per image inside the fragment.
        for (int k = 0; k < fragment.length(); ++k) images.push_back({fragment.position() + k, name});
      }
    }
  }
  QTextCursor cursor(&doc);
  QTextCharFormat plain;
  plain.setFontItalic(true);
  for (auto it = images.rbegin(); it != images.rend(); ++it) {
    cursor.setPosition(it->position);
    cursor.setPosition(it->position + 1, QTextCursor::KeepAnchor);
    cursor.insertText(QObject::tr("[image not loaded: %1]").arg(it->name), plain);
  }
}

// Markdown tables come out with doubled cell borders and no padding; one thin collapsed grid with
// some room around the text reads like the tables people know from the web.
void styleTables(QTextFrame* frame) {
  for (QTextFrame* child : frame->childFrames()) {
    if (auto* table = qobject_cast<QTextTable*>(child)) {
      QTextTableFormat format = table->format();
      format.setBorderCollapse(true);
      format.setBorder(1);
      format.setBorderBrush(QColor(0x9a, 0xa4, 0xad));
      format.setCellPadding(4);
      format.setCellSpacing(0);
      table->setFormat(format);
    }
    styleTables(child);
  }
}

// Qt's Markdown reader colours links with the application palette's link colour (#0000ff), which
// is unreadable on a dark background; the view passes a colour that fits its theme.
void colourLinks(QTextDocument& doc, const QColor& colour) {
  if (!colour.isValid()) return;
  QTextCursor cursor(&doc);
  for (QTextBlock block = doc.begin(); block.isValid(); block = block.next()) {
    for (auto it = block.begin(); !it.atEnd(); ++it) {
      const QTextFragment fragment = it.fragment();
      if (!fragment.isValid() || !fragment.charFormat().isAnchor()) continue;
      cursor.setPosition(fragment.position());
      cursor.setPosition(fragment.position() + fragment.length(), QTextCursor::KeepAnchor);
      QTextCharFormat format;
      format.setForeground(colour);
      cursor.mergeCharFormat(format);
    }
  }
}

// Inline code gets a tint behind it and each block quote paragraph a bar in front, so both read
// as what they are in a plain Text. Translucent grey works on the light and the dark theme.
void markCodeAndQuotes(QTextDocument& doc) {
  const QColor tint(128, 128, 128, 46);
  QTextCursor cursor(&doc);
  std::vector<int> quoteStarts;
  for (QTextBlock block = doc.begin(); block.isValid(); block = block.next()) {
    if (block.blockFormat().intProperty(QTextFormat::BlockQuoteLevel) > 0) quoteStarts.push_back(block.position());
    for (auto it = block.begin(); !it.atEnd(); ++it) {
      const QTextFragment fragment = it.fragment();
      if (!fragment.isValid() || !fragment.charFormat().fontFixedPitch()) continue;
      cursor.setPosition(fragment.position());
      cursor.setPosition(fragment.position() + fragment.length(), QTextCursor::KeepAnchor);
      QTextCharFormat format;
      format.setBackground(tint);
      cursor.mergeCharFormat(format);
    }
  }
  QTextCharFormat bar;
  bar.setForeground(QColor(0x8a, 0x93, 0x9b));
  bar.setFontWeight(QFont::Bold);
  for (auto it = quoteStarts.rbegin(); it != quoteStarts.rend(); ++it) {
    cursor.setPosition(*it);
    cursor.insertText(QStringLiteral("\u258E "), bar);
  }
}

}  // namespace

std::vector<MarkdownBlock> splitMarkdown(const QString& markdown) {
  std::vector<MarkdownBlock> blocks;
  QStringList prose;
  QStringList code;
  Fence open;
  bool inCode = false;
  auto flushProse = [&] {
    if (!prose.isEmpty() && !prose.join(u'\n').trimmed().isEmpty())
      blocks.push_back({MarkdownBlock::Kind::Prose, prose.join(u'\n'), {}});
    prose.clear();
  };
  const QStringList lines = markdown.split(u'\n');
  for (const QString& rawLine : lines) {
    const QString line = rawLine.endsWith(u'\r') ? rawLine.chopped(1) : rawLine;
    if (!inCode) {
      if (parseFence(line, open)) {
        flushProse();
        inCode = true;
        code.clear();
      } else {
        prose.append(line);
      }
    } else if (closesFence(line, open)) {
      blocks.push_back({MarkdownBlock::Kind::Code, code.join(u'\n'), open.info.section(u' ', 0, 0)});
      inCode = false;
    } else {
      code.append(line);
    }
  }
  if (inCode) blocks.push_back({MarkdownBlock::Kind::Code, code.join(u'\n'), open.info.section(u' ', 0, 0)});
  flushProse();
  return blocks;
}

QString proseToRichText(const QString& markdown, const QColor& linkColour, const MathStyle& mathStyle) {
  QTextDocument doc;
  QStringList math;
  const QString protectedSource = markListNumbers(protectMath(markdown, math));
  doc.setMarkdown(protectedSource,
                  QTextDocument::MarkdownFeatures(QTextDocument::MarkdownDialectGitHub | QTextDocument::MarkdownNoHTML));
  writeListNumbers(takeListStarts(doc));
  // Markdown images are replaced first: the formulas' images are Veloce's own.
  replaceImages(doc);
  if (mathStyle.enabled()) {
    insertMathImages(doc, math, mathStyle);
  } else {
    restoreMath(doc, math);
  }
  markCodeAndQuotes(doc);
  styleTables(doc.rootFrame());
  colourLinks(doc, linkColour);
  QString html = doc.toHtml();
  // toHtml() writes the document's default font on <body>; dropping it lets the QML Text's font
  // (the user's font size setting) apply. The attribute is generated by Qt, not taken from input.
  static const QRegularExpression bodyStyle(QStringLiteral("<body style=\"[^\"]*\">"));
  html.replace(bodyStyle, QStringLiteral("<body>"));
  return html;
}

QVariantList MarkdownRenderer::blocks(const QString& markdown, const QColor& linkColour) const {
  QVariantList out;
  for (const MarkdownBlock& block : splitMarkdown(markdown)) {
    QVariantMap map;
    if (block.kind == MarkdownBlock::Kind::Prose) {
      map.insert(QStringLiteral("kind"), QStringLiteral("prose"));
      map.insert(QStringLiteral("html"), proseToRichText(block.text, linkColour));
    } else {
      map.insert(QStringLiteral("kind"), QStringLiteral("code"));
      map.insert(QStringLiteral("code"), block.text);
      map.insert(QStringLiteral("language"), block.language);
    }
    out.append(map);
  }
  return out;
}

}  // namespace veloce::app
