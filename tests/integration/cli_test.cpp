// The atelier tool's command lines (Boost.Program_options) and its online
// backup: the real binary, real SQLite files, a real server under writes.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <sys/wait.h>

#include <atomic>
#include <fstream>
#include <sstream>
#include <thread>

#include "tests/integration/helpers.hpp"

namespace atelier::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

struct CliRun {
  int code;
  std::string out;  // stdout and stderr
};

CliRun Cli(const std::string& args) {
  std::string dir = MakeTempDir("atelier-cli");
  std::string command = std::string(ATELIER_CLI_BIN) + " " + args + " >" + dir + "/out 2>&1";
  int status = std::system(command.c_str());
  std::ifstream in(dir + "/out");
  std::stringstream s;
  s << in.rdbuf();
  std::filesystem::remove_all(dir);
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, s.str()};
}

int64_t Scalar(const std::string& db, const std::string& sql) {
  sqlite3* h = nullptr;
  int64_t n = -1;
  if (sqlite3_open_v2(db.c_str(), &h, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
    sqlite3_stmt* s = nullptr;
    if (sqlite3_prepare_v2(h, sql.c_str(), -1, &s, nullptr) == SQLITE_OK &&
        sqlite3_step(s) == SQLITE_ROW)
      n = sqlite3_column_int64(s, 0);
    sqlite3_finalize(s);
  }
  sqlite3_close(h);
  return n;
}

TEST(Cli, ImportsCompaniesAsTheConsoleDoes) {
  TempDb db;
  const std::string data = ATELIER_SHEETS_TESTDATA;
  ASSERT_EQ(
      Cli("create-workshop --db " + db.path() + " --title Essai --tables 4 --code ZANORD").code, 0);
  const std::string base = "import-companies --db " + db.path() + " --code ZANORD --file ";
  // The preview: how the file was read, its columns, nothing written.
  CliRun r = Cli(base + data + "/entreprises-windows-1252.csv --apercu");
  EXPECT_EQ(r.code, 0) << r.out;
  EXPECT_THAT(r.out, HasSubstr("CSV, Windows-1252 (ANSI), séparateur « ; »"));
  EXPECT_THAT(r.out, HasSubstr("« Zone d'activités » → zone"));
  EXPECT_THAT(r.out, HasSubstr("colonnes inconnues, non importées : « Code client »"));
  EXPECT_THAT(r.out, HasSubstr("4 entreprise(s) lue(s)"));
  EXPECT_EQ(Scalar(db.path(), "SELECT count(*) FROM companies"), 0);
  r = Cli(base + data + "/entreprises-windows-1252.csv");
  EXPECT_EQ(r.code, 0) << r.out;
  EXPECT_THAT(r.out, HasSubstr("4 entreprise(s) importée(s)"));
  EXPECT_EQ(Scalar(db.path(), "SELECT count(*) FROM companies"), 4);
  // The same companies from the workbook: duplicates wait for a choice.
  r = Cli(base + data + "/entreprises-libreoffice.xlsx");
  EXPECT_EQ(r.code, 4) << r.out;
  EXPECT_THAT(r.out, HasSubstr("4 entreprise(s) déjà dans l'atelier"));
  EXPECT_THAT(r.out, HasSubstr("--doublons"));
  r = Cli(base + data + "/entreprises-libreoffice.xlsx --doublons maj");
  EXPECT_EQ(r.code, 0) << r.out;
  EXPECT_THAT(r.out, HasSubstr("0 entreprise(s) importée(s), 4 mise(s) à jour"));
  EXPECT_EQ(Scalar(db.path(), "SELECT count(*) FROM companies"), 4);
  // Every error of a file, with its line, column, cell and value; nothing written.
  const std::string bad = MakeTempDir("atelier-cli-import") + "/bad.csv";
  std::ofstream(bad) << "Nom;N° SIRET;N° de table\nA;123;1\nB;;9\n";
  r = Cli(base + bad);
  EXPECT_EQ(r.code, 4);
  EXPECT_THAT(r.out, HasSubstr("ligne 2, colonne « N° SIRET » (B2) : SIRET invalide"));
  EXPECT_THAT(r.out, HasSubstr("ligne 3, colonne « N° de table » (C3) : table hors de l'atelier"));
  EXPECT_THAT(r.out, HasSubstr("(lu « 9 »)"));
  EXPECT_EQ(Scalar(db.path(), "SELECT count(*) FROM companies"), 4);
}

TEST(Cli, RefusesUnknownOptionsAndBadValuesInFrench) {
  TempDb db;
  const std::string base = "create-workshop --db " + db.path() + " --title Essai ";
  CliRun r = Cli(base + "--teritory Rennes");
  EXPECT_EQ(r.code, 2);
  EXPECT_THAT(r.out, HasSubstr("option inconnue « --teritory »"));
  r = Cli(base + "--tables abc");
  EXPECT_EQ(r.code, 2);
  EXPECT_THAT(r.out, HasSubstr("valeur invalide pour --tables"));
  EXPECT_THAT(r.out, Not(HasSubstr("stoi")));
  EXPECT_EQ(Cli(base + "--tables -3").code, 2);
  EXPECT_EQ(Cli(base + "--tables=0").code, 2);
  EXPECT_EQ(Cli(base + "--tables 101").code, 2);
  r = Cli(base + "--code x");
  EXPECT_EQ(r.code, 2);
  EXPECT_THAT(r.out, HasSubstr("--code : 4 à 12 lettres ou chiffres"));
  r = Cli(base + "stray");
  EXPECT_EQ(r.code, 2);
  EXPECT_THAT(r.out, HasSubstr("argument inattendu"));
  EXPECT_EQ(Cli("create-workshop --title Essai").code, 2);
  EXPECT_EQ(Cli("frobnicate").code, 2);
  EXPECT_EQ(Cli("").code, 2);
  EXPECT_FALSE(std::filesystem::exists(db.path())) << "no refused command creates the database";
  EXPECT_EQ(Cli(base + "--tables 3 --code ZA-NORD").code, 0);
  EXPECT_TRUE(std::filesystem::exists(db.path()));
}

TEST(Cli, EverySubcommandHasItsHelp) {
  for (const char* command :
       {"match", "create-workshop", "import-companies", "list", "export", "report", "backup"}) {
    CliRun r = Cli(std::string(command) + " --help");
    EXPECT_EQ(r.code, 0) << command;
    EXPECT_THAT(r.out, HasSubstr(std::string("usage : atelier ") + command)) << command;
    EXPECT_THAT(r.out, HasSubstr("--help")) << command << r.out;
  }
}

TEST(Cli, ReadingCommandsNeverCreateADatabase) {
  TempDb db;
  const std::string typo = db.path() + ".typo";
  for (const std::string& args :
       {"list --db " + typo, "export --db " + typo + " --code DEMO42 --out /tmp/x",
        "report --db " + typo + " --code DEMO42 --out /tmp/x.html",
        "import-companies --db " + typo + " --code DEMO42 --file /dev/null",
        "backup --db " + typo + " --out " + db.path() + ".copy"}) {
    CliRun r = Cli(args);
    EXPECT_EQ(r.code, 3) << args << "\n" << r.out;
    EXPECT_THAT(r.out, HasSubstr("base de données introuvable")) << args;
  }
  EXPECT_FALSE(std::filesystem::exists(typo));
  EXPECT_FALSE(std::filesystem::exists(db.path() + ".copy"));
}

TEST(Cli, RefusesADatabaseFromANewerVersion) {
  TempDb db;
  ASSERT_EQ(Cli("create-workshop --db " + db.path() + " --title Essai --code NEUF42").code, 0);
  {
    sqlite3* h = nullptr;
    ASSERT_EQ(sqlite3_open(db.path().c_str(), &h), SQLITE_OK);
    sqlite3_exec(h, "PRAGMA user_version=99", nullptr, nullptr, nullptr);
    sqlite3_close(h);
  }
  CliRun r = Cli("list --db " + db.path());
  EXPECT_EQ(r.code, 3);
  EXPECT_THAT(r.out, HasSubstr("plus récent que celui de cette version"));
  EXPECT_EQ(Cli("create-workshop --db " + db.path() + " --title Autre").code, 3);
  EXPECT_EQ(Scalar(db.path(), "PRAGMA user_version"), 99);
}

TEST(Cli, UnknownWorkshopCodeIsRefusedData) {
  TempDb db;
  ASSERT_EQ(Cli("create-workshop --db " + db.path() + " --title Essai").code, 0);
  CliRun r = Cli("export --db " + db.path() + " --code ZZZZ --out " + db.path() + ".out");
  EXPECT_EQ(r.code, 4);
  EXPECT_THAT(r.out, HasSubstr("aucun atelier avec le code « ZZZZ »"));
}

// A copy taken while a client posts cards as fast as the server accepts them
// is consistent (every workshop's log gapless), and a server started on it
// serves exactly the events it holds.
TEST(Backup, ACopyTakenUnderWritesRestoresWithItsEvents) {
  TempDb db;
  const std::string copy = db.path() + ".backup";
  int64_t copied_events = 0;
  int64_t before = 0;
  {
    ServerProcess server(db.path(), {"--rate", "100000"});
    std::atomic<bool> stop{false};
    std::atomic<int> acked{0};
    std::thread writer([&] {
      auto s = Connect(server);
      if (!JoinAs(*s, "logistique-armor").has_welcome()) return;
      for (int i = 0; !stop && i < 20000; ++i) {
        if (s->Command(PostCardMsg("palettes " + std::to_string(i))).has_ack()) ++acked;
      }
    });
    for (int i = 0; i < 200 && acked < 50; ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    before = Scalar(db.path(), "SELECT count(*) FROM events");
    CliRun r = Cli("backup --db " + db.path() + " --out " + copy);
    int acked_after_backup = acked;
    for (int i = 0; i < 200 && acked < acked_after_backup + 50; ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    stop = true;
    writer.join();
    ASSERT_EQ(r.code, 0) << r.out;
    EXPECT_THAT(r.out, HasSubstr("événement(s)"));
    EXPECT_GT(acked.load(), acked_after_backup) << "writes went on after the copy";
    EXPECT_EQ(server.Terminate(), 0);
  }
  copied_events = Scalar(copy, "SELECT count(*) FROM events");
  int64_t live_events = Scalar(db.path(), "SELECT count(*) FROM events");
  EXPECT_GE(copied_events, before);
  EXPECT_LT(copied_events, live_events) << "the copy is a snapshot, not the final file";
  EXPECT_EQ(Scalar(copy,
                   "SELECT count(*) FROM (SELECT workshop_id FROM events GROUP BY "
                   "workshop_id HAVING max(seq) != count(*))"),
            0)
      << "every workshop's log in the copy is gapless";
  int64_t demo_seq = Scalar(copy,
                            "SELECT max(seq) FROM events e JOIN workshops w ON "
                            "w.id = e.workshop_id WHERE w.code = 'DEMO42'");
  // Restore: the copy is an ordinary database file.
  std::string restored = db.path() + ".restored";
  std::filesystem::copy_file(copy, restored);
  ServerProcess again(restored);
  auto s = Connect(again);
  auto welcome = JoinAs(*s, "menuiserie-ferrand");
  ASSERT_TRUE(welcome.has_welcome());
  EXPECT_EQ(static_cast<int64_t>(s->last_seq()), demo_seq + 1) << "the join is one more event";
  EXPECT_EQ(Scalar(restored, "SELECT count(*) FROM events"), copied_events + 1);
}

}  // namespace
}  // namespace atelier::testing
