// Learning from the room, as a workshop runs it with the real engine: a validation, a rejection
// or a « pas pertinent » re-ranks like suggestions at once, a replay of the log gives the same
// workshop, and the territory's later workshops read the verdicts back from the SQLite file.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>

#include "server/app/matchers.hpp"
#include "server/store/catalogue.hpp"
#include "server/store/event_store.hpp"
#include "server/workshop/workshop.hpp"
#include "tests/support/server_process.hpp"

namespace atelier::app {
namespace {

using workshop::Outcome;
using workshop::Viewer;
using workshop::Workshop;

Viewer Facilitator() {
  Viewer v;
  v.role = v1::ROLE_FACILITATOR;
  v.participant_id = "p1";
  return v;
}

bool HasReason(const v1::Match& m, std::string_view prefix) {
  return std::any_of(m.reasons().begin(), m.reasons().end(),
                     [&](const std::string& r) { return r.rfind(prefix, 0) == 0; });
}

// A workshop run through its commands, every event kept as the log would.
class Room {
 public:
  explicit Room(const std::string& id, const std::string& territory = "")
      : w_(DefaultMatcherFactory()()) {
    v1::WorkshopInfo info;
    info.set_id(id);
    info.set_title("Atelier " + id);
    info.set_territory(territory);
    info.set_tables(2);
    Keep(w_.Create(info, 1000));
    v1::Participant p;
    p.set_id("p1");
    p.set_role(v1::ROLE_FACILITATOR);
    Keep(w_.AddParticipant(p, 1000));
  }

  Outcome Run(const Viewer& actor, const v1::ClientMessage& m) {
    Outcome out = w_.Handle(actor, m, ++now_);
    EXPECT_TRUE(out.ok()) << (out.rejection ? out.rejection->message : "");
    Keep(out);
    return out;
  }
  void Company(const std::string& id) {
    v1::ClientMessage m;
    m.mutable_upsert_company()->mutable_company()->set_id(id);
    m.mutable_upsert_company()->mutable_company()->set_name("Entreprise " + id);
    m.mutable_upsert_company()->mutable_company()->set_table(1);
    Run(Facilitator(), m);
  }
  static v1::ClientMessage PostOf(const std::string& company, v1::CardKind kind,
                                  const std::string& text) {
    v1::ClientMessage m;
    m.set_command_id("post-" + company + text);
    v1::CardDraft* d = m.mutable_post_card()->mutable_card();
    d->set_kind(kind);
    d->set_category("matiere");
    d->set_text(text);
    d->set_company_id(company);
    return m;
  }
  void Post(const std::string& company, v1::CardKind kind, const std::string& text) {
    Run(Facilitator(), PostOf(company, kind, text));
  }
  // The current match between these two companies.
  v1::Match Between(const std::string& a, const std::string& b) const {
    for (const auto& key : w_.state().MatchKeys()) {
      const v1::Match* m = w_.state().FindMatch(key);
      const auto& ids = m->company_ids();
      if (ids.size() == 2 && std::count(ids.begin(), ids.end(), a) &&
          std::count(ids.begin(), ids.end(), b)) {
        return *m;
      }
    }
    ADD_FAILURE() << "no match between " << a << " and " << b;
    return {};
  }
  Outcome SetSynergy(const v1::Match& m, v1::SynergyStatus status, const std::string& reason = "") {
    v1::ClientMessage c;
    v1::Synergy* s = c.mutable_set_synergy()->mutable_synergy();
    s->set_match_key(m.key());
    *s->mutable_card_ids() = m.card_ids();
    s->set_status(status);
    s->set_abandon_reason(reason);
    return Run(Facilitator(), c);
  }
  Outcome React(const std::string& company, const v1::Match& m, v1::Reaction reaction) {
    v1::ClientMessage c;
    c.mutable_react()->set_match_key(m.key());
    c.mutable_react()->set_reaction(reaction);
    c.mutable_react()->set_company_id(company);  // the facilitator's tablet, for the company
    return Run(Facilitator(), c);
  }

  Workshop& workshop() { return w_; }
  int64_t next_time() const { return now_ + 1; }
  const std::vector<v1::Event>& log() const { return log_; }

 private:
  void Keep(const Outcome& out) {
    ASSERT_TRUE(out.ok());
    log_.insert(log_.end(), out.events.begin(), out.events.end());
  }
  Workshop w_;
  std::vector<v1::Event> log_;
  int64_t now_ = 1000;
};

// The matches an outcome (re)draws, by key.
std::map<std::string, v1::Match> Found(const Outcome& out) {
  std::map<std::string, v1::Match> found;
  for (const auto& e : out.events) {
    if (e.has_match_found()) found[e.match_found().match().key()] = e.match_found().match();
  }
  return found;
}

void PalletRoom(Room& r) {
  for (const char* c : {"a", "b", "c", "d", "e", "f"}) r.Company(c);
  r.Post("a", v1::CARD_KIND_OFFER, "palettes bois 200/mois");
  r.Post("b", v1::CARD_KIND_NEED, "cherche palettes en bois");
  r.Post("c", v1::CARD_KIND_OFFER, "palettes bois à donner");
  r.Post("d", v1::CARD_KIND_NEED, "besoin de palettes bois");
  r.Post("e", v1::CARD_KIND_OFFER, "cartons vides propres");
  r.Post("f", v1::CARD_KIND_NEED, "récupère cartons");
}

TEST(LearningFromTheRoomTest, AValidationReRanksLikeMatchesAtOnce) {
  Room r("w1");
  PalletRoom(r);
  const v1::Match ab = r.Between("a", "b");
  const v1::Match cd = r.Between("c", "d");
  const v1::Match ef = r.Between("e", "f");
  ASSERT_FALSE(ab.evidence().empty());
  ASSERT_EQ(ab.evidence(), cd.evidence());
  ASSERT_NE(ab.evidence(), ef.evidence());

  const Outcome out = r.SetSynergy(ab, v1::SYNERGY_STATUS_IN_DISCUSSION);
  ASSERT_TRUE(out.events.front().has_synergy_upserted());
  EXPECT_EQ(out.events.front().synergy_upserted().synergy().evidence(), ab.evidence());
  const auto found = Found(out);
  // The like pairs only (c-d, and the crossed a-d and c-b): not itself, not the cardboard.
  EXPECT_EQ(found.size(), 3u);
  EXPECT_FALSE(found.count(ab.key()));
  EXPECT_FALSE(found.count(ef.key()));
  ASSERT_TRUE(found.count(cd.key()));
  const v1::Match& raised = found.at(cd.key());
  EXPECT_GT(raised.score(), cd.score());
  for (const auto& [key, m] : found) {
    EXPECT_EQ(m.evidence(), ab.evidence());
    EXPECT_TRUE(HasReason(m, "Une synergie semblable validée dans cet atelier")) << key;
  }
  EXPECT_EQ(r.Between("e", "f").SerializeAsString(), ef.SerializeAsString());

  // d finds its own suggestion irrelevant: the validated pair is lowered in turn.
  const Outcome no = r.React("d", cd, v1::REACTION_NOT_RELEVANT);
  ASSERT_TRUE(no.events.front().has_reacted());
  EXPECT_EQ(no.events.front().reacted().evidence(), cd.evidence());
  const auto lowered = Found(no);
  ASSERT_TRUE(lowered.count(ab.key()));
  EXPECT_TRUE(HasReason(lowered.at(ab.key()),
                        "Une suggestion semblable jugée non pertinente dans cet atelier"));
  EXPECT_LT(lowered.at(ab.key()).score(), ab.score() + 1e-9);
}

TEST(LearningFromTheRoomTest, AReplayOfTheLogLearnsTheSameAndAnswersTheSame) {
  Room live("w1");
  PalletRoom(live);
  live.SetSynergy(live.Between("a", "b"), v1::SYNERGY_STATUS_IN_DISCUSSION);
  live.React("f", live.Between("e", "f"), v1::REACTION_NOT_RELEVANT);

  Workshop replay(DefaultMatcherFactory()());
  for (const auto& e : live.log()) replay.Restore(e);
  replay.RebuildMatcher();
  EXPECT_EQ(replay.state().FullSnapshot().SerializeAsString(),
            live.workshop().state().FullSnapshot().SerializeAsString());

  // The same new card, posted to both: the same events, learnt reasons included.
  v1::ClientMessage company;
  company.mutable_upsert_company()->mutable_company()->set_id("g");
  company.mutable_upsert_company()->mutable_company()->set_name("Entreprise g");
  company.mutable_upsert_company()->mutable_company()->set_table(1);
  ASSERT_TRUE(replay.Handle(Facilitator(), company, live.next_time()).ok());
  live.Company("g");
  const auto post = Room::PostOf("g", v1::CARD_KIND_NEED, "récupérons palettes bois");
  const int64_t at = live.next_time();
  const Outcome a = live.Run(Facilitator(), post);
  const Outcome b = replay.Handle(Facilitator(), post, at);
  ASSERT_TRUE(b.ok());
  ASSERT_EQ(a.events.size(), b.events.size());
  for (std::size_t i = 0; i < a.events.size(); ++i) {
    EXPECT_EQ(a.events[i].SerializeAsString(), b.events[i].SerializeAsString()) << i;
  }
  bool learnt = false;
  for (const auto& [key, m] : Found(a)) {
    learnt = learnt || HasReason(m, "Une synergie semblable validée dans cet atelier");
  }
  EXPECT_TRUE(learnt);
}

TEST(LearningFromTheRoomTest, ClosedWorkshopsKeepTheirSuggestions) {
  Room r("w1");
  PalletRoom(r);
  v1::ClientMessage close;
  v1::WorkshopInfo* info = close.mutable_update_workshop()->mutable_workshop();
  *info = r.workshop().state().info();
  info->set_status(v1::WORKSHOP_STATUS_CLOSED);
  r.Run(Facilitator(), close);
  // Follow-up months later: recorded, but the room's suggestions stay as they were.
  const Outcome out = r.SetSynergy(r.Between("a", "b"), v1::SYNERGY_STATUS_REALISED);
  EXPECT_TRUE(Found(out).empty());
  EXPECT_EQ(out.events.front().synergy_upserted().synergy().evidence(),
            r.Between("a", "b").evidence());
}

class TerritoryLearningTest : public ::testing::Test {
 protected:
  TerritoryLearningTest() : dir_(testing::MakeTempDir("atelier-learning")), path_(dir_ + "/t.db") {}
  ~TerritoryLearningTest() override { std::filesystem::remove_all(dir_); }

  void Store(const Room& r, const std::string& id) {
    store::EventStore s(path_, store::Database::Durability::kNormal);
    ASSERT_TRUE(s.InsertWorkshop({id, "C" + id, id, "e", 0}).ok());
    for (const auto& e : r.log()) ASSERT_TRUE(s.AppendEvent(id, e, e.SerializeAsString()).ok());
  }
  std::map<std::string, std::pair<int, int>> Feedback(const std::string& except) {
    store::Catalogue catalogue(path_);
    std::map<std::string, std::pair<int, int>> out;
    for (const auto& f : catalogue.TerritoryFeedbackNow("Rennes", except)) {
      out[f.evidence] = {f.validated, f.rejected};
    }
    return out;
  }

  std::string dir_;
  std::string path_;
};

TEST_F(TerritoryLearningTest, LaterWorkshopsOfTheTerritoryReadTheVerdicts) {
  Room w1("w1", "Rennes");
  PalletRoom(w1);
  const v1::Match pallets = w1.Between("a", "b");
  const v1::Match cardboard = w1.Between("e", "f");
  w1.SetSynergy(pallets, v1::SYNERGY_STATUS_IN_DISCUSSION);
  w1.SetSynergy(cardboard, v1::SYNERGY_STATUS_ABANDONED, "technique");
  Store(w1, "w1");

  Room w2("w2", "Rennes");
  PalletRoom(w2);
  // An abandon for volume says nothing of like pairs; a « pas pertinent » does.
  w2.SetSynergy(w2.Between("a", "b"), v1::SYNERGY_STATUS_ABANDONED, "volume");
  w2.React("d", w2.Between("c", "d"), v1::REACTION_NOT_RELEVANT);
  Store(w2, "w2");

  auto feedback = Feedback("w3");
  EXPECT_EQ(feedback[pallets.evidence()], std::make_pair(1, 1));  // w1 validated, w2 rejected
  EXPECT_EQ(feedback[cardboard.evidence()], std::make_pair(0, 1));
  // A workshop never reads its own verdicts as the territory's.
  EXPECT_EQ(Feedback("w1")[pallets.evidence()], std::make_pair(0, 1));

  // w3's matcher is given them, as the server does when it loads the territory.
  auto matcher = DefaultMatcherFactory()();
  workshop::TerritoryEvidence evidence;
  for (const auto& [subject, counts] : feedback) evidence[subject] = {counts.first, counts.second};
  matcher->SetTerritoryEvidence(evidence);
  Workshop w3(std::move(matcher));
  v1::WorkshopInfo info;
  info.set_id("w3");
  info.set_territory("Rennes");
  ASSERT_TRUE(w3.Create(info, 1000).ok());
  for (const char* c : {"e", "f"}) {
    v1::ClientMessage m;
    m.mutable_upsert_company()->mutable_company()->set_id(c);
    m.mutable_upsert_company()->mutable_company()->set_name(c);
    ASSERT_TRUE(w3.Handle(Facilitator(), m, 1001).ok());
  }
  ASSERT_TRUE(
      w3.Handle(Facilitator(), Room::PostOf("e", v1::CARD_KIND_OFFER, "cartons vides"), 1002).ok());
  const Outcome out =
      w3.Handle(Facilitator(), Room::PostOf("f", v1::CARD_KIND_NEED, "récupère cartons"), 1003);
  const auto found = Found(out);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_TRUE(HasReason(found.begin()->second, "Écarté dans 1 atelier du territoire"));
}

}  // namespace
}  // namespace atelier::app
