// The fold property: for random command sequences, the state folded from the
// emitted events equals the live state at every sequence number a command
// ended on — the guarantee behind recovery, resume and replay.
#include "server/workshop/state.hpp"

#include <google/protobuf/util/message_differencer.h>
#include <gtest/gtest.h>

#include <random>

#include "tests/unit/workshop/fixture.hpp"

namespace atelier::workshop {
namespace {

using google::protobuf::util::MessageDifferencer;

// Draws a random command from what the state allows (and some it does not).
v1::ClientMessage RandomCommand(std::mt19937& rng, const WorkshopState& state, Viewer* actor) {
  static const char* kCompanies[] = {"a", "b", "c"};
  static const char* kCategories[] = {"dechet", "service", "energie", "bogus"};
  static const char* kTexts[] = {"Palettes bois", "Gardiennage", "Chaleur fatale", "", "Cartons"};
  auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<unsigned>(n)); };
  // Half of the texts are random Unicode, some longer than any limit.
  auto text = [&]() -> std::string {
    return pick(2) ? std::string(kTexts[pick(5)]) : RandomText(rng, pick(4) ? 150 : 1100);
  };
  *actor = pick(4) == 0 ? Facilitator()
                        : ParticipantOf(kCompanies[pick(3)], "p" + std::to_string(pick(3)));
  v1::ClientMessage m;
  const auto& cards = state.card_order();
  switch (pick(9)) {
    case 0:
    case 1:
    case 2: {
      m = Post(text(), pick(2) ? v1::CARD_KIND_OFFER : v1::CARD_KIND_NEED, kCategories[pick(4)],
               actor->is_facilitator() ? kCompanies[pick(3)] : "");
      auto* d = m.mutable_post_card()->mutable_card();
      if (pick(2)) d->set_visibility(static_cast<v1::Visibility>(1 + pick(3)));
      if (pick(3) == 0) d->add_months(1 + pick(12));
      break;
    }
    case 3:
      if (!cards.empty()) {
        m.mutable_edit_card()->set_card_id(
            cards[static_cast<size_t>(pick(static_cast<int>(cards.size())))]);
        *m.mutable_edit_card()->mutable_card() = Post(text()).post_card().card();
      }
      break;
    case 4:
      if (!cards.empty()) {
        m.mutable_withdraw_card()->set_card_id(
            cards[static_cast<size_t>(pick(static_cast<int>(cards.size())))]);
        m.mutable_withdraw_card()->set_reason(RandomText(rng, 300));
      }
      break;
    case 5:
      m.mutable_set_joins_locked()->set_locked(pick(2) == 1);
      break;
    case 6:
      m.mutable_start_round()->set_minutes(pick(30));
      break;
    case 7: {
      v1::Synergy* s = m.mutable_set_synergy()->mutable_synergy();
      if (!cards.empty())
        s->add_card_ids(cards[static_cast<size_t>(pick(static_cast<int>(cards.size())))]);
      s->set_status(static_cast<v1::SynergyStatus>(1 + pick(5)));
      s->add_notes()->set_text(pick(2) ? "note" : RandomText(rng, 1100));
      if (pick(2)) s->set_title(RandomText(rng, 250));
      if (pick(2)) s->set_next_action(RandomText(rng, 300));
      break;
    }
    default:
      m = AddCompany("", pick(2) ? "Nouvelle " + std::to_string(pick(1000)) : RandomText(rng, 250),
                     1 + pick(2));
      break;
  }
  return m;
}

TEST(FoldProperty, StoredEventsFoldToTheLiveStateAtEverySeq) {
  const unsigned seed = std::random_device{}();
  SCOPED_TRACE("seed " + std::to_string(seed) + " (set FOLD_SEED to replay)");
  const char* fixed = std::getenv("FOLD_SEED");
  std::mt19937 rng(fixed ? static_cast<unsigned>(std::stoul(fixed)) : seed);

  for (int round = 0; round < 20; ++round) {
    Workshop live;
    SetUpWorkshop(live);
    const uint64_t base = live.state().seq();
    std::vector<v1::Event> log;
    int applied = 0;
    for (int step = 0; step < 150; ++step) {
      Viewer actor;
      v1::ClientMessage cmd = RandomCommand(rng, live.state(), &actor);
      Outcome out = live.Handle(actor, cmd, 1'000'000 + step);
      if (!out.ok()) {
        EXPECT_TRUE(out.events.empty());
        continue;
      }
      ++applied;
      for (const auto& e : out.events) {
        ASSERT_EQ(e.seq(), base + log.size() + 1) << "gap-free sequence";
        // The log's path: every event survives a byte round-trip unchanged.
        const std::string bytes = e.SerializeAsString();
        v1::Event back;
        ASSERT_TRUE(back.ParseFromString(bytes)) << "seq " << e.seq() << " unreadable";
        ASSERT_TRUE(MessageDifferencer::Equals(back, e)) << "seq " << e.seq();
        log.push_back(std::move(back));
      }
      // Recovery's path: a fresh workshop restored from the recorded events.
      Workshop replay;
      SetUpWorkshop(replay);
      for (const auto& e : log) replay.Restore(e);
      ASSERT_TRUE(
          MessageDifferencer::Equals(replay.state().FullSnapshot(), live.state().FullSnapshot()))
          << "step " << step << " seq " << live.state().seq();
      // The per-company count of live cards the quota reads equals a scan of the cards.
      for (const char* company : {"a", "b", "c"}) {
        size_t scanned = 0;
        for (const auto& id : live.state().card_order()) {
          const v1::Card* c = live.state().FindCard(id);
          scanned += !c->withdrawn() && c->company_id() == company;
        }
        ASSERT_EQ(live.state().LiveCardsOf(company), scanned) << "step " << step;
        ASSERT_EQ(replay.state().LiveCardsOf(company), scanned) << "step " << step;
      }
    }
    EXPECT_GT(applied, 30) << "the generator must mostly produce valid commands";
  }
}

TEST(WorkshopState, WithdrawCountsOnce) {
  Workshop w;
  SetUpWorkshop(w);
  Outcome posted = w.Handle(ParticipantOf("a"), Post("x"), 1);
  ASSERT_TRUE(posted.ok());
  v1::Event withdraw;
  withdraw.mutable_card_withdrawn()->set_card_id(posted.entity_id);
  withdraw.set_seq(w.state().seq() + 1);
  Workshop replay;
  SetUpWorkshop(replay);
  replay.Restore(posted.events[0]);
  replay.Restore(withdraw);
  EXPECT_EQ(replay.state().live_card_count(), 0u);
  withdraw.set_seq(replay.state().seq() + 1);
  replay.Restore(withdraw);
  EXPECT_EQ(replay.state().live_card_count(), 0u);
}

}  // namespace
}  // namespace atelier::workshop
