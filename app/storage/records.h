#pragma once
// Plain value types that ConversationStore hands out and takes in. No database handles here,
// so the chat controller, the list models and the exporters can pass them around freely.
#include <QDateTime>
#include <QJsonObject>
#include <QString>
#include <QtGlobal>

#include <optional>
#include <utility>
#include <vector>

namespace veloce::storage {

enum class Role { System, User, Assistant };

// complete: finished normally. streaming: a reply still being generated (or one whose process was
// killed mid-reply; see ConversationStore::mark_interrupted_streams). stopped: the user pressed
// stop; the partial text is kept. error: generation failed; the partial text is kept.
enum class MessageState { Complete, Streaming, Stopped, Error };

// Stable lowercase names used in the database and in the JSON export ("user", "streaming", ...).
QString role_name(Role role);
std::optional<Role> role_from_name(const QString& name);
QString state_name(MessageState state);
std::optional<MessageState> state_from_name(const QString& name);

// Why a generated reply ended, as the engine reported it (stored with the reply, so the footer
// and the exports say what happened instead of guessing from the token count). finished: an
// end-of-turn/end-of-text token; length: the reply length limit (max tokens); context_full: the
// context window filled up; stopped: the user pressed stop; error: the engine failed.
enum class ReplyStop { Finished, Length, ContextFull, Stopped, Error };
QString reply_stop_name(ReplyStop stop);
std::optional<ReplyStop> reply_stop_from_name(const QString& name);

// Sampling settings stored per conversation (copied from the app defaults when it is created).
// Mirrors veloce::SamplerParams plus the reply length; context size is a model-load setting and
// lives in the app settings, not here.
struct GenerationSettings {
  double temperature = 0.7;
  int top_k = 40;
  double top_p = 0.95;
  double min_p = 0.05;
  double repeat_penalty = 1.0;
  quint64 seed = 0;  // 0: a new random seed per reply
  int max_tokens = 1024;

  QJsonObject to_json() const;
  // Missing keys keep their defaults; keys of the wrong type are ignored (the column is ours,
  // but an imported file is not, and JSON import validates separately with clear errors).
  static GenerationSettings from_json(const QJsonObject& object);
  bool operator==(const GenerationSettings&) const = default;
};

// One conversation with all of its metadata. Dates are UTC with millisecond precision.
struct Conversation {
  qint64 id = 0;
  QString uuid;  // stable across export/import
  QString title;
  QDateTime created_at;
  QDateTime updated_at;  // last message activity (new or finished message); not rename/pin/settings
  bool pinned = false;
  QString system_prompt;
  GenerationSettings settings;
  QString model_file;   // file name of the GGUF used (no directory)
  QString model_quant;  // e.g. "Q4_K_M"
};

// What the sidebar needs, loaded cheaply for thousands of rows.
struct ConversationSummary {
  qint64 id = 0;
  QString uuid;
  QString title;
  QDateTime created_at;
  QDateTime updated_at;
  bool pinned = false;
};

// Optional figures of a generated reply; absent when not measured (user messages, imports).
struct MessageStats {
  std::optional<int> prompt_tokens;
  std::optional<int> completion_tokens;
  std::optional<double> time_to_first_token_ms;
  std::optional<double> tokens_per_second;
  std::optional<ReplyStop> stop = std::nullopt;  // absent: not recorded (user messages, imports, older versions)
  bool operator==(const MessageStats&) const = default;
};

// One node of a conversation's message tree. Siblings (same parent) are alternative versions:
// regenerate adds a sibling reply, edit adds a sibling user message; nothing is ever overwritten.
struct Message {
  qint64 id = 0;
  QString uuid;
  qint64 conversation_id = 0;
  qint64 parent_id = 0;  // 0: a root message (first of the conversation)
  QString parent_uuid;   // empty for a root message
  Role role = Role::User;
  QString content;
  QDateTime created_at;
  MessageState state = MessageState::Complete;
  MessageStats stats;
  bool active = false;  // the sibling currently shown (its parent's selected child)
};

// A message on the currently shown branch, with where it sits among its siblings, so the UI can
// draw a "2/3" switcher (sibling_index is 0-based; siblings are ordered by creation).
struct BranchEntry {
  Message message;
  int sibling_index = 0;
  int sibling_count = 1;
};

// One full-text search result. message_id is 0 when only the title matched.
struct SearchHit {
  qint64 conversation_id = 0;
  qint64 message_id = 0;
  QString title;
  Role role = Role::User;                    // who wrote the matching message (meaningless when message_id is 0)
  QDateTime created_at;                      // when the matching message (title match: the conversation) was written
  QString snippet;                           // plain text around the match ("..." where it was cut)
  std::vector<std::pair<int, int>> matches;  // (start, length) of each matched term in snippet
};

// The snippet as HTML for a QML Text (StyledText): everything escaped, matches in <b>, Markdown
// emphasis and code marks ("**", "__", "`") left out.
QString snippet_html(const SearchHit& hit);

}  // namespace veloce::storage
