// veloce-cli import: conversations from a Veloce JSON export (docs/export-format.md).
#include <cstdio>

#include "app/cli/app/app_context.h"
#include "app/export/json_format.h"

namespace veloce::cli {
namespace {

int run_import(Args& args) {
  const auto app = make_qt_app(false);
  const QString db = database_path(args);
  const auto files = args.positional();
  args.finish();
  if (files.size() != 1) throw UsageError("give exactly one JSON file to import");
  const auto store = open_store(db);
  const auto r = exporting::import_json_file(*store, qstr(files.front()));
  std::printf("conversations: %d added, %d already present; messages: %d added, %d already present\n", r.conversations_added,
              r.conversations_already_present, r.messages_added, r.messages_already_present);
  // Only when it happened, so the line above stays what scripts parse.
  if (r.conversations_restored > 0) std::printf("conversations restored from deletion: %d\n", r.conversations_restored);
  return 0;
}

CommandRegistration reg{{"import", "import conversations from a Veloce JSON export",
                         "usage: veloce-cli import [--db FILE] PATH.json\n\n"
                         "Adds the conversations of a file written by veloce-cli export --format json (or the\n"
                         "app's JSON export). Conversations and messages keep their uuids: those already in\n"
                         "the database are not added again, so importing a file twice changes nothing. The\n"
                         "whole file is checked first and imported in one transaction (all or nothing); a\n"
                         "problem is reported with the field, e.g. conversations[2].messages[5].role.\n\n"
                         "  --db FILE   the conversation database (default: the app's own)\n",
                         run_import}};

}  // namespace
}  // namespace veloce::cli
