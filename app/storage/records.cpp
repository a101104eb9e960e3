#include "app/storage/records.h"

#include <QJsonValue>

namespace veloce::storage {

QString role_name(Role role) {
  switch (role) {
    case Role::System: return QStringLiteral("system");
    case Role::User: return QStringLiteral("user");
    case Role::Assistant: return QStringLiteral("assistant");
  }
  return QStringLiteral("user");
}

std::optional<Role> role_from_name(const QString& name) {
  for (Role r : {Role::System, Role::User, Role::Assistant})
    if (role_name(r) == name) return r;
  return std::nullopt;
}

QString state_name(MessageState state) {
  switch (state) {
    case MessageState::Complete: return QStringLiteral("complete");
    case MessageState::Streaming: return QStringLiteral("streaming");
    case MessageState::Stopped: return QStringLiteral("stopped");
    case MessageState::Error: return QStringLiteral("error");
  }
  return QStringLiteral("complete");
}

std::optional<MessageState> state_from_name(const QString& name) {
  for (MessageState s : {MessageState::Complete, MessageState::Streaming, MessageState::Stopped, MessageState::Error})
    if (state_name(s) == name) return s;
  return std::nullopt;
}

QString reply_stop_name(ReplyStop stop) {
  switch (stop) {
    case ReplyStop::Finished: return QStringLiteral("finished");
    case ReplyStop::Length: return QStringLiteral("length");
    case ReplyStop::ContextFull: return QStringLiteral("context_full");
    case ReplyStop::Stopped: return QStringLiteral("stopped");
    case ReplyStop::Error: return QStringLiteral("error");
  }
  return QStringLiteral("finished");
}

std::optional<ReplyStop> reply_stop_from_name(const QString& name) {
  for (ReplyStop s : {ReplyStop::Finished, ReplyStop::Length, ReplyStop::ContextFull, ReplyStop::Stopped, ReplyStop::Error})
    if (reply_stop_name(s) == name) return s;
  return std::nullopt;
}

QJsonObject GenerationSettings::to_json() const {
  return QJsonObject{
      {QStringLiteral("temperature"), temperature},
      {QStringLiteral("top_k"), top_k},
      {QStringLiteral("top_p"), top_p},
      {QStringLiteral("min_p"), min_p},
      {QStringLiteral("repeat_penalty"), repeat_penalty},
      // JSON numbers are doubles: seeds are kept below 2^53 (see GenerationSettings::from_json).
      {QStringLiteral("seed"), static_cast<double>(seed)},
      {QStringLiteral("max_tokens"), max_tokens},
  };
}

GenerationSettings GenerationSettings::from_json(const QJsonObject& object) {
  GenerationSettings s;
  auto number = [&](const char* key, double& out) {
    const QJsonValue v = object.value(QLatin1String(key));
    if (v.isDouble()) out = v.toDouble();
  };
  auto integer = [&](const char* key, int& out) {
    const QJsonValue v = object.value(QLatin1String(key));
    if (v.isDouble()) out = v.toInt(out);
  };
  number("temperature", s.temperature);
  integer("top_k", s.top_k);
  number("top_p", s.top_p);
  number("min_p", s.min_p);
  number("repeat_penalty", s.repeat_penalty);
  integer("max_tokens", s.max_tokens);
  const QJsonValue seed = object.value(QLatin1String("seed"));
  constexpr double kMaxExactSeed = 9007199254740991.0;  // 2^53 - 1
  if (seed.isDouble() && seed.toDouble() >= 0 && seed.toDouble() <= kMaxExactSeed)
    s.seed = static_cast<quint64>(seed.toDouble());
  return s;
}

namespace {

// A snippet is cut from Markdown source; its emphasis and code marks ("**", "__", "`") would show
// as literal characters in a one-line result, so they are left out of what is shown.
QString shown_text(const QString& markdown) {
  QString text = markdown;
  text.remove(QStringLiteral("**")).remove(QStringLiteral("__")).remove(QLatin1Char('`'));
  return text.toHtmlEscaped();
}

}  // namespace

QString snippet_html(const SearchHit& hit) {
  QString out;
  int pos = 0;
  for (const auto& [start, length] : hit.matches) {
    if (start < pos || start + length > hit.snippet.size()) continue;
    out += shown_text(hit.snippet.mid(pos, start - pos));
    out += QStringLiteral("<b>") + shown_text(hit.snippet.mid(start, length)) + QStringLiteral("</b>");
    pos = start + length;
  }
  out += shown_text(hit.snippet.mid(pos));
  return out;
}

}  // namespace veloce::storage
