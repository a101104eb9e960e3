// libFuzzer target: any bytes as a JSON export file (docs/export-format.md) through the validating
// parser, and what it accepts through the exporter again (the export must parse back to as many
// conversations and messages) and into a real store (one transaction; refusals are StoreError).
// Only ExportError and StoreError may come out; ASan and UBSan turn anything else into a crash.
#include <QByteArray>
#include <QDateTime>
#include <QTemporaryDir>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>

#include "app/export/atomic_file.h"
#include "app/export/json_format.h"
#include "app/storage/conversation_store.h"

namespace {

std::unique_ptr<QTemporaryDir> g_dir;
std::unique_ptr<veloce::storage::ConversationStore> g_store;
size_t g_imports = 0;

size_t message_count(const std::vector<veloce::exporting::ConversationExport>& cs) {
  size_t n = 0;
  for (const auto& c : cs) n += c.messages.size();
  return n;
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  g_dir = std::make_unique<QTemporaryDir>();
  if (!g_dir->isValid()) std::abort();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace veloce;
  const QByteArray bytes(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size));
  std::vector<exporting::ConversationExport> parsed;
  try {
    parsed = exporting::parse_json_export(bytes, QStringLiteral("fuzz.json"));
  } catch (const exporting::ExportError&) {
    return 0;  // the expected outcome for bad input
  }
  // Accepted: it must survive a round trip through the exporter unchanged in size.
  const QByteArray again = exporting::export_json(parsed, QDateTime::currentDateTimeUtc());
  const auto reparsed = exporting::parse_json_export(again, QStringLiteral("re-export.json"));
  if (reparsed.size() != parsed.size() || message_count(reparsed) != message_count(parsed)) {
    std::fprintf(stderr, "re-export changed the data: %zu/%zu conversations, %zu/%zu messages\n", parsed.size(),
                 reparsed.size(), message_count(parsed), message_count(reparsed));
    std::abort();
  }
  // A fresh database now and then, so that the store does not grow over a long run.
  if (!g_store || ++g_imports % 200 == 0) {
    g_store.reset();
    g_store = std::make_unique<storage::ConversationStore>(g_dir->filePath(QStringLiteral("fuzz-%1.sqlite").arg(g_imports)));
  }
  try {
    g_store->in_transaction([&] {
      for (const auto& c : parsed) g_store->import_conversation(c.conversation, c.messages);
    });
  } catch (const storage::StoreError&) {
    // e.g. a message uuid that another conversation already has: refused, nothing written
  }
  return 0;
}
