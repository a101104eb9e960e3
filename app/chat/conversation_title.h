#pragma once
// The automatic title of a new conversation: the first non-empty line of its first user message,
// whitespace collapsed, cut at a word boundary to at most kMaxTitleLength characters (with "…").
#include <QString>

namespace veloce::app {

inline constexpr int kMaxTitleLength = 60;

// Never empty: a message without visible text gives "New conversation" (translated).
QString titleFromMessage(const QString& text);

}  // namespace veloce::app
