#include "server/match/lexical.hpp"

#include <gtest/gtest.h>

#include "server/match/lexicon.hpp"

namespace atelier::match {
namespace {

std::vector<std::string> Words(std::string_view text) {
  std::vector<std::string> out;
  for (auto& t : Lexicon::Default().normalizer().Tokenize(text)) out.push_back(t.word);
  return out;
}

TEST(LexicalModelTest, FillerWordsWeighAlmostNothing) {
  const LexicalModel& m = LexicalModel::Default();
  EXPECT_LT(m.WordWeight("cherche"), 0.1F);
  EXPECT_LT(m.WordWeight("venir"), 0.1F);
  EXPECT_LT(m.WordWeight("regulier"), 0.1F);
}

TEST(LexicalModelTest, RareWordsWeighMoreThanWordsOfTheWasteList) {
  const LexicalModel& m = LexicalModel::Default();
  // "déchets" is in hundreds of entries of the European List of Waste.
  EXPECT_LT(m.WordWeight("dechet"), 0.4F);
  EXPECT_GT(m.WordWeight("contreplaque"), 0.8F);
  EXPECT_GT(m.WordWeight("contreplaque"), m.WordWeight("dechet"));
}

TEST(LexicalModelTest, NearSpellingsShareTheirGrams) {
  const LexicalModel& m = LexicalModel::Default();
  const auto a = m.Build(Words("mousse polyuréthane"));
  const auto b = m.Build(Words("mousse polyurethanne"));
  const auto c = m.Build(Words("mousse de lait"));
  std::vector<std::string> shared;
  const double ab = m.Similarity(a, b, &shared);
  EXPECT_GT(ab, 0.6);
  EXPECT_GT(ab, m.Similarity(a, c, nullptr));
  EXPECT_NE(std::find(shared.begin(), shared.end(), "polyurethane ≈ polyurethanne"), shared.end());
  EXPECT_NEAR(m.Similarity(a, a, nullptr), 1.0, 1e-6);
}

TEST(LexicalModelTest, FillerAloneIsNoSimilarity) {
  const LexicalModel& m = LexicalModel::Default();
  const auto a = m.Build(Words("à venir chercher rapidement"));
  const auto b = m.Build(Words("cuves inox à venir chercher"));
  EXPECT_LT(m.Similarity(a, b, nullptr), 0.3);
}

}  // namespace
}  // namespace atelier::match
