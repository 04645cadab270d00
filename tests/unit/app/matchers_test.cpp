// The matching engine as the server plugs it in: the lexicon as the catalogue
// search's synonyms (on a real SQLite file), and the territory's earlier cards
// as read-only candidates of a workshop's matcher.
#include "server/app/matchers.hpp"

#include <gmock/gmock.h>

#include <algorithm>
#include <filesystem>

#include "server/store/event_store.hpp"
#include "tests/support/server_process.hpp"

namespace atelier::app {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::UnorderedElementsAre;

class CatalogueSynonymsTest : public ::testing::Test {
 protected:
  CatalogueSynonymsTest() : dir_(testing::MakeTempDir("atelier-synonyms")), path_(dir_ + "/a.db") {
    store::EventStore s(path_, store::Database::Durability::kNormal);
    EXPECT_TRUE(s.InsertWorkshop({"w1", "C1", "w1", "e", 0}).ok());
    uint64_t seq = 0;
    auto append = [&](v1::Event e) {
      e.set_seq(++seq);
      EXPECT_TRUE(s.AppendEvent("w1", e, e.SerializeAsString()).ok());
    };
    v1::Event w;
    w.mutable_workshop_created()->mutable_workshop()->set_territory("T");
    append(w);
    v1::Event c;
    c.mutable_company_upserted()->mutable_company()->set_id("e1");
    c.mutable_company_upserted()->mutable_company()->set_name("Logistique Ouest");
    append(c);
    int n = 0;
    for (const char* text :
         {"Chariot élévateur à vendre", "Big bags vides, propres", "Gardiennage de nuit du site",
          "Palettes 80x120 cassées", "Chariots élévateurs de location"}) {
      v1::Event p;
      v1::Card* card = p.mutable_card_posted()->mutable_card();
      card->set_id("c" + std::to_string(++n));
      card->set_company_id("e1");
      card->set_kind(v1::CARD_KIND_OFFER);
      card->set_text(text);
      append(p);
    }
  }
  ~CatalogueSynonymsTest() override { std::filesystem::remove_all(dir_); }

  std::vector<std::string> Find(const std::string& q, store::WordExpander expander) {
    store::Catalogue catalogue(path_, std::move(expander));
    store::CatalogueResult r = catalogue.SearchNow("T", q, 50);
    EXPECT_TRUE(r.status.ok()) << r.status.message() << " for " << r.fts_query;
    std::vector<std::string> ids;
    for (const auto& h : r.hits) ids.push_back(h.card_id);
    return ids;
  }

  std::string dir_;
  std::string path_;
};

TEST_F(CatalogueSynonymsTest, FindsCardsByTheLexiconsSynonymsAndAbbreviations) {
  EXPECT_THAT(Find("fenwick", LexiconExpander()), UnorderedElementsAre("c1", "c5"));
  EXPECT_THAT(Find("GRVS", LexiconExpander()), ElementsAre("c2"));
  EXPECT_THAT(Find("vigile", LexiconExpander()), ElementsAre("c3"));
  EXPECT_THAT(Find("vigiles", LexiconExpander()), ElementsAre("c3"));
  // Without the lexicon, the same words find nothing.
  EXPECT_THAT(Find("fenwick", {}), IsEmpty());
  EXPECT_THAT(Find("vigile", {}), IsEmpty());
}

TEST_F(CatalogueSynonymsTest, StillCorrectsMisspellings) {
  EXPECT_THAT(Find("palletes", LexiconExpander()), ElementsAre("c4"));
  EXPECT_THAT(Find("gardienage", LexiconExpander()), ElementsAre("c3"));
}

store::EarlierCardRow Row(const std::string& workshop, const std::string& id, v1::CardKind kind,
                          const std::string& text) {
  store::EarlierCardRow row;
  row.workshop_id = workshop;
  row.workshop_title = "Atelier de " + workshop;
  row.workshop_date = "2025-03-14";
  row.company_name = "Menuiserie Durand";
  row.card.set_id(id);
  row.card.set_company_id("e1");  // the same id as a company of this workshop
  row.card.set_kind(kind);
  row.card.set_category("dechet");
  row.card.set_text(text);
  row.card.set_visibility(v1::VISIBILITY_ROOM);
  return row;
}

TEST(EarlierCards, MatchTodaysCardsAndNeverEachOther) {
  std::unique_ptr<workshop::Matcher> matcher = DefaultMatcherFactory()();
  matcher->SetEarlierCards(
      {EarlierCardOf(Row("wA", "c3", v1::CARD_KIND_OFFER, "palettes bois 200/mois")),
       EarlierCardOf(Row("wA", "c4", v1::CARD_KIND_NEED, "besoin de palettes bois"))});
  EXPECT_THAT(matcher->Current(), IsEmpty());  // their own pair is not this workshop's

  v1::Company company;
  company.set_id("e1");
  company.set_name("Scierie");
  matcher->UpsertCompany(company);
  v1::Card need;
  need.set_id("c3");  // the same id as the earlier offer, in another workshop
  need.set_company_id("e1");
  need.set_kind(v1::CARD_KIND_NEED);
  need.set_category("dechet");
  need.set_text("cherche palettes en bois");
  workshop::MatchChanges changes = matcher->Add(need);
  // The earlier offer, and the earlier need of the same goods as a group purchase.
  ASSERT_EQ(changes.upserted.size(), 2u);
  auto offered =
      std::find_if(changes.upserted.begin(), changes.upserted.end(),
                   [](const v1::Match& x) { return x.kind() == v1::SYNERGY_KIND_SUBSTITUTION; });
  ASSERT_NE(offered, changes.upserted.end());
  const v1::Match m = *offered;
  EXPECT_THAT(m.card_ids(), UnorderedElementsAre("wA/c3", "c3"));
  EXPECT_THAT(m.company_ids(), ElementsAre("e1"));  // only this workshop's companies
  ASSERT_EQ(m.earlier_cards_size(), 1);
  EXPECT_EQ(m.earlier_cards(0).card_id(), "wA/c3");
  EXPECT_EQ(m.earlier_cards(0).workshop_title(), "Atelier de wA");
  EXPECT_EQ(m.earlier_cards(0).workshop_date(), "2025-03-14");
  EXPECT_EQ(m.earlier_cards(0).company_name(), "Menuiserie Durand");
  EXPECT_EQ(m.earlier_cards(0).text(), "palettes bois 200/mois");
  ASSERT_EQ(matcher->Current().size(), 2u);

  changes = matcher->Remove("c3");
  EXPECT_THAT(changes.removed_keys, ::testing::Contains(m.key()));
  EXPECT_THAT(matcher->Current(), IsEmpty());
}

TEST(HazardousCards, ByTheirCodeOrByTheResourceTheyName) {
  std::unique_ptr<workshop::Matcher> matcher = DefaultMatcherFactory()();
  auto card = [](const char* text, const char* code) {
    v1::Card c;
    c.set_id("c1");
    c.set_company_id("e1");
    c.set_kind(v1::CARD_KIND_OFFER);
    c.set_category("dechet");
    c.set_text(text);
    c.set_waste_code(code);
    return c;
  };
  EXPECT_TRUE(matcher->IsHazardousCard(card("Bidons de solvants usagés", "")));
  EXPECT_TRUE(matcher->IsHazardousCard(card("Déchets d'atelier", "13 02 05")));  // 13 02 05*
  EXPECT_FALSE(matcher->IsHazardousCard(card("Palettes bois cassées", "")));
  EXPECT_FALSE(matcher->IsHazardousCard(card("Emballages bois", "15 01 03")));
}

TEST(HazardousCards, TheProfileReadForTheBadgeServesTheAdd) {
  // The workshop asks for the badge before it numbers the card, then adds it: the same content
  // under its final id and company gives the same matches as a card read afresh.
  std::unique_ptr<workshop::Matcher> matcher = DefaultMatcherFactory()();
  for (const char* id : {"e1", "e2"}) {
    v1::Company company;
    company.set_id(id);
    company.set_name(id);
    matcher->UpsertCompany(company);
  }
  v1::Card offer;
  offer.set_kind(v1::CARD_KIND_OFFER);
  offer.set_category("dechet");
  offer.set_text("Palettes bois cassées");
  EXPECT_FALSE(matcher->IsHazardousCard(offer));
  offer.set_id("c1");
  offer.set_company_id("e1");
  EXPECT_TRUE(matcher->Add(offer).upserted.empty());
  v1::Card need = offer;
  need.set_kind(v1::CARD_KIND_NEED);
  need.set_text("Bidons de solvants usagés");
  EXPECT_TRUE(matcher->IsHazardousCard(need));
  // Edited between the badge and the post: read again, not the stale profile.
  need.set_text("recherche palettes en bois");
  need.set_id("c2");
  need.set_company_id("e2");
  const auto changes = matcher->Add(need);
  ASSERT_EQ(changes.upserted.size(), 1u);
  EXPECT_THAT(changes.upserted[0].card_ids(), ElementsAre("c1", "c2"));
  EXPECT_FALSE(changes.upserted[0].hazardous());
}

}  // namespace
}  // namespace atelier::app
