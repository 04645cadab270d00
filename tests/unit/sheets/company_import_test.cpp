#include "server/sheets/company_import.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

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

CompanyPreview Preview(std::string_view bytes, ImportContext context = {4, {}}) {
  return PreviewCompanies(ReadSpreadsheet(bytes), context);
}

v1::Company Existing(const char* id, const char* name, const char* siret, const char* address) {
  v1::Company c;
  c.set_id(id);
  c.set_name(name);
  c.set_siret(siret);
  c.set_address(address);
  c.set_table(2);
  c.set_contact("ancien@exemple.fr");
  return c;
}

TEST(CompanyImportTest, AWindows1252ExportKeepsItsAccentsAndListsUnknownColumns) {
  // Saved by LibreOffice as « CSV (séparateur : point-virgule) », Windows-1252
  // (testdata/README.md).
  const std::string bytes = Fixture("entreprises-windows-1252.csv");
  ASSERT_FALSE(bytes.empty());
  CompanyPreview p = Preview(bytes);
  EXPECT_EQ(p.source.encoding, Encoding::kWindows1252);
  EXPECT_EQ(p.source.separator, ';');
  EXPECT_THAT(p.source.Describe(), HasSubstr("Windows-1252"));
  ASSERT_TRUE(p.errors.empty()) << p.errors.front().ToString();
  ASSERT_EQ(p.companies.size(), 4u);
  EXPECT_EQ(p.companies[0].company.name(), "Menuiserie Ferrand & Fils");
  EXPECT_EQ(p.companies[0].company.zone(), "ZA de la Janais");
  EXPECT_EQ(p.companies[1].company.name(), "Société Bretonne d'Emballages");
  EXPECT_EQ(p.companies[1].company.siret(), "38212345600012");
  EXPECT_EQ(p.companies[2].company.name(), "Ressourcerie Élan — Œuvre solidaire");
  EXPECT_TRUE(p.companies[2].company.ess());
  EXPECT_DOUBLE_EQ(p.companies[0].company.lat(), 48.117312);
  EXPECT_EQ(p.companies[0].company.address(), "12 rue du Bois, 35000 Rennes");
  EXPECT_THAT(p.unknown_columns, ElementsAre("Code client"));
  for (const auto& c : p.companies) EXPECT_FALSE(c.company.name().empty());
}

TEST(CompanyImportTest, Utf8WithBomFromExcelReadsTheSame) {
  const std::string utf8 = Fixture("entreprises-utf8-bom.csv");
  const std::string ansi = Fixture("entreprises-windows-1252.csv");
  CompanyPreview a = Preview(utf8);
  CompanyPreview b = Preview(ansi);
  EXPECT_EQ(a.source.encoding, Encoding::kUtf8Bom);
  ASSERT_EQ(a.companies.size(), b.companies.size());
  for (std::size_t i = 0; i < a.companies.size(); ++i) {
    EXPECT_EQ(a.companies[i].company.SerializeAsString(),
              b.companies[i].company.SerializeAsString());
  }
}

TEST(CompanyImportTest, EveryErrorIsListedWithLineColumnCellAndValue) {
  const std::string csv =
      "Nom;N° SIRET;N° de table;Latitude;Longitude;ESS;Effectif\r\n"
      "Alpha;123;1;;;non;12\r\n"                        // 2: SIRET too short
      "Beta;;9;48,1;;oui;\r\n"                          // 3: table outside, lat without lon
      ";40000000000001;2;;;peut-être;dix\r\n"           // 4: no name, ESS, headcount
      "Gamma;3,82123E+13;;;;;\r\n"                      // 5: SIRET mangled by Excel
      "Delta;400 000 000 00019;0;48,11;-1,67;x;8\r\n";  // fine, table 0: not seated
  CompanyPreview p = Preview(csv);
  std::vector<std::string> where;
  for (const auto& e : p.errors) where.push_back(std::to_string(e.line) + ":" + e.cell);
  EXPECT_THAT(where, ElementsAre("2:B2", "3:C3", "3:E3", "4:A4", "4:F4", "4:G4", "5:B5"));
  EXPECT_EQ(
      p.errors[0].ToString(),
      "ligne 2, colonne « N° SIRET » (B2) : SIRET invalide : 14 chiffres attendus (lu « 123 »)");
  EXPECT_THAT(p.errors[1].message, HasSubstr("table hors de l'atelier : un numéro de 1 à 4"));
  EXPECT_EQ(p.errors[1].value, "9");
  EXPECT_THAT(p.errors[6].message, HasSubstr("notation scientifique"));
  ASSERT_EQ(p.companies.size(), 1u);
  EXPECT_EQ(p.companies[0].company.siret(), "40000000000019");
  EXPECT_EQ(p.companies[0].company.table(), 0);
  ImportPlan plan = PlanImport(p, DuplicateChoice::kAdd, {4, {}});
  EXPECT_THAT(plan.error, HasSubstr("rien n'est importé"));
  EXPECT_EQ(plan.command.ByteSizeLong(), 0u);
}

TEST(CompanyImportTest, RowsWiderThanTheHeaderSayWhy) {
  CompanyPreview p = Preview("nom,lat,lon\r\nAlpha,48,1,-1,6\r\n");
  ASSERT_EQ(p.errors.size(), 1u);
  EXPECT_THAT(p.errors[0].message, HasSubstr("5 colonnes au lieu de 3"));
  EXPECT_EQ(p.errors[0].line, 2u);
}

TEST(CompanyImportTest, NoNameColumnIsOneClearError) {
  CompanyPreview p = Preview("siret;zone\n40000000000001;ZA\n");
  ASSERT_EQ(p.errors.size(), 1u);
  EXPECT_THAT(p.errors[0].message, HasSubstr("colonne du nom introuvable"));
}

TEST(CompanyImportTest, DuplicatesBySiretElseNameAndPostcodeWaitForAChoice) {
  ImportContext context{
      4,
      {Existing("e1", "Menuiserie Ferrand", "40000000000001", "1 rue A, 35000 Rennes"),
       Existing("e2", "Ressourcerie Élan", "", "5 rue B, 35200 Rennes")}};
  const std::string csv =
      "nom;siret;adresse;table;contact\n"
      "Ferrand Menuiserie (nouveau nom);40000000000001;;3;\n"        // same SIRET
      "RESSOURCERIE ELAN;;5 rue B, 35200 Rennes;;elan@exemple.fr\n"  // same name folded + CP
      "Ressourcerie Élan;;Zone Sud, 35400 Saint-Malo;;\n"            // other postcode: new
      "Nouvelle;40000000000019;;1;\n";
  CompanyPreview p = Preview(csv, context);
  ASSERT_TRUE(p.errors.empty()) << p.errors.front().ToString();
  ASSERT_EQ(p.companies.size(), 4u);
  EXPECT_EQ(p.companies[0].duplicate_of, "e1");
  EXPECT_EQ(p.companies[0].duplicate_by, "siret");
  EXPECT_EQ(p.companies[1].duplicate_of, "e2");
  EXPECT_EQ(p.companies[1].duplicate_by, "nom+code postal");
  EXPECT_EQ(p.companies[2].duplicate_of, "");
  EXPECT_EQ(p.Duplicates(), 2u);

  EXPECT_THAT(PlanImport(p, DuplicateChoice::kUnset, context).error,
              HasSubstr("2 entreprise(s) déjà dans l'atelier"));

  ImportPlan update = PlanImport(p, DuplicateChoice::kUpdate, context);
  ASSERT_TRUE(update.error.empty()) << update.error;
  EXPECT_EQ(update.added, 2u);
  EXPECT_EQ(update.updated, 2u);
  const auto& cmd = update.command.import_companies();
  ASSERT_EQ(cmd.companies_size(), 4);
  EXPECT_EQ(cmd.companies(0).id(), "e1");
  EXPECT_EQ(cmd.companies(0).name(), "Ferrand Menuiserie (nouveau nom)");
  EXPECT_EQ(cmd.companies(0).table(), 3);
  EXPECT_EQ(cmd.companies(0).address(), "1 rue A, 35000 Rennes");  // kept: the cell was empty
  EXPECT_EQ(cmd.companies(0).contact(), "ancien@exemple.fr");      // kept
  EXPECT_EQ(cmd.companies(1).id(), "e2");
  EXPECT_EQ(cmd.companies(1).contact(), "elan@exemple.fr");
  EXPECT_EQ(cmd.companies(1).table(), 2);  // kept
  EXPECT_EQ(cmd.companies(2).id(), "");
  EXPECT_EQ(update.lines, (std::vector<std::size_t>{2, 3, 4, 5}));

  ImportPlan skip = PlanImport(p, DuplicateChoice::kSkip, context);
  EXPECT_EQ(skip.added, 2u);
  EXPECT_EQ(skip.skipped, 2u);
  EXPECT_EQ(skip.command.import_companies().companies_size(), 2);

  // Adding is for homonyms; a SIRET names one establishment.
  ImportPlan add = PlanImport(p, DuplicateChoice::kAdd, context);
  EXPECT_THAT(add.error, HasSubstr("ligne 2 : le SIRET 40000000000001"));
  CompanyPreview homonyms = Preview("nom;adresse\nRessourcerie Elan;35200 Rennes\n", context);
  ImportPlan added = PlanImport(homonyms, DuplicateChoice::kAdd, context);
  ASSERT_TRUE(added.error.empty()) << added.error;
  EXPECT_EQ(added.command.import_companies().companies(0).id(), "");
}

TEST(CompanyImportTest, DuplicatesInsideTheFileAreErrors) {
  CompanyPreview p = Preview(
      "nom;siret;code "
      "postal\nA;40000000000001;35000\nB;40000000000001;35000\nC;;35000\nc;;35000\n");
  ASSERT_EQ(p.errors.size(), 2u);
  EXPECT_EQ(p.errors[0].line, 3u);
  EXPECT_THAT(p.errors[0].message, HasSubstr("déjà ligne 2"));
  EXPECT_EQ(p.errors[1].line, 5u);
  EXPECT_THAT(p.errors[1].message, HasSubstr("ligne 4"));
}

TEST(CompanyImportTest, PostcodeAndCityColumnsCompleteTheAddress) {
  CompanyPreview p =
      Preview("Raison sociale;Adresse;CP;Ville\nA;2 rue C;35000;Rennes\nB;;35510;Cesson\n");
  ASSERT_TRUE(p.errors.empty());
  EXPECT_EQ(p.companies[0].company.address(), "2 rue C, 35000 Rennes");
  EXPECT_EQ(p.companies[1].company.address(), "35510 Cesson");
  EXPECT_EQ(Postcode("2 rue C, 35000 Rennes"), "35000");
  EXPECT_EQ(Postcode("BP 123456"), "");
}

TEST(CompanyImportTest, ThePreviewAsJsonNamesEncodingSeparatorAndErrors) {
  CompanyPreview p = Preview("nom;siret;Code client\nA;12;X\n");
  const std::string json = PreviewJson(p);
  EXPECT_THAT(json, HasSubstr("\"encoding\":\"UTF-8\""));
  EXPECT_THAT(json, HasSubstr("\"separator\":\"« ; »\""));
  EXPECT_THAT(json, HasSubstr("\"unknown_columns\":[\"Code client\"]"));
  EXPECT_THAT(json, HasSubstr("\"cell\":\"B2\""));
}

}  // namespace
}  // namespace atelier::sheets
