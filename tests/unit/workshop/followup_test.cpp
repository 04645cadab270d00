// Synergy follow-up in the pure domain: statuses, abandon reasons from the
// list, impact figures (estimated and verified apart) and dated notes.
#include "server/workshop/followup.hpp"

#include <gmock/gmock.h>

#include "server/workshop/workshop.hpp"

namespace atelier::workshop {
namespace {

class FollowUpTest : public ::testing::Test {
 protected:
  FollowUpTest() {
    v1::WorkshopInfo info;
    info.set_id("w");
    info.set_tables(2);
    EXPECT_TRUE(w_.Create(info, 1000).ok());
    facilitator_.role = v1::ROLE_FACILITATOR;
    facilitator_.participant_id = "p1";
    for (const char* id : {"a", "b"}) {
      v1::ClientMessage m;
      m.mutable_upsert_company()->mutable_company()->set_id(id);
      m.mutable_upsert_company()->mutable_company()->set_name(id);
      EXPECT_TRUE(w_.Handle(facilitator_, m, 1000).ok());
    }
    v1::Synergy s;
    s.add_company_ids("a");
    s.add_company_ids("b");
    Outcome o = Set(s, 2000);
    EXPECT_TRUE(o.ok());
    id_ = o.entity_id;
  }
  Outcome Set(const v1::Synergy& s, int64_t now) {
    v1::ClientMessage m;
    *m.mutable_set_synergy()->mutable_synergy() = s;
    return w_.Handle(facilitator_, m, now);
  }
  const v1::Synergy& Current() const { return *w_.state().FindSynergy(id_); }

  Workshop w_;
  Viewer facilitator_;
  std::string id_;
};

TEST_F(FollowUpTest, KeepsEstimatedAndVerifiedImpactApartWithTheirBasis) {
  v1::Synergy s;
  s.set_id(id_);
  s.set_estimated_tonnes(24);
  s.set_estimated_jobs(0.5);
  s.set_verified_tonnes(18);
  s.set_verified_water_m3(300);
  s.set_impact_basis("2 t/mois × 12");
  ASSERT_TRUE(Set(s, 3000).ok());
  EXPECT_EQ(Current().estimated_tonnes(), 24);
  EXPECT_EQ(Current().verified_tonnes(), 18);
  EXPECT_EQ(Current().estimated_jobs(), 0.5);
  EXPECT_EQ(Current().verified_water_m3(), 300);
  EXPECT_EQ(Current().impact_basis(), "2 t/mois × 12");
  EXPECT_EQ(Current().updated_at_ms(), 3000);
  EXPECT_EQ(Current().updated_by(), "p1");
  EXPECT_EQ(Current().set_fields_size(), 0);

  // Unnamed zeros leave figures alone; named ones reset them.
  v1::Synergy z;
  z.set_id(id_);
  z.add_set_fields("verified_tonnes");
  ASSERT_TRUE(Set(z, 4000).ok());
  EXPECT_EQ(Current().verified_tonnes(), 0);
  EXPECT_EQ(Current().estimated_tonnes(), 24);
}

TEST_F(FollowUpTest, RejectsBadFigures) {
  v1::Synergy s;
  s.set_id(id_);
  s.set_estimated_euros(-5);
  EXPECT_EQ(Set(s, 3000).rejection->code, v1::ERROR_CODE_INVALID);
  s.set_estimated_euros(5);
  s.add_set_fields("price");
  EXPECT_EQ(Set(s, 3000).rejection->code, v1::ERROR_CODE_INVALID);
  EXPECT_EQ(Current().estimated_euros(), 0);
}

TEST_F(FollowUpTest, AbandonNeedsAReasonFromTheList) {
  v1::Synergy s;
  s.set_id(id_);
  s.set_status(v1::SYNERGY_STATUS_ABANDONED);
  EXPECT_EQ(Set(s, 3000).rejection->code, v1::ERROR_CODE_INVALID);
  s.set_abandon_reason("la pluie");
  EXPECT_EQ(Set(s, 3000).rejection->code, v1::ERROR_CODE_INVALID);
  s.set_abandon_reason("reglementaire");
  ASSERT_TRUE(Set(s, 3000).ok());
  EXPECT_EQ(Current().status(), v1::SYNERGY_STATUS_ABANDONED);
  EXPECT_EQ(AbandonReasonLabel(Current().abandon_reason()), "Réglementaire");
}

// The reasons are the protocol's enum: every value has an id that reads back and a label.
TEST_F(FollowUpTest, AbandonReasonsComeFromTheProtocol) {
  const auto* e = v1::AbandonReason_descriptor();
  for (int i = 0; i < e->value_count(); ++i) {
    auto r = static_cast<v1::AbandonReason>(e->value(i)->number());
    if (r == v1::ABANDON_REASON_UNSPECIFIED) continue;
    const std::string id = AbandonReasonId(r);
    EXPECT_EQ(AbandonReasonFromId(id), r) << id;
    EXPECT_FALSE(AbandonReasonLabel(id).empty()) << id;
  }
  EXPECT_EQ(AbandonReasonId(v1::ABANDON_REASON_PLUS_DE_CONTACT), "plus_de_contact");
  EXPECT_FALSE(IsAbandonReason("réglementaire"));  // a label is not an id
  EXPECT_FALSE(IsAbandonReason("REGLEMENTAIRE"));
  EXPECT_FALSE(IsAbandonReason("unspecified"));
}

TEST_F(FollowUpTest, NotesAreDatedAndSignedInOrderEvenWhenClosed) {
  v1::ClientMessage close;
  close.mutable_update_workshop()->mutable_workshop()->set_status(v1::WORKSHOP_STATUS_CLOSED);
  ASSERT_TRUE(w_.Handle(facilitator_, close, 2500).ok());
  for (int i = 0; i < 3; ++i) {
    v1::Synergy s;
    s.set_id(id_);
    s.set_status(static_cast<v1::SynergyStatus>(v1::SYNERGY_STATUS_POTENTIAL + i + 1));
    s.add_notes()->set_text("note " + std::to_string(i));
    ASSERT_TRUE(Set(s, 3000 + i).ok());
  }
  ASSERT_EQ(Current().notes_size(), 3);
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(Current().notes(i).text(), "note " + std::to_string(i));
    EXPECT_EQ(Current().notes(i).at_ms(), 3000 + i);
    EXPECT_EQ(Current().notes(i).author(), "p1");
  }
  EXPECT_EQ(Current().status(), v1::SYNERGY_STATUS_REALISED);
  EXPECT_EQ(SynergyStatusLabel(Current().status()), "réalisée");
}

}  // namespace
}  // namespace atelier::workshop
