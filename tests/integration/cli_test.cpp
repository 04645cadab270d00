// The atelier tool's command lines (Boost.Program_options): the real binary,
// real SQLite files.
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
       {"match", "create-workshop", "import-companies", "list", "export", "report"}) {
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
        "import-companies --db " + typo + " --code DEMO42 --file /dev/null"}) {
    CliRun r = Cli(args);
    EXPECT_EQ(r.code, 3) << args << "\n" << r.out;
    EXPECT_THAT(r.out, HasSubstr("base de données introuvable")) << args;
  }
  EXPECT_FALSE(std::filesystem::exists(typo));
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

}  // namespace
}  // namespace atelier::testing
