#include "server/workshop/viewer.hpp"

#include <gtest/gtest.h>

#include <set>

#include "tests/unit/workshop/fixture.hpp"

namespace atelier::workshop {
namespace {

class ViewerTest : public ::testing::Test {
 protected:
  void SetUp() override { SetUpWorkshop(w_); }
  std::string PostAs(const std::string& company, v1::Visibility vis, const std::string& text) {
    v1::ClientMessage m = Post(text);
    m.mutable_post_card()->mutable_card()->set_visibility(vis);
    Outcome out = w_.Handle(ParticipantOf(company), m, 2000);
    EXPECT_TRUE(out.ok());
    last_ = out.events.at(0);
    return out.entity_id;
  }
  Workshop w_;
  v1::Event last_;
};

TEST_F(ViewerTest, FacilitatorsOnlyCardsAreHiddenFromTheRoom) {
  std::string id = PostAs("a", v1::VISIBILITY_FACILITATORS, "Confidentiel");
  PostAs("b", v1::VISIBILITY_ROOM, "Public");
  Viewer board;
  board.role = v1::ROLE_BOARD;
  EXPECT_EQ(SnapshotFor(w_.state(), board).cards_size(), 1);
  EXPECT_EQ(SnapshotFor(w_.state(), ParticipantOf("b")).cards_size(), 1);
  EXPECT_EQ(SnapshotFor(w_.state(), ParticipantOf("a")).cards_size(), 2) << "own card";
  EXPECT_EQ(SnapshotFor(w_.state(), Facilitator()).cards_size(), 2);
  EXPECT_FALSE(CanSeeCard(w_.state(), board, *w_.state().FindCard(id)));
}

// A match event between company a's card and a card of an earlier workshop.
v1::Event EarlierMatchEvent(const std::string& card_id, v1::Visibility earlier_visibility) {
  v1::Event e;
  e.set_seq(1000);
  v1::Match* m = e.mutable_match_found()->mutable_match();
  m->set_key("sub:wA/c3|" + card_id);
  m->add_card_ids("wA/c3");
  m->add_card_ids(card_id);
  m->add_company_ids("a");
  v1::EarlierCard* earlier = m->add_earlier_cards();
  earlier->set_card_id("wA/c3");
  earlier->set_company_name("Menuiserie d'avant");
  earlier->set_text("palettes bois");
  earlier->set_visibility(earlier_visibility);
  return e;
}

TEST_F(ViewerTest, EarlierWorkshopMatchesReachTheCompaniesInvolvedTheBoardAndFacilitators) {
  std::string id = PostAs("a", v1::VISIBILITY_ROOM, "cherche palettes");
  v1::Event e = EarlierMatchEvent(id, v1::VISIBILITY_ROOM);
  Viewer board;
  board.role = v1::ROLE_BOARD;
  ASSERT_TRUE(NeedsFiltering(w_.state(), e));
  EXPECT_TRUE(FilterEvent(w_.state(), ParticipantOf("a"), e).has_match_found());
  EXPECT_TRUE(FilterEvent(w_.state(), board, e).has_match_found());
  EXPECT_TRUE(FilterEvent(w_.state(), Facilitator(), e).has_match_found());
  EXPECT_EQ(FilterEvent(w_.state(), ParticipantOf("b"), e).body_case(), v1::Event::BODY_NOT_SET);
  // Three different views, so three keys (b and c share theirs).
  std::set<std::string> keys = {ViewKey(w_.state(), ParticipantOf("a"), e),
                                ViewKey(w_.state(), board, e),
                                ViewKey(w_.state(), ParticipantOf("b"), e)};
  EXPECT_EQ(keys.size(), 3u);
  EXPECT_EQ(ViewKey(w_.state(), ParticipantOf("b"), e), ViewKey(w_.state(), ParticipantOf("c"), e));
}

TEST_F(ViewerTest, EarlierFacilitatorsOnlyCardsStayWithFacilitatorsAndAnonymousOnesNameless) {
  std::string id = PostAs("a", v1::VISIBILITY_ROOM, "cherche palettes");
  Viewer board;
  board.role = v1::ROLE_BOARD;
  v1::Event hidden = EarlierMatchEvent(id, v1::VISIBILITY_FACILITATORS);
  EXPECT_FALSE(FilterEvent(w_.state(), ParticipantOf("a"), hidden).has_match_found());
  EXPECT_FALSE(FilterEvent(w_.state(), board, hidden).has_match_found());
  EXPECT_TRUE(FilterEvent(w_.state(), Facilitator(), hidden).has_match_found());

  v1::Event anonymous = EarlierMatchEvent(id, v1::VISIBILITY_ANONYMOUS);
  v1::Event seen = FilterEvent(w_.state(), ParticipantOf("a"), anonymous);
  ASSERT_TRUE(seen.has_match_found());
  EXPECT_TRUE(seen.match_found().match().earlier_cards(0).company_name().empty());
  EXPECT_EQ(seen.match_found().match().earlier_cards(0).text(), "palettes bois");
  EXPECT_EQ(FilterEvent(w_.state(), Facilitator(), anonymous)
                .match_found()
                .match()
                .earlier_cards(0)
                .company_name(),
            "Menuiserie d'avant");
}

TEST_F(ViewerTest, HiddenEventKeepsItsSequenceNumberOnly) {
  PostAs("a", v1::VISIBILITY_FACILITATORS, "Confidentiel");
  ASSERT_TRUE(NeedsFiltering(w_.state(), last_));
  v1::Event seen = FilterEvent(w_.state(), ParticipantOf("b"), last_);
  EXPECT_EQ(seen.seq(), last_.seq());
  EXPECT_EQ(seen.body_case(), v1::Event::BODY_NOT_SET);
  EXPECT_TRUE(FilterEvent(w_.state(), ParticipantOf("a"), last_).has_card_posted());
  EXPECT_NE(ViewKey(w_.state(), ParticipantOf("a"), last_),
            ViewKey(w_.state(), ParticipantOf("b"), last_));
  EXPECT_EQ(ViewKey(w_.state(), ParticipantOf("b"), last_),
            ViewKey(w_.state(), ParticipantOf("c"), last_));
}

TEST_F(ViewerTest, AnonymousCardsHideTheirCompanyUntilASynergyIsConfirmed) {
  std::string id = PostAs("a", v1::VISIBILITY_ANONYMOUS, "Solvants usagés");
  v1::Event seen = FilterEvent(w_.state(), ParticipantOf("b"), last_);
  ASSERT_TRUE(seen.has_card_posted());
  EXPECT_TRUE(seen.card_posted().card().company_id().empty());
  EXPECT_TRUE(seen.card_posted().card().author().empty());
  EXPECT_EQ(FilterEvent(w_.state(), Facilitator(), last_).card_posted().card().company_id(), "a");

  v1::ClientMessage s;
  s.mutable_set_synergy()->mutable_synergy()->add_card_ids(id);
  s.mutable_set_synergy()->mutable_synergy()->set_status(v1::SYNERGY_STATUS_IN_DISCUSSION);
  ASSERT_TRUE(w_.Handle(Facilitator(), s, 3000).ok());
  v1::Snapshot snap = SnapshotFor(w_.state(), ParticipantOf("b"));
  ASSERT_EQ(snap.cards_size(), 1);
  EXPECT_EQ(snap.cards(0).company_id(), "a") << "revealed once confirmed";
}

TEST_F(ViewerTest, RoomCardsNeedNoFiltering) {
  PostAs("a", v1::VISIBILITY_ROOM, "Palettes");
  EXPECT_FALSE(NeedsFiltering(w_.state(), last_));
  EXPECT_EQ(ViewKey(w_.state(), ParticipantOf("b"), last_), "all");
}

}  // namespace
}  // namespace atelier::workshop
