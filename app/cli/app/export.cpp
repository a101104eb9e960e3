// veloce-cli export: conversations to Markdown, JSON, HTML, plain text or PDF files.
#include <QFileInfo>

#include <unistd.h>

#include <algorithm>
#include <cstdio>

#include "app/cli/app/app_context.h"
#include "app/export/exporter.h"

namespace veloce::cli {
namespace {

int run_export(Args& args) {
  const QString db = database_path(args);
  const bool all = args.flag({"--all"});
  const long long id = args.integer({"--id"}, 0);
  const QString format_name = qstr(args.required({"--format", "-f"}));
  const QString out = qstr(args.required({"-o", "--output"}));
  args.finish();
  if (all == (id != 0)) throw UsageError("give exactly one of --all and --id N");
  const auto format = exporting::format_from_name(format_name);
  if (!format) throw UsageError("--format must be md, json, html, txt or pdf, not '" + format_name.toStdString() + "'");

  // PDF and HTML lay out text (HTML renders the replies' Markdown): both need fonts.
  const auto app = make_qt_app(*format == exporting::ExportFormat::Pdf || *format == exporting::ExportFormat::Html);
  const auto store = open_store(db);
  if (!all) {
    exporting::export_to_file(*store, {id}, *format, out);
    std::printf("%s\n", QFileInfo(out).absoluteFilePath().toUtf8().constData());
    return 0;
  }
  const auto ids = exporting::all_conversation_ids(*store);
  // On a terminal, a progress line updated about every percent; nothing when redirected.
  const bool tty = isatty(fileno(stderr)) != 0;
  auto progress = [tty](int done, int total) {
    if (tty && (done == total || done % std::max(1, total / 100) == 0)) {
      std::fprintf(stderr, "\rexported %d of %d", done, total);
      if (done == total) std::fputc('\n', stderr);
    }
    return true;
  };
  if (*format == exporting::ExportFormat::Json) {
    exporting::export_to_file(*store, ids, *format, out, progress);
    std::printf("%s\n", QFileInfo(out).absoluteFilePath().toUtf8().constData());
  } else {
    const auto result = exporting::export_to_folder(*store, ids, *format, out, progress);
    for (const auto& file : result.files) std::printf("%s\n", file.toUtf8().constData());
  }
  return 0;
}

CommandRegistration reg{{"export", "export conversations to md, json, html, txt or pdf",
                         "usage: veloce-cli export [--db FILE] (--all | --id N) --format md|json|html|txt|pdf -o PATH\n\n"
                         "  --db FILE      the conversation database (default: the app's own)\n"
                         "  --id N         one conversation (ids: veloce-cli list); PATH is the output file\n"
                         "  --all          every conversation:\n"
                         "                   with --format json, PATH is one file holding them all\n"
                         "                   (every branch; importable with veloce-cli import);\n"
                         "                   with md, html, txt or pdf, PATH is a folder (created if\n"
                         "                   missing) that gets one file per conversation, named from\n"
                         "                   its title (sanitised; \" (2)\" added for equal titles)\n"
                         "  --format, -f   md, json, html, txt or pdf\n"
                         "  -o, --output   PATH (see above)\n\n"
                         "Markdown, HTML, text and PDF show the branch shown in the app; JSON holds every\n"
                         "branch. Files are written atomically: a failed export leaves an existing file as\n"
                         "it was. The printed lines are the files written.\n",
                         run_export}};

}  // namespace
}  // namespace veloce::cli
