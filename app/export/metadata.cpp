#include "app/export/metadata.h"

#include <QCoreApplication>
#include <QLocale>
#include <QStringList>

namespace veloce::exporting {
namespace {
QString tr(const char* text) { return QCoreApplication::translate("Export", text); }
}  // namespace

QString reader_date(const QDateTime& time) { return QLocale().toString(time.toLocalTime(), QLocale::LongFormat); }

std::vector<MetadataLine> metadata_lines(const ConversationExport& c) {
  const auto& conv = c.conversation;
  const auto& s = conv.settings;
  QString model = conv.model_file.isEmpty() ? tr("(not recorded)") : conv.model_file;
  if (!conv.model_quant.isEmpty()) model += QStringLiteral(" (%1)").arg(conv.model_quant);
  const QString seed = s.seed == 0 ? tr("random") : QString::number(s.seed);
  const QString settings = tr("temperature %1, top-k %2, top-p %3, min-p %4, repetition penalty %5, seed %6, "
                              "max reply %7 tokens")
                               .arg(s.temperature)
                               .arg(s.top_k)
                               .arg(s.top_p)
                               .arg(s.min_p)
                               .arg(s.repeat_penalty)
                               .arg(seed)
                               .arg(s.max_tokens);
  return {
      {tr("Created"), reader_date(conv.created_at)},
      {tr("Updated"), reader_date(conv.updated_at)},
      {tr("Model"), model},
      {tr("Settings"), settings},
  };
}

QString role_label(storage::Role role) {
  switch (role) {
    case storage::Role::System: return tr("System");
    case storage::Role::User: return tr("User");
    case storage::Role::Assistant: return tr("Assistant");
  }
  return {};
}

QString message_note(const ShownMessage& shown) {
  QStringList notes;
  if (shown.message->state == storage::MessageState::Stopped) notes << tr("stopped by the user");
  if (shown.message->state == storage::MessageState::Error) notes << tr("generation failed");
  if (shown.message->state == storage::MessageState::Streaming) notes << tr("incomplete");
  // The stored reason, as the engine reported it (absent for replies from before it was recorded).
  const auto stop = shown.message->stats.stop;
  if (shown.message->state == storage::MessageState::Complete && stop == storage::ReplyStop::Length)
    notes << tr("cut at the length limit");
  if (shown.message->state == storage::MessageState::Complete && stop == storage::ReplyStop::ContextFull)
    notes << tr("cut when the context was full");
  if (shown.versions > 1) notes << tr("version %1 of %2").arg(shown.version).arg(shown.versions);
  return notes.join(QStringLiteral(", "));
}

QStringList message_header(const ShownMessage& shown) {
  const auto& m = *shown.message;
  QStringList parts{role_label(m.role), reader_date(m.created_at)};
  const QString note = message_note(shown);
  if (!note.isEmpty()) parts << note;
  const QLocale locale;
  if (m.stats.completion_tokens) parts << tr("%1 tokens").arg(locale.toString(*m.stats.completion_tokens));
  if (m.stats.tokens_per_second) parts << tr("%1 tokens/s").arg(locale.toString(*m.stats.tokens_per_second, 'f', 1));
  if (m.stats.time_to_first_token_ms)
    parts << tr("first token after %1 ms").arg(locale.toString(*m.stats.time_to_first_token_ms, 'f', 0));
  return parts;
}

QString one_line(const QString& text) {
  QString out = text;
  for (QChar& c : out)
    if (c == QLatin1Char('\n') || c == QLatin1Char('\r') || c == QLatin1Char('\t') || c == QChar::LineSeparator ||
        c == QChar::ParagraphSeparator)
      c = QLatin1Char(' ');
  return out;
}

}  // namespace veloce::exporting
