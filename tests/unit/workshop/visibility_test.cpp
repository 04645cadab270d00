#include "server/workshop/visibility.hpp"

#include <gtest/gtest.h>

#include <set>

#include "tests/unit/workshop/fixture.hpp"

namespace atelier::workshop {
namespace {

class VisibilityTest : public ::testing::Test {
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
  Visibility vis_;
  v1::Event last_;
};

TEST_F(VisibilityTest, FacilitatorsOnlyCardsAreHiddenFromTheRoom) {
  std::string id = PostAs("a", v1::VISIBILITY_FACILITATORS, "Confidentiel");
  PostAs("b", v1::VISIBILITY_ROOM, "Public");
  Viewer board;
  board.role = v1::ROLE_BOARD;
  EXPECT_EQ(vis_.Snapshot(w_.state(), board).cards_size(), 1);
  EXPECT_EQ(vis_.Snapshot(w_.state(), ParticipantOf("b")).cards_size(), 1);
  EXPECT_EQ(vis_.Snapshot(w_.state(), ParticipantOf("a")).cards_size(), 2) << "own card";
  EXPECT_EQ(vis_.Snapshot(w_.state(), Facilitator()).cards_size(), 2);
  EXPECT_FALSE(vis_.CanSeeCard(w_.state(), board, *w_.state().FindCard(id)));
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

TEST_F(VisibilityTest, EarlierWorkshopMatchesReachTheCompaniesInvolvedTheBoardAndFacilitators) {
  std::string id = PostAs("a", v1::VISIBILITY_ROOM, "cherche palettes");
  v1::Event e = EarlierMatchEvent(id, v1::VISIBILITY_ROOM);
  Viewer board;
  board.role = v1::ROLE_BOARD;
  EXPECT_TRUE(vis_.Event(w_.state(), ParticipantOf("a"), e).has_match_found());
  EXPECT_TRUE(vis_.Event(w_.state(), board, e).has_match_found());
  EXPECT_TRUE(vis_.Event(w_.state(), Facilitator(), e).has_match_found());
  EXPECT_EQ(vis_.Event(w_.state(), ParticipantOf("b"), e).body_case(), v1::Event::BODY_NOT_SET);
  // Three different views, so three keys (b and c share theirs).
  std::set<std::string> keys = {vis_.ViewKey(w_.state(), ParticipantOf("a"), e),
                                vis_.ViewKey(w_.state(), board, e),
                                vis_.ViewKey(w_.state(), ParticipantOf("b"), e)};
  EXPECT_EQ(keys.size(), 3u);
  EXPECT_EQ(vis_.ViewKey(w_.state(), ParticipantOf("b"), e),
            vis_.ViewKey(w_.state(), ParticipantOf("c"), e));
}

TEST_F(VisibilityTest, EarlierFacilitatorsOnlyCardsStayWithFacilitatorsAndAnonymousOnesNameless) {
  std::string id = PostAs("a", v1::VISIBILITY_ROOM, "cherche palettes");
  Viewer board;
  board.role = v1::ROLE_BOARD;
  v1::Event hidden = EarlierMatchEvent(id, v1::VISIBILITY_FACILITATORS);
  EXPECT_FALSE(vis_.Event(w_.state(), ParticipantOf("a"), hidden).has_match_found());
  EXPECT_FALSE(vis_.Event(w_.state(), board, hidden).has_match_found());
  EXPECT_TRUE(vis_.Event(w_.state(), Facilitator(), hidden).has_match_found());

  v1::Event anonymous = EarlierMatchEvent(id, v1::VISIBILITY_ANONYMOUS);
  v1::Event seen = vis_.Event(w_.state(), ParticipantOf("a"), anonymous);
  ASSERT_TRUE(seen.has_match_found());
  EXPECT_TRUE(seen.match_found().match().earlier_cards(0).company_name().empty());
  EXPECT_EQ(seen.match_found().match().earlier_cards(0).text(), "palettes bois");
  EXPECT_EQ(vis_.Event(w_.state(), Facilitator(), anonymous)
                .match_found()
                .match()
                .earlier_cards(0)
                .company_name(),
            "Menuiserie d'avant");
}

TEST_F(VisibilityTest, HiddenEventKeepsItsSequenceNumberOnly) {
  PostAs("a", v1::VISIBILITY_FACILITATORS, "Confidentiel");
  v1::Event seen = vis_.Event(w_.state(), ParticipantOf("b"), last_);
  EXPECT_EQ(seen.seq(), last_.seq());
  EXPECT_EQ(seen.body_case(), v1::Event::BODY_NOT_SET);
  EXPECT_TRUE(vis_.Event(w_.state(), ParticipantOf("a"), last_).has_card_posted());
  EXPECT_NE(vis_.ViewKey(w_.state(), ParticipantOf("a"), last_),
            vis_.ViewKey(w_.state(), ParticipantOf("b"), last_));
  EXPECT_EQ(vis_.ViewKey(w_.state(), ParticipantOf("b"), last_),
            vis_.ViewKey(w_.state(), ParticipantOf("c"), last_));
}

TEST_F(VisibilityTest, AnonymousCardsHideTheirCompanyUntilASynergyIsConfirmed) {
  std::string id = PostAs("a", v1::VISIBILITY_ANONYMOUS, "Solvants usagés");
  v1::Event seen = vis_.Event(w_.state(), ParticipantOf("b"), last_);
  ASSERT_TRUE(seen.has_card_posted());
  EXPECT_TRUE(seen.card_posted().card().company_id().empty());
  EXPECT_TRUE(seen.card_posted().card().author().empty());
  EXPECT_EQ(vis_.Event(w_.state(), Facilitator(), last_).card_posted().card().company_id(), "a");

  v1::ClientMessage s;
  s.mutable_set_synergy()->mutable_synergy()->add_card_ids(id);
  s.mutable_set_synergy()->mutable_synergy()->set_status(v1::SYNERGY_STATUS_IN_DISCUSSION);
  ASSERT_TRUE(w_.Handle(Facilitator(), s, 3000).ok());
  v1::Snapshot snap = vis_.Snapshot(w_.state(), ParticipantOf("b"));
  ASSERT_EQ(snap.cards_size(), 1);
  EXPECT_EQ(snap.cards(0).company_id(), "a") << "revealed once confirmed";
}

TEST_F(VisibilityTest, RoomCardsLookTheSameToEveryoneButTheirCompany) {
  PostAs("a", v1::VISIBILITY_ROOM, "Palettes");
  EXPECT_EQ(vis_.ViewKey(w_.state(), ParticipantOf("b"), last_),
            vis_.ViewKey(w_.state(), ParticipantOf("c"), last_));
  EXPECT_EQ(vis_.Event(w_.state(), ParticipantOf("b"), last_).card_posted().card().company_id(),
            "a");
  EXPECT_TRUE(vis_.Event(w_.state(), ParticipantOf("b"), last_).actor().empty())
      << "the actor is another company's participant";
}

TEST_F(VisibilityTest, APersonsNameReachesFacilitatorsAndTheirCompanyOnly) {
  v1::Participant person;
  person.set_role(v1::ROLE_PARTICIPANT);
  person.set_company_id("a");
  person.set_name("Anne Le Goff");
  person.set_table(2);
  Outcome out = w_.AddParticipant(person, 2000);
  ASSERT_TRUE(out.ok());
  const v1::Event& e = out.events.at(0);
  ASSERT_TRUE(e.has_participant_joined());
  Viewer board;
  board.role = v1::ROLE_BOARD;
  for (const Viewer& other : {ParticipantOf("b"), board}) {
    v1::Event seen = vis_.Event(w_.state(), other, e);
    ASSERT_TRUE(seen.has_participant_joined());
    EXPECT_TRUE(seen.participant_joined().participant().name().empty());
    EXPECT_EQ(seen.participant_joined().participant().company_id(), "a") << "which company: public";
    EXPECT_EQ(seen.participant_joined().participant().table(), 2);
  }
  EXPECT_EQ(vis_.Event(w_.state(), ParticipantOf("a"), e).participant_joined().participant().name(),
            "Anne Le Goff");
  EXPECT_EQ(vis_.Event(w_.state(), Facilitator(), e).participant_joined().participant().name(),
            "Anne Le Goff");
  EXPECT_NE(vis_.ViewKey(w_.state(), ParticipantOf("a"), e),
            vis_.ViewKey(w_.state(), ParticipantOf("b"), e));
  auto named = [](const v1::Snapshot& snap) {
    int n = 0;
    for (const auto& p : snap.participants()) n += p.name() == "Anne Le Goff";
    return n;
  };
  EXPECT_EQ(named(vis_.Snapshot(w_.state(), ParticipantOf("b"))), 0);
  EXPECT_EQ(named(vis_.Snapshot(w_.state(), board)), 0);
  EXPECT_EQ(named(vis_.Snapshot(w_.state(), ParticipantOf("a"))), 1);
}

TEST_F(VisibilityTest, ContactsReachFacilitatorsAndTheCompanyOnly) {
  v1::ClientMessage m = AddCompany("a", "Alpha");
  m.mutable_upsert_company()->mutable_company()->set_contact("Ana, ana@alpha.fr, 06 11 22 33 44");
  Outcome out = w_.Handle(Facilitator(), m, 2000);
  ASSERT_TRUE(out.ok());
  const v1::Event& e = out.events.at(0);
  Viewer board;
  EXPECT_TRUE(vis_.Event(w_.state(), board, e).company_upserted().company().contact().empty());
  EXPECT_TRUE(
      vis_.Event(w_.state(), ParticipantOf("b"), e).company_upserted().company().contact().empty());
  EXPECT_FALSE(
      vis_.Event(w_.state(), ParticipantOf("a"), e).company_upserted().company().contact().empty());
  EXPECT_FALSE(
      vis_.Event(w_.state(), Facilitator(), e).company_upserted().company().contact().empty());
  EXPECT_TRUE(vis_.Snapshot(w_.state(), ParticipantOf("b")).companies(0).contact().empty());
  v1::Lobby lobby = vis_.Lobby(w_.state());
  ASSERT_EQ(lobby.companies_size(), 3);
  EXPECT_EQ(lobby.companies(0).name(), "Alpha");
  EXPECT_TRUE(lobby.companies(0).contact().empty()) << "before joining, no contact";
}

TEST_F(VisibilityTest, OperatorSetsTheTerritoryNotTheFacilitator) {
  v1::ClientMessage m;
  m.mutable_update_workshop()->mutable_workshop()->set_territory("Autre territoire");
  Outcome out = w_.Handle(Facilitator(), m, 2000);
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.rejection->code, v1::ERROR_CODE_FORBIDDEN);
  m.mutable_update_workshop()->mutable_workshop()->set_territory(w_.state().info().territory());
  m.mutable_update_workshop()->mutable_workshop()->set_title("Nouveau titre");
  EXPECT_TRUE(w_.Handle(Facilitator(), m, 2000).ok()) << "the same territory is no change";

  Outcome set = w_.SetTerritory("Rennes Métropole", 2100);  // atelier set-territory
  ASSERT_TRUE(set.ok());
  ASSERT_EQ(set.events.size(), 1u);
  EXPECT_EQ(w_.state().info().territory(), "Rennes Métropole");
  EXPECT_EQ(w_.state().info().title(), "Nouveau titre");
  m.mutable_update_workshop()->mutable_workshop()->set_territory("Autre territoire");
  EXPECT_EQ(w_.Handle(Facilitator(), m, 2200).rejection->code, v1::ERROR_CODE_FORBIDDEN);
  EXPECT_EQ(w_.state().info().territory(), "Rennes Métropole");
}

TEST_F(VisibilityTest, OpaqueKeysDependOnTheSecret) {
  Visibility other("another secret");
  EXPECT_NE(vis_.OpaqueKey("sub:c5|c6"), other.OpaqueKey("sub:c5|c6"));
  EXPECT_EQ(other.OpaqueKey("sub:c5|c6"), Visibility("another secret").OpaqueKey("sub:c5|c6"));
  EXPECT_EQ(other.OpaqueKey("sub:c5|c6").size(), 17u);
  EXPECT_EQ(other.OpaqueKey("sub:c5|c6").find("c5"), std::string::npos);
}

}  // namespace
}  // namespace atelier::workshop
