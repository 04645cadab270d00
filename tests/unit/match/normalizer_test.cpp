#include "server/match/normalizer.hpp"

#include <gtest/gtest.h>

#include "server/match/lexicon.hpp"

namespace atelier::match {
namespace {

std::vector<std::string> Words(std::string_view text) {
  std::vector<std::string> out;
  for (const auto& t : Lexicon::Default().normalizer().Tokenize(text)) out.push_back(t.word);
  return out;
}

TEST(NormalizerTest, FoldsCaseAndAccents) {
  EXPECT_EQ(Words("Chariot ÉLÉVATEUR"), (std::vector<std::string>{"chariot", "elevateur"}));
  EXPECT_EQ(Words("chariot elevateur"), Words("Chariot Élévateur"));
}

TEST(NormalizerTest, SplitsElisionsAndDropsFunctionWords) {
  EXPECT_EQ(Words("l'huile d'olive qu'on garde"),
            (std::vector<std::string>{"huile", "olive", "garde"}));
  EXPECT_EQ(Words("l\xE2\x80\x99huile"), (std::vector<std::string>{"huile"}));
}

TEST(NormalizerTest, StripsFrenchPlurals) {
  EXPECT_EQ(Normalizer::Stem("palettes"), "palette");
  EXPECT_EQ(Normalizer::Stem("bureaux"), "bureau");
  EXPECT_EQ(Normalizer::Stem("metaux"), "metal");
  EXPECT_EQ(Normalizer::Stem("process"), "process");
  EXPECT_EQ(Normalizer::Stem("gaz"), "gaz");
  EXPECT_EQ(Words("Palettes"), Words("palette"));
}

TEST(NormalizerTest, ExpandsTabletAbbreviations) {
  EXPECT_EQ(Words("pal. dispo"), (std::vector<std::string>{"palette", "disponible"}));
  EXPECT_EQ(Words("qté cdt"), (std::vector<std::string>{"quantite", "conditionnement"}));
  EXPECT_EQ(Words("GRVS"), (std::vector<std::string>{"big", "bag"}));
}

TEST(NormalizerTest, DropsNumbersButKeepsUnitsAndCodes) {
  EXPECT_EQ(Words("200 m² de stockage"), (std::vector<std::string>{"m2", "stockage"}));
  EXPECT_EQ(Words("palettes 80x120"), (std::vector<std::string>{"palette", "80x120"}));
}

TEST(NormalizerTest, MarksNegationAndPurpose) {
  const auto tokens =
      Lexicon::Default().normalizer().Tokenize("bois, pas de plastique (pour caisses)");
  ASSERT_EQ(tokens.size(), 6u);
  EXPECT_TRUE(tokens[1].negation);
  EXPECT_TRUE(tokens[3].purpose);  // "("
  EXPECT_TRUE(tokens[4].purpose);  // "pour"
  EXPECT_FALSE(tokens[5].purpose);
}

}  // namespace
}  // namespace atelier::match

namespace atelier::match {
namespace {

std::vector<int> Items(std::string_view text) {
  std::vector<int> out;
  for (const auto& t : Lexicon::Default().normalizer().Tokenize(text)) out.push_back(t.item);
  return out;
}

TEST(NormalizerItemsTest, ListsSplitIntoItems) {
  EXPECT_EQ(Normalizer::SplitItems("cartons, palettes / films + bidons\nferraille").size(), 5u);
  // Tokens: reprenons carton | palette | film | bidon | ferraille.
  EXPECT_EQ(Items("nous reprenons cartons, palettes / films + bidons\nferraille"),
            (std::vector<int>{0, 0, 1, 2, 3, 4}));
  // "et" ends an item inside a list.
  EXPECT_EQ(Items("cartons, films et palettes"), (std::vector<int>{0, 1, 2}));
}

TEST(NormalizerItemsTest, DetailsNumbersAndUnitsStayInTheirItem) {
  // "en big bags", "2 bidons", "t/an", "1,5" and a list inside parentheses are no new items.
  EXPECT_EQ(Items("sciure, en big bags"), (std::vector<int>{0, 0, 0}));
  EXPECT_EQ(Items("huile de friture, 2 bidons par mois"), (std::vector<int>{0, 0, 0, 0}));
  EXPECT_EQ(Normalizer::SplitItems("3 t/an de sciure").size(), 1u);
  EXPECT_EQ(Normalizer::SplitItems("1,5 t de sciure").size(), 1u);
  EXPECT_EQ(Normalizer::SplitItems("film (palettes, cartons)").size(), 1u);
  // Alone, "entretien et réparation" is one thing.
  EXPECT_EQ(Items("entretien et réparation de vélos"), (std::vector<int>{0, 0, 0}));
}

}  // namespace
}  // namespace atelier::match
