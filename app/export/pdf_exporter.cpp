#include "app/export/pdf_exporter.h"

#include <QGuiApplication>
#include <QPageLayout>
#include <QPageSize>
#include <QPdfWriter>
#include <QTextDocument>

#include "app/export/atomic_file.h"
#include "app/export/metadata.h"
#include "app/export/pdf_html.h"
#include "app/export/pdf_math.h"

namespace veloce::exporting {

void export_pdf(const ConversationExport& c, QIODevice& out) {
  if (!qobject_cast<QGuiApplication*>(QCoreApplication::instance()))
    throw ExportError("PDF export needs a QGuiApplication (set QT_QPA_PLATFORM=offscreen when there is no display)");
  QPdfWriter writer(&out);
  writer.setPageSize(QPageSize(QPageSize::A4));
  writer.setPageMargins(QMarginsF(15, 15, 15, 15), QPageLayout::Millimeter);
  writer.setTitle(one_line(c.conversation.title));
  writer.setCreator(QStringLiteral("Veloce"));

  QTextDocument document;
  QStringList math;
  document.setHtml(pdf_html(c, math));
  PdfMathObjects formulas(document);
  formulas.insert(math);
  document.print(&writer);
}

}  // namespace veloce::exporting
