#include "server/match/routes.hpp"

#include <gtest/gtest.h>

#include <set>

#include "server/match/embedded_data.hpp"
#include "server/match/reach.hpp"
#include "server/match/scorer.hpp"

namespace atelier::match {
namespace {

CardProfile Make(const char* id, const char* company, CardKind kind, const char* text,
                 const char* category = "") {
  Card c;
  c.id = id;
  c.company_id = company;
  c.kind = kind;
  c.text = text;
  c.category = category;
  return CardProfile::Build(c, Lexicon::Default(), WasteCatalogue::Default());
}

TEST(RoutesTest, EveryRouteHasAnOperationResourcesAndOutlets) {
  const Routes& routes = Routes::Default();
  EXPECT_GE(routes.size(), 15);
  for (int i = 0; i < routes.size(); ++i) {
    const auto& r = routes.At(i);
    EXPECT_TRUE(r.operation.rfind("R", 0) == 0 || r.operation.rfind("D", 0) == 0) << r.id;
    EXPECT_FALSE(r.concepts.empty() && r.sources.empty()) << r.id;
    EXPECT_FALSE(r.outlets.empty()) << r.id;
  }
  EXPECT_THROW(Routes("x|R3|@nope|y", Lexicon::Default()), std::invalid_argument);
}

TEST(RoutesTest, AResourceMeetsWhatItCanBecome) {
  const Scorer scorer(Lexicon::Default(), MatchOptions{});
  const auto shells = Make("a", "x", CardKind::kOffer, "coques de cacao, 2 t par mois", "matiere");
  const auto mulch = Make("b", "y", CardKind::kNeed, "cherche du paillage pour nos massifs");
  const auto m = scorer.Pair(shells, nullptr, mulch, nullptr);
  ASSERT_TRUE(m);
  EXPECT_EQ(m->reasons.front().rfind("Filière de valorisation : ", 0), 0u) << m->reasons.front();
  const auto food = Make("c", "x", CardKind::kOffer, "biodéchets de cantine", "dechet");
  const auto digester = Make("d", "y", CardKind::kNeed, "notre méthaniseur cherche des intrants");
  EXPECT_TRUE(scorer.Pair(food, nullptr, digester, nullptr));
  // A need that names its own resource wants that resource, whatever it is for.
  const auto oil = Make("e", "y", CardKind::kNeed, "huiles alimentaires pour notre méthaniseur");
  EXPECT_FALSE(scorer.Pair(food, nullptr, oil, nullptr));
  // The other way round is no route: a digester does not become biowaste.
  EXPECT_FALSE(scorer.Pair(Make("f", "x", CardKind::kOffer, "méthaniseur : capacité disponible"),
                           nullptr, Make("g", "y", CardKind::kNeed, "biodéchets"), nullptr));
}

TEST(ReachTest, WhatTravelsDecidesHowFar) {
  const Lexicon& lx = Lexicon::Default();
  const Reach& reach = Reach::Default();
  const auto* heat = reach.Of(lx, lx.Find("chaleur_fatale"), Category::kEnergie);
  ASSERT_NE(heat, nullptr);
  EXPECT_LE(heat->km, 5);
  const auto* pallets = reach.Of(lx, lx.Find("palettes_bois"), Category::kDechet);
  ASSERT_NE(pallets, nullptr);
  EXPECT_GE(pallets->km, 100);
  EXPECT_EQ(reach.Of(lx, lx.Find("formation"), Category::kFormation), nullptr);
  EXPECT_THROW(Reach("3|x|@nope", lx), std::invalid_argument);
}

TEST(TradeVocabularyTest, CoversTenSectorsWithJobTitlesAndMisspellings) {
  std::set<std::string> sectors;
  std::string_view v = data::kTradeVocabulary;
  for (std::size_t start = 0; start < v.size();) {
    std::size_t end = v.find('\n', start);
    if (end == std::string_view::npos) end = v.size();
    const std::string_view line = v.substr(start, end - start);
    if (!line.empty() && line.front() != '#') sectors.emplace(line.substr(0, line.find('|')));
    start = end + 1;
  }
  EXPECT_GE(sectors.size(), 11u);
  const LexicalModel& m = LexicalModel::Default();
  auto words = [](std::string_view text) {
    std::vector<std::string> out;
    for (auto& t : Lexicon::Default().normalizer().Tokenize(text)) out.push_back(t.word);
    return out;
  };
  // A job title and its plain description, a misspelling and its word, two shorthands.
  EXPECT_EQ(m.GroupOf(words("mareyeur")), m.GroupOf(words("criée")));
  EXPECT_EQ(m.GroupOf(words("drèches")), "drêches de brasserie");
  EXPECT_EQ(m.GroupOf(words("GRV")), m.GroupOf(words("cubitainers")));
  EXPECT_EQ(m.GroupOf(words("cuves 1000 litres")), "");  // numbers are dropped: "cuve" alone
  EXPECT_NE(m.GroupOf(words("commis de cuisine")), "");
}

TEST(TradeVocabularyTest, GroupsBringTwoCardsTogether) {
  const Scorer scorer(Lexicon::Default(), MatchOptions{});
  const auto offer = Make("a", "x", CardKind::kOffer, "viscères et têtes et arêtes", "dechet");
  const auto need = Make("b", "y", CardKind::kNeed, "coproduits de poisson pour farine", "matiere");
  EXPECT_TRUE(scorer.Pair(offer, nullptr, need, nullptr));
}

TEST(WasteListTest, ACodeSaysWhatTheCardIs) {
  // The card's words say little; its code's label ("déchets de plastiques") says the rest.
  Card c;
  c.id = "a";
  c.company_id = "x";
  c.text = "lot divers à enlever";
  c.waste_code = "02 01 04";
  const auto coded = CardProfile::Build(c, Lexicon::Default(), WasteCatalogue::Default());
  ASSERT_EQ(coded.items.size(), 2u);
  EXPECT_NE(std::find(coded.items[1].words.begin(), coded.items[1].words.end(), "plastique"),
            coded.items[1].words.end());
}

}  // namespace
}  // namespace atelier::match
