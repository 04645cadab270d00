// Input files of `atelier match`: JSON and French-Excel CSV, and the errors people get.
#include "client/cli/card_files.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "client/cli/match_command.hpp"

namespace atelier::cli {
namespace {

TEST(MatchCliFilesTest, ReadsExcelCsvCards) {
  const auto r = ParseCards("cartes.csv",
                            "\xEF\xBB\xBFid;company_id;Kind;text;quantity;months;waste_code\r\n"
                            "k1;c1;offre;\"Palettes; bois\";1,5;6-8;150103\r\n"
                            "k2;c2;besoin;cartons;;11-2;\r\n");
  ASSERT_FALSE(r.error) << r.error->ToString();
  ASSERT_EQ(r.items.size(), 2u);
  EXPECT_EQ(r.items[0].kind, match::CardKind::kOffer);
  EXPECT_EQ(r.items[0].text, "Palettes; bois");
  EXPECT_DOUBLE_EQ(*r.items[0].quantity, 1.5);
  EXPECT_EQ(r.items[0].months, (std::vector<int>{6, 7, 8}));
  EXPECT_EQ(r.items[1].kind, match::CardKind::kNeed);
  EXPECT_FALSE(r.items[1].quantity);
  EXPECT_EQ(r.items[1].months, (std::vector<int>{11, 12, 1, 2}));
}

TEST(MatchCliFilesTest, ReadsFrenchColumnNames) {
  const auto companies = ParseCompanies("entreprises.csv",
                                        "\xEF\xBB\xBFid;Nom;Effectif;Latitude;Longitude;ESS\r\n"
                                        "c1;Brasserie du Blosne;12;48,08;-1,66;non\r\n");
  ASSERT_FALSE(companies.error) << companies.error->ToString();
  ASSERT_EQ(companies.items.size(), 1u);
  EXPECT_EQ(companies.items[0].name, "Brasserie du Blosne");
  EXPECT_EQ(companies.items[0].headcount, 12);
  EXPECT_DOUBLE_EQ(*companies.items[0].lon, -1.66);
  const auto cards = ParseCards("fiches.csv",
                                "id;Entreprise;Type;Texte;Quantité;Unité;Catégorie\r\n"
                                "k1;c1;besoin;Drêches à enlever;3;t;dechet\r\n");
  ASSERT_FALSE(cards.error) << cards.error->ToString();
  ASSERT_EQ(cards.items.size(), 1u);
  EXPECT_EQ(cards.items[0].company_id, "c1");
  EXPECT_EQ(cards.items[0].kind, match::CardKind::kNeed);
  EXPECT_EQ(cards.items[0].text, "Drêches à enlever");
  EXPECT_DOUBLE_EQ(*cards.items[0].quantity, 3.0);
  EXPECT_EQ(cards.items[0].unit, "t");
  EXPECT_EQ(cards.items[0].category, "dechet");
}

TEST(MatchCliFilesTest, ReadsJsonCompaniesAndIgnoresUnknownFields) {
  const auto r = ParseCompanies("e.json",
                                R"([{"id": "c1", "name": "A", "ess": "oui", "lat": 48.1,
                                     "lon": -1.6, "couleur": "bleu"},
                                    {"id": 2, "name": "B", "ess": false, "headcount": 12}])");
  ASSERT_FALSE(r.error) << r.error->ToString();
  ASSERT_EQ(r.items.size(), 2u);
  EXPECT_TRUE(r.items[0].ess);
  EXPECT_DOUBLE_EQ(*r.items[0].lat, 48.1);
  EXPECT_EQ(r.items[1].id, "2");
  EXPECT_EQ(r.items[1].headcount, 12);
}

TEST(MatchCliFilesTest, ErrorsNameFileLineAndField) {
  auto r =
      ParseCards("c.csv", "id;company_id;kind;text;quantity\nk1;c1;offer;x;1\nk2;c1;offer;y;abc\n");
  ASSERT_TRUE(r.error);
  EXPECT_EQ(r.error->ToString(),
            "c.csv:3: champ « quantity » : « abc » n'est pas un nombre : chiffres et une virgule "
            "seulement (ex. 4 800,50).");
  r = ParseCards(
      "c.json",
      "[\n{\"id\": \"k1\", \"company_id\": \"c1\", \"kind\": \"offer\", \"text\": \"x\"},\n"
      "{\"id\": \"k2\", \"company_id\": \"c1\", \"kind\": \"troc\", \"text\": \"y\"}\n]");
  ASSERT_TRUE(r.error);
  EXPECT_EQ(r.error->line, 3u);
  EXPECT_EQ(r.error->field, "kind");
  r = ParseCards("c.json",
                 "[{\"id\": \"k1\", \"company_id\": \"c1\", \"kind\": \"offer\", \"text\": \"x\","
                 " \"months\": [13]}]");
  ASSERT_TRUE(r.error);
  EXPECT_EQ(r.error->field, "months");
  r = ParseCards("c.csv", "id;company_id;kind;text;waste_code\nk1;c1;offer;x;15 01\n");
  ASSERT_TRUE(r.error);
  EXPECT_EQ(r.error->field, "waste_code");
}

TEST(MatchCliFilesTest, MalformedJsonAndOtherSeparatorsAndEncodings) {
  auto r = ParseCompanies("e.json", "[{\"id\": \"c1\",\n\"name\": }]");
  ASSERT_TRUE(r.error);
  EXPECT_EQ(r.error->line, 2u);
  // The spreadsheet reader of the imports: `,` and tab files, Windows-1252, « N° » headers.
  r = ParseCompanies("e.csv", "id,name\nc1,A\n");
  ASSERT_FALSE(r.error) << r.error->ToString();
  EXPECT_EQ(r.items[0].name, "A");
  r = ParseCompanies(
      "e.csv", "Identifiant\tRaison sociale\tN\xB0 SIRET\nc1\tSoci\xE9t\xE9\t40000000000001\n");
  ASSERT_FALSE(r.error) << r.error->ToString();
  EXPECT_EQ(r.items[0].id, "c1");
  EXPECT_EQ(r.items[0].name, "Société");
  EXPECT_EQ(r.items[0].siret, "40000000000001");
}

TEST(MatchCliFilesTest, DuplicateIdsAndUnknownCompanies) {
  auto companies = ParseCompanies("e.csv", "id;name\nc1;A\nc1;B\n");
  ASSERT_TRUE(companies.error);
  EXPECT_EQ(companies.error->field, "id");
  companies = ParseCompanies("e.csv", "id;name\nc1;A\n");
  const std::string cards_text = "id;company_id;kind;text\nk1;c9;need;x\n";
  const auto cards = ParseCards("c.csv", cards_text);
  const auto e = CheckCompanies("c.csv", cards_text, companies.items, cards.items);
  ASSERT_TRUE(e);
  EXPECT_EQ(e->line, 2u);
  EXPECT_EQ(e->field, "company_id");
}

TEST(MatchCliFilesTest, JsonLineFormat) {
  match::Match m;
  m.card_ids = {"k1", "k2"};
  m.company_ids = {"a", "b"};
  m.kind = match::SynergyKind::kEssBridge;
  m.score = 0.87;
  m.reasons = {"Distance : 3,2 km", "guillemet \""};
  m.hazardous = true;
  EXPECT_EQ(MatchToJsonLine(m),
            "{\"cards\": [\"k1\", \"k2\"], \"kind\": \"ess_bridge\", \"score\": 0.87, \"reasons\": "
            "[\"Distance : 3,2 km\", \"guillemet \\\"\"], \"companies\": [\"a\", \"b\"], "
            "\"hazardous\": true}");
}

TEST(MatchCliFilesTest, ExplainListsRejectedPairsWithTheirConstraint) {
  const auto dir =
      std::filesystem::temp_directory_path() /
      ("atelier_explain_" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()));
  std::filesystem::create_directories(dir);
  const std::string companies = (dir / "c.json").string();
  const std::string cards = (dir / "k.json").string();
  std::ofstream(companies)
      << R"([{"id": "a", "name": "Surgelés"}, {"id": "b", "name": "Traiteur"}])";
  std::ofstream(cards) << R"([
    {"id": "k1", "company_id": "a", "kind": "offer", "text": "chambre froide négative -20 °C"},
    {"id": "k2", "company_id": "b", "kind": "need", "text": "chambre froide à +2 °C"}])";
  std::ostringstream out, err;
  const std::vector<std::string> args = {"--companies", companies, "--cards", cards, "--explain"};
  EXPECT_EQ(RunMatch(args, out, err), 0) << err.str();
  EXPECT_EQ(out.str(),
            "{\"cards\": [\"k1\", \"k2\"], \"rejected\": \"Températures incompatibles : froid "
            "négatif offert, froid positif demandé\"}\n");
  std::ostringstream plain;
  const std::vector<std::string> no_explain = {"--companies", companies, "--cards", cards};
  EXPECT_EQ(RunMatch(no_explain, plain, err), 0);
  EXPECT_EQ(plain.str(), "");
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace atelier::cli
