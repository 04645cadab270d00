#include "server/match/engine.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <iostream>
#include <map>
#include <random>

#include "server/match/brute_force.hpp"
#include "tests/unit/match/cards.hpp"

namespace atelier::match {
namespace {

using testing::FindKey;
using testing::MakeCard;

std::vector<std::string> Keys(const std::vector<Match>& matches) {
  std::vector<std::string> keys;
  for (const auto& m : matches) keys.push_back(m.key);
  return keys;
}

TEST(EngineTest, AddReturnsTheNewMatch) {
  Engine e;
  EXPECT_TRUE(e.Add(MakeCard("o1", "a", CardKind::kOffer, "palettes bois")).upserted.empty());
  const auto d = e.Add(MakeCard("n1", "b", CardKind::kNeed, "cherche pal. en bois"));
  ASSERT_EQ(d.upserted.size(), 1u);
  EXPECT_EQ(d.upserted[0].key, "sub:o1|n1");
  EXPECT_TRUE(d.removed_keys.empty());
  EXPECT_EQ(Keys(e.ForCard("o1")), (std::vector<std::string>{"sub:o1|n1"}));
  EXPECT_EQ(Keys(e.All()), (std::vector<std::string>{"sub:o1|n1"}));
}

TEST(EngineTest, ReferencesAreFoundByLaterCardsButNeverPairedAmongThemselves) {
  const std::vector<Card> earlier = {
      MakeCard("w1/o1", "w1/a", CardKind::kOffer, "palettes bois 200/mois"),
      MakeCard("w1/n1", "w1/b", CardKind::kNeed, "cherche palettes en bois"),
      MakeCard("w1/n2", "w1/c", CardKind::kNeed, "gardiennage de nuit"),
      MakeCard("w1/o2", "w1/d", CardKind::kOffer, "Fenwick dispo le vendredi"),
  };
  Engine refs;
  refs.AddReferences(earlier);
  EXPECT_EQ(refs.card_count(), 4u);
  // w1/o1 and w1/n1 would pair; as references they do not.
  EXPECT_TRUE(refs.ForCard("w1/o1").empty());

  // A later card finds exactly what it finds when everything was added.
  Engine all;
  for (const auto& c : earlier) all.Add(c);
  for (const Card& c : {MakeCard("n9", "x", CardKind::kNeed, "besoin de palettes bois"),
                        MakeCard("n8", "y", CardKind::kNeed, "besoin vigile le week-end"),
                        MakeCard("o9", "z", CardKind::kOffer, "chariot élévateur à prêter")}) {
    const auto from_refs = refs.Add(c);
    const auto from_all = all.Add(c);
    EXPECT_EQ(Keys(from_refs.upserted), Keys(from_all.upserted)) << c.id;
    EXPECT_EQ(Keys(refs.ForCard(c.id)), Keys(all.ForCard(c.id))) << c.id;
  }
  // The offer, and the earlier need of the same goods as a group purchase.
  EXPECT_EQ(Keys(refs.ForCard("n9")), (std::vector<std::string>{"sub:w1/o1|n9", "pool:n9|w1/n1"}));
  // The shared need is one group with the earlier workshop's card.
  const std::vector<Match> current = refs.All();  // FindKey points into it
  const Match* group = FindKey(current, "mut:gardiennage");
  ASSERT_NE(group, nullptr);
  EXPECT_EQ(group->card_ids, (std::vector<std::string>{"n8", "w1/n2"}));
}

TEST(EngineTest, MutualisationGroupKeepsItsKeyAsItGrows) {
  Engine e;
  e.Add(MakeCard("n1", "a", CardKind::kNeed, "gardiennage de nuit"));
  auto d = e.Add(MakeCard("n2", "b", CardKind::kNeed, "besoin vigile le week-end"));
  ASSERT_EQ(d.upserted.size(), 1u);
  EXPECT_EQ(d.upserted[0].key, "mut:gardiennage");
  EXPECT_EQ(d.upserted[0].kind, SynergyKind::kMutualisation);
  EXPECT_EQ(d.upserted[0].card_ids, (std::vector<std::string>{"n1", "n2"}));

  d = e.Add(MakeCard("n3", "c", CardKind::kNeed, "surveillance du site"));
  ASSERT_EQ(d.upserted.size(), 1u);
  EXPECT_EQ(d.upserted[0].key, "mut:gardiennage");
  EXPECT_EQ(d.upserted[0].card_ids, (std::vector<std::string>{"n1", "n2", "n3"}));
  EXPECT_EQ(d.upserted[0].company_ids, (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_TRUE(d.removed_keys.empty());
  // One group, not three pairs.
  EXPECT_EQ(Keys(e.All()), (std::vector<std::string>{"mut:gardiennage"}));
}

TEST(EngineTest, ProviderJoinsTheGroupAndGetsPairs) {
  Engine e;
  e.Add(MakeCard("n1", "a", CardKind::kNeed, "formation SST"));
  e.Add(MakeCard("n2", "b", CardKind::kNeed, "sauveteur secouriste du travail"));
  const auto d = e.Add(MakeCard("o1", "c", CardKind::kOffer, "formateur SST, sessions groupées"));
  const Match* group = FindKey(d.upserted, "mut:sst");
  ASSERT_NE(group, nullptr);
  EXPECT_EQ(group->card_ids, (std::vector<std::string>{"n1", "n2", "o1"}));
  EXPECT_NE(FindKey(d.upserted, "sub:o1|n1"), nullptr);
  EXPECT_NE(FindKey(d.upserted, "sub:o1|n2"), nullptr);
}

TEST(EngineTest, SameCompanyNeedsDoNotMakeAGroup) {
  Engine e;
  e.Add(MakeCard("n1", "a", CardKind::kNeed, "gardiennage"));
  EXPECT_TRUE(e.Add(MakeCard("n2", "a", CardKind::kNeed, "vigile")).upserted.empty());
}

TEST(EngineTest, RemoveShrinksThenDissolvesTheGroup) {
  Engine e;
  e.Add(MakeCard("n1", "a", CardKind::kNeed, "gardiennage"));
  e.Add(MakeCard("n2", "b", CardKind::kNeed, "vigile"));
  e.Add(MakeCard("n3", "c", CardKind::kNeed, "rondes de nuit"));
  auto d = e.Remove("n2");
  ASSERT_EQ(d.upserted.size(), 1u);
  EXPECT_EQ(d.upserted[0].card_ids, (std::vector<std::string>{"n1", "n3"}));
  d = e.Remove("n3");
  EXPECT_TRUE(d.upserted.empty());
  EXPECT_EQ(d.removed_keys, (std::vector<std::string>{"mut:gardiennage"}));
  EXPECT_TRUE(e.All().empty());
  EXPECT_TRUE(e.Remove("unknown").removed_keys.empty());
}

TEST(EngineTest, RemoveTakesPairsOffTheBoard) {
  Engine e;
  e.Add(MakeCard("o1", "a", CardKind::kOffer, "cartons"));
  e.Add(MakeCard("n1", "b", CardKind::kNeed, "cartons d'emballage"));
  const auto d = e.Remove("o1");
  EXPECT_EQ(d.removed_keys, (std::vector<std::string>{"sub:o1|n1"}));
  EXPECT_TRUE(e.ForCard("n1").empty());
  EXPECT_EQ(e.card_count(), 1u);
}

TEST(EngineTest, UpdateRescoresOrRemoves) {
  Engine e;
  Card offer = MakeCard("o1", "a", CardKind::kOffer, "palettes bois");
  e.Add(offer);
  e.Add(MakeCard("n1", "b", CardKind::kNeed, "palettes bois, 100 pièces/mois"));
  const double before = e.All()[0].score;

  offer.quantity = 100;
  offer.unit = "pièces";
  offer.frequency = "mois";
  auto d = e.Update(offer);
  ASSERT_EQ(d.upserted.size(), 1u);
  EXPECT_GT(d.upserted[0].score, before);
  EXPECT_TRUE(d.removed_keys.empty());

  EXPECT_TRUE(e.Update(offer).upserted.empty());  // nothing changed, nothing to redraw

  offer.text = "chaleur fatale";
  d = e.Update(offer);
  EXPECT_TRUE(d.upserted.empty());
  EXPECT_EQ(d.removed_keys, (std::vector<std::string>{"sub:o1|n1"}));
}

TEST(EngineTest, UpsertCompanyRescoresDistanceAndEss) {
  Engine e;
  e.Add(MakeCard("o1", "a", CardKind::kOffer, "palettes bois"));
  e.Add(MakeCard("n1", "b", CardKind::kNeed, "palettes bois"));
  Company b{"b", "Ressourcerie La Belle Déchette"};
  b.ess = true;
  const auto d = e.UpsertCompany(b);
  EXPECT_EQ(d.removed_keys, (std::vector<std::string>{"sub:o1|n1"}));
  ASSERT_EQ(d.upserted.size(), 1u);
  EXPECT_EQ(d.upserted[0].key, "ess:o1|n1");
}

TEST(EngineTest, RessourcerieIsNotAProviderOfWasteCollection) {
  Engine e;
  e.Add(MakeCard("n1", "a", CardKind::kNeed, "collecte des déchets de bureau"));
  e.Add(MakeCard("n2", "b", CardKind::kNeed, "collecte sélective, tri des déchets"));
  e.Add(MakeCard("o1", "r", CardKind::kOffer, "Ressourcerie : collecte d'objets réutilisables"));
  const auto d = e.Add(MakeCard("o2", "c", CardKind::kOffer, "collecte mutualisée des déchets"));
  const Match* group = FindKey(d.upserted, "mut:collecte_dechets");
  ASSERT_NE(group, nullptr);
  EXPECT_EQ(group->card_ids, (std::vector<std::string>{"n1", "n2", "o2"}));
  EXPECT_TRUE(e.ForCard("o1").empty());
}

TEST(EngineTest, GroupDistanceFollowsAMovedCompany) {
  Engine e;
  Company a{"a", "A"};
  a.lat = 48.10;
  a.lon = -1.68;
  Company b{"b", "B"};
  b.lat = 48.11;
  b.lon = -1.68;
  e.UpsertCompany(a);
  e.UpsertCompany(b);
  e.Add(MakeCard("n1", "a", CardKind::kNeed, "gardiennage"));
  e.Add(MakeCard("n2", "b", CardKind::kNeed, "vigile"));
  ASSERT_EQ(e.All().size(), 1u);
  EXPECT_EQ(e.All()[0].reasons.back(), "Distance : sites à 1,1 km au plus les uns des autres");
  b.lat = 48.30;
  const auto d = e.UpsertCompany(b);
  ASSERT_EQ(d.upserted.size(), 1u);
  EXPECT_EQ(d.upserted[0].reasons.back(), "Distance : sites à 22,2 km au plus les uns des autres");
}

TEST(EngineTest, IndexFindsWhatBruteForceFindsWithHazardRules) {
  Company plant{"p", "Ouest Dépollution"};
  plant.naf = "38.22Z";
  Engine engine;
  BruteForce brute;
  engine.UpsertCompany(plant);
  brute.UpsertCompany(plant);
  const std::vector<Card> cards = {
      MakeCard("h1", "a", CardKind::kOffer, "solvants usagés"),
      MakeCard("h2", "b", CardKind::kNeed, "cherche solvant de dégraissage"),
      MakeCard("h3", "p", CardKind::kNeed, "reprise de solvants usagés"),
      MakeCard("h4", "c", CardKind::kOffer, "collecte de mobilier"),
      MakeCard("h5", "d", CardKind::kNeed, "vieux meubles à faire enlever"),
      MakeCard("h6", "e", CardKind::kOffer, "mobilier de bureau"),
  };
  std::map<std::string, Match> from_brute, from_engine;
  for (const auto& c : cards) {
    engine.Add(c);
    for (auto& m : brute.Add(c)) from_brute[m.key] = m;
  }
  for (const auto& m : engine.All()) {
    if (m.key.rfind("mut:", 0) != 0) from_engine[m.key] = m;
  }
  EXPECT_EQ(from_engine, from_brute);
  EXPECT_TRUE(from_engine.count("sub:h1|h3"));
  EXPECT_FALSE(from_engine.count("sub:h1|h2"));
  EXPECT_TRUE(from_engine.count("sub:h4|h5"));
  EXPECT_FALSE(from_engine.count("sub:h6|h5"));
}

TEST(EngineTest, RecallFloorFindsWhatTheLexiconDoesNotName) {
  // Neither card names a concept of the lexicon, and they share one exact word of two: the
  // floor's rare words and 4-grams make the pair.
  Engine engine;
  BruteForce brute;
  std::map<std::string, Match> from_brute, from_engine;
  for (const auto& c : {MakeCard("m1", "a", CardKind::kOffer, "mousse polyuréthane"),
                        MakeCard("m2", "b", CardKind::kNeed, "chutes de mousse polyurethanne"),
                        MakeCard("m3", "c", CardKind::kNeed, "mousse de lait")}) {
    engine.Add(c);
    for (auto& m : brute.Add(c)) from_brute[m.key] = m;
  }
  for (const auto& m : engine.All()) from_engine[m.key] = m;
  EXPECT_EQ(from_engine, from_brute);
  const auto all = engine.All();
  const Match* m = FindKey(all, "sub:m1|m2");
  ASSERT_NE(m, nullptr);
  EXPECT_EQ(m->reasons.front(), "Mots proches : mousse, polyurethane ≈ polyurethanne");
  EXPECT_EQ(FindKey(all, "sub:m1|m3"), nullptr);
}

TEST(EngineTest, UmbrellaCardMatchesOnEachItem) {
  Engine engine;
  engine.Add(MakeCard("u0", "a", CardKind::kNeed,
                      "Nous reprenons : cartons, films plastique, bidons et ferraille"));
  engine.Add(MakeCard("u1", "b", CardKind::kOffer, "ferraille"));
  engine.Add(MakeCard("u2", "c", CardKind::kOffer, "films plastique"));
  engine.Add(MakeCard("u3", "d", CardKind::kOffer, "seaux vides"));
  const auto all = engine.All();
  // Every item is what the card is about: the last one as much as the first.
  for (const char* key : {"sub:u1|u0", "sub:u2|u0", "sub:u3|u0"}) {
    const Match* m = FindKey(all, key);
    ASSERT_NE(m, nullptr) << key;
    EXPECT_GE(m->score, 0.8) << key;
  }
}

TEST(EngineTest, CollectorsOfferFindsTheWasteOffers) {
  Engine engine;
  Card collector = MakeCard("o1", "a", CardKind::kOffer, "Nous reprenons vos palettes cassées");
  collector.category = "service";
  Card pallets = MakeCard("o2", "b", CardKind::kOffer, "palettes bois usagées");
  pallets.category = "dechet";
  Card other = MakeCard("o3", "c", CardKind::kOffer, "palettes EPAL");
  other.category = "dechet";
  engine.Add(pallets);
  engine.Add(collector);
  engine.Add(other);
  const auto all = engine.All();
  EXPECT_NE(FindKey(all, "sub:o2|o1"), nullptr);
  EXPECT_NE(FindKey(all, "sub:o3|o1"), nullptr);
  EXPECT_EQ(all.size(), 2u);  // the two producers' offers never meet
}

std::vector<Card> SampleCards() {
  return {
      MakeCard("c01", "a", CardKind::kOffer, "Palettes bois cassées"),
      MakeCard("c02", "b", CardKind::kNeed, "recherche palettes EPAL"),
      MakeCard("c03", "c", CardKind::kNeed, "gardiennage de nuit"),
      MakeCard("c04", "d", CardKind::kNeed, "vigile week-end"),
      MakeCard("c05", "e", CardKind::kOffer, "Fenwick dispo le vendredi"),
      MakeCard("c06", "b", CardKind::kNeed, "chariot élévateur le vendredi"),
      MakeCard("c07", "c", CardKind::kOffer, "chaleur fatale des fours"),
      MakeCard("c08", "d", CardKind::kNeed, "chauffage des serres l'hiver"),
      MakeCard("c09", "e", CardKind::kNeed, "formation SST"),
      MakeCard("c10", "a", CardKind::kNeed, "sst pour 4 salariés"),
      MakeCard("c11", "f", CardKind::kOffer, "cartons propres"),
      MakeCard("c12", "a", CardKind::kNeed, "emballages carton ondulé"),
      MakeCard("c13", "b", CardKind::kOffer, "huile de friture usagée"),
      MakeCard("c14", "c", CardKind::kNeed, "huile hydraulique"),
  };
}

TEST(EngineTest, SameCardsInAnyOrderGiveTheSameBoard) {
  auto cards = SampleCards();
  Engine forward;
  for (const auto& c : cards) forward.Add(c);
  std::reverse(cards.begin(), cards.end());
  Engine backward;
  for (const auto& c : cards) backward.Add(c);
  EXPECT_FALSE(forward.All().empty());
  EXPECT_EQ(forward.All(), backward.All());
}

TEST(EngineTest, IndexFindsWhatBruteForceFinds) {
  Engine engine;
  BruteForce brute;
  std::map<std::string, Match> from_brute;
  for (const auto& c : SampleCards()) {
    engine.Add(c);
    for (auto& m : brute.Add(c)) from_brute[m.key] = m;
  }
  std::map<std::string, Match> from_engine;
  for (const auto& m : engine.All()) {
    if (m.key.rfind("mut:", 0) != 0) from_engine[m.key] = m;
  }
  EXPECT_EQ(from_engine, from_brute);
}

// A randomized sequence of adds, edits and removals must leave the same board as a fresh engine
// given only the final cards (the ModelDB idea of leveldb's db_test).
TEST(EngineTest, RandomizedIncrementalEqualsFresh) {
  const std::vector<std::string> texts = {"palettes bois",
                                          "pal. europe",
                                          "emballages bois",
                                          "palettes plastique",
                                          "gardiennage",
                                          "vigile",
                                          "surveillance",
                                          "Fenwick",
                                          "chariot élévateur",
                                          "transpalette électrique",
                                          "cartons",
                                          "carton ondulé",
                                          "chaleur fatale",
                                          "besoin de chauffage",
                                          "formation SST",
                                          "secourisme",
                                          "huile de friture",
                                          "huile hydraulique",
                                          "big bags",
                                          "GRVS",
                                          "personnel saisonnier",
                                          "renforts",
                                          "stockage 200 m2",
                                          "entrepôt",
                                          "biodéchets",
                                          "compost",
                                          "nettoyage des locaux",
                                          "ménage bureaux"};
  const std::vector<std::string> companies = {"a", "b", "c", "d", "e", "f"};
  const unsigned seed = std::random_device{}();
  std::cout << "RandomizedIncrementalEqualsFresh seed=" << seed << "\n";
  SCOPED_TRACE("seed=" + std::to_string(seed));
  std::mt19937 rng(seed);
  auto pick = [&](std::size_t n) { return static_cast<std::size_t>(rng() % n); };

  Engine engine;
  std::map<std::string, Card> live;
  for (int step = 0; step < 400; ++step) {
    const std::string id = "c" + std::to_string(pick(40));
    const int op = static_cast<int>(pick(10));
    if (op < 2 && live.count(id)) {
      engine.Remove(id);
      live.erase(id);
      continue;
    }
    Card c = MakeCard(id, companies[pick(companies.size())],
                      pick(2) ? CardKind::kOffer : CardKind::kNeed, texts[pick(texts.size())]);
    if (pick(3) == 0) c.months = {static_cast<int>(1 + pick(12)), static_cast<int>(1 + pick(12))};
    if (live.count(id)) {
      engine.Update(c);
    } else {
      engine.Add(c);
    }
    live[id] = c;
  }
  Engine fresh;
  for (const auto& [id, c] : live) fresh.Add(c);
  EXPECT_EQ(engine.All(), fresh.All());
  EXPECT_EQ(engine.card_count(), live.size());
}

}  // namespace
}  // namespace atelier::match
