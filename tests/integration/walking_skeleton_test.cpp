// The smallest real Atelier: a card posted by one client reaches another, and
// is still there after the server restarts on the same database file.
#include <gmock/gmock.h>

#include "tests/integration/helpers.hpp"

namespace atelier::testing {
namespace {

using ::testing::Contains;

TEST(WalkingSkeleton, CardPostedByOneClientReachesTheOtherAndSurvivesRestart) {
  TempDb db;
  std::string card_id;
  std::string facilitator_token;
  {
    ServerProcess server(db.path());
    facilitator_token = server.facilitator_token();
    auto alice = Connect(server);
    auto bob = Connect(server);
    auto wa = JoinAs(*alice, "logistique-armor");
    auto wb = JoinAs(*bob, "menuiserie-ferrand");
    ASSERT_TRUE(wa.has_welcome()) << wa.DebugString();
    ASSERT_TRUE(wb.has_welcome()) << wb.DebugString();
    EXPECT_FALSE(wa.welcome().token().empty());
    EXPECT_EQ(wa.welcome().role(), v1::ROLE_PARTICIPANT);

    auto answer = alice->Command(PostCardMsg("Palettes bois, 200/mois"));
    ASSERT_TRUE(answer.has_ack()) << answer.DebugString();
    card_id = answer.ack().entity_id();
    ASSERT_FALSE(card_id.empty());

    ASSERT_TRUE(bob->WaitForSeq(answer.ack().seq(), Millis(5000)));
    bool seen = false;
    for (const auto& e : bob->TakeEvents()) {
      if (e.has_card_posted() && e.card_posted().card().id() == card_id) {
        seen = true;
        EXPECT_EQ(e.card_posted().card().text(), "Palettes bois, 200/mois");
        EXPECT_EQ(e.card_posted().card().company_id(), "logistique-armor");
      }
    }
    EXPECT_TRUE(seen);
    EXPECT_EQ(server.Terminate(), 0);
  }
  ServerProcess again(db.path());
  // The same demo workshop, not a second one: its console link is printed again.
  EXPECT_EQ(again.facilitator_token(), facilitator_token) << "the demo must not be created twice";
  auto carol = Connect(again);
  auto w = JoinAs(*carol, "boulangerie-du-parc");
  ASSERT_TRUE(w.has_welcome());
  EXPECT_THAT(CardTexts(w.welcome().snapshot()), Contains("Palettes bois, 200/mois"));
}

TEST(WalkingSkeleton, ServesHealthAndPages) {
  TempDb db;
  ServerProcess server(db.path());
  auto get = [&](const std::string& path) { return HttpGet(server.port(), path); };
  std::string health = get("/healthz");
  EXPECT_THAT(health, ::testing::StartsWith("HTTP/1.1 200"));
  std::string board = get("/board.html");
  EXPECT_THAT(board, ::testing::StartsWith("HTTP/1.1 200"));
  EXPECT_THAT(board, ::testing::HasSubstr("text/html"));
  std::string js = get("/tablet.js");
  EXPECT_THAT(js, ::testing::HasSubstr("text/javascript"));
  EXPECT_THAT(get("/../etc/passwd"), ::testing::StartsWith("HTTP/1.1 400"));
  EXPECT_THAT(get("/nope.html"), ::testing::StartsWith("HTTP/1.1 404"));
  EXPECT_THAT(get("/metrics"), ::testing::HasSubstr("atelier_workshops 1"));
}

}  // namespace
}  // namespace atelier::testing
