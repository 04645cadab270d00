#include "server/sheets/header_aliases.hpp"

#include <gtest/gtest.h>

namespace atelier::sheets {
namespace {

TEST(HeaderAliasesTest, FoldingIgnoresCaseAccentsPunctuationAndNumero) {
  EXPECT_EQ(FoldHeader("N° SIRET"), "siret");
  EXPECT_EQ(FoldHeader("  n° de Siret "), "siret");
  EXPECT_EQ(FoldHeader("Zone d'activités"), "zoneactivite");
  EXPECT_EQ(FoldHeader("ZONE D’ACTIVITE"), "zoneactivite");
  EXPECT_EQ(FoldHeader("Code NAF"), "codenaf");
  EXPECT_EQ(FoldHeader("Effectifs"), "effectif");
}

TEST(HeaderAliasesTest, FrenchAndEnglishNamesOfTheSameField) {
  for (const char* h : {"Nom", "name", "Raison sociale", "Société", "ENTREPRISE"})
    EXPECT_EQ(FieldForHeader("entreprises", h), "name") << h;
  for (const char* h : {"SIRET", "N° SIRET", "Numéro SIRET", "n°siret"})
    EXPECT_EQ(FieldForHeader("entreprises", h), "siret") << h;
  for (const char* h : {"Code NAF", "APE", "NAF/APE"})
    EXPECT_EQ(FieldForHeader("entreprises", h), "naf") << h;
  for (const char* h : {"Zone", "Zone d'activités", "Zone d’activité", "Parc d'activités"})
    EXPECT_EQ(FieldForHeader("entreprises", h), "zone") << h;
  for (const char* h : {"table", "N° de table", "Numéro de table"})
    EXPECT_EQ(FieldForHeader("entreprises", h), "table") << h;
  EXPECT_EQ(FieldForHeader("entreprises", "Code postal"), "postcode");
  EXPECT_EQ(FieldForHeader("entreprises", "Offres"), "ignore");
  EXPECT_EQ(FieldForHeader("entreprises", "Code client"), "");
  EXPECT_EQ(FieldForHeader("cartes", "Catégorie"), "category");
  EXPECT_EQ(FieldForHeader("cartes", "Code déchet"), "waste_code");
}

TEST(HeaderAliasesTest, TheExportsHeadersAreTheTablesFirstNames) {
  EXPECT_EQ(FrenchHeader("entreprises", "name"), "Nom");
  EXPECT_EQ(FrenchHeader("entreprises", "naf"), "Code NAF");
  EXPECT_EQ(FieldForHeader("entreprises", FrenchHeader("entreprises", "headcount")), "headcount");
}

}  // namespace
}  // namespace atelier::sheets
