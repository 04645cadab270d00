// After the workshop, against a real server: the replay log folds into
// exactly what live clients saw at every sequence number; exports parse back
// to what the database holds; follow-up changes survive restarts, in order,
// with their authors.
#include <gmock/gmock.h>
#include <google/protobuf/util/message_differencer.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <zlib.h>

#include <boost/beast/http.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "server/workshop/state.hpp"
#include "tests/integration/helpers.hpp"

namespace atelier::testing {
namespace {

namespace http = boost::beast::http;
using ::testing::HasSubstr;
using ::testing::StartsWith;

struct HttpAnswer {
  int status = 0;
  std::string content_type;
  std::string body;
};

HttpAnswer Get(uint16_t port, const std::string& target, const std::string& token) {
  boost::asio::io_context ioc;
  boost::beast::tcp_stream stream(ioc);
  stream.expires_after(std::chrono::seconds(10));
  stream.connect({boost::asio::ip::make_address("127.0.0.1"), port});
  http::request<http::empty_body> req{http::verb::get, target, 11};
  req.set(http::field::host, "127.0.0.1");
  if (!token.empty()) req.set(http::field::authorization, "Bearer " + token);
  http::write(stream, req);
  boost::beast::flat_buffer buffer;
  http::response_parser<http::string_body> parser;
  parser.body_limit(64 << 20);
  http::read(stream, buffer, parser);
  auto res = parser.release();
  return {static_cast<int>(res.result_int()), std::string(res[http::field::content_type]),
          res.body()};
}

std::string WorkshopId(uint16_t port, const std::string& token) {
  std::string me = Get(port, "/api/me", token).body;
  auto at = me.find("\"workshop_id\":\"");
  if (at == std::string::npos) return "";
  at += 15;
  return me.substr(at, me.find('"', at) - at);
}

v1::ClientMessage SetSynergyMsg(const v1::Synergy& s) {
  v1::ClientMessage msg;
  msg.set_command_id(Session::NewCommandId());
  *msg.mutable_set_synergy()->mutable_synergy() = s;
  return msg;
}

// Splits a French-Excel CSV (';', '"' quoting, CRLF) into rows of fields.
std::vector<std::vector<std::string>> ParseCsv(std::string_view text) {
  std::vector<std::vector<std::string>> rows(1);
  std::string field;
  bool quoted = false;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ';') {
      rows.back().push_back(std::move(field));
      field.clear();
    } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
      rows.back().push_back(std::move(field));
      field.clear();
      rows.emplace_back();
      ++i;
    } else {
      field += c;
    }
  }
  if (rows.back().empty()) rows.pop_back();
  return rows;
}

// A minimal .zip reader (central directory, stored or deflated entries): the
// XLSX is read back with zlib alone.
std::map<std::string, std::string> Unzip(const std::string& zip) {
  std::map<std::string, std::string> files;
  auto u16 = [&](size_t at) {
    return uint32_t(uint8_t(zip[at])) | uint32_t(uint8_t(zip[at + 1])) << 8;
  };
  auto u32 = [&](size_t at) { return u16(at) | u16(at + 2) << 16; };
  size_t eocd = zip.rfind(std::string("PK\x05\x06", 4));
  if (eocd == std::string::npos) return files;
  size_t entries = u16(eocd + 10);
  size_t at = u32(eocd + 16);
  for (size_t e = 0; e < entries; ++e) {
    uint32_t method = u16(at + 10);
    uint32_t csize = u32(at + 20);
    uint32_t usize = u32(at + 24);
    uint32_t nlen = u16(at + 28), xlen = u16(at + 30), clen = u16(at + 32);
    uint32_t local = u32(at + 42);
    std::string name = zip.substr(at + 46, nlen);
    at += 46 + nlen + xlen + clen;
    size_t data = local + 30 + u16(local + 26) + u16(local + 28);
    std::string out;
    if (method == 0) {
      out = zip.substr(data, csize);
    } else {
      out.resize(usize);
      z_stream zs{};
      inflateInit2(&zs, -MAX_WBITS);
      zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(zip.data() + data));
      zs.avail_in = csize;
      zs.next_out = reinterpret_cast<Bytef*>(out.data());
      zs.avail_out = usize;
      inflate(&zs, Z_FINISH);
      inflateEnd(&zs);
    }
    files[name] = std::move(out);
  }
  return files;
}

std::string XmlEscape(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '&')
      out += "&amp;";
    else if (c == '<')
      out += "&lt;";
    else if (c == '>')
      out += "&gt;";
    else
      out += c;
  }
  return out;
}

// Scripts a little workshop: two tablets post, the facilitator makes and
// follows a synergy. Returns the facilitator's live snapshot after each
// command, by sequence number.
std::map<uint64_t, v1::Snapshot> ScriptWorkshop(const ServerProcess& server, std::string* synergy) {
  std::map<uint64_t, v1::Snapshot> seen;
  EXPECT_EQ(server.facilitator_token().size(), 32u) << server.output();
  auto look = [&] {
    // A fresh facilitator connection: the snapshot a live client gets now.
    auto s = Connect(server);
    auto w = JoinWithToken(*s, server.facilitator_token());
    seen[w.welcome().snapshot().seq()] = w.welcome().snapshot();
  };
  look();
  auto alice = Connect(server);
  auto bob = Connect(server);
  auto facilitator = Connect(server);
  JoinAs(*alice, "logistique-armor");
  look();
  JoinAs(*bob, "menuiserie-ferrand");
  look();
  JoinWithToken(*facilitator, server.facilitator_token());
  auto a = alice->Command(PostCardMsg("Palettes ; \"EUR\" en bois, 12,5 t/an"));
  look();
  auto b = bob->Command(PostCardMsg("Besoin de palettes", v1::CARD_KIND_NEED, "dechet"));
  look();
  v1::Synergy s;
  s.set_kind(v1::SYNERGY_KIND_SUBSTITUTION);
  s.add_card_ids(a.ack().entity_id());
  s.add_card_ids(b.ack().entity_id());
  s.set_title("Palettes Armor → Ferrand");
  auto made = facilitator->Command(SetSynergyMsg(s));
  EXPECT_TRUE(made.has_ack()) << made.DebugString();
  *synergy = made.ack().entity_id();
  look();
  v1::Synergy follow;
  follow.set_id(*synergy);
  follow.set_status(v1::SYNERGY_STATUS_IN_PROGRESS);
  follow.set_estimated_tonnes(12.5);
  follow.set_estimated_co2e(3.25);
  follow.set_impact_basis("0,26 t CO2e par t de palettes réemployées");
  follow.add_notes()->set_text("Premier enlèvement le 12/01");
  EXPECT_TRUE(facilitator->Command(SetSynergyMsg(follow)).has_ack());
  look();
  auto w = bob->Command(PostCardMsg("Carte retirée ensuite", v1::CARD_KIND_OFFER, "matiere"));
  v1::ClientMessage withdraw;
  withdraw.set_command_id(Session::NewCommandId());
  withdraw.mutable_withdraw_card()->set_card_id(w.ack().entity_id());
  EXPECT_TRUE(bob->Command(withdraw).has_ack());
  look();
  return seen;
}

TEST(Replay, StateRebuiltAtEverySeqEqualsWhatLiveClientsSaw) {
  TempDb db;
  ServerProcess server(db.path());
  std::string synergy;
  auto seen = ScriptWorkshop(server, &synergy);
  std::string token = server.facilitator_token();
  std::string id = WorkshopId(server.port(), token);
  ASSERT_FALSE(id.empty());
  HttpAnswer log = Get(server.port(), "/api/workshops/" + id + "/events", token);
  ASSERT_EQ(log.status, 200);
  EXPECT_EQ(log.content_type, "application/x-protobuf");
  v1::EventBatch batch;
  ASSERT_TRUE(batch.ParseFromString(log.body));
  ASSERT_EQ(batch.events_size(), static_cast<int>(seen.rbegin()->first));

  workshop::WorkshopState state;
  size_t compared = 0;
  for (const v1::Event& e : batch.events()) {
    ASSERT_EQ(e.seq(), state.seq() + 1);
    state.Apply(e);
    auto it = seen.find(e.seq());
    if (it == seen.end()) continue;
    std::string diff;
    google::protobuf::util::MessageDifferencer d;
    d.ReportDifferencesToString(&diff);
    EXPECT_TRUE(d.Compare(it->second, state.FullSnapshot())) << "seq " << e.seq() << ": " << diff;
    ++compared;
  }
  EXPECT_EQ(compared, seen.size());

  // Only the workshop's facilitator may read it.
  EXPECT_EQ(Get(server.port(), "/api/workshops/" + id + "/events", "").status, 401);
  EXPECT_EQ(Get(server.port(), "/api/workshops/" + id + "/events", "0123456789abcdef").status, 401);
  EXPECT_EQ(Get(server.port(), "/api/workshops/other/events", token).status, 403);
}

std::string Slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// Runs the atelier tool; returns its exit status.
int Cli(const std::string& args) {
  std::string command = std::string(ATELIER_CLI_BIN) + " " + args + " >/dev/null 2>&1";
  int status = std::system(command.c_str());
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

TEST(Exports, TheCommandLineToolWritesWhatTheServerServes) {
  TempDb db;
  const std::string out = std::filesystem::path(db.path()).parent_path().string() + "/exports";
  std::map<std::string, std::string> served;
  std::string id;
  {
    ServerProcess server(db.path());
    std::string synergy;
    ScriptWorkshop(server, &synergy);
    std::string token = server.facilitator_token();
    id = WorkshopId(server.port(), token);
    ASSERT_FALSE(id.empty());
    for (const char* name :
         {"companies.csv", "cards.csv", "matches.csv", "synergies.csv", "report.html"}) {
      HttpAnswer a = Get(server.port(), "/api/workshops/" + id + "/export/" + name, token);
      ASSERT_EQ(a.status, 200) << name;
      served[name] = a.body;
    }
    HttpAnswer programme = Get(server.port(), "/api/territory/report.html", token);
    ASSERT_EQ(programme.status, 200);
    served["programme.html"] = programme.body;
    EXPECT_EQ(Get(server.port(), "/api/territory/report.html?territory=Ailleurs", token).status,
              403);
    // The database of a running server can be read: the tool writes nothing to it.
    ASSERT_EQ(Cli("export --db " + db.path() + " --code demo42 --out " + out), 0);
    EXPECT_EQ(server.Terminate(), 0);
  }
  // Files named for people: atelier-<titre>-<date>-<contenu>.
  std::map<std::string, std::string> written;
  for (const auto& entry : std::filesystem::directory_iterator(out)) {
    written[entry.path().filename().string()] = Slurp(entry.path().string());
  }
  const std::map<std::string, std::string> parts = {{"companies.csv", "entreprises.csv"},
                                                    {"cards.csv", "cartes.csv"},
                                                    {"matches.csv", "correspondances.csv"},
                                                    {"synergies.csv", "synergies.csv"}};
  std::string xlsx;
  for (const auto& [file, bytes] : written) {
    ASSERT_THAT(file, StartsWith("atelier-")) << file;
    if (file.size() > 5 && file.substr(file.size() - 5) == ".xlsx") {
      EXPECT_THAT(file, ::testing::EndsWith("-synergies.xlsx"));
      xlsx = bytes;
    }
  }
  for (const auto& [name, part] : parts) {
    bool found = false;
    for (const auto& [file, bytes] : written) {
      if (file.size() > part.size() && file.substr(file.size() - part.size() - 1) == "-" + part) {
        EXPECT_EQ(bytes, served[name]) << name;
        found = true;
      }
    }
    EXPECT_TRUE(found) << part;
  }
  // The workbook: a zip archive holding the four sheets.
  EXPECT_THAT(xlsx, StartsWith("PK"));
  EXPECT_THAT(xlsx, HasSubstr("xl/worksheets/sheet4.xml"));

  ASSERT_EQ(Cli("report --db " + db.path() + " --code DEMO42 --out " + out + "/rapport.html"), 0);
  const std::string report = Slurp(out + "/rapport.html");
  EXPECT_EQ(report, served["report.html"]);
  EXPECT_THAT(report, HasSubstr("Palettes Armor → Ferrand"));

  ASSERT_EQ(Cli("report --db " + db.path() + " --territory 'Rennes Métropole' --out " + out +
                "/programme1.html"),
            0);
  EXPECT_EQ(Slurp(out + "/programme1.html"), served["programme.html"]);
  EXPECT_THAT(served["programme.html"], HasSubstr("<strong>1</strong>atelier tenu<"));

  // A second workshop of the territory: the programme's report covers both.
  ASSERT_EQ(Cli("create-workshop --db " + db.path() +
                " --title 'Atelier ZA Sud' --date 2027-03-18 --territory 'Rennes Métropole'"),
            0);
  ASSERT_EQ(Cli("report --db " + db.path() + " --territory 'Rennes Métropole' --out " + out +
                "/programme.html"),
            0);
  const std::string programme = Slurp(out + "/programme.html");
  EXPECT_THAT(programme, HasSubstr("Programme — Rennes Métropole"));
  EXPECT_THAT(programme, HasSubstr("<strong>2</strong>ateliers tenus"));
  EXPECT_THAT(programme, HasSubstr("Atelier ZA Sud"));
  EXPECT_THAT(programme, HasSubstr("Palettes Armor → Ferrand"));
  ASSERT_EQ(Cli("report --db " + db.path() + " --code DEMO42 --out " + out + "/rapport2.html"), 0);
  EXPECT_THAT(Slurp(out + "/rapport2.html"), HasSubstr("<strong>2</strong>ateliers tenus"));

  // A wrong code or format is refused, and nothing is written (exit codes: docs/cli.md).
  EXPECT_EQ(Cli("report --db " + db.path() + " --code NOPE00 --out " + out + "/autre.html"), 4);
  EXPECT_FALSE(std::filesystem::exists(out + "/autre.html"));
  EXPECT_EQ(Cli("export --db " + db.path() + " --code DEMO42 --out " + out + "/x --format pdf"), 2);
  EXPECT_FALSE(std::filesystem::exists(out + "/x"));
  EXPECT_EQ(Cli("report --db " + db.path() + " --territory Ailleurs --out " + out + "/y.html"), 4);
  EXPECT_FALSE(std::filesystem::exists(out + "/y.html"));
}

TEST(Exports, CsvAndXlsxParseBackToWhatTheDatabaseHolds) {
  TempDb db;
  ServerProcess server(db.path());
  std::string synergy;
  ScriptWorkshop(server, &synergy);
  std::string token = server.facilitator_token();
  std::string id = WorkshopId(server.port(), token);
  std::string base = "/api/workshops/" + id + "/export/";

  // The stable machine header row, on request.
  HttpAnswer cards = Get(server.port(), base + "cards.csv?entetes=machine", token);
  ASSERT_EQ(cards.status, 200);
  EXPECT_THAT(cards.content_type, StartsWith("text/csv"));
  ASSERT_THAT(cards.body, StartsWith("\xEF\xBB\xBF"));
  EXPECT_THAT(cards.body, HasSubstr("\r\n"));
  auto rows = ParseCsv(std::string_view(cards.body).substr(3));
  ASSERT_GE(rows.size(), 2u);
  EXPECT_EQ(rows[0][0], "id");
  EXPECT_EQ(rows[0][5], "texte");
  std::map<std::string, std::vector<std::string>> by_id;
  for (size_t i = 1; i < rows.size(); ++i) {
    ASSERT_EQ(rows[i].size(), rows[0].size()) << "row " << i;
    by_id[rows[i][0]] = rows[i];
  }
  // Every card of the database's projection, with its text and state.
  sqlite3* conn = nullptr;
  ASSERT_EQ(sqlite3_open_v2(db.path().c_str(), &conn, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
  sqlite3_stmt* st = nullptr;
  ASSERT_EQ(sqlite3_prepare_v2(conn,
                               "SELECT id, company_id, kind, category, text, withdrawn FROM cards "
                               "WHERE workshop_id=?",
                               -1, &st, nullptr),
            SQLITE_OK);
  sqlite3_bind_text(st, 1, id.c_str(), -1, SQLITE_TRANSIENT);
  size_t n = 0;
  std::vector<std::string> db_texts;
  while (sqlite3_step(st) == SQLITE_ROW) {
    auto col = [&](int c) {
      return std::string(reinterpret_cast<const char*>(sqlite3_column_text(st, c)));
    };
    ASSERT_TRUE(by_id.count(col(0))) << col(0);
    const auto& row = by_id[col(0)];
    EXPECT_EQ(row[1], col(1));
    EXPECT_EQ(row[3], col(2) == "offer" ? "offre" : "besoin");
    EXPECT_EQ(row[4], col(3));
    EXPECT_EQ(row[5], col(4));
    EXPECT_EQ(row[16], sqlite3_column_int(st, 5) ? "oui" : "non");
    db_texts.push_back(col(4));
    ++n;
  }
  sqlite3_finalize(st);
  sqlite3_close(conn);
  EXPECT_EQ(n, by_id.size());
  EXPECT_THAT(db_texts, ::testing::Contains("Palettes ; \"EUR\" en bois, 12,5 t/an"));

  HttpAnswer syn = Get(server.port(), base + "synergies.csv?entetes=machine", token);
  auto srows = ParseCsv(std::string_view(syn.body).substr(3));
  ASSERT_EQ(srows.size(), 2u);
  auto col = [&](const char* name) {
    auto it = std::find(srows[0].begin(), srows[0].end(), name);
    return it == srows[0].end() ? std::string("?") : srows[1][it - srows[0].begin()];
  };
  EXPECT_EQ(col("id"), synergy);
  EXPECT_EQ(col("statut"), "en cours");
  EXPECT_EQ(col("estimated_tonnes"), "12,5");  // decimal comma
  EXPECT_EQ(col("estimated_co2e"), "3,25");
  EXPECT_EQ(col("entreprises"), "Logistique Armor, Menuiserie Ferrand");
  EXPECT_THAT(col("notes"), HasSubstr("Premier enlèvement le 12/01"));
  EXPECT_EQ(col("base_de_calcul"), "0,26 t CO2e par t de palettes réemployées");
  for (const char* name : {"companies.csv", "matches.csv"}) {
    EXPECT_EQ(Get(server.port(), base + name, token).status, 200) << name;
  }

  HttpAnswer report = Get(server.port(), base + "report.html", token);
  ASSERT_EQ(report.status, 200);
  EXPECT_THAT(report.body, HasSubstr("<svg class=\"chart\""));
  EXPECT_THAT(report.body, HasSubstr("Palettes Armor → Ferrand"));
  EXPECT_THAT(report.body, HasSubstr("12,5"));  // estimated tonnes, French style

  HttpAnswer xlsx = Get(server.port(), base + "workshop.xlsx", token);
  ASSERT_EQ(xlsx.status, 200);
  EXPECT_THAT(xlsx.content_type, HasSubstr("spreadsheetml"));
  auto files = Unzip(xlsx.body);
  ASSERT_TRUE(files.count("xl/workbook.xml"));
  for (const char* sheet : {"Entreprises", "Cartes", "Correspondances", "Synergies"}) {
    EXPECT_THAT(files["xl/workbook.xml"], HasSubstr(std::string("name=\"") + sheet + "\""));
  }
  std::string strings = files["xl/sharedStrings.xml"];
  for (const auto& text : db_texts) EXPECT_THAT(strings, HasSubstr(XmlEscape(text)));
  EXPECT_THAT(strings, HasSubstr("Menuiserie Ferrand"));
  // The synergies sheet keeps figures as numbers.
  EXPECT_THAT(files["xl/worksheets/sheet4.xml"], HasSubstr("<v>12.5</v>"));
  EXPECT_THAT(files["xl/worksheets/sheet4.xml"], HasSubstr("<v>3.25</v>"));
}

TEST(FollowUp, ChangesAfterRestartsAreKeptInOrderWithTheirAuthors) {
  TempDb db;
  std::string token;
  std::string synergy;
  {
    ServerProcess server(db.path());
    token = server.facilitator_token();
    ASSERT_EQ(token.size(), 32u) << server.output();
    ScriptWorkshop(server, &synergy);
    // The workshop is closed; follow-up goes on.
    auto f = Connect(server);
    JoinWithToken(*f, token);
    v1::ClientMessage close;
    close.set_command_id(Session::NewCommandId());
    close.mutable_update_workshop()->mutable_workshop()->set_status(v1::WORKSHOP_STATUS_CLOSED);
    ASSERT_TRUE(f->Command(close).has_ack());
    EXPECT_EQ(server.Terminate(), 0);
  }
  std::string author;
  for (int round = 0; round < 2; ++round) {
    ServerProcess server(db.path());
    auto f = Connect(server);
    auto w = JoinWithToken(*f, token);
    ASSERT_TRUE(w.has_welcome()) << w.DebugString();
    author = w.welcome().participant_id();
    v1::Synergy s;
    s.set_id(synergy);
    if (round == 0) {
      s.set_status(v1::SYNERGY_STATUS_REALISED);
      s.set_verified_tonnes(10);
      s.add_set_fields("estimated_co2e");  // back to 0 on purpose
      s.add_notes()->set_text("Réalisée : 10 t enlevées");
    } else {
      s.set_status(v1::SYNERGY_STATUS_ABANDONED);
      s.set_abandon_reason("partenaire_retire");
      s.add_notes()->set_text("Ferrand a fermé son site");
    }
    auto answer = f->Command(SetSynergyMsg(s));
    ASSERT_TRUE(answer.has_ack()) << answer.DebugString();
    // A reason outside the list is refused.
    s.set_abandon_reason("météo");
    auto bad = f->Command(SetSynergyMsg(s));
    ASSERT_TRUE(bad.has_error());
    EXPECT_EQ(bad.error().code(), v1::ERROR_CODE_INVALID);
    EXPECT_EQ(server.Terminate(), 0);
  }
  ServerProcess server(db.path());
  auto f = Connect(server);
  auto w = JoinWithToken(*f, token);
  const v1::Snapshot& snap = w.welcome().snapshot();
  ASSERT_EQ(snap.synergies_size(), 1);
  const v1::Synergy& s = snap.synergies(0);
  EXPECT_EQ(s.status(), v1::SYNERGY_STATUS_ABANDONED);
  EXPECT_EQ(s.abandon_reason(), "partenaire_retire");
  EXPECT_EQ(s.estimated_tonnes(), 12.5);
  EXPECT_EQ(s.estimated_co2e(), 0);
  EXPECT_EQ(s.verified_tonnes(), 10);
  EXPECT_EQ(s.updated_by(), author);
  ASSERT_EQ(s.notes_size(), 3);
  EXPECT_EQ(s.notes(0).text(), "Premier enlèvement le 12/01");
  EXPECT_EQ(s.notes(1).text(), "Réalisée : 10 t enlevées");
  EXPECT_EQ(s.notes(2).text(), "Ferrand a fermé son site");
  for (const auto& n : s.notes()) EXPECT_EQ(n.author(), author);
  EXPECT_LE(s.notes(0).at_ms(), s.notes(1).at_ms());
  EXPECT_LE(s.notes(1).at_ms(), s.notes(2).at_ms());
}

}  // namespace
}  // namespace atelier::testing
