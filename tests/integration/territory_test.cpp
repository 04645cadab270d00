// The territory's earlier workshops, against a real server: a need posted in
// a new workshop meets an offer posted in an earlier workshop of the same
// territory (with its workshop, date, company and text), never one of another
// territory, never a card kept for the earlier workshop's facilitators; and
// after a restart the earlier cards are matched again without the log
// growing by itself.
#include <gtest/gtest.h>

#include <future>
#include <map>

#include "server/app/hub.hpp"
#include "server/app/matchers.hpp"
#include "server/app/offline.hpp"
#include "server/app/server.hpp"
#include "tests/integration/helpers.hpp"

namespace atelier::testing {
namespace {

constexpr const char* kTerritory = "Pays de Brocéliande";

// Creates workshops on a stopped server's file, as `atelier create-workshop`
// does (app::Offline: the server's own hub, writer and one io thread).
class Offline {
 public:
  explicit Offline(const std::string& db) : offline_(db) {}
  // A workshop with companies "<prefix>1".."<prefix>3"; returns its code and
  // facilitator token.
  app::CreatedWorkshop Create(const std::string& title, const std::string& date,
                              const std::string& territory, const std::string& prefix,
                              v1::WorkshopStatus status = v1::WORKSHOP_STATUS_OPEN) {
    v1::WorkshopInfo info;
    info.set_title(title);
    info.set_date(date);
    info.set_territory(territory);
    info.set_status(status);
    app::CreatedWorkshop created = offline_.hub().CreateWorkshop(info);
    workshop::Viewer facilitator;
    facilitator.role = v1::ROLE_FACILITATOR;
    facilitator.participant_id = created.facilitator_id;
    v1::ClientMessage msg;
    for (int i = 1; i <= 3; ++i) {
      v1::Company* c = msg.mutable_import_companies()->add_companies();
      c->set_id(prefix + std::to_string(i));
      c->set_name(title + " — entreprise " + std::to_string(i));
    }
    std::promise<bool> done;
    offline_.hub()
        .ById(created.id)
        ->Execute(
            [&](workshop::Workshop& w, int64_t now) { return w.Handle(facilitator, msg, now); },
            [&done](const workshop::Outcome& o) { done.set_value(o.ok()); });
    EXPECT_TRUE(done.get_future().get());
    return created;
  }

 private:
  app::Offline offline_;
};

v1::ServerMessage JoinCode(Session& s, const std::string& code, const std::string& company) {
  v1::Join join;
  join.set_code(code);
  join.set_company_id(company);
  return s.Join(join);
}

v1::ServerMessage JoinBoard(Session& s, const std::string& code) {
  v1::Join join;
  join.set_code(code);
  join.set_as_board(true);
  return s.Join(join);
}

v1::ClientMessage Post(const std::string& text, v1::CardKind kind,
                       v1::Visibility visibility = v1::VISIBILITY_ROOM) {
  v1::ClientMessage msg = PostCardMsg(text, kind, "dechet");
  msg.mutable_post_card()->mutable_card()->set_visibility(visibility);
  return msg;
}

// Every match with an earlier card that `s` has received, by the text of that
// card, waiting (bounded) until one with `text` arrives; `text` empty: reads
// for `wait` and returns what came.
std::map<std::string, v1::Match> EarlierMatches(Session& s, std::map<std::string, v1::Match>& seen,
                                                const std::string& text, Millis wait) {
  auto deadline = std::chrono::steady_clock::now() + wait;
  for (;;) {
    for (const v1::Event& e : s.TakeEvents()) {
      if (!e.has_match_found()) continue;
      for (const auto& earlier : e.match_found().match().earlier_cards()) {
        seen[earlier.text()] = e.match_found().match();
      }
    }
    if (!text.empty() && seen.count(text)) return seen;
    auto now = std::chrono::steady_clock::now();
    if (now >= deadline) return seen;
    s.Read(std::chrono::duration_cast<Millis>(deadline - now));
  }
}

std::vector<std::string> EarlierTexts(const v1::Snapshot& snap) {
  std::vector<std::string> out;
  for (const auto& m : snap.matches()) {
    for (const auto& e : m.earlier_cards()) out.push_back(e.text());
  }
  return out;
}

TEST(Territory, ANewWorkshopsCardMeetsAnEarlierWorkshopsCardOfTheSameTerritoryOnly) {
  TempDb db;
  app::CreatedWorkshop a, b, c;
  {
    Offline offline(db.path());
    a = offline.Create("Atelier des Trois Chênes", "2025-03-14", kTerritory, "a");
    c = offline.Create("Atelier du Port", "2025-04-01", "Pays de Brest", "c");
  }
  {
    // Workshop A runs: an offer for the room, one for its facilitators only.
    ServerProcess server(db.path(), {}, /*demo=*/false);
    auto p = Connect(server);
    ASSERT_TRUE(JoinCode(*p, a.code, "a1").has_welcome());
    ASSERT_TRUE(p->Command(Post("palettes bois 200/mois", v1::CARD_KIND_OFFER)).has_ack());
    ASSERT_TRUE(p->Command(Post("sciure de bois et copeaux", v1::CARD_KIND_OFFER,
                                v1::VISIBILITY_FACILITATORS))
                    .has_ack());
    ASSERT_EQ(server.Terminate(), 0);
  }
  {
    // Later, workshop B of the same territory is prepared (server stopped).
    Offline offline(db.path());
    b = offline.Create("Atelier de la Lande", "2026-02-10", kTerritory, "b");
  }
  uint64_t b_seq = 0;
  {
    ServerProcess server(db.path(), {}, /*demo=*/false);
    auto fac = Connect(server);
    v1::Join fj;
    fj.set_token(b.facilitator_token);
    ASSERT_TRUE(fac->Join(fj).has_welcome());
    auto board = Connect(server);
    ASSERT_TRUE(JoinBoard(*board, b.code).has_welcome());
    auto p1 = Connect(server);
    v1::ServerMessage w1 = JoinCode(*p1, b.code, "b1");
    ASSERT_TRUE(w1.has_welcome());
    auto p2 = Connect(server);
    ASSERT_TRUE(JoinCode(*p2, b.code, "b2").has_welcome());

    ASSERT_TRUE(p1->Command(Post("cherche palettes en bois", v1::CARD_KIND_NEED)).has_ack());
    std::map<std::string, v1::Match> p1_seen, p2_seen, fac_seen, board_seen;
    EarlierMatches(*p1, p1_seen, "palettes bois 200/mois", Millis(10000));
    ASSERT_TRUE(p1_seen.count("palettes bois 200/mois")) << "no match with workshop A's offer";
    const v1::Match& m = p1_seen["palettes bois 200/mois"];
    ASSERT_EQ(m.earlier_cards_size(), 1);
    const v1::EarlierCard& earlier = m.earlier_cards(0);
    EXPECT_EQ(earlier.workshop_id(), a.id);
    EXPECT_EQ(earlier.workshop_title(), "Atelier des Trois Chênes");
    EXPECT_EQ(earlier.workshop_date(), "2025-03-14");
    EXPECT_EQ(earlier.company_name(), "Atelier des Trois Chênes — entreprise 1");
    EXPECT_EQ(earlier.kind(), v1::CARD_KIND_OFFER);
    EXPECT_EQ(m.company_ids_size(), 1);  // b1 only: A's company is not one of B's
    EXPECT_EQ(m.company_ids(0), "b1");

    // The facilitators-only card of A: B's facilitator sees its match, the
    // participant whose need it meets does not, nor does the board.
    ASSERT_TRUE(p1->Command(Post("cherche sciure de bois", v1::CARD_KIND_NEED)).has_ack());
    EarlierMatches(*fac, fac_seen, "sciure de bois et copeaux", Millis(10000));
    ASSERT_TRUE(fac_seen.count("sciure de bois et copeaux"));
    EXPECT_TRUE(fac_seen.count("palettes bois 200/mois"));
    EarlierMatches(*board, board_seen, "palettes bois 200/mois", Millis(5000));
    EXPECT_TRUE(board_seen.count("palettes bois 200/mois"));
    // Everything B produced so far has reached each client: nothing more to wait for.
    ASSERT_TRUE(p1->WaitForSeq(fac->last_seq(), Millis(5000)));
    ASSERT_TRUE(p2->WaitForSeq(fac->last_seq(), Millis(5000)));
    ASSERT_TRUE(board->WaitForSeq(fac->last_seq(), Millis(5000)));
    EarlierMatches(*p1, p1_seen, "", Millis(0));
    EarlierMatches(*p2, p2_seen, "", Millis(0));
    EarlierMatches(*board, board_seen, "", Millis(0));
    EXPECT_FALSE(p1_seen.count("sciure de bois et copeaux"));
    EXPECT_FALSE(board_seen.count("sciure de bois et copeaux"));
    // A company of B the match does not involve is not shown it.
    EXPECT_TRUE(p2_seen.empty());

    // A rejoining tablet's snapshot follows the same rules.
    auto again = Connect(server);
    v1::Join rj;
    rj.set_token(w1.welcome().token());
    v1::ServerMessage snap1 = again->Join(rj);
    ASSERT_TRUE(snap1.welcome().has_snapshot());
    EXPECT_EQ(EarlierTexts(snap1.welcome().snapshot()),
              std::vector<std::string>{"palettes bois 200/mois"});

    // Workshop C, in another territory, gets no match with A's offer. Its
    // (empty) earlier cards were loaded before B's, on the same thread.
    auto pc = Connect(server);
    ASSERT_TRUE(JoinCode(*pc, c.code, "c1").has_welcome());
    ASSERT_TRUE(pc->Command(Post("cherche palettes en bois", v1::CARD_KIND_NEED)).has_ack());
    std::map<std::string, v1::Match> c_seen;
    EarlierMatches(*pc, c_seen, "", Millis(1500));
    EXPECT_TRUE(c_seen.empty());
    auto cfac = Connect(server);
    v1::Join cj;
    cj.set_token(c.facilitator_token);
    v1::ServerMessage csnap = cfac->Join(cj);
    EXPECT_TRUE(EarlierTexts(csnap.welcome().snapshot()).empty());

    b_seq = fac->last_seq();
    ASSERT_EQ(server.Terminate(), 0);
  }
  {
    // After a restart: the log is as it was (the earlier matches are in it,
    // none is emitted again), and the earlier cards are candidates again.
    ServerProcess server(db.path(), {}, /*demo=*/false);
    auto fac = Connect(server);
    v1::Join fj;
    fj.set_token(b.facilitator_token);
    v1::ServerMessage welcome = fac->Join(fj);
    ASSERT_TRUE(welcome.welcome().has_snapshot());
    EXPECT_EQ(welcome.welcome().snapshot().seq(), b_seq);
    std::vector<std::string> texts = EarlierTexts(welcome.welcome().snapshot());
    std::sort(texts.begin(), texts.end());
    EXPECT_EQ(texts,
              (std::vector<std::string>{"palettes bois 200/mois", "sciure de bois et copeaux"}));

    auto p3 = Connect(server);
    ASSERT_TRUE(JoinCode(*p3, b.code, "b3").has_welcome());
    v1::ServerMessage ack = p3->Command(Post("recherche palettes bois", v1::CARD_KIND_NEED));
    ASSERT_TRUE(ack.has_ack());
    const std::string card_id = ack.ack().entity_id();
    std::map<std::string, v1::Match> p3_seen;
    EarlierMatches(*p3, p3_seen, "palettes bois 200/mois", Millis(10000));
    ASSERT_TRUE(p3_seen.count("palettes bois 200/mois"));
    EXPECT_EQ(p3_seen["palettes bois 200/mois"].company_ids(0), "b3");
    // Reloading emitted nothing that was already there: every match event
    // since the restart is about the new card.
    ASSERT_TRUE(fac->WaitForSeq(p3->last_seq(), Millis(5000)));
    int found = 0;
    for (const v1::Event& e : fac->TakeEvents()) {
      if (!e.has_match_found()) continue;
      ++found;
      const auto& ids = e.match_found().match().card_ids();
      EXPECT_NE(std::find(ids.begin(), ids.end(), card_id), ids.end())
          << e.match_found().match().key();
    }
    EXPECT_GE(found, 1);
  }
}

TEST(Territory, ARunningWorkshopMeetsCardsPostedMeanwhileInAnotherOfItsTerritory) {
  TempDb db;
  app::CreatedWorkshop a, b;
  {
    Offline offline(db.path());
    a = offline.Create("Atelier du matin", "2026-05-12", kTerritory, "a");
    b = offline.Create("Atelier de l'après-midi", "2026-05-12", kTerritory, "b",
                       v1::WORKSHOP_STATUS_RUNNING);
  }
  ServerProcess server(db.path(), {}, /*demo=*/false);
  auto pb = Connect(server);
  ASSERT_TRUE(JoinCode(*pb, b.code, "b1").has_welcome());
  ASSERT_TRUE(pb->Command(Post("cherche palettes en bois", v1::CARD_KIND_NEED)).has_ack());
  std::map<std::string, v1::Match> seen;
  EarlierMatches(*pb, seen, "", Millis(500));
  EXPECT_TRUE(seen.empty());  // nothing in A yet

  // A's offer reaches B while both run, within the refresh delay.
  auto pa = Connect(server);
  ASSERT_TRUE(JoinCode(*pa, a.code, "a1").has_welcome());
  v1::ServerMessage offer = pa->Command(Post("palettes bois 200/mois", v1::CARD_KIND_OFFER));
  ASSERT_TRUE(offer.has_ack());
  EarlierMatches(*pb, seen, "palettes bois 200/mois", Millis(10000));
  ASSERT_TRUE(seen.count("palettes bois 200/mois")) << "A's new offer never reached B";
  const std::string key = seen["palettes bois 200/mois"].key();
  EXPECT_EQ(seen["palettes bois 200/mois"].earlier_cards(0).workshop_title(), "Atelier du matin");

  // Withdrawn in A: the match leaves B too.
  v1::ClientMessage withdraw;
  withdraw.set_command_id(Session::NewCommandId());
  withdraw.mutable_withdraw_card()->set_card_id(offer.ack().entity_id());
  ASSERT_TRUE(pa->Command(withdraw).has_ack());
  bool removed = false;
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (!removed && std::chrono::steady_clock::now() < deadline) {
    for (const v1::Event& e : pb->TakeEvents()) {
      removed |= e.has_match_removed() && e.match_removed().key() == key;
    }
    if (!removed) pb->Read(Millis(200));
  }
  EXPECT_TRUE(removed) << "the withdrawn offer's match stayed in B";

  // A is open, not running, but its tablet is connected: B's cards reach it.
  ASSERT_TRUE(pa->Command(Post("cherche des big bags", v1::CARD_KIND_NEED)).has_ack());
  ASSERT_TRUE(pb->Command(Post("big bags vides à donner", v1::CARD_KIND_OFFER)).has_ack());
  std::map<std::string, v1::Match> a_seen;
  EarlierMatches(*pa, a_seen, "big bags vides à donner", Millis(10000));
  EXPECT_TRUE(a_seen.count("big bags vides à donner")) << "B's offer never reached A";
}


TEST(Territory, AFacilitatorCannotTypeTheirWayIntoAnotherTerritoryTheOperatorCan) {
  TempDb db;
  app::CreatedWorkshop a, c;
  {
    Offline offline(db.path());
    a = offline.Create("Atelier des Trois Chênes", "2025-03-14", kTerritory, "a");
    c = offline.Create("Atelier du Port", "2025-04-01", "Pays de Brest", "c");
  }
  {
    ServerProcess server(db.path(), {}, /*demo=*/false);
    auto p = Connect(server);
    ASSERT_TRUE(JoinCode(*p, a.code, "a1").has_welcome());
    ASSERT_TRUE(p->Command(Post("palettes bois 200/mois", v1::CARD_KIND_OFFER)).has_ack());

    // C's facilitator types A's territory into their workshop: refused.
    auto fac = Connect(server);
    v1::Join fj;
    fj.set_token(c.facilitator_token);
    ASSERT_TRUE(fac->Join(fj).has_welcome());
    v1::ClientMessage update;
    update.set_command_id(Session::NewCommandId());
    update.mutable_update_workshop()->mutable_workshop()->set_territory(kTerritory);
    auto refused = fac->Command(update);
    ASSERT_TRUE(refused.has_error());
    EXPECT_EQ(refused.error().code(), v1::ERROR_CODE_FORBIDDEN);
    auto q = Connect(server);
    ASSERT_TRUE(JoinCode(*q, c.code, "c1").has_welcome());
    ASSERT_TRUE(q->Command(Post("cherche palettes en bois", v1::CARD_KIND_NEED)).has_ack());
    std::map<std::string, v1::Match> seen;
    EarlierMatches(*q, seen, "", Millis(2500));
    EXPECT_FALSE(seen.count("palettes bois 200/mois")) << "another territory's card";
    ASSERT_EQ(server.Terminate(), 0);
  }
  {
    // The operator moves C to A's territory (atelier set-territory).
    app::Offline offline(db.path());
    std::promise<workshop::Outcome> done;
    offline.hub().ById(c.id)->Execute(
        [](workshop::Workshop& w, int64_t now) { return w.SetTerritory(kTerritory, now); },
        [&done](const workshop::Outcome& o) { done.set_value(o); });
    ASSERT_TRUE(done.get_future().get().ok());
  }
  ServerProcess server(db.path(), {}, /*demo=*/false);
  auto q = Connect(server);
  v1::ServerMessage w = JoinCode(*q, c.code, "c2");
  ASSERT_TRUE(w.has_welcome());
  EXPECT_EQ(w.welcome().snapshot().workshop().territory(), kTerritory);
  ASSERT_TRUE(q->Command(Post("recherche palettes bois", v1::CARD_KIND_NEED)).has_ack());
  std::map<std::string, v1::Match> seen;
  EarlierMatches(*q, seen, "palettes bois 200/mois", Millis(10000));
  EXPECT_TRUE(seen.count("palettes bois 200/mois")) << "granted by the operator";
}

}  // namespace
}  // namespace atelier::testing
