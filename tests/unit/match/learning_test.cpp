// Learning from the room: Engine::SetEvidence re-ranks suggestions of the same kind and pair of
// resources, says so in their reasons, and never makes a pair the constraints refuse.
#include <gtest/gtest.h>

#include <algorithm>

#include "server/match/engine.hpp"
#include "tests/unit/match/cards.hpp"

namespace atelier::match {
namespace {

using testing::FindKey;
using testing::MakeCard;

bool HasReason(const Match& m, std::string_view prefix) {
  return std::any_of(m.reasons.begin(), m.reasons.end(),
                     [&](const std::string& r) { return r.rfind(prefix, 0) == 0; });
}

// Two pallet exchanges between four companies, and one of cardboard.
void AddLikePairs(Engine& e) {
  e.Add(MakeCard("o1", "a", CardKind::kOffer, "palettes bois 200/mois"));
  e.Add(MakeCard("n1", "b", CardKind::kNeed, "cherche palettes en bois"));
  e.Add(MakeCard("o2", "c", CardKind::kOffer, "palettes bois à donner"));
  e.Add(MakeCard("n2", "d", CardKind::kNeed, "besoin de palettes bois"));
  e.Add(MakeCard("o3", "e", CardKind::kOffer, "cartons vides propres"));
  e.Add(MakeCard("n3", "f", CardKind::kNeed, "récupère cartons"));
}

Engine TwoLikePairs() {
  Engine e;
  AddLikePairs(e);
  return e;
}

TEST(LearningTest, LikePairsShareTheirEvidenceAndOthersDoNot) {
  Engine e = TwoLikePairs();
  const auto all = e.All();
  const Match* a = FindKey(all, "sub:o1|n1");
  const Match* b = FindKey(all, "sub:o2|n2");
  const Match* c = FindKey(all, "sub:o3|n3");
  ASSERT_TRUE(a && b && c);
  EXPECT_FALSE(a->evidence.empty());
  EXPECT_EQ(a->evidence.rfind("flow:", 0), 0u) << a->evidence;
  EXPECT_EQ(a->evidence, b->evidence);
  EXPECT_NE(a->evidence, c->evidence);
}

TEST(LearningTest, AValidationRaisesLikePairsButNotItselfNorOthers) {
  Engine e = TwoLikePairs();
  const auto before = e.All();
  const Match a0 = *FindKey(before, "sub:o1|n1");
  const Match b0 = *FindKey(before, "sub:o2|n2");
  const Match c0 = *FindKey(before, "sub:o3|n3");

  Evidence ev;
  ev.here["sub:o1|n1"] = 1;
  const MatchDelta d = e.SetEvidence(a0.evidence, ev);
  // Only the like pairs change (o2-n2, and the crossed o1-n2, o2-n1): its own verdict is not
  // evidence for itself.
  std::vector<std::string> keys;
  for (const auto& m : d.upserted) keys.push_back(m.key);
  std::sort(keys.begin(), keys.end());
  EXPECT_EQ(keys, (std::vector<std::string>{"sub:o1|n2", "sub:o2|n1", "sub:o2|n2"}));
  EXPECT_TRUE(d.removed_keys.empty());
  const Match* b = FindKey(d.upserted, "sub:o2|n2");
  ASSERT_TRUE(b);
  EXPECT_NEAR(b->score, std::min(1.0, b0.score * 1.1), 0.002);
  EXPECT_TRUE(HasReason(*b, "Une synergie semblable validée dans cet atelier"));

  const auto after = e.All();
  EXPECT_EQ(*FindKey(after, "sub:o1|n1"), a0);
  EXPECT_EQ(*FindKey(after, "sub:o3|n3"), c0);
  EXPECT_EQ(*FindKey(after, "sub:o2|n2"), *b);
  // Setting the same evidence again changes nothing.
  EXPECT_TRUE(e.SetEvidence(a0.evidence, ev).upserted.empty());
}

TEST(LearningTest, RejectionsLowerAndTheTerritoryCountsPerWorkshop) {
  Engine e = TwoLikePairs();
  const Match b0 = *FindKey(e.All(), "sub:o2|n2");
  Evidence ev;
  ev.here["sub:o1|n1"] = -1;
  ev.territory_rejected = 2;
  const MatchDelta d = e.SetEvidence(b0.evidence, ev);
  const Match* b = FindKey(d.upserted, "sub:o2|n2");
  ASSERT_TRUE(b);
  // Three pieces of evidence against: seven tenths of the score, still shown (re-ranked, not
  // hidden).
  EXPECT_NEAR(b->score, b0.score * 0.7, 0.002);
  EXPECT_TRUE(HasReason(*b, "Une suggestion semblable jugée non pertinente dans cet atelier"));
  EXPECT_TRUE(HasReason(*b, "Écarté dans 2 ateliers du territoire"));
  EXPECT_TRUE(FindKey(e.All(), "sub:o2|n2"));
  // Forgetting the subject gives back the score the texts make.
  const MatchDelta undo = e.SetEvidence(b0.evidence, Evidence{});
  EXPECT_EQ(undo.upserted.size(), 4u);  // the four pallet pairs
  EXPECT_EQ(*FindKey(undo.upserted, "sub:o2|n2"), b0);
}

TEST(LearningTest, EvidenceSetBeforeTheCardsWeighsThemAsTheyCome) {
  // A restore: what the room said is known before the cards are fed again.
  Engine live = TwoLikePairs();
  const std::string subject = FindKey(live.All(), "sub:o1|n1")->evidence;
  Evidence ev;
  ev.here["sub:o1|n1"] = 1;
  ev.territory_validated = 3;
  live.SetEvidence(subject, ev);

  Engine e;
  e.SetEvidence(subject, ev);
  AddLikePairs(e);
  const auto all = e.All();
  EXPECT_EQ(all, live.All());
  const Match* b = FindKey(all, "sub:o2|n2");
  ASSERT_TRUE(b);
  EXPECT_TRUE(HasReason(*b, "Validé dans 3 ateliers du territoire"));
  EXPECT_LE(b->score, 1.0);
}

TEST(LearningTest, EvidenceNeverMakesAVetoedPair) {
  // Heat travels a few kilometres: too far, no pair, whatever the territory validated.
  Engine e;
  Company a{"a", "Fonderie", "", "", "", 48.11, -1.68, 0, false};
  Company b{"b", "Serres", "", "", "", 48.60, -1.68, 0, false};  // ~55 km north
  Company c{"c", "Laverie", "", "", "", 48.112, -1.681, 0, false};
  for (const auto& co : {a, b, c}) e.UpsertCompany(co);
  e.Add(MakeCard("o1", "a", CardKind::kOffer, "chaleur fatale 80 °C"));
  e.Add(MakeCard("n1", "c", CardKind::kNeed, "besoin de chaleur basse température"));
  const auto shown = e.All();
  ASSERT_EQ(shown.size(), 1u);
  Evidence ev;
  ev.territory_validated = 3;
  e.SetEvidence(shown[0].evidence, ev);
  e.Add(MakeCard("n2", "b", CardKind::kNeed, "besoin de chaleur basse température"));
  const auto all = e.All();
  EXPECT_FALSE(FindKey(all, "sub:o1|n2"));
  ASSERT_TRUE(FindKey(all, "sub:o1|n1"));
  EXPECT_TRUE(HasReason(*FindKey(all, "sub:o1|n1"), "Validé dans 3 ateliers du territoire"));
}

TEST(LearningTest, GroupsLearnToo) {
  Engine e;
  e.Add(MakeCard("n1", "a", CardKind::kNeed, "formation CACES R489"));
  e.Add(MakeCard("n2", "b", CardKind::kNeed, "formation CACES R489 pour 3 caristes"));
  e.Add(MakeCard("n3", "c", CardKind::kNeed, "formation CACES R489"));
  const auto all = e.All();
  const auto group = std::find_if(
      all.begin(), all.end(), [](const Match& m) { return m.evidence.rfind("group:", 0) == 0; });
  ASSERT_NE(group, all.end());
  Evidence ev;
  ev.territory_validated = 1;
  const MatchDelta d = e.SetEvidence(group->evidence, ev);
  const Match* g = FindKey(d.upserted, group->key);
  ASSERT_TRUE(g);
  EXPECT_GT(g->score, group->score);
  EXPECT_TRUE(HasReason(*g, "Validé dans 1 atelier du territoire"));
}

}  // namespace
}  // namespace atelier::match
