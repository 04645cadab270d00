#include "server/common/csv.hpp"

#include <gtest/gtest.h>

namespace atelier::common {
namespace {

TEST(CsvTest, ReadsExcelExportWithBomSemicolonsAndCrlf) {
  const auto r = CsvTable::Parse("\xEF\xBB\xBFid;name;ess\r\nc1;Menuiserie;oui\r\nc2;ESAT;non\r\n");
  ASSERT_TRUE(r.ok()) << r.message;
  EXPECT_EQ(r.table.header(), (std::vector<std::string>{"id", "name", "ess"}));
  ASSERT_EQ(r.table.rows().size(), 2u);
  EXPECT_EQ(r.table.rows()[0].fields, (std::vector<std::string>{"c1", "Menuiserie", "oui"}));
  EXPECT_EQ(r.table.rows()[0].line, 2u);
  EXPECT_EQ(r.table.rows()[1].line, 3u);
}

TEST(CsvTest, QuotedFieldsKeepSeparatorsDoubledQuotesAndNewlines) {
  const auto r = CsvTable::Parse(
      "id;text\n"
      "k1;\"Palettes; bois \"\"EPAL\"\"\"\n"
      "k2;\"sur deux\r\nlignes\"\n"
      "k3;fin\n");
  ASSERT_TRUE(r.ok()) << r.message;
  ASSERT_EQ(r.table.rows().size(), 3u);
  EXPECT_EQ(r.table.rows()[0].fields[1], "Palettes; bois \"EPAL\"");
  EXPECT_EQ(r.table.rows()[1].fields[1], "sur deux\nlignes");
  EXPECT_EQ(r.table.rows()[1].line, 3u);
  EXPECT_EQ(r.table.rows()[2].line, 5u);  // the quoted newline counts as a physical line
}

TEST(CsvTest, CommaSeparatedHeaderIsAWrongSeparatorError) {
  const auto r = CsvTable::Parse("id,name,ess\nc1,Menuiserie,oui\n");
  EXPECT_FALSE(r.ok());
  EXPECT_EQ(r.error, CsvError::kWrongSeparator);
  EXPECT_EQ(r.error_line, 1u);
  EXPECT_NE(r.message.find("séparateur"), std::string::npos);
}

TEST(CsvTest, CommasInsideQuotesDoNotLookLikeASeparator) {
  const auto r = CsvTable::Parse("\"nom, prénom\"\nDupont\n");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.table.header()[0], "nom, prénom");
}

TEST(CsvTest, UnterminatedQuoteNamesItsLine) {
  const auto r = CsvTable::Parse("id;text\nk1;ok\nk2;\"jamais fermé\nk3;x\n");
  EXPECT_EQ(r.error, CsvError::kUnterminatedQuote);
  EXPECT_EQ(r.error_line, 3u);
}

TEST(CsvTest, EmptyTextIsAnError) {
  EXPECT_EQ(CsvTable::Parse("").error, CsvError::kEmpty);
  EXPECT_EQ(CsvTable::Parse("\xEF\xBB\xBF\r\n").error, CsvError::kEmpty);
}

TEST(CsvTest, HeaderLookupIgnoresCaseAccentsAndSpaces) {
  const auto r = CsvTable::Parse("Identifiant; Société ;Catégorie\nc1;Menuiserie;dechet\n");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.table.Column("societe"), 1u);
  EXPECT_EQ(r.table.Column("CATEGORIE"), 2u);
  EXPECT_FALSE(r.table.Column("zone").has_value());
}

TEST(CsvTest, BlankLinesAreSkippedAndShortRowsReadEmpty) {
  const auto r = CsvTable::Parse("id;name;zone\n\n;;\nc1;Menuiserie\n");
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r.table.rows().size(), 1u);
  const CsvRow& row = r.table.rows()[0];
  EXPECT_EQ(row.line, 4u);
  EXPECT_EQ(CsvTable::Field(row, r.table.Column("name")), "Menuiserie");
  EXPECT_EQ(CsvTable::Field(row, r.table.Column("zone")), "");
  EXPECT_EQ(CsvTable::Field(row, std::nullopt), "");
}

TEST(CsvTest, LastLineWithoutNewlineIsKept) {
  const auto r = CsvTable::Parse("a;b\n1;2");
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r.table.rows().size(), 1u);
  EXPECT_EQ(r.table.rows()[0].fields[1], "2");
}

TEST(CsvTest, OtherSeparatorCanBeChosen) {
  const auto r = CsvTable::Parse("a\tb\n1\t2\n", CsvTable::Options{'\t'});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.table.rows()[0].fields[1], "2");
}

}  // namespace
}  // namespace atelier::common
