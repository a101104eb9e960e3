#pragma once
// The metadata header shared by the human-readable formats (Markdown, HTML, text, PDF), so all
// four say the same thing in the same words.
#include <QString>

#include <vector>

#include "app/export/export_types.h"

namespace veloce::exporting {

struct MetadataLine {
  QString label;  // "Created", "Model", ...
  QString value;
};

// Created, Updated, Model (file and quantization), Settings, Messages; the system prompt is
// not here since it is multi-line text: each format prints it as a block of its own.
// Dates in ISO 8601 UTC (Markdown, text: exact and sortable) or, with local_dates, in the
// reader's locale and time zone (HTML, PDF).
std::vector<MetadataLine> metadata_lines(const ConversationExport& conversation, bool local_dates = false);
QString role_label(storage::Role role);  // "User", "Assistant", "System"
// "" for a complete message, else e.g. "stopped"; plus "version 2 of 3" when there are siblings.
QString message_note(const ShownMessage& shown);
// A title fit for one line: line breaks and tabs become spaces.
QString one_line(const QString& text);

}  // namespace veloce::exporting
