// Facilitator console commands in the pure domain: merging duplicate cards.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "server/workshop/workshop.hpp"

namespace atelier::workshop {
namespace {

using ::testing::ElementsAre;

constexpr int64_t kNow = 1'700'000'000'000;

class ConsoleCommands : public ::testing::Test {
 protected:
  void SetUp() override {
    v1::WorkshopInfo info;
    info.set_id("w1");
    info.set_title("Atelier test");
    info.set_tables(2);
    ASSERT_TRUE(ws_.Create(info, kNow).ok());
    facilitator_.role = v1::ROLE_FACILITATOR;
    facilitator_.participant_id = "p-fac";
    acme_ = AddCompany("Acme");
    bravo_ = AddCompany("Bravo");
  }

  std::string AddCompany(const std::string& name) {
    v1::ClientMessage m;
    m.mutable_upsert_company()->mutable_company()->set_name(name);
    m.mutable_upsert_company()->mutable_company()->set_table(1);
    Outcome out = ws_.Handle(facilitator_, m, kNow);
    EXPECT_TRUE(out.ok());
    return out.entity_id;
  }

  std::string Post(const std::string& company, const std::string& text,
                   v1::CardKind kind = v1::CARD_KIND_OFFER) {
    v1::ClientMessage m;
    v1::CardDraft* d = m.mutable_post_card()->mutable_card();
    d->set_kind(kind);
    d->set_category("dechet");
    d->set_text(text);
    d->set_company_id(company);
    Outcome out = ws_.Handle(facilitator_, m, kNow);
    EXPECT_TRUE(out.ok()) << (out.ok() ? "" : out.rejection->message);
    return out.entity_id;
  }

  Outcome Merge(const std::string& keep, std::initializer_list<std::string> dups,
                const Viewer* who = nullptr) {
    v1::ClientMessage m;
    m.mutable_merge_cards()->set_keep_id(keep);
    for (const auto& d : dups) m.mutable_merge_cards()->add_duplicate_ids(d);
    return ws_.Handle(who ? *who : facilitator_, m, kNow + 1);
  }

  Workshop ws_;
  Viewer facilitator_;
  std::string acme_;
  std::string bravo_;
};

TEST_F(ConsoleCommands, MergeWithdrawsDuplicatesIntoTheKeptCard) {
  std::string keep = Post(acme_, "Palettes bois");
  std::string dup1 = Post(acme_, "palettes en bois");
  std::string dup2 = Post(acme_, "Palettes");
  size_t live_before = ws_.state().live_card_count();
  Outcome out = Merge(keep, {dup1, dup2});
  ASSERT_TRUE(out.ok()) << out.rejection->message;
  EXPECT_EQ(out.entity_id, keep);
  ASSERT_EQ(out.events.size(), 2u);
  for (size_t i = 0; i < 2; ++i) {
    ASSERT_TRUE(out.events[i].has_card_withdrawn());
    EXPECT_EQ(out.events[i].card_withdrawn().merged_into(), keep);
    EXPECT_EQ(out.events[i].card_withdrawn().reason(), "Doublon de « Palettes bois »");
    EXPECT_EQ(out.events[i].actor(), "p-fac");
  }
  EXPECT_EQ(out.events[0].card_withdrawn().card_id(), dup1);
  EXPECT_EQ(out.events[1].card_withdrawn().card_id(), dup2);
  EXPECT_TRUE(ws_.state().FindCard(dup1)->withdrawn());
  EXPECT_TRUE(ws_.state().FindCard(dup2)->withdrawn());
  EXPECT_FALSE(ws_.state().FindCard(keep)->withdrawn());
  EXPECT_EQ(ws_.state().live_card_count(), live_before - 2);
}

TEST_F(ConsoleCommands, MergeRepointsSynergiesToTheKeptCard) {
  std::string keep = Post(acme_, "Palettes bois");
  std::string dup = Post(acme_, "Palettes bois (bis)");
  std::string need = Post(bravo_, "Besoin de palettes", v1::CARD_KIND_NEED);
  v1::ClientMessage s;
  s.mutable_set_synergy()->mutable_synergy()->add_card_ids(dup);
  s.mutable_set_synergy()->mutable_synergy()->add_card_ids(need);
  Outcome created = ws_.Handle(facilitator_, s, kNow);
  ASSERT_TRUE(created.ok());
  Outcome out = Merge(keep, {dup});
  ASSERT_TRUE(out.ok());
  ASSERT_EQ(out.events.size(), 2u);
  ASSERT_TRUE(out.events[1].has_synergy_upserted());
  const v1::Synergy* syn = ws_.state().FindSynergy(created.entity_id);
  ASSERT_NE(syn, nullptr);
  EXPECT_THAT(syn->card_ids(), ElementsAre(keep, need));
  EXPECT_THAT(syn->company_ids(), ElementsAre(acme_, bravo_));
}

TEST_F(ConsoleCommands, MergeIsAllOrNothing) {
  std::string keep = Post(acme_, "Palettes bois");
  std::string dup = Post(acme_, "Palettes bois (bis)");
  std::string other_company = Post(bravo_, "Palettes bois");
  uint64_t seq = ws_.state().seq();
  Outcome out = Merge(keep, {dup, other_company});
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.rejection->code, v1::ERROR_CODE_INVALID);
  EXPECT_TRUE(out.events.empty());
  EXPECT_EQ(ws_.state().seq(), seq);
  EXPECT_FALSE(ws_.state().FindCard(dup)->withdrawn());
}

TEST_F(ConsoleCommands, MergeRejectsBadInput) {
  std::string keep = Post(acme_, "Palettes bois");
  std::string need = Post(acme_, "Besoin de palettes", v1::CARD_KIND_NEED);
  std::string dup = Post(acme_, "Palettes bois (bis)");
  EXPECT_EQ(Merge("c999", {dup}).rejection->code, v1::ERROR_CODE_NOT_FOUND);
  EXPECT_EQ(Merge(keep, {"c999"}).rejection->code, v1::ERROR_CODE_NOT_FOUND);
  EXPECT_EQ(Merge(keep, {}).rejection->code, v1::ERROR_CODE_INVALID);
  EXPECT_EQ(Merge(keep, {keep}).rejection->code, v1::ERROR_CODE_INVALID);
  EXPECT_EQ(Merge(keep, {dup, dup}).rejection->code, v1::ERROR_CODE_INVALID);
  EXPECT_EQ(Merge(keep, {need}).rejection->code, v1::ERROR_CODE_INVALID);  // offer and need
  ASSERT_TRUE(Merge(keep, {dup}).ok());
  EXPECT_EQ(Merge(keep, {dup}).rejection->code, v1::ERROR_CODE_CONFLICT);  // already merged
  EXPECT_EQ(Merge(dup, {keep}).rejection->code, v1::ERROR_CODE_CONFLICT);  // keep withdrawn
}

TEST_F(ConsoleCommands, OnlyTheLeadFacilitatorMerges) {
  std::string keep = Post(acme_, "Palettes bois");
  std::string dup = Post(acme_, "Palettes bois (bis)");
  Viewer participant{v1::ROLE_PARTICIPANT, "p1", acme_, 1};
  EXPECT_EQ(Merge(keep, {dup}, &participant).rejection->code, v1::ERROR_CODE_FORBIDDEN);
  Viewer board;
  EXPECT_EQ(Merge(keep, {dup}, &board).rejection->code, v1::ERROR_CODE_FORBIDDEN);
}

TEST_F(ConsoleCommands, NothingIsMergedOnceTheWorkshopIsClosed) {
  std::string keep = Post(acme_, "Palettes bois");
  std::string dup = Post(acme_, "Palettes bois (bis)");
  v1::ClientMessage close;
  close.mutable_update_workshop()->mutable_workshop()->set_status(v1::WORKSHOP_STATUS_CLOSED);
  ASSERT_TRUE(ws_.Handle(facilitator_, close, kNow).ok());
  EXPECT_EQ(Merge(keep, {dup}).rejection->code, v1::ERROR_CODE_WORKSHOP_CLOSED);
}

}  // namespace
}  // namespace atelier::workshop
