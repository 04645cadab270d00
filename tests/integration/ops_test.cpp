// Running the server as a service: health and readiness, metrics, log lines,
// refusals at start-up. Real server processes (or a Server in this process),
// real sockets on 127.0.0.1, real SQLite files.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <regex>
#include <sstream>
#include <thread>

#include "server/app/server.hpp"
#include "tests/integration/helpers.hpp"

namespace atelier::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;

// Runs atelier-server with `args` to its exit (start-up refusals); its exit
// status and what it printed.
std::pair<int, std::string> RunServer(const std::vector<std::string>& args) {
  std::string dir = MakeTempDir("atelier-run");
  std::string out = dir + "/out";
  std::string cmd = std::string(ATELIER_SERVER_BIN);
  for (const auto& a : args) cmd += " '" + a + "'";
  cmd += " >" + out + " 2>&1";
  int status = std::system(cmd.c_str());
  std::ifstream in(out);
  std::stringstream text;
  text << in.rdbuf();
  std::filesystem::remove_all(dir);
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, text.str()};
}

uint64_t MetricValue(const std::string& metrics, const std::string& sample) {
  std::smatch m;
  std::regex re("(^|\\n)" + std::regex_replace(sample, std::regex(R"([{}"+.])"), R"(\$&)") +
                " ([0-9.e+]+)");
  if (!std::regex_search(metrics, m, re)) return ~0ull;
  return static_cast<uint64_t>(std::stod(m[2]));
}

TEST(Health, HealthzReportsStorageAsJsonAndReadyzOnceLoaded) {
  TempDb db;
  ServerProcess server(db.path());
  std::string health = Http(server.port(), "GET", "/healthz");
  EXPECT_THAT(health, StartsWith("HTTP/1.1 200"));
  EXPECT_THAT(health, HasSubstr("Content-Type: application/json"));
  EXPECT_THAT(HttpBody(health), HasSubstr("\"status\":\"ok\""));
  EXPECT_THAT(HttpBody(health), HasSubstr("\"state\":\"ok\""));
  std::string ready = Http(server.port(), "GET", "/readyz");
  EXPECT_THAT(ready, StartsWith("HTTP/1.1 200"));
  EXPECT_THAT(HttpBody(ready), HasSubstr("\"ready\":true"));
  EXPECT_THAT(HttpBody(ready), HasSubstr("\"workshops\":1"));
}

TEST(Health, FailingWritesMake503WithAReason) {
  TempDb db;
  app::Config config;
  config.bind = "127.0.0.1";
  config.port = 0;
  config.db_path = db.path();
  config.threads = 1;
  app::Server server(config);
  server.Start();
  server.SetReady(true);
  EXPECT_THAT(Http(server.port(), "GET", "/healthz"), StartsWith("HTTP/1.1 200"));
  server.FailWritesForTesting(true);
  // The last probe is reused for a second: poll, bounded.
  std::string health;
  for (int i = 0; i < 100; ++i) {
    health = Http(server.port(), "GET", "/healthz");
    if (health.starts_with("HTTP/1.1 503")) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  EXPECT_THAT(health, StartsWith("HTTP/1.1 503"));
  EXPECT_THAT(HttpBody(health), HasSubstr("\"state\":\"write-failed\""));
  EXPECT_THAT(HttpBody(health), HasSubstr("sonde d'écriture"));
  server.FailWritesForTesting(false);
  for (int i = 0; i < 100; ++i) {
    health = Http(server.port(), "GET", "/healthz");
    if (health.starts_with("HTTP/1.1 200")) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  EXPECT_THAT(health, StartsWith("HTTP/1.1 200"));
  server.SetReady(false);
  EXPECT_THAT(Http(server.port(), "GET", "/readyz"), StartsWith("HTTP/1.1 503"));
  server.Stop();
}

TEST(Metrics, EveryFamilyHasHelpAndType) {
  TempDb db;
  ServerProcess server(db.path());
  std::string metrics = HttpBody(Http(server.port(), "GET", "/metrics"));
  std::regex type_re("# TYPE (\\w+) (\\w+)");
  int families = 0;
  for (auto it = std::sregex_iterator(metrics.begin(), metrics.end(), type_re);
       it != std::sregex_iterator(); ++it) {
    ++families;
    EXPECT_THAT(metrics, HasSubstr("# HELP " + (*it)[1].str() + " ")) << (*it)[1];
  }
  EXPECT_GE(families, 15);
  EXPECT_THAT(metrics, HasSubstr("# TYPE atelier_command_ack_seconds histogram"));
  EXPECT_THAT(metrics, HasSubstr("atelier_command_ack_seconds_bucket{le=\"+Inf\"}"));
  EXPECT_THAT(metrics, HasSubstr("atelier_refusals_total{reason=\"rate_limited\"} 0"));
  EXPECT_GT(MetricValue(metrics, "atelier_database_bytes"), 0u);
  EXPECT_GT(MetricValue(metrics, "atelier_wal_bytes"), 0u);
}

TEST(Metrics, CommandsFillTheAckHistogramAndRefusalsAreCountedAndLogged) {
  TempDb db;
  ServerProcess server(db.path(), {"--rate", "1"});
  auto s = Connect(server);
  ASSERT_TRUE(JoinAs(*s, "logistique-armor").has_welcome());
  auto reply = s->Command(PostCardMsg("palettes en bois"));
  ASSERT_TRUE(reply.has_ack()) << reply.DebugString();
  std::string metrics = HttpBody(Http(server.port(), "GET", "/metrics"));
  EXPECT_EQ(MetricValue(metrics, "atelier_command_ack_seconds_count"), 1u);
  EXPECT_EQ(MetricValue(metrics, "atelier_post_delivery_seconds_count"), 1u);
  // Burst of 40 at one per second: the 41st and later are refused.
  int limited = 0;
  for (int i = 0; i < 60; ++i) {
    auto r = s->Command(PostCardMsg("carton " + std::to_string(i)));
    if (r.has_error() && r.error().code() == v1::ERROR_CODE_RATE_LIMITED) ++limited;
  }
  EXPECT_GT(limited, 0);
  metrics = HttpBody(Http(server.port(), "GET", "/metrics"));
  EXPECT_EQ(MetricValue(metrics, "atelier_refusals_total{reason=\"rate_limited\"}"),
            static_cast<uint64_t>(limited));
  std::string log;
  for (const auto& line : LogLines(server.output())) log += line + "\n";
  EXPECT_THAT(log, HasSubstr("WARN  limite de débit atteinte par 127.0.0.1"));
  // One line per connection, not one per refused command.
  size_t lines = 0;
  for (size_t at = log.find("limite de débit"); at != std::string::npos;
       at = log.find("limite de débit", at + 1))
    ++lines;
  EXPECT_EQ(lines, 1u) << log;
}

// /ws?w=CODE names the workshop in the URL, for a proxy to route on; the join must agree.
TEST(Routing, TheWorkshopInTheUrlMustBeTheOneJoined) {
  TempDb db;
  ServerProcess server(db.path());
  auto connect = [&](const std::string& target) {
    return std::make_unique<Session>("127.0.0.1", server.port(), client::Millis(5000), "", 0,
                                     target);
  };
  // The code as typed (lower case, dash) names the same workshop.
  auto routed = connect(Session::WorkshopTarget("demo-42"));
  auto welcome = JoinAs(*routed, "logistique-armor");
  ASSERT_TRUE(welcome.has_welcome()) << welcome.DebugString();
  // A token resumes through the same URL.
  auto again = connect(Session::WorkshopTarget(kDemoCode));
  ASSERT_TRUE(JoinWithToken(*again, welcome.welcome().token()).has_welcome());

  auto elsewhere = connect(Session::WorkshopTarget("AUTRE1"));
  auto refused = JoinAs(*elsewhere, "logistique-armor");
  ASSERT_TRUE(refused.has_error()) << refused.DebugString();
  EXPECT_EQ(refused.error().code(), v1::ERROR_CODE_INVALID);
  EXPECT_THAT(refused.error().message(), HasSubstr("autre atelier"));
  auto by_token = connect(Session::WorkshopTarget("AUTRE1"));
  EXPECT_TRUE(JoinWithToken(*by_token, welcome.welcome().token()).has_error());
  v1::ClientMessage lookup;
  lookup.mutable_lookup()->set_code(kDemoCode);
  auto looked = connect(Session::WorkshopTarget("AUTRE1"))->Command(lookup);
  EXPECT_TRUE(looked.has_error()) << looked.DebugString();
  std::string metrics = HttpBody(Http(server.port(), "GET", "/metrics"));
  EXPECT_EQ(MetricValue(metrics, "atelier_refused_wrong_route_total"), 3u);
  // Plain /ws still works.
  EXPECT_TRUE(JoinAs(*Connect(server), "logistique-armor").has_welcome());
}

TEST(Logs, StartStopAndRefusedTokensWithoutSecrets) {
  TempDb db;
  ServerProcess server(db.path());
  ASSERT_FALSE(server.facilitator_token().empty());
  std::string bogus = "0123456789abcdef0123456789abcdef";
  auto s = Connect(server);
  v1::Join join;
  join.set_token(bogus);
  auto reply = s->Join(join);
  ASSERT_TRUE(reply.has_error());
  EXPECT_EQ(reply.error().code(), v1::ERROR_CODE_BAD_TOKEN);
  s->Close();
  EXPECT_EQ(server.Terminate(), 0);
  std::vector<std::string> lines = LogLines(server.output());
  std::string log;
  for (const auto& line : lines) log += line + "\n";
  EXPECT_THAT(log, HasSubstr("INFO  atelier-server " ATELIER_VERSION " démarré : écoute sur"));
  EXPECT_THAT(log, HasSubstr("connexion refusée : jeton inconnu"));
  EXPECT_THAT(log, HasSubstr("INFO  atelier-server arrêté"));
  EXPECT_THAT(log, Not(HasSubstr(bogus)));
  EXPECT_THAT(log, Not(HasSubstr(server.facilitator_token())));
}

TEST(StartUp, RefusesAMissingWebRoot) {
  TempDb db;
  auto [code, out] = RunServer({"--db", db.path(), "--port", "0", "--web-root", "/nonexistent"});
  EXPECT_EQ(code, 3);
  EXPECT_THAT(out, HasSubstr("le client web est introuvable"));
  EXPECT_FALSE(std::filesystem::exists(db.path()));
}

TEST(StartUp, RefusesADatabaseFromANewerVersion) {
  TempDb db;
  {
    sqlite3* h = nullptr;
    ASSERT_EQ(sqlite3_open(db.path().c_str(), &h), SQLITE_OK);
    sqlite3_exec(h, "PRAGMA user_version=99", nullptr, nullptr, nullptr);
    sqlite3_close(h);
  }
  auto [code, out] = RunServer({"--db", db.path(), "--port", "0", "--web-root", ATELIER_WEB_ROOT});
  EXPECT_EQ(code, 4);
  EXPECT_THAT(out, HasSubstr("plus récent que celui de cette version"));
}

TEST(StartUp, RefusesAnUnwritableDatabase) {
  if (::geteuid() == 0) GTEST_SKIP() << "root writes read-only files";
  TempDb db;
  { ServerProcess first(db.path()); }
  std::filesystem::permissions(db.path(), std::filesystem::perms::owner_read);
  auto [code, out] = RunServer({"--db", db.path(), "--port", "0", "--web-root", ATELIER_WEB_ROOT});
  EXPECT_EQ(code, 4);
  EXPECT_THAT(out, HasSubstr("n'est pas accessible en écriture"));
}

TEST(StartUp, PrintsItsVersion) {
  auto [code, out] = RunServer({"--version"});
  EXPECT_EQ(code, 0);
  EXPECT_EQ(out, "atelier-server " ATELIER_VERSION "\n");
}

}  // namespace
}  // namespace atelier::testing
