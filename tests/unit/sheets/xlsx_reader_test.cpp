#include "server/sheets/xlsx_reader.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "server/sheets/company_import.hpp"

namespace atelier::sheets {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

std::string Fixture(const std::string& name) {
  std::ifstream in(std::string(ATELIER_SHEETS_TESTDATA) + "/" + name, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

TEST(XlsxReaderTest, ReadsAWorkbookSavedByLibreOffice) {
  const std::string bytes = Fixture("entreprises-libreoffice.xlsx");
  ASSERT_FALSE(bytes.empty());
  ReadResult r = ReadSpreadsheet(bytes);
  ASSERT_TRUE(r.ok()) << r.error;
  EXPECT_EQ(r.source.format, SourceInfo::Format::kXlsx);
  EXPECT_EQ(r.source.sheet, r.source.sheet_names.front());
  ASSERT_EQ(r.rows.size(), 5u);
  EXPECT_EQ(r.rows[0].cells[0], "Raison sociale");
  EXPECT_EQ(r.rows[0].cells[3], "Zone d'activités");
  EXPECT_EQ(r.rows[1].line, 2u);
  EXPECT_EQ(r.rows[2].cells[0], "Société Bretonne d'Emballages");
  EXPECT_EQ(r.rows[2].cells[1], "38212345600012");
  EXPECT_EQ(r.rows[2].cells[4], "4 allée des Cartons; bât. B");

  CompanyPreview p = PreviewCompanies(r, ImportContext{4, {}});
  ASSERT_TRUE(p.errors.empty()) << p.errors.front().ToString();
  ASSERT_EQ(p.companies.size(), 4u);
  EXPECT_DOUBLE_EQ(p.companies[0].company.lat(), 48.117312);
  EXPECT_DOUBLE_EQ(p.companies[0].company.lon(), -1.677793);
  EXPECT_EQ(p.companies[0].company.headcount(), 12);
  EXPECT_EQ(p.companies[2].company.name(), "Ressourcerie Élan — Œuvre solidaire");
  EXPECT_EQ(p.companies[3].company.table(), 4);
  EXPECT_THAT(p.unknown_columns, ElementsAre("Code client"));
}

TEST(XlsxReaderTest, AnUnknownSheetNamesTheSheetsThereAre) {
  ReadResult r = ReadSpreadsheet(Fixture("entreprises-libreoffice.xlsx"), "Budget");
  EXPECT_FALSE(r.ok());
  EXPECT_THAT(r.error, HasSubstr("pas de feuille « Budget »"));
}

TEST(XlsxReaderTest, ABrokenArchiveIsAnErrorNotACrash) {
  std::string bytes = Fixture("entreprises-libreoffice.xlsx");
  ASSERT_GT(bytes.size(), 200u);
  for (std::size_t i = 100; i < bytes.size(); i += 7) bytes[i] = static_cast<char>(bytes[i] ^ 0x5A);
  ReadResult r = ReadSpreadsheet(bytes);
  EXPECT_FALSE(r.ok());
  EXPECT_THAT(r.error, HasSubstr("XLSX illisible"));
  EXPECT_FALSE(ReadSpreadsheet(std::string("PK\x03\x04garbage", 11)).ok());
}

}  // namespace
}  // namespace atelier::sheets
