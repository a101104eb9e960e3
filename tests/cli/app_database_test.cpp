// The app commands of veloce-cli (list, export, import) without --db use the app's own database,
// ~/.local/share/Veloce/Veloce/conversations.sqlite, whatever each command does first. Run as a new
// user would: a fresh HOME and no XDG variables, each command a separate process.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "tests/cli/process.h"

// Without the app (the sanitizer build may leave it out) veloce-cli has no app commands.
#ifdef VELOCE_CLI_HAS_APP
namespace veloce::test {
namespace {

using namespace std::chrono_literals;

class AppDatabaseTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/veloce-home-XXXXXX";
    ASSERT_NE(mkdtemp(tmpl), nullptr);
    home_ = tmpl;
  }
  void TearDown() override {
    const std::string command = "rm -rf '" + home_ + "'";
    ASSERT_EQ(std::system(command.c_str()), 0);
  }

  // veloce-cli ARGS with HOME set to the fresh folder and the XDG folders left to their defaults.
  ProcessResult cli(const std::vector<std::string>& args) const {
    std::vector<std::string> argv = {"/usr/bin/env",  "-u",      "XDG_DATA_HOME", "-u", "XDG_CONFIG_HOME",
                                     "HOME=" + home_, VELOCE_CLI};
    argv.insert(argv.end(), args.begin(), args.end());
    return run_process(argv, 120s);
  }

  std::string path(const std::string& relative) const { return home_ + "/" + relative; }

  static bool exists(const std::string& file) {
    struct stat st {};
    return ::stat(file.c_str(), &st) == 0;
  }

  static std::string read(const std::string& file) {
    std::ifstream in(file, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
  }

  // Two conversations of one exchange each, in the JSON export format (docs/export-format.md).
  std::string write_backup() const {
    const std::string file = path("backup-in.json");
    std::ofstream out(file);
    out << R"({"format": "veloce-conversations", "version": 1, "exported_at": "2026-05-01T10:00:00.000Z",
      "conversations": [)";
    for (int i = 1; i <= 2; ++i) {
      out << (i > 1 ? "," : "") << R"({"uuid": "00000000-0000-4000-8000-00000000000)" << i << R"(", "title": "Backup check )"
          << i << R"(", "created_at": "2026-05-01T10:00:00.000Z", "updated_at": "2026-05-01T10:00:00.000Z",
          "messages": [{"uuid": "10000000-0000-4000-8000-00000000000)"
          << i << R"(", "role": "user", "content": "Question number )" << i
          << R"(", "created_at": "2026-05-01T10:00:00.000Z", "state": "complete"}]})";
    }
    out << "]}";
    return file;
  }

  std::string home_;
};

TEST_F(AppDatabaseTest, TheReadmeBackupCommandInAFreshHomeExportsEveryImportedConversation) {
  const ProcessResult imported = cli({"import", write_backup()});
  ASSERT_EQ(imported.exit_code, 0) << imported.err;

  const std::string backup = path("veloce-backup.json");
  const ProcessResult exported = cli({"export", "--all", "--format", "json", "-o", backup});
  ASSERT_EQ(exported.exit_code, 0) << exported.err;
  const std::string text = read(backup);
  EXPECT_NE(text.find("Question number 1"), std::string::npos) << text;
  EXPECT_NE(text.find("Question number 2"), std::string::npos) << text;

  // One database, where the README says it is; nothing beside it in ~/.local/share.
  EXPECT_TRUE(exists(path(".local/share/Veloce/Veloce/conversations.sqlite")));
  EXPECT_FALSE(exists(path(".local/share/conversations.sqlite")));
}

TEST_F(AppDatabaseTest, EveryAppCommandWithoutDbFindsTheSameDatabase) {
  ASSERT_EQ(cli({"import", write_backup()}).exit_code, 0);

  const ProcessResult listed = cli({"list", "--json"});
  ASSERT_EQ(listed.exit_code, 0) << listed.err;
  EXPECT_NE(listed.out.find("Backup check 1"), std::string::npos) << listed.out;
  EXPECT_NE(listed.out.find("Backup check 2"), std::string::npos) << listed.out;

  // One conversation by id, and every format of the whole history (HTML and PDF start a GUI
  // application for their fonts, the others a core one: both paths must find the database). For
  // all but JSON, -o is a folder and the printed lines are the files written, one per conversation.
  const ProcessResult one = cli({"export", "--id", "1", "--format", "md", "-o", path("one.md")});
  ASSERT_EQ(one.exit_code, 0) << one.err;
  EXPECT_NE(read(path("one.md")).find("Question number 1"), std::string::npos);
  for (const std::string format : {"md", "html", "txt", "pdf"}) {
    const ProcessResult all = cli({"export", "--all", "--format", format, "-o", path("all-" + format)});
    ASSERT_EQ(all.exit_code, 0) << format << ": " << all.err;
    std::string text;
    std::istringstream files(all.out);
    for (std::string file; std::getline(files, file);)
      text += format == "pdf" ? run_process({"/usr/bin/pdftotext", file, "-"}, 60s).out : read(file);
    EXPECT_NE(text.find("Question number 1"), std::string::npos) << format << ": " << all.out;
    EXPECT_NE(text.find("Question number 2"), std::string::npos) << format << ": " << all.out;
  }

  // Importing the same file again finds the conversations already there: nothing is added twice.
  const ProcessResult again = cli({"import", path("backup-in.json")});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  const ProcessResult relisted = cli({"list", "--json"});
  EXPECT_EQ(relisted.out, listed.out);
  EXPECT_FALSE(exists(path(".local/share/conversations.sqlite")));
}

}  // namespace
}  // namespace veloce::test
#endif  // VELOCE_CLI_HAS_APP
