// The facilitator console's server side over real sockets: QR codes over HTTP
// and card merging over WebSocket, against a real atelier-server process.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "tests/integration/helpers.hpp"

namespace atelier::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;

TEST(ConsoleHttp, ServesJoinQrCodesAsSvg) {
  TempDb db;
  ServerProcess server(db.path());
  std::string res = HttpGet(
      server.port(), "/qr.svg?text=http%3A%2F%2F192.168.1.10%3A8080%2Ftablet.html%23code%3DDEMO42");
  EXPECT_THAT(res, StartsWith("HTTP/1.1 200"));
  EXPECT_THAT(res, HasSubstr("Content-Type: image/svg+xml"));
  EXPECT_THAT(res, HasSubstr("Cache-Control: public"));
  size_t body = res.find("\r\n\r\n");
  ASSERT_NE(body, std::string::npos);
  std::string svg = res.substr(body + 4);
  EXPECT_THAT(svg, StartsWith("<?xml"));
  EXPECT_THAT(svg, HasSubstr("data-modules=\"33\""));
  EXPECT_THAT(svg, HasSubstr("</svg>"));
}

TEST(ConsoleHttp, RefusesMissingOrOverlongQrText) {
  TempDb db;
  ServerProcess server(db.path());
  EXPECT_THAT(HttpGet(server.port(), "/qr.svg"), StartsWith("HTTP/1.1 400"));
  EXPECT_THAT(HttpGet(server.port(), "/qr.svg?text="), StartsWith("HTTP/1.1 400"));
  EXPECT_THAT(HttpGet(server.port(), "/qr.svg?text=" + std::string(513, 'a')),
              StartsWith("HTTP/1.1 400"));
  EXPECT_THAT(HttpGet(server.port(), "/qr.svg?text=" + std::string(512, 'a')),
              StartsWith("HTTP/1.1 200"));
}

TEST(ConsoleHttp, JoinCodeNeedsTheFacilitatorToken) {
  TempDb db;
  ServerProcess server(db.path());
  EXPECT_THAT(HttpGet(server.port(), "/api/join-code"), StartsWith("HTTP/1.1 401"));
  EXPECT_THAT(HttpGet(server.port(), "/api/join-code", "Authorization: Bearer nope\r\n"),
              StartsWith("HTTP/1.1 401"));
  std::string ok = HttpGet(server.port(), "/api/join-code",
                           "Authorization: Bearer " + server.facilitator_token() + "\r\n");
  EXPECT_THAT(ok, StartsWith("HTTP/1.1 200"));
  EXPECT_THAT(ok, HasSubstr("{\"code\":\"DEMO42\"}"));
}

TEST(ConsoleHttp, FacilitatorMergesDuplicateCardsAndTheRoomSeesThem) {
  TempDb db;
  ServerProcess server(db.path());
  ASSERT_FALSE(server.facilitator_token().empty());
  auto fac = Connect(server);
  auto w = JoinWithToken(*fac, server.facilitator_token());
  ASSERT_TRUE(w.has_welcome()) << w.DebugString();
  const auto& company = w.welcome().snapshot().companies(0).id();
  auto keep = fac->Command(PostCardMsg("Cartons propres", v1::CARD_KIND_OFFER, "dechet", company));
  auto dup = fac->Command(PostCardMsg("cartons propres !", v1::CARD_KIND_OFFER, "dechet", company));
  ASSERT_TRUE(keep.has_ack() && dup.has_ack());

  auto room = Connect(server);
  ASSERT_TRUE(JoinAs(*room, company).has_welcome());

  v1::ClientMessage merge;
  merge.mutable_merge_cards()->set_keep_id(keep.ack().entity_id());
  merge.mutable_merge_cards()->add_duplicate_ids(dup.ack().entity_id());
  auto merged = fac->Command(merge);
  ASSERT_TRUE(merged.has_ack()) << merged.DebugString();
  ASSERT_TRUE(room->WaitForSeq(merged.ack().seq(), Millis(5000)));
  bool seen = false;
  for (const auto& e : room->TakeEvents()) {
    if (e.has_card_withdrawn() && e.card_withdrawn().card_id() == dup.ack().entity_id()) {
      EXPECT_EQ(e.card_withdrawn().merged_into(), keep.ack().entity_id());
      seen = true;
    }
  }
  EXPECT_TRUE(seen);

  // A participant may not merge.
  v1::ClientMessage again = merge;
  again.set_command_id(Session::NewCommandId());
  auto refused = room->Command(again);
  ASSERT_TRUE(refused.has_error());
  EXPECT_EQ(refused.error().code(), v1::ERROR_CODE_FORBIDDEN);
}

}  // namespace
}  // namespace atelier::testing
