// atelier-server's settings: one table read from flags, the environment and a
// configuration file, with that precedence, and every setting documented.
#include "server/app/config.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace atelier::app {
namespace {

using ::testing::HasSubstr;

// A configuration file on disk, removed with the test.
class ConfigFile {
 public:
  explicit ConfigFile(const std::string& text)
      : path_(std::filesystem::temp_directory_path() /
              ("atelier-config-" + std::to_string(::getpid()) + "-" + std::to_string(next_++) +
               ".conf")) {
    std::ofstream(path_) << text;
  }
  ~ConfigFile() { std::filesystem::remove(path_); }
  std::string path() const { return path_.string(); }

 private:
  static inline int next_ = 0;
  std::filesystem::path path_;
};

Config Parse(std::vector<std::string> args, const Config::Environment& env = {},
             const std::string& file = {}) {
  args.insert(args.begin(), "atelier-server");
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  return Config::Parse(static_cast<int>(argv.size()), argv.data(), env, file);
}

std::string Refusal(std::vector<std::string> args, const Config::Environment& env = {},
                    const std::string& file = {}) {
  try {
    Parse(std::move(args), env, file);
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
  return "(accepted)";
}

TEST(Config, FlagsSetTheirFields) {
  Config c = Parse({"--port", "9000", "--db", "x.db", "--max-cards", "500", "--demo",
                    "--allowed-origin", "https://a", "--allowed-origin", "https://b"});
  EXPECT_EQ(c.port, 9000);
  EXPECT_EQ(c.db_path, "x.db");
  EXPECT_EQ(c.workshop.max_live_cards, 500u);
  EXPECT_TRUE(c.demo);
  EXPECT_EQ(c.allowed_origins, (std::vector<std::string>{"https://a", "https://b"}));
  EXPECT_TRUE(c.config_file.empty());
  // Given twice, a flag keeps its last value (deploy/demo.sh --port 9000).
  EXPECT_EQ(Parse({"--port", "8080", "--threads", "2", "--port", "9000"}).port, 9000);
}

TEST(Config, AMisspeltFlagOrABadValueIsRefusedInFrench) {
  EXPECT_THAT(Refusal({"--teritory", "x"}), HasSubstr("réglage inconnu « --teritory »"));
  EXPECT_THAT(Refusal({"--port", "abc"}), HasSubstr("--port : un nombre de 0 à 65535"));
  EXPECT_THAT(Refusal({"--port"}), HasSubstr("valeur manquante"));
  EXPECT_THAT(Refusal({"--durability", "sometimes"}), HasSubstr("normal ou full"));
  // No abbreviation is guessed: --po is not --port.
  EXPECT_THAT(Refusal({"--po", "1"}), HasSubstr("réglage inconnu"));
}

TEST(Config, TheEnvironmentSetsWhatNoFlagSets) {
  Config::Environment env = {{"ATELIER_MAX_CARDS", "700"},
                             {"ATELIER_PORT", "9001"},
                             {"ATELIER_LIMIT_LOOPBACK", "1"},
                             // Variables of scripts and tests are not settings: ignored.
                             {"ATELIER_SERVER_BIN", "/bin/true"},
                             {"PATH", "/usr/bin"}};
  Config c = Parse({"--port", "9002"}, env);
  EXPECT_EQ(c.workshop.max_live_cards, 700u);
  EXPECT_EQ(c.port, 9002);  // the flag wins
  EXPECT_TRUE(c.gate.limit_loopback);
  EXPECT_THAT(Refusal({}, {{"ATELIER_MAX_CARDS", "beaucoup"}}), HasSubstr("--max-cards"));
}

TEST(Config, TheFileSetsWhatNeitherFlagNorEnvironmentSets) {
  ConfigFile file(
      "# comments and blank lines are fine\n"
      "\n"
      "port = 9100\n"
      "max-cards = 800\n"
      "max-cards-per-company = 30\n"
      "demo = true\n"
      "allowed-origin = https://salle.example\n"
      "public-url = https://atelier.example\n");
  Config c = Parse({"--max-cards", "900"}, {{"ATELIER_PORT", "9200"}}, file.path());
  EXPECT_EQ(c.port, 9200);                                // environment over file
  EXPECT_EQ(c.workshop.max_live_cards, 900u);             // flag over file
  EXPECT_EQ(c.workshop.max_live_cards_per_company, 30u);  // the file alone
  EXPECT_TRUE(c.demo);
  EXPECT_EQ(c.public_url, "https://atelier.example");
  EXPECT_EQ(c.allowed_origins, std::vector<std::string>{"https://salle.example"});
  EXPECT_EQ(c.config_file, file.path());
}

TEST(Config, AnExplicitFileMustExistAndHoldOnlyKnownSettings) {
  ConfigFile typo("port = 9100\nteritory = Rennes\n");
  EXPECT_THAT(Refusal({"--config", typo.path()}), HasSubstr("réglage inconnu « teritory »"));
  EXPECT_THAT(Refusal({"--config", typo.path()}), HasSubstr(typo.path()));
  EXPECT_THAT(Refusal({"--config", "/nonexistent/atelier.conf"}),
              HasSubstr("fichier de configuration illisible"));
  ConfigFile bad("port = quatre\n");
  EXPECT_THAT(Refusal({}, {{"ATELIER_CONFIG", bad.path()}}), HasSubstr("--port"));
  // The default file is optional: a machine without /etc/atelier/atelier.conf starts.
  Config c = Parse({}, {}, "/nonexistent/atelier.conf");
  EXPECT_TRUE(c.config_file.empty());
  EXPECT_EQ(c.port, 8080);
}

TEST(Config, EverySettingIsInHelpAndInTheDocumentedTable) {
  std::string usage = Config::Usage();
  std::ifstream in(std::string(ATELIER_SOURCE_DIR) + "/docs/operations.md");
  ASSERT_TRUE(in) << "docs/operations.md";
  std::stringstream docs;
  docs << in.rdbuf();
  for (const std::string& name : Config::SettingNames()) {
    EXPECT_THAT(usage, HasSubstr("--" + name)) << name;
    std::string variable = "ATELIER_" + name;
    for (char& ch : variable) ch = ch == '-' ? '_' : static_cast<char>(std::toupper(ch));
    EXPECT_THAT(docs.str(), HasSubstr("| `--" + name)) << name << " missing from the table";
    EXPECT_THAT(docs.str(), HasSubstr("`" + variable + "`")) << variable;
  }
}

}  // namespace
}  // namespace atelier::app
