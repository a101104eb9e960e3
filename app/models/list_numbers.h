#pragma once
// The number an ordered Markdown list starts at ("3. third" after a bullet list). Qt's Markdown
// importer (Qt 6.4) numbers every list from 1 and QTextListFormat has no start yet, so the
// source's item numbers are carried through the parser as private-use markers in the items' text
// and read back from the document it builds.
#include <QHash>
#include <QString>

class QTextDocument;
class QTextList;

namespace veloce::app {

// The Markdown with each ordered item's number also written as a marker at its text's start.
QString markListNumbers(const QString& markdown);

// Removes the markers from `doc` (built from markListNumbers' output) and returns the start of
// each ordered list that does not start at 1.
QHash<const QTextList*, int> takeListStarts(QTextDocument& doc);

// Rich text that has no list start either (the chat's Text, the PDF): the items of a list that
// starts elsewhere than 1 carry their numbers as text, indented as the list was.
void writeListNumbers(const QHash<const QTextList*, int>& starts);

}  // namespace veloce::app
