#pragma once
// The metadata header shared by the human-readable formats (Markdown, HTML, text, PDF), so all
// four say the same thing in the same words.
#include <QString>
#include <QStringList>

#include <vector>

#include "app/export/export_types.h"

namespace veloce::exporting {

struct MetadataLine {
  QString label;  // "Created", "Model", ...
  QString value;
};

// Created, Updated, Model (file and quantization), Settings, Messages; the system prompt is
// not here since it is multi-line text: each format prints it as a block of its own.
// Dates as reader_date() writes them.
std::vector<MetadataLine> metadata_lines(const ConversationExport& conversation);
// A date as a person reads it: the reader's locale and time zone, with the zone named
// ("Monday, 6 May 2024 12:00:00 CEST"). Only the JSON export, a data format, keeps ISO 8601 UTC
// (export_date()).
QString reader_date(const QDateTime& time);
QString role_label(storage::Role role);  // "User", "Assistant", "System"
// "" for a complete message, else e.g. "stopped"; plus "version 2 of 3" when there are siblings.
QString message_note(const ShownMessage& shown);
// A message's header line, in parts joined by " · ": role, date, note (message_note()) and, for
// a reply, its own figures as measured when it was generated (tokens, speed, time to first
// token; absent for user messages and imports).
QStringList message_header(const ShownMessage& shown);
// A title fit for one line: line breaks and tabs become spaces.
QString one_line(const QString& text);

}  // namespace veloce::exporting
