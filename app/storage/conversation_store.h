#pragma once
// ConversationStore: the only code that touches the conversation database (SQLite, sqlite3 C API).
//
// Threading: one ConversationStore per thread. Each object owns its own SQLite connection and
// must be created, used and destroyed on one thread (it is not thread-safe, and it is not a
// QObject). Several stores (e.g. the UI thread's and the generation worker's) may be open on the
// same file at once: the database is in WAL mode, so readers never block the writer, and writers
// wait up to 5 s for each other (every write here is one short transaction). Open the first store
// (with the default OpenOptions: integrity check, corruption recovery, migrations) before any other
// thread opens its own; later stores pass OpenOptions{.integrity = IntegrityCheck::None}.
//
// Durability: every call that writes commits before it returns, with synchronous=FULL in WAL
// mode: a committed message survives a killed process (as it would with NORMAL) and also a power
// cut (which NORMAL does not promise). The cost is one fsync per commit, and we commit per message
// and every ~2 s while streaming, never per token.
//
// Errors: every method throws StoreError (file and reason in what()) on a database failure;
// methods taking an id throw StoreError when it does not exist (or is soft-deleted where noted).
#include <QString>

#include <functional>
#include <optional>
#include <stdexcept>
#include <vector>

#include "app/storage/records.h"

struct sqlite3;

namespace veloce::storage {

struct StoreError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// How much of the file is checked at open. The whole-file check costs about 1.5 s on a 160 MB
// database (10,000 conversations, 200,000 messages), far beyond a 300 ms start, so start-up checks
// the whole file only when it is small or when damage was seen before, and the app runs the full
// check on its worker store afterwards (check_integrity_full).
enum class IntegrityCheck {
  None,       // stores opened after the first one (e.g. the worker thread's)
  AtStartup,  // whole file if <= kFullCheckMaxBytes or a damage marker exists; else the
              // conversations table, its indexes and the schema (what the sidebar needs)
  Full,       // always the whole file
};

struct OpenOptions {
  // A file that fails the check (or is not a database at all) is moved aside, never deleted,
  // and a fresh database is created. Only the first store of a process should check:
  // OpenOptions{false} (or .integrity = IntegrityCheck::None) for the others.
  bool check_integrity = true;
  IntegrityCheck integrity = IntegrityCheck::AtStartup;  // how much, when check_integrity
};

// What happened while opening; the app shows user_message (if not empty) once.
struct OpenReport {
  bool created = false;   // the file did not exist (or was replaced after corruption)
  int schema_before = 0;  // user_version found (0 for a new file)
  int schema_after = 0;   // user_version now (ConversationStore::kSchemaVersion)
  QString backup_path;    // copy taken before migrating; empty when nothing was migrated
  bool recovered_from_corruption = false;
  // The start-up check covered the whole file (small file, damage marker, IntegrityCheck::Full,
  // or a new file); when false the app still owes check_integrity_full() in the background.
  bool whole_file_checked = false;
  QString corrupt_moved_to;  // where the damaged file went (never deleted)
  QString user_message;      // human-readable summary of the above, empty when all was fine
};

struct NewConversation {
  QString title;
  QString system_prompt;
  GenerationSettings settings;
  QString model_file;
  QString model_quant;
};

struct ImportResult {
  int conversations_added = 0;
  int conversations_already_present = 0;  // matched by uuid (their new messages are still added)
  int conversations_restored = 0;         // of those, deleted ones brought back (not yet purged)
  int messages_added = 0;
  int messages_already_present = 0;  // matched by uuid; left as they are
};

class ConversationStore {
 public:
  // 1: conversations + message tree. 2: FTS5 search indexes and reply statistics columns.
  static constexpr int kSchemaVersion = 3;

  // Opens (or creates) the database at path. See OpenReport for what can happen on the way.
  explicit ConversationStore(const QString& path, OpenOptions options = {});
  ~ConversationStore();
  ConversationStore(const ConversationStore&) = delete;
  ConversationStore& operator=(const ConversationStore&) = delete;

  // Files at most this big get the whole-file check at every start (well under 300 ms).
  static constexpr qint64 kFullCheckMaxBytes = 24LL << 20;

  const QString& path() const { return path_; }
  // "<path>.damaged": written when damage is found after start-up (by check_integrity_full or
  // by any query failing with SQLITE_CORRUPT); the next open then checks the whole file and
  // moves it aside if it is damaged.
  static QString damage_marker_path(const QString& path);
  const OpenReport& open_report() const { return report_; }

  // ---- conversations ----
  Conversation create_conversation(const NewConversation& init);
  // nullopt when absent; soft-deleted conversations are returned too (for undo).
  std::optional<Conversation> conversation(qint64 id) const;
  std::optional<qint64> conversation_id_by_uuid(const QString& uuid) const;
  // Sidebar order: pinned first, then most recently updated first (ties: higher id first).
  // Soft-deleted conversations are left out.
  std::vector<ConversationSummary> list_conversations() const;
  void rename_conversation(qint64 id, const QString& title);
  void set_pinned(qint64 id, bool pinned);
  void set_system_prompt(qint64 id, const QString& system_prompt);
  void set_settings(qint64 id, const GenerationSettings& settings);
  void set_model(qint64 id, const QString& model_file, const QString& model_quant);

  // Delete with undo: delete_conversation hides it from the list and from search at once;
  // restore_conversation brings it back; purge_deleted removes soft-deleted conversations (and
  // all their messages) for good. The app purges at start-up and when the undo bar closes.
  void delete_conversation(qint64 id);
  void restore_conversation(qint64 id);
  int purge_deleted();

  // ---- messages ----
  // Appends a message under parent_id (0: a root message) and makes it the shown child of its
  // parent. Regenerate: parent = the user message (adds a sibling reply). Edit: parent = the
  // edited message's parent (adds a sibling user message). Bumps the conversation's updated_at.
  Message append_message(qint64 conversation_id, qint64 parent_id, Role role, const QString& content,
                         MessageState state = MessageState::Complete);
  // Streaming checkpoint (the worker calls this every ~2 s): replaces the text, keeps the state.
  void update_message_content(qint64 message_id, const QString& content);
  // End of a reply: final text, final state (complete/stopped/error) and figures.
  void finish_message(qint64 message_id, const QString& content, MessageState state, const MessageStats& stats = {});
  // Makes this message the shown one among its siblings (the "2/3" switcher).
  void set_active_child(qint64 message_id);
  // Replies left in state "streaming" by a killed process become "stopped" (their text so far is
  // kept). Call once at app start, after opening the first store. Returns how many changed.
  int mark_interrupted_streams();

  std::optional<Message> message(qint64 id) const;
  // The shown branch, root first: from the shown root follow each shown child down to a leaf.
  std::vector<BranchEntry> current_branch(qint64 conversation_id) const;
  // All children of message's parent (the message included), oldest first.
  std::vector<Message> siblings(qint64 message_id) const;
  // Every message of every branch, parents before children (creation order), for export.
  std::vector<Message> all_messages(qint64 conversation_id) const;

  // Whole-file PRAGMA quick_check (seconds on a large file: run it on the worker's store after
  // start-up). Returns "" when the file is sound; otherwise the problem, after writing the damage
  // marker so that the next start moves the file aside; tell the user to restart.
  QString check_integrity_full();

  // PRAGMA data_version: changes whenever another connection (the worker's store, another
  // process such as `veloce-cli import`) commits to the file; never for this store's own writes.
  // One cheap read, for polling (ConversationList::refreshIfChangedElsewhere).
  qint64 data_version() const;

  // ---- search ----
  // FTS5 over titles and message text; the query is taken as plain words (no FTS syntax; the last
  // word also matches as a prefix). Best matches first; soft-deleted conversations left out.
  std::vector<SearchHit> search(const QString& text, int limit = 50) const;

  // ---- import ----
  // Adds a conversation and its messages keeping their uuids and dates. An existing conversation
  // (same uuid) keeps its metadata; only messages with unknown uuids are added to it. messages must
  // list parents before children and refer to parents by parent_uuid. One transaction.
  ImportResult import_conversation(const Conversation& conversation, const std::vector<Message>& messages);
  // Runs fn inside one transaction (e.g. a whole import file); rolls back if fn throws.
  void in_transaction(const std::function<void()>& fn);

 private:
  QString run_quick_check(const char* sql);
  void open_and_check(const OpenOptions& options);
  void configure_connection();
  // Throws StoreError for a newer schema or another application's database; changes nothing.
  void refuse_unknown_schema();
  int user_version();
  void migrate();
  void exec(const char* sql);
  void move_aside_corrupt(const QString& reason);
  [[noreturn]] void fail(const QString& what) const;
  void touch_conversation(qint64 id);
  void require_conversation(qint64 id) const;

  QString path_;
  sqlite3* db_ = nullptr;
  OpenReport report_;
  int transaction_depth_ = 0;
};

}  // namespace veloce::storage
