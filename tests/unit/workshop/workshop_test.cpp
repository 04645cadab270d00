#include "server/workshop/workshop.hpp"

#include <gtest/gtest.h>

#include "tests/unit/workshop/fixture.hpp"

namespace atelier::workshop {
namespace {

class WorkshopTest : public ::testing::Test {
 protected:
  void SetUp() override { SetUpWorkshop(w_); }
  Workshop w_;
};

TEST_F(WorkshopTest, ParticipantPostsForItsOwnCompany) {
  Outcome out = w_.Handle(ParticipantOf("a"), Post("Palettes bois"), 2000);
  ASSERT_TRUE(out.ok());
  ASSERT_EQ(out.events.size(), 1u);
  const v1::Card& card = out.events[0].card_posted().card();
  EXPECT_EQ(card.company_id(), "a");
  EXPECT_EQ(card.id(), out.entity_id);
  EXPECT_EQ(card.table(), 1);
  EXPECT_EQ(card.visibility(), v1::VISIBILITY_ROOM);
  EXPECT_EQ(w_.state().live_card_count(), 1u);
}

TEST_F(WorkshopTest, ParticipantCannotPostForAnotherCompany) {
  Outcome out =
      w_.Handle(ParticipantOf("a"), Post("Palettes", v1::CARD_KIND_OFFER, "dechet", "b"), 2000);
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.rejection->code, v1::ERROR_CODE_FORBIDDEN);
  EXPECT_TRUE(out.events.empty());
  EXPECT_EQ(w_.state().live_card_count(), 0u);
}

TEST_F(WorkshopTest, BoardIsReadOnly) {
  Viewer board;
  board.role = v1::ROLE_BOARD;
  Outcome out = w_.Handle(board, Post("x", v1::CARD_KIND_OFFER, "dechet", "a"), 2000);
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.rejection->code, v1::ERROR_CODE_FORBIDDEN);
}

TEST_F(WorkshopTest, TableFacilitatorPostsOnlyForItsTable) {
  Viewer tf;
  tf.role = v1::ROLE_TABLE_FACILITATOR;
  tf.table = 1;
  EXPECT_TRUE(w_.Handle(tf, Post("ok", v1::CARD_KIND_NEED, "service", "b"), 2000).ok());
  Outcome other = w_.Handle(tf, Post("no", v1::CARD_KIND_NEED, "service", "c"), 2000);
  ASSERT_FALSE(other.ok());
  EXPECT_EQ(other.rejection->code, v1::ERROR_CODE_FORBIDDEN);
}

TEST_F(WorkshopTest, RejectsBadDrafts) {
  struct Case {
    std::function<void(v1::CardDraft*)> mutate;
    const char* what;
  };
  std::vector<Case> cases = {
      {[](v1::CardDraft* d) { d->set_text("   "); }, "empty text"},
      {[](v1::CardDraft* d) { d->set_text(std::string(1001, 'x')); }, "text too long"},
      {[](v1::CardDraft* d) { d->set_category("bogus"); }, "unknown category"},
      {[](v1::CardDraft* d) { d->set_kind(v1::CARD_KIND_UNSPECIFIED); }, "no kind"},
      {[](v1::CardDraft* d) { d->add_months(13); }, "month 13"},
      {[](v1::CardDraft* d) {
         d->set_has_quantity(true);
         d->set_quantity(-1);
       },
       "negative qty"},
      {[](v1::CardDraft* d) { d->set_waste_code("15 01"); }, "short waste code"},
      {[](v1::CardDraft* d) { d->set_text(std::string("caf\xC3", 4)); }, "bad utf-8"},
  };
  for (const auto& c : cases) {
    v1::ClientMessage m = Post("Palettes");
    c.mutate(m.mutable_post_card()->mutable_card());
    Outcome out = w_.Handle(ParticipantOf("a"), m, 2000);
    ASSERT_FALSE(out.ok()) << c.what;
    EXPECT_EQ(out.rejection->code, v1::ERROR_CODE_INVALID) << c.what;
    EXPECT_FALSE(out.rejection->message.empty()) << c.what;
  }
  EXPECT_EQ(w_.state().seq(), 5u) << "a rejected command emits nothing";
}

TEST_F(WorkshopTest, NormalizesWasteCodeAndMonths) {
  v1::ClientMessage m = Post("Palettes");
  m.mutable_post_card()->mutable_card()->set_waste_code("150103");
  for (int month : {8, 7, 8}) m.mutable_post_card()->mutable_card()->add_months(month);
  Outcome out = w_.Handle(ParticipantOf("a"), m, 2000);
  ASSERT_TRUE(out.ok());
  const v1::Card& card = out.events[0].card_posted().card();
  EXPECT_EQ(card.waste_code(), "15 01 03");
  ASSERT_EQ(card.months_size(), 2);
  EXPECT_EQ(card.months(0), 7);
  EXPECT_EQ(card.months(1), 8);
  EXPECT_EQ(NormalizeWasteCode("16 01 07*"), "16 01 07");
  EXPECT_EQ(NormalizeWasteCode("abc"), "");
}

TEST_F(WorkshopTest, EditAndWithdrawOwnCardOnly) {
  Outcome posted = w_.Handle(ParticipantOf("a"), Post("Palettes"), 2000);
  ASSERT_TRUE(posted.ok());
  std::string id = posted.entity_id;

  v1::ClientMessage edit;
  edit.mutable_edit_card()->set_card_id(id);
  *edit.mutable_edit_card()->mutable_card() = Post("Palettes bois, 200/mois").post_card().card();
  Outcome not_mine = w_.Handle(ParticipantOf("b"), edit, 2100);
  ASSERT_FALSE(not_mine.ok());
  EXPECT_EQ(not_mine.rejection->code, v1::ERROR_CODE_FORBIDDEN);

  Outcome edited = w_.Handle(ParticipantOf("a"), edit, 2100);
  ASSERT_TRUE(edited.ok());
  EXPECT_EQ(w_.state().FindCard(id)->text(), "Palettes bois, 200/mois");
  EXPECT_EQ(w_.state().FindCard(id)->posted_seq(), posted.events[0].seq())
      << "edit keeps the origin";

  v1::ClientMessage withdraw;
  withdraw.mutable_withdraw_card()->set_card_id(id);
  EXPECT_EQ(w_.Handle(ParticipantOf("b"), withdraw, 2200).rejection->code,
            v1::ERROR_CODE_FORBIDDEN);
  ASSERT_TRUE(w_.Handle(ParticipantOf("a"), withdraw, 2200).ok());
  EXPECT_TRUE(w_.state().FindCard(id)->withdrawn());
  EXPECT_EQ(w_.state().live_card_count(), 0u);

  Outcome again = w_.Handle(ParticipantOf("a"), edit, 2300);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.rejection->code, v1::ERROR_CODE_CONFLICT) << "editing a withdrawn card";
  EXPECT_EQ(w_.Handle(ParticipantOf("a"), withdraw, 2300).rejection->code, v1::ERROR_CODE_CONFLICT);
}

TEST_F(WorkshopTest, UnknownCardIsNotFound) {
  v1::ClientMessage withdraw;
  withdraw.mutable_withdraw_card()->set_card_id("c999");
  EXPECT_EQ(w_.Handle(ParticipantOf("a"), withdraw, 2000).rejection->code,
            v1::ERROR_CODE_NOT_FOUND);
}

TEST_F(WorkshopTest, FacilitatorCommandsAreReservedToFacilitators) {
  v1::ClientMessage lock;
  lock.mutable_set_joins_locked()->set_locked(true);
  EXPECT_EQ(w_.Handle(ParticipantOf("a"), lock, 2000).rejection->code, v1::ERROR_CODE_FORBIDDEN);
  ASSERT_TRUE(w_.Handle(Facilitator(), lock, 2000).ok());
  EXPECT_TRUE(w_.state().info().joins_locked());
}

TEST_F(WorkshopTest, RoundsAndPause) {
  v1::ClientMessage start;
  start.mutable_start_round()->set_minutes(20);
  ASSERT_TRUE(w_.Handle(Facilitator(), start, 10'000).ok());
  EXPECT_EQ(w_.state().info().round(), 1);
  EXPECT_EQ(w_.state().info().round_ends_at_ms(), 10'000 + 20 * 60'000);

  v1::ClientMessage pause;
  pause.mutable_update_workshop()->mutable_workshop()->set_paused(true);
  ASSERT_TRUE(w_.Handle(Facilitator(), pause, 11'000).ok());
  EXPECT_EQ(w_.Handle(ParticipantOf("a"), Post("x"), 12'000).rejection->code,
            v1::ERROR_CODE_PAUSED);
  EXPECT_TRUE(w_.Handle(Facilitator(), Post("x", v1::CARD_KIND_OFFER, "dechet", "a"), 12'000).ok());

  // Saving only the title keeps the room paused (`paused` absent is not `paused: false`).
  v1::ClientMessage title;
  title.mutable_update_workshop()->mutable_workshop()->set_title("Atelier renommé");
  ASSERT_TRUE(w_.Handle(Facilitator(), title, 12'500).ok());
  EXPECT_EQ(w_.state().info().title(), "Atelier renommé");
  EXPECT_TRUE(w_.state().info().paused());
  v1::ClientMessage resume;
  resume.mutable_update_workshop()->mutable_workshop()->set_paused(false);
  ASSERT_TRUE(w_.Handle(Facilitator(), resume, 12'600).ok());
  EXPECT_FALSE(w_.state().info().paused());

  v1::ClientMessage close;
  close.mutable_update_workshop()->mutable_workshop()->set_status(v1::WORKSHOP_STATUS_CLOSED);
  ASSERT_TRUE(w_.Handle(Facilitator(), close, 13'000).ok());
  EXPECT_EQ(w_.Handle(ParticipantOf("a"), Post("y"), 14'000).rejection->code,
            v1::ERROR_CODE_WORKSHOP_CLOSED);
}

TEST_F(WorkshopTest, ImportIsAllOrNothingWithLineErrors) {
  v1::ClientMessage import;
  auto* list = import.mutable_import_companies();
  auto add = [&](const std::string& name, const std::string& siret) {
    v1::Company* c = list->add_companies();
    c->set_name(name);
    c->set_siret(siret);
  };
  add("Delta", "12345678901234");
  add("", "");                    // missing name
  add("Echo", "12345678901234");  // duplicate SIRET
  add("Foxtrot", "123");          // bad SIRET
  size_t before = w_.state().company_order().size();
  Outcome out = w_.Handle(Facilitator(), import, 2000);
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.rejection->code, v1::ERROR_CODE_INVALID);
  ASSERT_EQ(out.rejection->details.size(), 3u);
  EXPECT_EQ(out.rejection->details[0].line(), 2);
  EXPECT_EQ(out.rejection->details[1].line(), 3);
  EXPECT_EQ(out.rejection->details[1].field(), "siret");
  EXPECT_EQ(out.rejection->details[2].line(), 4);
  EXPECT_EQ(w_.state().company_order().size(), before) << "nothing imported half-way";

  list->mutable_companies()->DeleteSubrange(1, 3);
  Outcome ok = w_.Handle(Facilitator(), import, 2000);
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(w_.state().company_order().size(), before + 1);
}

TEST_F(WorkshopTest, ReactionsFromBothSidesProposeASynergy) {
  Outcome offer = w_.Handle(ParticipantOf("a"), Post("Palettes bois"), 2000);
  Outcome need = w_.Handle(ParticipantOf("b"), Post("Palettes", v1::CARD_KIND_NEED), 2000);
  ASSERT_TRUE(offer.ok() && need.ok());
  // A facilitator records the suggestion by hand (no engine in this test).
  v1::Event found;
  found.set_seq(w_.state().seq() + 1);
  v1::Match* m = found.mutable_match_found()->mutable_match();
  m->set_key("m1");
  m->set_kind(v1::SYNERGY_KIND_SUBSTITUTION);
  m->add_card_ids(offer.entity_id);
  m->add_card_ids(need.entity_id);
  m->add_company_ids("a");
  m->add_company_ids("b");
  w_.Restore(found);

  // Participants name matches by the opaque keys they are given.
  v1::ClientMessage react;
  react.mutable_react()->set_match_key(Visibility().OpaqueKey("m1"));
  react.mutable_react()->set_reaction(v1::REACTION_INTERESTED);
  EXPECT_EQ(w_.Handle(ParticipantOf("c"), react, 3000).rejection->code, v1::ERROR_CODE_FORBIDDEN);
  Outcome first = w_.Handle(ParticipantOf("a"), react, 3000);
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(first.events.size(), 1u) << "one side is not enough";
  Outcome second = w_.Handle(ParticipantOf("b"), react, 3100);
  ASSERT_TRUE(second.ok());
  ASSERT_EQ(second.events.size(), 2u);
  ASSERT_TRUE(second.events[1].has_synergy_upserted());
  const v1::Synergy& s = second.events[1].synergy_upserted().synergy();
  EXPECT_EQ(s.status(), v1::SYNERGY_STATUS_POTENTIAL);
  EXPECT_EQ(s.match_key(), "m1");
  EXPECT_EQ(s.company_ids_size(), 2);
  EXPECT_EQ(s.card_ids_size(), 2);
}

TEST_F(WorkshopTest, AFacilitatorErasesACompanysPersonalDataEvenAfterTheClose) {
  v1::ClientMessage contact = AddCompany("a", "Alpha");
  contact.mutable_upsert_company()->mutable_company()->set_contact("ana@alpha.fr");
  ASSERT_TRUE(w_.Handle(Facilitator(), contact, 2000).ok());
  v1::Participant person;
  person.set_role(v1::ROLE_PARTICIPANT);
  person.set_company_id("a");
  person.set_name("Ana");
  ASSERT_TRUE(w_.AddParticipant(person, 2000).ok());
  v1::ClientMessage close;
  close.mutable_update_workshop()->mutable_workshop()->set_status(v1::WORKSHOP_STATUS_CLOSED);
  ASSERT_TRUE(w_.Handle(Facilitator(), close, 2100).ok());

  v1::ClientMessage erase;
  erase.mutable_erase_company_data()->set_company_id("a");
  Outcome refused = w_.Handle(ParticipantOf("b"), erase, 2200);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.rejection->code, v1::ERROR_CODE_FORBIDDEN);
  erase.mutable_erase_company_data()->set_company_id("nobody");
  EXPECT_EQ(w_.Handle(Facilitator(), erase, 2200).rejection->code, v1::ERROR_CODE_NOT_FOUND);

  erase.mutable_erase_company_data()->set_company_id("a");
  Outcome out = w_.Handle(Facilitator(), erase, 2300);
  ASSERT_TRUE(out.ok()) << out.rejection->message;
  ASSERT_EQ(out.events.size(), 1u);
  EXPECT_TRUE(out.events[0].has_company_data_erased());
  EXPECT_TRUE(w_.state().FindCompany("a")->contact().empty());
  EXPECT_EQ(w_.state().FindCompany("a")->name(), "Alpha");
  const v1::Snapshot snap = w_.state().FullSnapshot();
  for (const auto& p : snap.participants()) {
    if (p.company_id() == "a") {
      EXPECT_TRUE(p.name().empty());
    }
  }
}

TEST_F(WorkshopTest, AFacilitatorRevokesOneDeviceOfACompany) {
  ASSERT_TRUE(w_.Handle(Facilitator(), AddCompany("a", "Alpha"), 2000).ok());
  v1::Participant person;
  person.set_role(v1::ROLE_PARTICIPANT);
  person.set_company_id("a");
  person.set_name("Ana");
  Outcome joined = w_.AddParticipant(person, 2000);
  ASSERT_TRUE(joined.ok());
  const std::string device = joined.entity_id;
  EXPECT_EQ(w_.state().FindParticipant(device)->joined_at_ms(), 2000);

  v1::ClientMessage revoke;
  revoke.mutable_revoke_participant()->set_participant_id(device);
  Outcome refused = w_.Handle(ParticipantOf("a"), revoke, 2100);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.rejection->code, v1::ERROR_CODE_FORBIDDEN);
  v1::ClientMessage unknown;
  unknown.mutable_revoke_participant()->set_participant_id("p999");
  EXPECT_EQ(w_.Handle(Facilitator(), unknown, 2100).rejection->code, v1::ERROR_CODE_NOT_FOUND);

  Outcome out = w_.Handle(Facilitator(), revoke, 2200);
  ASSERT_TRUE(out.ok()) << out.rejection->message;
  ASSERT_EQ(out.events.size(), 1u);
  EXPECT_EQ(out.events[0].participant_revoked().participant_id(), device);
  EXPECT_TRUE(w_.state().FindParticipant(device)->revoked());
  // Twice is a mistake, said so.
  EXPECT_EQ(w_.Handle(Facilitator(), revoke, 2300).rejection->code, v1::ERROR_CODE_INVALID);
}

}  // namespace
}  // namespace atelier::workshop
