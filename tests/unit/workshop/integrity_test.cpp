// Nothing committed may be unreadable: limits in characters, one truncation
// that never cuts a character, every enum and string checked against the
// protocol before an event is made, and old damaged events repaired.
#include <gtest/gtest.h>

#include "server/common/text.hpp"
#include "server/workshop/validate.hpp"
#include "server/workshop/visibility.hpp"
#include "server/workshop/workshop.hpp"
#include "tests/unit/workshop/fixture.hpp"

namespace atelier::workshop {
namespace {

std::string Repeat(const std::string& s, int n) {
  std::string out;
  for (int i = 0; i < n; ++i) out += s;
  return out;
}

// Every event of `out` reads back from its bytes as it was.
void ExpectReadable(const Outcome& out) {
  for (const auto& e : out.events) {
    const std::string bytes = e.SerializeAsString();
    v1::Event back;
    EXPECT_TRUE(back.ParseFromString(bytes)) << "seq " << e.seq();
    EXPECT_TRUE(RoundTrips(e, bytes)) << "seq " << e.seq();
    EXPECT_FALSE(FindInvalidField(e).has_value()) << *FindInvalidField(e);
  }
}

class IntegrityTest : public ::testing::Test {
 protected:
  void SetUp() override { SetUpWorkshop(w_); }
  Workshop w_;
};

TEST_F(IntegrityTest, WithdrawalReasonIsCutBetweenCharacters) {
  Outcome posted = w_.Handle(ParticipantOf("a"), Post("Palettes"), 1);
  ASSERT_TRUE(posted.ok());
  v1::ClientMessage m;
  m.mutable_withdraw_card()->set_card_id(posted.entity_id);
  m.mutable_withdraw_card()->set_reason("a" + Repeat("é", 150));  // 301 bytes, 151 characters
  Outcome out = w_.Handle(ParticipantOf("a"), m, 2);
  ASSERT_TRUE(out.ok());
  ExpectReadable(out);
  EXPECT_EQ(out.events[0].card_withdrawn().reason(), "a" + Repeat("é", 150))
      << "151 characters fit the 200-character limit whole";

  Outcome again = w_.Handle(ParticipantOf("a"), Post("Cartons"), 3);
  m.mutable_withdraw_card()->set_card_id(again.entity_id);
  m.mutable_withdraw_card()->set_reason(Repeat("é", 400));
  Outcome cut = w_.Handle(ParticipantOf("a"), m, 4);
  ASSERT_TRUE(cut.ok());
  ExpectReadable(cut);
  const std::string& reason = cut.events[0].card_withdrawn().reason();
  EXPECT_EQ(common::CountChars(reason), kMaxNameChars);
  EXPECT_EQ(reason, Repeat("é", kMaxNameChars - 1) + "…");
}

TEST_F(IntegrityTest, SynergyTitleFromAnAccentedCardIsReadable) {
  // An accent across byte 120: the old byte cut stored half of « é ».
  const std::string text = Repeat("a", 119) + "éléments de palettes";
  Outcome offer = w_.Handle(ParticipantOf("a"), Post(text), 1);
  Outcome need = w_.Handle(ParticipantOf("b"), Post("Palettes", v1::CARD_KIND_NEED), 1);
  ASSERT_TRUE(offer.ok() && need.ok());
  v1::Event found;
  found.set_seq(w_.state().seq() + 1);
  v1::Match* mt = found.mutable_match_found()->mutable_match();
  mt->set_key("m1");
  mt->set_kind(v1::SYNERGY_KIND_SUBSTITUTION);
  mt->add_card_ids(offer.entity_id);
  mt->add_card_ids(need.entity_id);
  mt->add_company_ids("a");
  mt->add_company_ids("b");
  w_.Restore(found);
  v1::ClientMessage react;
  react.mutable_react()->set_match_key(Visibility().OpaqueKey("m1"));  // as tablets see it
  react.mutable_react()->set_reaction(v1::REACTION_INTERESTED);
  ASSERT_TRUE(w_.Handle(ParticipantOf("a"), react, 2).ok());
  Outcome both = w_.Handle(ParticipantOf("b"), react, 3);
  ASSERT_TRUE(both.ok());
  ASSERT_EQ(both.events.size(), 2u);
  ExpectReadable(both);
  const std::string& title = both.events[1].synergy_upserted().synergy().title();
  EXPECT_EQ(title, Repeat("a", 119) + "…");
}

TEST_F(IntegrityTest, MergeReasonQuotesTheKeptCardWhole) {
  const std::string text = Repeat("é", 79) + "ç" + "suite";
  Outcome keep = w_.Handle(ParticipantOf("a"), Post(text), 1);
  Outcome dup = w_.Handle(ParticipantOf("a"), Post("doublon"), 1);
  ASSERT_TRUE(keep.ok() && dup.ok());
  v1::ClientMessage m;
  m.mutable_merge_cards()->set_keep_id(keep.entity_id);
  m.mutable_merge_cards()->add_duplicate_ids(dup.entity_id);
  Outcome out = w_.Handle(Facilitator(), m, 2);
  ASSERT_TRUE(out.ok());
  ExpectReadable(out);
  EXPECT_EQ(out.events[0].card_withdrawn().reason(), "Doublon de « " + Repeat("é", 79) + "… »");
}

TEST_F(IntegrityTest, LimitsAreCountedInCharacters) {
  Outcome accented = w_.Handle(ParticipantOf("a"), Post(Repeat("é", 1000)), 1);
  EXPECT_TRUE(accented.ok()) << "1,000 accented characters are 2,000 bytes and allowed";
  ExpectReadable(accented);
  Outcome emoji = w_.Handle(ParticipantOf("a"), Post(Repeat("🏭", 1000)), 1);
  EXPECT_TRUE(emoji.ok());
  Outcome over = w_.Handle(ParticipantOf("a"), Post(Repeat("é", 1001)), 1);
  ASSERT_FALSE(over.ok());
  EXPECT_EQ(over.rejection->code, v1::ERROR_CODE_INVALID);
  EXPECT_NE(over.rejection->message.find("1000 caractères"), std::string::npos);
  EXPECT_TRUE(over.events.empty());

  v1::Participant p;
  p.set_role(v1::ROLE_PARTICIPANT);
  p.set_company_id("a");
  p.set_name(Repeat("É", kMaxPersonNameChars));
  EXPECT_TRUE(w_.AddParticipant(p, 1).ok());
  p.set_name(Repeat("É", kMaxPersonNameChars + 1));
  EXPECT_EQ(w_.AddParticipant(p, 1).rejection->code, v1::ERROR_CODE_INVALID);
}

TEST_F(IntegrityTest, OutOfRangeEnumsAreRefusedAndNothingIsStored) {
  const uint64_t seq = w_.state().seq();
  v1::ClientMessage status;
  status.mutable_update_workshop()->mutable_workshop()->set_status(
      static_cast<v1::WorkshopStatus>(99));
  Outcome a = w_.Handle(Facilitator(), status, 1);
  ASSERT_FALSE(a.ok());
  EXPECT_EQ(a.rejection->code, v1::ERROR_CODE_INVALID);
  EXPECT_NE(a.rejection->message.find("status = 99"), std::string::npos) << a.rejection->message;

  v1::ClientMessage kind;
  kind.mutable_set_synergy()->mutable_synergy()->set_kind(static_cast<v1::SynergyKind>(99));
  kind.mutable_set_synergy()->mutable_synergy()->add_company_ids("a");
  Outcome b = w_.Handle(Facilitator(), kind, 1);
  ASSERT_FALSE(b.ok());
  EXPECT_NE(b.rejection->message.find("kind = 99"), std::string::npos) << b.rejection->message;

  v1::ClientMessage card = Post("Palettes");
  card.mutable_post_card()->mutable_card()->set_kind(static_cast<v1::CardKind>(7));
  EXPECT_FALSE(w_.Handle(ParticipantOf("a"), card, 1).ok());
  EXPECT_EQ(w_.state().seq(), seq) << "no event for a refused command";
  EXPECT_EQ(w_.state().info().status(), v1::WORKSHOP_STATUS_OPEN);

  v1::WorkshopInfo info;
  info.set_id("w2");
  info.set_status(static_cast<v1::WorkshopStatus>(42));
  Workshop other;
  EXPECT_FALSE(other.Create(info, 1).ok());
}

TEST_F(IntegrityTest, MalformedUtf8FromAToolIsRefused) {
  // Commands parsed from the network are UTF-8-checked by protobuf; tools and
  // imports build them in memory, where nothing stops a stray byte but this.
  v1::ClientMessage m = AddCompany("z", std::string("Soci\xC3", 5) + "t\xE9", 1);
  Outcome out = w_.Handle(Facilitator(), m, 1);
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.rejection->code, v1::ERROR_CODE_INVALID);

  v1::ClientMessage title;
  title.mutable_update_workshop()->mutable_workshop()->set_venue(std::string("Salle \xFF", 7));
  EXPECT_FALSE(w_.Handle(Facilitator(), title, 1).ok());

  v1::ClientMessage syn;
  v1::Synergy* s = syn.mutable_set_synergy()->mutable_synergy();
  s->add_company_ids("a");
  s->add_notes()->set_text(std::string("note \xE2\x82", 7));
  EXPECT_FALSE(w_.Handle(Facilitator(), syn, 1).ok());
}

TEST_F(IntegrityTest, FacilitatorFieldsOverTheirLimitAreRefusedNotCut) {
  v1::ClientMessage syn;
  v1::Synergy* s = syn.mutable_set_synergy()->mutable_synergy();
  s->add_company_ids("a");
  s->set_title(Repeat("é", kMaxNameChars + 1));
  Outcome out = w_.Handle(Facilitator(), syn, 1);
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.rejection->code, v1::ERROR_CODE_INVALID);
  s->set_title(Repeat("é", kMaxNameChars));
  s->add_notes()->set_text(Repeat("ü", kMaxTextChars));
  Outcome ok = w_.Handle(Facilitator(), syn, 1);
  ASSERT_TRUE(ok.ok());
  ExpectReadable(ok);
}

TEST(FindInvalidField, NamesTheNestedField) {
  v1::Event e;
  e.set_seq(4);
  e.mutable_synergy_upserted()->mutable_synergy()->add_notes()->set_text("ok");
  e.mutable_synergy_upserted()->mutable_synergy()->add_notes()->set_text(std::string("\xC3", 1));
  auto bad = FindInvalidField(e);
  ASSERT_TRUE(bad.has_value());
  EXPECT_EQ(*bad, "synergy_upserted.synergy.notes[1].text : UTF-8 invalide");
  e.mutable_synergy_upserted()->mutable_synergy()->mutable_notes(1)->set_text("é");
  EXPECT_FALSE(FindInvalidField(e).has_value());
}

TEST(RepairUtf8, MakesAnOldByteCutEventReadableAndKeepsTheRest) {
  // What the server once stored: a reason cut at byte 200 inside « é ».
  v1::Event e;
  e.set_seq(17);
  e.set_actor("p3");
  e.set_at_ms(123456);
  e.mutable_card_withdrawn()->set_card_id("c9");
  const std::string cut = ("a" + Repeat("é", 150)).substr(0, 200);
  ASSERT_FALSE(common::IsValidUtf8(cut));
  e.mutable_card_withdrawn()->set_reason("placeholder");
  // Protobuf would refuse to serialize it in a debug build: write the field by hand.
  std::string bytes;
  {
    v1::Event no_reason = e;
    no_reason.mutable_card_withdrawn()->clear_reason();
    v1::CardWithdrawn w = no_reason.card_withdrawn();
    std::string inner = w.SerializeAsString();
    inner += static_cast<char>((2 << 3) | 2);  // CardWithdrawn.reason is field 2
    inner += static_cast<char>(0x80 | (cut.size() & 0x7F));
    inner += static_cast<char>(cut.size() >> 7);
    inner += cut;
    no_reason.clear_card_withdrawn();
    bytes = no_reason.SerializeAsString();
    const int field = v1::Event::kCardWithdrawnFieldNumber;
    std::string tag;
    uint32_t t = static_cast<uint32_t>(field << 3 | 2);
    while (t >= 0x80) {
      tag += static_cast<char>(t | 0x80);
      t >>= 7;
    }
    tag += static_cast<char>(t);
    bytes += tag;
    uint32_t len = static_cast<uint32_t>(inner.size());
    while (len >= 0x80) {
      bytes += static_cast<char>(len | 0x80);
      len >>= 7;
    }
    bytes += static_cast<char>(len);
    bytes += inner;
  }
  v1::Event direct;
  ASSERT_FALSE(direct.ParseFromString(bytes)) << "the damage this repairs";

  auto repaired = RepairUtf8(bytes, v1::Event::descriptor());
  ASSERT_TRUE(repaired.has_value());
  v1::Event back;
  ASSERT_TRUE(back.ParseFromString(*repaired));
  EXPECT_EQ(back.seq(), 17u);
  EXPECT_EQ(back.actor(), "p3");
  EXPECT_EQ(back.at_ms(), 123456);
  EXPECT_EQ(back.card_withdrawn().card_id(), "c9");
  EXPECT_EQ(back.card_withdrawn().reason(), "a" + Repeat("é", 99) + "\xEF\xBF\xBD");

  EXPECT_FALSE(RepairUtf8("\x0A\xFF\xFF", v1::Event::descriptor()).has_value())
      << "bytes that are no message stay refused";
}

}  // namespace
}  // namespace atelier::workshop
