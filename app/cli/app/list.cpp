// veloce-cli list: the conversations of a database, as the sidebar shows them.
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstdio>

#include "app/cli/app/app_context.h"
#include "app/export/export_types.h"

namespace veloce::cli {
namespace {

int run_list(Args& args) {
  const auto app = make_qt_app(false);
  const QString db = database_path(args);
  const bool json = args.flag({"--json"});
  args.finish();
  const auto store = open_store(db);
  const auto conversations = store->list_conversations();
  if (json) {
    QJsonArray out;
    for (const auto& c : conversations)
      out.append(QJsonObject{{QStringLiteral("id"), c.id},
                             {QStringLiteral("uuid"), c.uuid},
                             {QStringLiteral("title"), c.title},
                             {QStringLiteral("created_at"), exporting::export_date(c.created_at)},
                             {QStringLiteral("updated_at"), exporting::export_date(c.updated_at)},
                             {QStringLiteral("pinned"), c.pinned}});
    std::fputs(QJsonDocument(out).toJson(QJsonDocument::Indented).constData(), stdout);
    return 0;
  }
  for (const auto& c : conversations)
    std::printf("%6lld  %s  %s%s\n", static_cast<long long>(c.id), exporting::export_date(c.updated_at).toUtf8().constData(),
                c.pinned ? "[pinned] " : "", c.title.toUtf8().constData());
  return 0;
}

CommandRegistration reg{{"list", "list the conversations of a database",
                         "usage: veloce-cli list [--db FILE] [--json]\n\n"
                         "Lists conversations as the sidebar orders them (pinned first, then most recently\n"
                         "active first): id, last activity (UTC), title.\n\n"
                         "  --db FILE   the conversation database (default: the app's own)\n"
                         "  --json      print a JSON array of objects with id, uuid, title, created_at,\n"
                         "              updated_at (ISO 8601, UTC) and pinned\n",
                         run_list}};

}  // namespace
}  // namespace veloce::cli
