#pragma once
// Turns model output (untrusted Markdown) into pieces QML can show safely: prose as rich text with
// raw HTML disabled and images replaced by a visible placeholder, fenced code blocks as plain text
// (shown in a monospace frame with a copy button). Nothing here ever loads a URL.
#include <QColor>
#include <QObject>
#include <QString>
#include <QVariantList>
#include <vector>

#include "app/models/inline_math.h"

namespace veloce::app {

struct MarkdownBlock {
  enum class Kind { Prose, Code };
  Kind kind = Kind::Prose;
  QString text;      // Prose: the Markdown source of this run; Code: the code, verbatim
  QString language;  // Code only: the fence's info string (first word), may be empty
};

// Splits at top-level fenced code blocks (``` or ~~~, up to three spaces of indent). An unclosed
// fence runs to the end, which is what a reply that is still streaming looks like.
std::vector<MarkdownBlock> splitMarkdown(const QString& markdown);

// Prose Markdown -> rich text for a QML Text (Text.RichText). Raw HTML in the source stays literal
// text, images become "[image not loaded: URL]", and the document-level font is left out so the
// view's own font and size apply. Links get linkColour when it is valid (else Qt's default blue).
// Formulas stay their source, exactly as written, unless `math` is enabled: then they become
// image://math/ images (inline_math.h), which only a QML view with that provider can show.
QString proseToRichText(const QString& markdown, const QColor& linkColour = QColor(), const MathStyle& math = {});

class MarkdownRenderer : public QObject {
  Q_OBJECT
 public:
  using QObject::QObject;
  // A list of {kind: "prose"|"code", html (prose), code, language (code)} maps, in order.
  // linkColour: the theme's link colour (QML passes a color; an invalid one keeps Qt's default).
  Q_INVOKABLE QVariantList blocks(const QString& markdown, const QColor& linkColour = QColor()) const;
};

}  // namespace veloce::app
