#include "server/sheets/spreadsheet.hpp"

#include <gtest/gtest.h>

namespace atelier::sheets {
namespace {

TEST(SpreadsheetTest, SemicolonCommaAndTabAreDetectedAndSaid) {
  auto semi = ReadSpreadsheet("\xEF\xBB\xBFnom;lat\r\nA;48,1\r\n");
  ASSERT_TRUE(semi.ok()) << semi.error;
  EXPECT_EQ(semi.source.separator, ';');
  EXPECT_EQ(semi.source.line_ending, "CRLF");
  EXPECT_EQ(semi.source.Describe(), "CSV, UTF-8 avec BOM, séparateur « ; », fins de ligne CRLF");
  EXPECT_EQ(semi.rows[1].cells, (std::vector<std::string>{"A", "48,1"}));

  auto comma = ReadSpreadsheet("nom,lat\nA,\"48,1\"\n");
  EXPECT_EQ(comma.source.separator, ',');
  EXPECT_EQ(comma.source.line_ending, "LF");
  EXPECT_EQ(comma.rows[1].cells, (std::vector<std::string>{"A", "48,1"}));

  auto tab = ReadSpreadsheet("nom\tlat\rA\t48,1\r");
  EXPECT_EQ(tab.source.separator, '\t');
  EXPECT_EQ(tab.source.line_ending, "CR");
  EXPECT_EQ(SeparatorLabel(tab.source.separator), "tabulation");
}

TEST(SpreadsheetTest, LinesAreTheFilesLinesAndBlankRowsAreDropped) {
  auto r = ReadSpreadsheet("nom;adresse\n\"A\";\"1 rue\nbât. B\"\n;;\nB;x\n");
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r.rows.size(), 3u);
  EXPECT_EQ(r.rows[1].line, 2u);
  EXPECT_EQ(r.rows[1].cells[1], "1 rue\nbât. B");
  EXPECT_EQ(r.rows[2].line, 5u);
}

TEST(SpreadsheetTest, EmptyFilesAndOpenQuotesAreRefusedInFrench) {
  EXPECT_EQ(ReadSpreadsheet("").error, "fichier vide : aucune ligne d'en-tête");
  auto q = ReadSpreadsheet("nom\n\"jamais fermé\n");
  EXPECT_FALSE(q.ok());
  EXPECT_EQ(q.error_line, 2u);
}

TEST(SpreadsheetTest, JsonArraysBecomeRowsWithTheirLines) {
  auto r =
      ReadSpreadsheet("[\n {\"nom\": \"A\", \"lat\": 48.5},\n {\"nom\": \"B\", \"ess\": true}\n]");
  ASSERT_TRUE(r.ok()) << r.error;
  EXPECT_EQ(r.rows[0].cells, (std::vector<std::string>{"nom", "lat", "ess"}));
  EXPECT_EQ(r.rows[1].line, 2u);
  EXPECT_EQ(r.rows[1].cells[1], "48.5");
  EXPECT_EQ(r.rows[2].cells[2], "oui");
}

TEST(SpreadsheetTest, ColumnLetters) {
  EXPECT_EQ(ColumnLetter(0), "A");
  EXPECT_EQ(ColumnLetter(25), "Z");
  EXPECT_EQ(ColumnLetter(26), "AA");
  EXPECT_EQ(ColumnLetter(27), "AB");
}

}  // namespace
}  // namespace atelier::sheets
