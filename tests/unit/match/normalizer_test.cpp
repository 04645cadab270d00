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
