#include "app/export/semantic_html.h"

#include <QFont>
#include <QObject>
#include <QStringList>
#include <QTextBlock>
#include <QTextDocument>
#include <QTextFrame>
#include <QTextList>
#include <QTextTable>

#include <utility>
#include <vector>

#include "app/export/html_markdown.h"
#include "app/models/list_numbers.h"
#include "app/models/markdown_renderer.h"
#include "app/models/math_spans.h"

namespace veloce::exporting {
namespace {

bool is_ordered(const QTextList& list) {
  switch (list.format().style()) {
    case QTextListFormat::ListDisc:
    case QTextListFormat::ListCircle:
    case QTextListFormat::ListSquare: return false;
    default: return true;
  }
}

// Qt's Markdown importer gives each line of a code block a code language (empty for an indented
// block) and a fenced one's lines a fence and non-breaking lines.
bool is_code_block(const QTextBlock& block) {
  const QTextBlockFormat format = block.blockFormat();
  return format.nonBreakableLines() || format.hasProperty(QTextFormat::BlockCodeFence) ||
         format.hasProperty(QTextFormat::BlockCodeLanguage);
}

// Whether bold text in a block is <strong>, or the weight of the element itself (a heading, a
// table's header cell), which Qt's importer writes as bold too.
enum class Bold { IsStrong, IsTheElements };

// Walks the document Qt's Markdown parser built and writes each structure as its HTML element.
class Writer {
 public:
  Writer(const QStringList& formulas, QHash<const QTextList*, int> list_starts)
      : formulas_(formulas), list_starts_(std::move(list_starts)) {}

  void frame(QTextFrame* frame) {
    for (auto it = frame->begin(); !it.atEnd(); ++it) {
      if (auto* table = qobject_cast<QTextTable*>(it.currentFrame())) {
        // A table is a frame of its own, outside any quote or list Qt's parser had open.
        close_pre();
        close_lists(0);
        close_to_quote_level(0);
        write_table(*table);
      } else if (it.currentBlock().isValid()) {
        block(it.currentBlock());
      }
    }
    close_pre();
    close_lists(0);
    close_to_quote_level(0);
  }

  QString result() const { return out_; }

 private:
  const QStringList& formulas_;
  QHash<const QTextList*, int> list_starts_;  // ordered lists that start elsewhere than 1
  QString out_;
  int quote_level_ = 0;
  bool in_pre_ = false;
  struct OpenList {
    const QTextList* list;
    int indent;
    bool ordered;
  };
  std::vector<OpenList> lists_;

  void close_pre() {
    if (!in_pre_) return;
    out_ += QStringLiteral("</code></pre>\n");
    in_pre_ = false;
  }

  // Closes lists until at most `keep` remain open.
  void close_lists(size_t keep) {
    if (lists_.size() > keep) close_pre();
    while (lists_.size() > keep) {
      out_ += lists_.back().ordered ? QStringLiteral("</li></ol>\n") : QStringLiteral("</li></ul>\n");
      lists_.pop_back();
    }
  }

  void close_to_quote_level(int level) {
    if (quote_level_ > level) {
      close_pre();
      close_lists(0);
    }
    for (; quote_level_ > level; --quote_level_) out_ += QStringLiteral("</blockquote>\n");
  }

  void set_quote_level(int level) {
    close_to_quote_level(level);
    if (quote_level_ < level) {
      close_pre();
      close_lists(0);
    }
    for (; quote_level_ < level; ++quote_level_) out_ += QStringLiteral("<blockquote>\n");
  }

  void block(const QTextBlock& block) {
    set_quote_level(block.blockFormat().intProperty(QTextFormat::BlockQuoteLevel));
    if (is_code_block(block) && !block.textList()) {
      close_lists(0);
      out_ += in_pre_ ? QStringLiteral("\n") : QStringLiteral("<pre><code>");
      in_pre_ = true;
      out_ += text(block.text());
      return;
    }
    close_pre();
    if (const QTextList* list = block.textList()) {
      list_item(*list, block);
      return;
    }
    close_lists(0);
    if (block.blockFormat().hasProperty(QTextFormat::BlockTrailingHorizontalRulerWidth)) {
      out_ += QStringLiteral("<hr/>\n");
      return;
    }
    const QString content = inline_html(block);
    if (content.trimmed().isEmpty()) return;
    const int heading = block.blockFormat().headingLevel();
    if (heading >= 1 && heading <= 6) out_ += QStringLiteral("<h%1>%2</h%1>\n").arg(heading).arg(content);
    else out_ += QStringLiteral("<p>%1</p>\n").arg(content);
  }

  void list_item(const QTextList& list, const QTextBlock& block) {
    const int indent = list.format().indent();
    // Deeper or sibling lists end here; a list of the same depth that is another list too.
    while (!lists_.empty() &&
           (lists_.back().indent > indent || (lists_.back().indent == indent && lists_.back().list != &list)))
      close_lists(lists_.size() - 1);
    if (lists_.empty() || lists_.back().indent < indent) {
      // A new list, nested in the open item of its parent when there is one.
      const bool ordered = is_ordered(list);
      lists_.push_back({&list, indent, ordered});
      const int start = list_starts_.value(&list, 1);
      if (!ordered) out_ += QStringLiteral("<ul>");
      else if (start == 1) out_ += QStringLiteral("<ol>");
      else out_ += QStringLiteral("<ol start=\"%1\">").arg(start);
    } else {
      out_ += QStringLiteral("</li>\n");
    }
    out_ += QStringLiteral("<li>");
    const auto marker = block.blockFormat().marker();
    if (marker == QTextBlockFormat::MarkerType::Checked) out_ += QStringLiteral("\u2611 ");
    if (marker == QTextBlockFormat::MarkerType::Unchecked) out_ += QStringLiteral("\u2610 ");
    out_ += inline_html(block);
  }

  void write_table(QTextTable& table) {
    out_ += QStringLiteral("<table>\n");
    for (int r = 0; r < table.rows(); ++r) {
      out_ += QStringLiteral("<tr>");
      for (int c = 0; c < table.columns(); ++c) {
        const QTextTableCell cell = table.cellAt(r, c);
        if (cell.row() != r || cell.column() != c) continue;  // covered by a spanning cell
        // A Markdown table's first row is its header (the GitHub dialect requires one).
        const QString tag = r == 0 ? QStringLiteral("th") : QStringLiteral("td");
        QStringList lines;
        for (auto it = cell.begin(); !it.atEnd(); ++it)
          if (it.currentBlock().isValid())
            lines << inline_html(it.currentBlock(), r == 0 ? Bold::IsTheElements : Bold::IsStrong);
        out_ += QStringLiteral("<%1>%2</%1>").arg(tag, lines.join(QStringLiteral("<br/>")));
      }
      out_ += QStringLiteral("</tr>\n");
    }
    out_ += QStringLiteral("</table>\n");
  }

  // Escaped text with line breaks as <br/> and formula placeholders as MathML.
  QString text(const QString& raw) const {
    QString html = html_escaped(raw);
    html.replace(QChar::LineSeparator, QStringLiteral("<br/>"));
    // Last first: "\uE000" "1" "\uE001" must not be found inside "\uE000" "11" "\uE001".
    for (qsizetype k = formulas_.size() - 1; k >= 0; --k)
      if (html.contains(app::mathPlaceholder(k))) html.replace(app::mathPlaceholder(k), formula_mathml(formulas_[k]));
    return html;
  }

  QString inline_html(const QTextBlock& block, Bold bold = Bold::IsStrong) const {
    if (block.blockFormat().headingLevel() > 0) bold = Bold::IsTheElements;
    QString out;
    QString link;  // the address of the link being written, printed after its last piece
    const auto end_link = [&] {
      if (link.isEmpty()) return;
      out += QStringLiteral(" <span class=\"address\">(%1)</span>").arg(html_escaped(link));
      link.clear();
    };
    for (auto it = block.begin(); !it.atEnd(); ++it) {
      const QTextFragment fragment = it.fragment();
      if (!fragment.isValid()) continue;
      const QTextCharFormat format = fragment.charFormat();
      const QString href = format.isAnchor() ? format.anchorHref() : QString();
      if (href != link) end_link();
      if (format.isImageFormat()) {
        const QString name = format.toImageFormat().name();
        for (qsizetype i = 0; i < fragment.length(); ++i)
          out += html_escaped(QObject::tr("[image not loaded: %1]").arg(name));
        continue;
      }
      QString piece = text(fragment.text());
      // Inside out: code, then emphasis around it.
      if (format.fontFixedPitch()) piece = QStringLiteral("<code>%1</code>").arg(piece);
      if (format.fontStrikeOut()) piece = QStringLiteral("<del>%1</del>").arg(piece);
      if (format.fontItalic()) piece = QStringLiteral("<em>%1</em>").arg(piece);
      if (bold == Bold::IsStrong && format.fontWeight() >= QFont::DemiBold)
        piece = QStringLiteral("<strong>%1</strong>").arg(piece);
      out += piece;
      link = href;
    }
    end_link();
    return out;
  }
};

QString prose_html(const QString& markdown) {
  QStringList formulas;
  QTextDocument document;
  document.setMarkdown(
      app::markListNumbers(app::protectMath(markdown, formulas)),
      QTextDocument::MarkdownFeatures(QTextDocument::MarkdownDialectGitHub | QTextDocument::MarkdownNoHTML));
  Writer writer(formulas, app::takeListStarts(document));
  writer.frame(document.rootFrame());
  return writer.result();
}

}  // namespace

QString markdown_to_semantic_html(const QString& markdown) {
  QString out;
  for (const app::MarkdownBlock& block : app::splitMarkdown(markdown)) {
    if (block.kind == app::MarkdownBlock::Kind::Prose) {
      if (!block.text.trimmed().isEmpty()) out += prose_html(block.text);
      continue;
    }
    // The language as the code's class, as Markdown renderers write it, and as a visible label.
    if (block.language.isEmpty()) {
      out += QStringLiteral("<pre><code>%1</code></pre>\n").arg(html_escaped(block.text));
    } else {
      const QString language = html_escaped(block.language);
      out += QStringLiteral(
                 "<figure class=\"code\"><figcaption>%1</figcaption><pre><code "
                 "class=\"language-%1\">%2</code></pre></figure>\n")
                 .arg(language, html_escaped(block.text));
    }
  }
  return out;
}

}  // namespace veloce::exporting
