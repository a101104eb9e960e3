#pragma once
// File names made from conversation titles, which are user (or model) text: sanitised so that a
// title can never escape the chosen folder, hide itself, spoof its extension or hit a reserved
// device name on any system the export may be copied to.
#include <QSet>
#include <QString>

namespace veloce::exporting {

// A file name stem (no extension) for title: NFC; control, format and bidirectional-override
// characters removed (the zero-width joiners inside emoji kept); / \ : * ? " < > | replaced by
// '_'; whitespace collapsed; leading/trailing dots and spaces removed; Windows device names
// (CON, PRN, AUX, NUL, COM0-9, LPT0-9, with or without extension) prefixed with '_'; at most
// kMaxStemBytes of UTF-8, cut between characters. "Conversation" when nothing is left.
QString sanitized_file_stem(const QString& title);
inline constexpr int kMaxStemBytes = 120;

// True when path exists and is not a regular file: a symbolic link (not followed), a folder, a
// FIFO, a socket or a device.
bool is_symlink_or_special(const QString& path);

// folder/<stem>.<extension>, with " (2)", " (3)", ... added when the name (compared without case,
// for case-insensitive file systems) is already in taken, or when the folder holds a symbolic link
// (dangling or not), a folder or a special file of that name; the chosen name is added to taken.
// An existing regular file of that name is replaced (a re-export).
// Throws std::runtime_error if the result would not lie directly inside folder (a defence in
// depth: sanitized_file_stem already makes that impossible).
QString unique_file_path(const QString& folder, const QString& title, const QString& extension, QSet<QString>& taken);

}  // namespace veloce::exporting
