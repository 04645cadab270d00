// Administration of a running server over HTTP/JSON: the administrator's
// token, creating, listing, closing, reopening and archiving workshops,
// importing companies, and the links printed at every start. Real server
// processes, real sockets on 127.0.0.1, real SQLite files.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <sys/stat.h>

#include <boost/json.hpp>
#include <fstream>

#include "tests/integration/helpers.hpp"

namespace atelier::testing {
namespace {

using ::testing::EndsWith;
using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;
namespace json = boost::json;

std::string ReadAll(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  std::string text = s.str();
  while (!text.empty() && text.back() == '\n') text.pop_back();
  return text;
}

struct Admin {
  uint16_t port;
  std::string token;
  std::string Call(const std::string& method, const std::string& target,
                   const std::string& body = "", const std::string& type = "application/json") {
    std::string headers = "Authorization: Bearer " + token + "\r\n";
    if (!body.empty()) headers += "Content-Type: " + type + "\r\n";
    return Http(port, method, target, headers, body);
  }
  json::value Json(const std::string& method, const std::string& target,
                   const std::string& body = "") {
    return json::parse(HttpBody(Call(method, target, body)));
  }
};

Admin AdminOf(const ServerProcess& server, const std::string& db_path) {
  return Admin{server.port(), ReadAll(db_path + ".admin-token")};
}

std::string Str(const json::value& v, std::string_view key) {
  return std::string(v.at(key).as_string());
}

TEST(Admin, TokenFileIsCreatedPrivateAndEveryRouteNeedsIt) {
  TempDb db;
  ServerProcess server(db.path(), {}, /*demo=*/false);
  struct stat st {};
  ASSERT_EQ(::stat((db.path() + ".admin-token").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  Admin admin = AdminOf(server, db.path());
  EXPECT_GE(admin.token.size(), 32u);
  EXPECT_THAT(Http(server.port(), "GET", "/api/admin/workshops"), StartsWith("HTTP/1.1 401"));
  EXPECT_THAT(Http(server.port(), "GET", "/api/admin/workshops",
                   "Authorization: Bearer " + admin.token.substr(1) + "x\r\n"),
              StartsWith("HTTP/1.1 401"));
  EXPECT_THAT(Http(server.port(), "POST", "/api/admin/workshops", "", "{\"title\":\"x\"}"),
              StartsWith("HTTP/1.1 401"));
  EXPECT_THAT(admin.Call("GET", "/api/admin/workshops"), StartsWith("HTTP/1.1 200"));
  EXPECT_EQ(json::serialize(admin.Json("GET", "/api/admin/workshops")), "{\"workshops\":[]}");
  // The link is printed at start; the token never reaches a log line.
  EXPECT_THAT(server.output(), HasSubstr("/admin.html#admin=" + admin.token));
  for (const auto& line : LogLines(server.output())) EXPECT_THAT(line, Not(HasSubstr(admin.token)));
  EXPECT_THAT(server.output(), HasSubstr("administration : requête refusée"));
}

TEST(Admin, ATokenFileGivenByFlagIsUsed) {
  TempDb db;
  std::string path = db.path() + ".mine";
  {
    std::ofstream(path) << "0123456789abcdef0123456789abcdef\n";
    ::chmod(path.c_str(), 0600);
  }
  ServerProcess server(db.path(), {"--admin-token-file", path}, false);
  EXPECT_THAT(Http(server.port(), "GET", "/api/admin/workshops",
                   "Authorization: Bearer 0123456789abcdef0123456789abcdef\r\n"),
              StartsWith("HTTP/1.1 200"));
  EXPECT_FALSE(std::filesystem::exists(db.path() + ".admin-token"));
}

TEST(Admin, CreatesWorkshopsThatTabletsJoinAndRefusesBadValues) {
  TempDb db;
  ServerProcess server(db.path(), {}, false);
  Admin admin = AdminOf(server, db.path());
  EXPECT_THAT(admin.Call("POST", "/api/admin/workshops", "{\"title\":\"A\",\"tables\":\"abc\"}"),
              StartsWith("HTTP/1.1 400"));
  EXPECT_THAT(admin.Call("POST", "/api/admin/workshops", "{\"title\":\"A\",\"tables\":-3}"),
              StartsWith("HTTP/1.1 400"));
  EXPECT_THAT(admin.Call("POST", "/api/admin/workshops", "{\"tables\":3}"),
              StartsWith("HTTP/1.1 400"));
  EXPECT_THAT(admin.Call("POST", "/api/admin/workshops", "pas du json"),
              StartsWith("HTTP/1.1 400"));
  EXPECT_THAT(admin.Call("POST", "/api/admin/workshops", "{\"title\":\"A\",\"code\":\"x\"}"),
              StartsWith("HTTP/1.1 400"));

  std::string res = admin.Call(
      "POST", "/api/admin/workshops",
      R"({"title":"Atelier <b>ZA</b> Nord","tables":6,"territory":"Rennes","code":"za-nord-1"})");
  ASSERT_THAT(res, StartsWith("HTTP/1.1 201")) << res;
  json::value w = json::parse(HttpBody(res));
  EXPECT_EQ(Str(w, "code"), "ZANORD1");
  EXPECT_EQ(Str(w, "title"), "Atelier <b>ZA</b> Nord");
  EXPECT_EQ(Str(w, "status"), "open");
  EXPECT_EQ(w.at("tables").as_int64(), 6);
  EXPECT_EQ(Str(w.at("links"), "board"), "/board.html#code=ZANORD1");
  EXPECT_EQ(Str(w.at("links"), "tablet"), "/tablet.html#code=ZANORD1");
  EXPECT_THAT(Str(w.at("links"), "qr"), StartsWith("/qr.svg?text=http"));
  EXPECT_THAT(Http(server.port(), "GET", Str(w.at("links"), "qr")), StartsWith("HTTP/1.1 200"));
  ASSERT_EQ(w.at("links").at("consoles").as_array().size(), 1u);
  std::string console = std::string(w.at("links").at("consoles").as_array()[0].as_string());
  ASSERT_THAT(console, StartsWith("/console.html#token="));
  ASSERT_THAT(console, EndsWith("&code=ZANORD1"));  // for /ws?w=CODE
  EXPECT_THAT(admin.Call("POST", "/api/admin/workshops", R"({"title":"B","code":"ZANORD1"})"),
              StartsWith("HTTP/1.1 409"));

  // The console link makes a facilitator; the code lets a tablet in.
  auto fac = Connect(server);
  auto welcome = JoinWithToken(
      *fac, console.substr(std::string("/console.html#token=").size(),
                           console.find('&') - std::string("/console.html#token=").size()));
  ASSERT_TRUE(welcome.has_welcome()) << welcome.DebugString();
  EXPECT_EQ(welcome.welcome().role(), v1::ROLE_FACILITATOR);
  EXPECT_EQ(welcome.welcome().snapshot().workshop().title(), "Atelier <b>ZA</b> Nord");

  json::value list = admin.Json("GET", "/api/admin/workshops");
  ASSERT_EQ(list.at("workshops").as_array().size(), 1u);
  EXPECT_EQ(Str(list.at("workshops").as_array()[0], "id"), Str(w, "id"));
}

TEST(Admin, ImportsCompaniesClosesReopensAndArchives) {
  TempDb db;
  ServerProcess server(db.path(), {}, false);
  Admin admin = AdminOf(server, db.path());
  json::value w =
      admin.Json("POST", "/api/admin/workshops", R"({"title":"Parc Sud","code":"SUD42"})");
  std::string id = Str(w, "id");
  std::string csv =
      "id;nom;zone;ess\nferrand;Menuiserie Ferrand;ZA Sud;non\nressourcerie;Ressourcerie du "
      "Parc;ZA "
      "Sud;oui\n";
  std::string res = admin.Call("POST", "/api/admin/workshops/" + id + "/companies", csv,
                               "text/csv; charset=utf-8");
  ASSERT_THAT(res, StartsWith("HTTP/1.1 200")) << res;
  EXPECT_EQ(json::parse(HttpBody(res)).at("added").as_int64(), 2);
  EXPECT_THAT(
      admin.Call("POST", "/api/admin/workshops/" + id + "/companies", "nom;zone\n", "text/csv"),
      StartsWith("HTTP/1.1 422"));
  // The same file again: the companies are there already, so a choice is needed; « ignorer »
  // imports nothing more.
  EXPECT_THAT(admin.Call("POST", "/api/admin/workshops/" + id + "/companies", csv, "text/csv"),
              StartsWith("HTTP/1.1 422"));
  res = admin.Call("POST", "/api/admin/workshops/" + id + "/companies?doublons=ignorer",
                   csv + "nouvelle;Nouvelle;ZA Sud;non\n", "text/csv");
  ASSERT_THAT(res, StartsWith("HTTP/1.1 200")) << res;
  EXPECT_EQ(json::parse(HttpBody(res)).at("skipped").as_int64(), 2);
  EXPECT_EQ(json::parse(HttpBody(res)).at("added").as_int64(), 1);
  EXPECT_THAT(admin.Call("POST", "/api/admin/workshops/nope/close"), StartsWith("HTTP/1.1 404"));
  EXPECT_THAT(admin.Call("POST", "/api/admin/workshops/" + id + "/explode"),
              StartsWith("HTTP/1.1 404"));

  EXPECT_EQ(Str(admin.Json("POST", "/api/admin/workshops/" + id + "/close"), "status"), "closed");
  auto tablet = Connect(server);
  v1::Join join;
  join.set_code("SUD42");
  join.set_company_id("ferrand");
  auto refused = tablet->Join(join);
  ASSERT_TRUE(refused.has_error()) << refused.DebugString();
  EXPECT_EQ(refused.error().code(), v1::ERROR_CODE_WORKSHOP_CLOSED);

  EXPECT_EQ(Str(admin.Json("POST", "/api/admin/workshops/" + id + "/open"), "status"), "open");
  json::value archived = admin.Json("POST", "/api/admin/workshops/" + id + "/archive");
  EXPECT_TRUE(archived.at("archived").as_bool());
  EXPECT_EQ(Str(archived, "status"), "closed");
  EXPECT_EQ(admin.Json("GET", "/api/admin/workshops").at("workshops").as_array().size(), 0u);
  EXPECT_EQ(admin.Json("GET", "/api/admin/workshops?all=1").at("workshops").as_array().size(), 1u);
  std::string log;
  for (const auto& line : LogLines(server.output())) log += line + "\n";
  EXPECT_THAT(log, HasSubstr("administration : archivage pour l'atelier SUD42"));
  EXPECT_THAT(log, HasSubstr("atelier SUD42 (" + id + ") : ouvert -> clos"));
}

// RGPD: the administrator erases a company's personal data; nothing of it is served again,
// live, in a snapshot or a replay of the log, nor kept in the database.
TEST(Admin, ErasesACompanysPersonalDataFromTheStateAndTheLog) {
  TempDb db;
  const std::string contact = "contact@logistique-armor.example";
  std::string id;
  {
    ServerProcess server(db.path());
    Admin admin = AdminOf(server, db.path());
    auto person = Connect(server);
    ASSERT_TRUE(JoinAs(*person, "logistique-armor").has_welcome());  // "Test" at the table
    json::value list = admin.Json("GET", "/api/admin/workshops");
    id = Str(list.at("workshops").as_array().at(0), "id");
    auto fac = Connect(server);
    auto before = JoinWithToken(*fac, server.facilitator_token());
    ASSERT_TRUE(before.has_welcome());
    EXPECT_THAT(before.welcome().snapshot().DebugString(), HasSubstr(contact));

    EXPECT_THAT(admin.Call("POST", "/api/admin/workshops/" + id + "/companies/nobody/erase"),
                StartsWith("HTTP/1.1 422"));
    std::string res =
        admin.Call("POST", "/api/admin/workshops/" + id + "/companies/logistique-armor/erase");
    ASSERT_THAT(res, StartsWith("HTTP/1.1 200")) << res;
    // The erasure is an event: a connected facilitator receives it.
    bool seen = false;
    for (int i = 0; i < 50 && !seen; ++i) {
      auto m = fac->Read(client::Millis(100));
      if (m && m->has_events()) {
        for (const auto& e : m->events().events()) seen |= e.has_company_data_erased();
      }
    }
    EXPECT_TRUE(seen);
    // A new snapshot and a replay of the whole log hold neither the contact nor the name.
    auto after = Connect(server);
    auto welcome = JoinWithToken(*after, server.facilitator_token());
    ASSERT_TRUE(welcome.has_welcome());
    EXPECT_THAT(welcome.welcome().snapshot().DebugString(), Not(HasSubstr(contact)));
    auto replay = Connect(server);
    v1::Join resume;
    resume.set_token(server.facilitator_token());
    resume.set_epoch(welcome.welcome().epoch());
    resume.set_last_seq(0);
    resume.set_has_last_seq(true);
    ASSERT_TRUE(replay->Join(resume).has_welcome());
    std::string replayed;
    for (int i = 0; i < 20; ++i) {
      auto m = replay->Read(client::Millis(100));
      if (m) replayed += m->DebugString();
    }
    EXPECT_THAT(replayed, HasSubstr("company_data_erased"));
    EXPECT_THAT(replayed, HasSubstr("Logistique Armor")) << "the company itself stays";
    EXPECT_THAT(replayed, Not(HasSubstr(contact)));
    server.Kill();
  }
  // What is on disk, after a kill -9.
  sqlite3* h = nullptr;
  ASSERT_EQ(sqlite3_open_v2(db.path().c_str(), &h, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
  sqlite3_stmt* q = nullptr;
  ASSERT_EQ(sqlite3_prepare_v2(h,
                               "SELECT count(*) FROM events WHERE instr(payload, ?) > 0 "
                               "OR (kind = 'participant_joined' AND instr(payload, 'Test') > 0)",
                               -1, &q, nullptr),
            SQLITE_OK);
  sqlite3_bind_blob(q, 1, contact.data(), static_cast<int>(contact.size()), SQLITE_STATIC);
  ASSERT_EQ(sqlite3_step(q), SQLITE_ROW);
  EXPECT_EQ(sqlite3_column_int(q, 0), 0);
  sqlite3_finalize(q);
  sqlite3_close(h);
  // A restarted server serves the erased state.
  ServerProcess again(db.path());
  auto fac = Connect(again);
  auto w = JoinWithToken(*fac, again.facilitator_token());
  ASSERT_TRUE(w.has_welcome());
  EXPECT_THAT(w.welcome().snapshot().DebugString(), Not(HasSubstr(contact)));
}

TEST(Admin, EveryStartPrintsTheConsoleLinksOfWorkshopsInUse) {
  TempDb db;
  std::string console;
  {
    ServerProcess server(db.path(), {}, false);
    Admin admin = AdminOf(server, db.path());
    json::value w =
        admin.Json("POST", "/api/admin/workshops", R"({"title":"Gardé","code":"KEEP42"})");
    console = std::string(w.at("links").at("consoles").as_array()[0].as_string());
    json::value gone =
        admin.Json("POST", "/api/admin/workshops", R"({"title":"Clos","code":"GONE42"})");
    admin.Json("POST", "/api/admin/workshops/" + Str(gone, "id") + "/close");
    EXPECT_EQ(server.Terminate(), 0);
  }
  ServerProcess again(db.path(), {}, false);
  std::string out = again.output();
  EXPECT_THAT(out, HasSubstr("KEEP42  Gardé"));
  EXPECT_THAT(out, HasSubstr(console));
  EXPECT_THAT(out, Not(HasSubstr("GONE42")));
  EXPECT_THAT(out, HasSubstr("/admin.html#admin="));
}

}  // namespace
}  // namespace atelier::testing
