#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QUuid>

#include <cmath>

#include "app/export/atomic_file.h"
#include "app/export/json_format.h"

namespace veloce::exporting {
namespace {

// Walks the document keeping the JSON path of the value being read ("conversations[2].title"),
// so every error says exactly where the problem is.
class Reader {
 public:
  explicit Reader(QString source) : source_(std::move(source)) {}

  [[noreturn]] void fail(const QString& path, const QString& reason) const {
    throw ExportError(QStringLiteral("%1: %2: %3").arg(source_, path, reason).toStdString());
  }

  QJsonValue field(const QJsonObject& o, const QString& path, const char* key, bool required = true) const {
    const QJsonValue v = o.value(QLatin1String(key));
    if (required && v.isUndefined()) fail(join(path, key), QStringLiteral("missing"));
    return v;
  }
  static QString join(const QString& path, const char* key) {
    return path.isEmpty() ? QString::fromLatin1(key) : path + QLatin1Char('.') + QLatin1String(key);
  }

  QString string(const QJsonObject& o, const QString& path, const char* key, bool required = true) const {
    const QJsonValue v = field(o, path, key, required);
    if (v.isUndefined()) return {};
    if (!v.isString()) fail(join(path, key), QStringLiteral("expected a string"));
    return v.toString();
  }
  bool boolean(const QJsonObject& o, const QString& path, const char* key) const {
    const QJsonValue v = field(o, path, key, false);
    if (v.isUndefined()) return false;
    if (!v.isBool()) fail(join(path, key), QStringLiteral("expected true or false"));
    return v.toBool();
  }
  QJsonObject object(const QJsonObject& o, const QString& path, const char* key, bool required = true) const {
    const QJsonValue v = field(o, path, key, required);
    if (v.isUndefined()) return {};
    if (!v.isObject()) fail(join(path, key), QStringLiteral("expected an object"));
    return v.toObject();
  }
  QJsonArray array(const QJsonObject& o, const QString& path, const char* key) const {
    const QJsonValue v = field(o, path, key);
    if (!v.isArray()) fail(join(path, key), QStringLiteral("expected an array"));
    return v.toArray();
  }
  QString uuid(const QJsonObject& o, const QString& path, const char* key) const {
    const QString text = string(o, path, key);
    const QUuid id(text);
    if (id.isNull()) fail(join(path, key), QStringLiteral("not a UUID: '%1'").arg(text.left(80)));
    return id.toString(QUuid::WithoutBraces);
  }
  QDateTime date(const QJsonObject& o, const QString& path, const char* key) const {
    const QString text = string(o, path, key);
    QDateTime t = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!t.isValid()) fail(join(path, key), QStringLiteral("not an ISO 8601 date: '%1'").arg(text.left(80)));
    return t.toUTC();
  }
  // A number within [min, max]; integral when asked. Absent: nullopt.
  std::optional<double> number(const QJsonObject& o, const QString& path, const char* key, double min, double max,
                               bool integral) const {
    const QJsonValue v = field(o, path, key, false);
    if (v.isUndefined()) return std::nullopt;
    if (!v.isDouble()) fail(join(path, key), QStringLiteral("expected a number"));
    const double d = v.toDouble();
    if (!std::isfinite(d) || d < min || d > max)
      fail(join(path, key), QStringLiteral("%1 is outside %2 .. %3").arg(d).arg(min).arg(max));
    if (integral && std::floor(d) != d) fail(join(path, key), QStringLiteral("expected a whole number"));
    return d;
  }

 private:
  QString source_;
};

storage::GenerationSettings read_settings(const Reader& r, const QJsonObject& o, const QString& path) {
  storage::GenerationSettings s;
  constexpr double kMaxInt = 2147483647.0;
  if (auto v = r.number(o, path, "temperature", 0, 100, false)) s.temperature = *v;
  if (auto v = r.number(o, path, "top_k", -kMaxInt, kMaxInt, true)) s.top_k = static_cast<int>(*v);
  if (auto v = r.number(o, path, "top_p", 0, 1, false)) s.top_p = *v;
  if (auto v = r.number(o, path, "min_p", 0, 1, false)) s.min_p = *v;
  if (auto v = r.number(o, path, "repeat_penalty", 0, 100, false)) s.repeat_penalty = *v;
  if (auto v = r.number(o, path, "seed", 0, 9007199254740991.0, true)) s.seed = static_cast<quint64>(*v);
  if (auto v = r.number(o, path, "max_tokens", 1, kMaxInt, true)) s.max_tokens = static_cast<int>(*v);
  return s;
}

storage::Message read_message(const Reader& r, const QJsonObject& o, const QString& path,
                              const QSet<QString>& earlier_in_conversation) {
  storage::Message m;
  m.uuid = r.uuid(o, path, "uuid");
  const QJsonValue parent = r.field(o, path, "parent_uuid", false);
  if (!parent.isNull() && !parent.isUndefined()) {
    m.parent_uuid = r.uuid(o, path, "parent_uuid");
    if (!earlier_in_conversation.contains(m.parent_uuid))
      r.fail(Reader::join(path, "parent_uuid"),
             QStringLiteral("%1 is not an earlier message of this conversation").arg(m.parent_uuid));
  }
  const QString role = r.string(o, path, "role");
  const auto parsed_role = storage::role_from_name(role);
  if (!parsed_role)
    r.fail(Reader::join(path, "role"), QStringLiteral("'%1' is not system, user or assistant").arg(role.left(40)));
  m.role = *parsed_role;
  m.content = r.string(o, path, "content");
  m.created_at = r.date(o, path, "created_at");
  const QString state = r.string(o, path, "state");
  const auto parsed_state = storage::state_from_name(state);
  if (!parsed_state)
    r.fail(Reader::join(path, "state"),
           QStringLiteral("'%1' is not complete, streaming, stopped or error").arg(state.left(40)));
  m.state = *parsed_state;
  m.active = r.boolean(o, path, "active");
  const QJsonObject stats = r.object(o, path, "stats", false);
  const QString stats_path = Reader::join(path, "stats");
  constexpr double kMaxInt = 2147483647.0;
  if (auto v = r.number(stats, stats_path, "prompt_tokens", 0, kMaxInt, true)) m.stats.prompt_tokens = static_cast<int>(*v);
  if (auto v = r.number(stats, stats_path, "completion_tokens", 0, kMaxInt, true))
    m.stats.completion_tokens = static_cast<int>(*v);
  if (auto v = r.number(stats, stats_path, "time_to_first_token_ms", 0, 1e12, false)) m.stats.time_to_first_token_ms = *v;
  if (auto v = r.number(stats, stats_path, "tokens_per_second", 0, 1e12, false)) m.stats.tokens_per_second = *v;
  if (stats.contains(QLatin1String("stop_reason"))) {
    const QString stop = r.string(stats, stats_path, "stop_reason");
    m.stats.stop = storage::reply_stop_from_name(stop);
    if (!m.stats.stop)
      r.fail(Reader::join(stats_path, "stop_reason"),
             QStringLiteral("'%1' is not finished, length, context_full, stopped or error").arg(stop.left(40)));
  }
  return m;
}

}  // namespace

std::vector<ConversationExport> parse_json_export(const QByteArray& data, const QString& source) {
  Reader r(source);
  QJsonParseError error{};
  const QJsonDocument doc = QJsonDocument::fromJson(data, &error);
  if (error.error != QJsonParseError::NoError)
    throw ExportError(QStringLiteral("%1: not valid JSON at byte %2: %3")
                          .arg(source)
                          .arg(error.offset)
                          .arg(error.errorString())
                          .toStdString());
  if (!doc.isObject()) r.fail(QStringLiteral("(top level)"), QStringLiteral("expected an object"));
  const QJsonObject root = doc.object();
  if (r.string(root, {}, "format") != QLatin1String(kJsonFormatName))
    r.fail(QStringLiteral("format"),
           QStringLiteral("expected \"%1\" (not a Veloce export)").arg(QLatin1String(kJsonFormatName)));
  const auto version = r.number(root, {}, "version", 1, 1e9, true);
  if (!version) r.fail(QStringLiteral("version"), QStringLiteral("missing"));
  if (*version > kJsonFormatVersion)
    r.fail(QStringLiteral("version"), QStringLiteral("version %1 was written by a newer Veloce; this one reads version %2")
                                          .arg(*version)
                                          .arg(kJsonFormatVersion));
  r.date(root, {}, "exported_at");

  std::vector<ConversationExport> out;
  QSet<QString> conversation_uuids;
  QSet<QString> message_uuids;
  const QJsonArray conversations = r.array(root, {}, "conversations");
  for (qsizetype i = 0; i < conversations.size(); ++i) {
    const QString path = QStringLiteral("conversations[%1]").arg(i);
    if (!conversations[i].isObject()) r.fail(path, QStringLiteral("expected an object"));
    const QJsonObject o = conversations[i].toObject();
    ConversationExport c;
    auto& conv = c.conversation;
    conv.uuid = r.uuid(o, path, "uuid");
    if (conversation_uuids.contains(conv.uuid))
      r.fail(Reader::join(path, "uuid"), QStringLiteral("appears twice in the file"));
    conversation_uuids.insert(conv.uuid);
    conv.title = r.string(o, path, "title");
    conv.created_at = r.date(o, path, "created_at");
    conv.updated_at = r.date(o, path, "updated_at");
    conv.pinned = r.boolean(o, path, "pinned");
    conv.system_prompt = r.string(o, path, "system_prompt", false);
    const QJsonObject model = r.object(o, path, "model", false);
    conv.model_file = r.string(model, Reader::join(path, "model"), "file", false);
    conv.model_quant = r.string(model, Reader::join(path, "model"), "quantization", false);
    conv.settings = read_settings(r, r.object(o, path, "settings", false), Reader::join(path, "settings"));

    const QJsonArray messages = r.array(o, path, "messages");
    QSet<QString> earlier;
    for (qsizetype j = 0; j < messages.size(); ++j) {
      const QString mpath = path + QStringLiteral(".messages[%1]").arg(j);
      if (!messages[j].isObject()) r.fail(mpath, QStringLiteral("expected an object"));
      storage::Message m = read_message(r, messages[j].toObject(), mpath, earlier);
      if (message_uuids.contains(m.uuid)) r.fail(Reader::join(mpath, "uuid"), QStringLiteral("appears twice in the file"));
      message_uuids.insert(m.uuid);
      earlier.insert(m.uuid);
      c.messages.push_back(std::move(m));
    }
    out.push_back(std::move(c));
  }
  return out;
}

storage::ImportResult import_json_file(storage::ConversationStore& store, const QString& path) {
  QFile file(path);
  if (!file.open(QIODevice::ReadOnly))
    throw ExportError(QStringLiteral("%1: cannot read: %2").arg(path, file.errorString()).toStdString());
  const auto conversations = parse_json_export(file.readAll(), path);
  storage::ImportResult total;
  store.in_transaction([&] {
    for (const auto& c : conversations) {
      const auto r = store.import_conversation(c.conversation, c.messages);
      total.conversations_added += r.conversations_added;
      total.conversations_already_present += r.conversations_already_present;
      total.conversations_restored += r.conversations_restored;
      total.messages_added += r.messages_added;
      total.messages_already_present += r.messages_already_present;
    }
  });
  return total;
}

}  // namespace veloce::exporting
