#pragma once
// The page the PDF export prints: the conversation as Qt rich text (the HTML subset QTextDocument
// lays out), with inline styles only, since Qt's rich text has no stylesheet cascade worth the
// name. The standalone HTML export is semantic HTML instead (html_exporter.h).
//
// No background behind a message: Qt's rich text has no boxes, so a background on a <div> is
// painted behind each of its paragraphs separately, as grey bands with page-coloured gaps between
// them. Messages are set apart by their header line and spacing, as in a printed transcript.
// Formulas stay placeholders, their sources appended to `math_sources` (pdf_math.h draws them).
#include <QString>
#include <QStringList>

#include "app/export/export_types.h"

namespace veloce::exporting {
QString pdf_html(const ConversationExport& conversation, QStringList& math_sources);
}
