// Spreadsheets in and out over real sockets: the facilitator's import route (preview, then
// confirmation with a choice for duplicates) and the exports read back by the import's own
// reader, XLSX included, then imported again (round trip).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <fstream>
#include <sstream>
#include <string>

#include "server/sheets/company_import.hpp"
#include "server/sheets/xlsx_reader.hpp"
#include "tests/integration/helpers.hpp"

namespace atelier::testing {
namespace {

namespace json = boost::json;
using ::testing::HasSubstr;
using ::testing::StartsWith;

struct Answer {
  std::string head;
  std::string body;
  int status() const { return std::stoi(head.substr(9, 3)); }
};

Answer Call(const ServerProcess& server, const std::string& method, const std::string& target,
            const std::string& body = "") {
  std::string res = Http(server.port(), method, target,
                         "Authorization: Bearer " + server.facilitator_token() + "\r\n", body);
  const auto at = res.find("\r\n\r\n");
  return {res.substr(0, at), at == std::string::npos ? "" : res.substr(at + 4)};
}

std::string WorkshopId(const ServerProcess& server) {
  return std::string(
      json::parse(Call(server, "GET", "/api/me").body).at("workshop_id").as_string());
}

std::string Fixture(const std::string& name) {
  std::ifstream in(std::string(ATELIER_SHEETS_TESTDATA) + "/" + name, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// Column `header` of the rows read back, by the header's text.
std::string Cell(const sheets::ReadResult& r, std::size_t row, const std::string& header) {
  const auto& h = r.rows.front().cells;
  for (std::size_t i = 0; i < h.size(); ++i) {
    if (h[i] == header) return i < r.rows[row].cells.size() ? r.rows[row].cells[i] : "";
  }
  return "<no column " + header + ">";
}

std::size_t RowOf(const sheets::ReadResult& r, const std::string& header, const std::string& v) {
  for (std::size_t i = 1; i < r.rows.size(); ++i) {
    if (Cell(r, i, header) == v) return i;
  }
  return 0;
}

TEST(Sheets, AWindows1252FileIsPreviewedThenImportedOnlyWhenConfirmed) {
  TempDb db;
  ServerProcess server(db.path());
  const std::string file = Fixture("entreprises-windows-1252.csv");
  ASSERT_FALSE(file.empty());
  Answer preview = Call(server, "POST", "/api/import/companies", file);
  ASSERT_EQ(preview.status(), 200) << preview.body;
  json::object p = json::parse(preview.body).as_object();
  EXPECT_EQ(p.at("encoding").as_string(), "Windows-1252 (ANSI)");
  EXPECT_EQ(p.at("separator").as_string(), "« ; »");
  EXPECT_EQ(p.at("companies").as_array().size(), 4u);
  EXPECT_EQ(p.at("companies").as_array()[1].at("name").as_string(),
            "Société Bretonne d'Emballages");
  EXPECT_EQ(p.at("unknown_columns").as_array().size(), 1u);
  EXPECT_TRUE(p.at("errors").as_array().empty());
  // A preview imports nothing.
  const std::string export_path = "/api/workshops/" + WorkshopId(server) + "/export/companies.csv";
  auto lobby = [&] {
    return static_cast<int>(
               sheets::ReadSpreadsheet(Call(server, "GET", export_path).body).rows.size()) -
           1;
  };
  const int demo = lobby();
  Answer done = Call(server, "POST", "/api/import/companies?confirmer=1", file);
  ASSERT_EQ(done.status(), 200) << done.body;
  EXPECT_EQ(json::parse(done.body).at("added").as_int64(), 4);
  EXPECT_EQ(lobby(), demo + 4);
  // The same file again: four duplicates, a choice is needed, then « ignorer » adds nothing.
  Answer again = Call(server, "POST", "/api/import/companies?confirmer=1", file);
  EXPECT_EQ(again.status(), 422);
  EXPECT_THAT(again.body, HasSubstr("4 entreprise(s) déjà dans l'atelier"));
  Answer skip = Call(server, "POST", "/api/import/companies?confirmer=1&doublons=ignorer", file);
  ASSERT_EQ(skip.status(), 200) << skip.body;
  EXPECT_EQ(json::parse(skip.body).at("skipped").as_int64(), 4);
  EXPECT_EQ(lobby(), demo + 4);
  // A table outside the workshop is an error with its line, column and value, not table 0.
  Answer bad = Call(server, "POST", "/api/import/companies?confirmer=1",
                    "Nom;N° de table\r\nHors salle;99\r\n");
  EXPECT_EQ(bad.status(), 422);
  json::object e = json::parse(bad.body).at("errors").as_array()[0].as_object();
  EXPECT_EQ(e.at("line").as_int64(), 2);
  EXPECT_EQ(e.at("cell").as_string(), "B2");
  EXPECT_EQ(e.at("value").as_string(), "99");
  EXPECT_EQ(Call(server, "POST", "/api/import/companies", "").status(), 200);
  std::string res = Http(server.port(), "POST", "/api/import/companies", "", "nom\nX\n");
  EXPECT_THAT(res, StartsWith("HTTP/1.1 401"));
}

TEST(Sheets, ExportsReadBackAsFrenchSpreadsheetsAndImportAgain) {
  TempDb db;
  ServerProcess server(db.path());
  // A company with every figure, one with none.
  Answer imported =
      Call(server, "POST", "/api/import/companies?confirmer=1",
           "\xEF\xBB\xBFNom;SIRET;Adresse;Latitude;Longitude;Effectif;Table\r\n"
           "Scierie du Test;382 123 456 00012;12 rue du Bois, 35000 Rennes;48,117312345678;"
           "-1,677793123456;12;2\r\n"
           "Atelier Sans Chiffres;;;;;;\r\n");
  ASSERT_EQ(imported.status(), 200) << imported.body;
  const std::string base = "/api/workshops/" + WorkshopId(server) + "/export/";

  Answer csv = Call(server, "GET", base + "companies.csv");
  ASSERT_EQ(csv.status(), 200);
  EXPECT_THAT(csv.head, HasSubstr("filename=\"atelier-"));
  EXPECT_THAT(csv.head, HasSubstr("-entreprises.csv\""));
  ASSERT_THAT(csv.body, StartsWith("\xEF\xBB\xBF"));
  sheets::ReadResult c = sheets::ReadSpreadsheet(csv.body);
  ASSERT_TRUE(c.ok()) << c.error;
  EXPECT_EQ(c.source.separator, ';');
  EXPECT_EQ(c.source.encoding, sheets::Encoding::kUtf8Bom);
  EXPECT_EQ(c.source.line_ending, "CRLF");
  EXPECT_EQ(c.rows[0].cells[1], "Nom");
  std::size_t ferrand = RowOf(c, "Nom", "Scierie du Test");
  std::size_t empty = RowOf(c, "Nom", "Atelier Sans Chiffres");
  ASSERT_GT(ferrand, 0u);
  ASSERT_GT(empty, 0u);
  EXPECT_EQ(Cell(c, ferrand, "SIRET"), "382 123 456 00012");  // stays text in Excel
  EXPECT_EQ(Cell(c, ferrand, "Latitude"), "48,117312345678");
  EXPECT_EQ(Cell(c, ferrand, "Longitude"), "-1,677793123456");
  EXPECT_EQ(Cell(c, ferrand, "Effectif"), "12");
  EXPECT_EQ(Cell(c, empty, "Effectif"), "");  // never entered: empty, not 0
  EXPECT_EQ(Cell(c, empty, "Table"), "");
  EXPECT_EQ(Cell(c, empty, "Latitude"), "");

  Answer machine = Call(server, "GET", base + "companies.csv?entetes=machine");
  EXPECT_THAT(machine.body, StartsWith("\xEF\xBB\xBFid;nom;siret;naf;zone;adresse;latitude"));

  Answer xlsx = Call(server, "GET", base + "workshop.xlsx");
  ASSERT_EQ(xlsx.status(), 200);
  EXPECT_THAT(xlsx.head, HasSubstr("-synergies.xlsx\""));
  sheets::ReadResult x = sheets::ReadSpreadsheet(xlsx.body);
  ASSERT_TRUE(x.ok()) << x.error;
  EXPECT_EQ(x.source.sheet_names,
            (std::vector<std::string>{"Entreprises", "Cartes", "Correspondances", "Synergies"}));
  ferrand = RowOf(x, "Nom", "Scierie du Test");
  ASSERT_GT(ferrand, 0u);
  EXPECT_EQ(Cell(x, ferrand, "SIRET"), "38212345600012");
  EXPECT_EQ(Cell(x, ferrand, "Latitude"), "48.117312345678");
  EXPECT_EQ(Cell(x, RowOf(x, "Nom", "Atelier Sans Chiffres"), "Effectif"), "");
  const std::string sheet1 = *sheets::ReadZipMember(xlsx.body, "xl/worksheets/sheet1.xml");
  EXPECT_THAT(sheet1, HasSubstr("<autoFilter ref=\"A1:N"));
  EXPECT_THAT(sheet1, HasSubstr("state=\"frozen\""));
  EXPECT_THAT(sheet1, HasSubstr("<col "));
  EXPECT_THAT(sheet1, HasSubstr("customWidth=\"1\""));
  // SIRET is a text cell (shared string), never a number.
  EXPECT_THAT(sheet1, ::testing::Not(HasSubstr("<v>38212345600012</v>")));
  // Cards: the posting time is a date cell (the reader shows date cells as AAAA-MM-JJ HH:MM).
  sheets::ReadResult cards = sheets::ReadSpreadsheet(xlsx.body, "Cartes");
  ASSERT_TRUE(cards.ok());
  ASSERT_GE(cards.rows.size(), 2u);
  EXPECT_THAT(Cell(cards, 1, "Publiée le"),
              ::testing::MatchesRegex("20[0-9][0-9]-[01][0-9]-[0-3][0-9] [0-2][0-9]:[0-5][0-9]"));

  // Round trip: the exported file imports back into the same workshop, as duplicates.
  for (const std::string& target : {std::string("/api/import/companies"),
                                    std::string("/api/import/companies?feuille=Entreprises")}) {
    const std::string& bytes = target.find("feuille") == std::string::npos ? csv.body : xlsx.body;
    Answer back = Call(server, "POST", target, bytes);
    ASSERT_EQ(back.status(), 200) << back.body;
    json::object p = json::parse(back.body).as_object();
    EXPECT_TRUE(p.at("errors").as_array().empty()) << back.body;
    EXPECT_TRUE(p.at("unknown_columns").as_array().empty()) << back.body;
    const auto& rows = p.at("companies").as_array();
    EXPECT_EQ(p.at("duplicates").as_int64(), static_cast<int64_t>(rows.size())) << back.body;
    for (const auto& r : rows) {
      if (r.at("name").as_string() != "Scierie du Test") continue;
      EXPECT_EQ(r.at("siret").as_string(), "38212345600012");
      EXPECT_DOUBLE_EQ(r.at("lat").as_double(), 48.117312345678);
      EXPECT_EQ(r.at("table").as_int64(), 2);
      EXPECT_EQ(r.at("duplicate").at("by").as_string(), "siret");
    }
    Answer update = Call(
        server, "POST",
        target + (target.find('?') == std::string::npos ? "?" : "&") + "confirmer=1&doublons=maj",
        bytes);
    ASSERT_EQ(update.status(), 200) << update.body;
    EXPECT_EQ(json::parse(update.body).at("added").as_int64(), 0);
  }
  // What was exported, updated from itself, exports the same.
  EXPECT_EQ(Call(server, "GET", base + "companies.csv").body, csv.body);
}

}  // namespace
}  // namespace atelier::testing
