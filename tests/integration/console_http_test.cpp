// The facilitator console's server side over real sockets: QR codes over HTTP
// and card merging over WebSocket, against a real atelier-server process.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <map>
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

v1::ServerMessage LookupOf(Session& s, const std::string& code) {
  v1::ClientMessage lookup;
  lookup.set_command_id("lookup-1");
  lookup.mutable_lookup()->set_code(code);
  s.Send(lookup);
  std::optional<v1::ServerMessage> m;
  for (int i = 0; i < 50 && !m; ++i) m = s.Read(Millis(100));
  return m.value_or(v1::ServerMessage());
}

v1::ServerMessage JoinWithKey(Session& s, const std::string& company, const std::string& key) {
  v1::Join join;
  join.set_code(kDemoCode);
  join.set_company_id(company);
  join.set_company_key(key);
  join.set_name("Chevalet");
  return s.Join(join);
}

TEST(ConsoleHttp, TableTentsJoinTheirCompanyAndTheListCanBeTurnedOff) {
  TempDb db;
  ServerProcess server(db.path());
  const std::string bearer = "Authorization: Bearer " + server.facilitator_token() + "\r\n";
  EXPECT_THAT(HttpGet(server.port(), "/api/tents"), StartsWith("HTTP/1.1 401"));

  std::string res = HttpGet(server.port(), "/api/tents", bearer);
  ASSERT_THAT(res, StartsWith("HTTP/1.1 200"));
  boost::json::value tents = boost::json::parse(HttpBody(res));
  EXPECT_EQ(tents.at("code").as_string(), kDemoCode);
  std::map<std::string, std::string> keys;
  for (const auto& c : tents.at("companies").as_array()) {
    keys[std::string(c.at("id").as_string())] = std::string(c.at("key").as_string());
  }
  ASSERT_GE(keys.size(), 2u);
  const std::string company = keys.begin()->first;
  const std::string other_key = std::next(keys.begin())->second;
  EXPECT_EQ(keys[company].size(), 16u);
  EXPECT_NE(keys[company], other_key) << "one key per company";

  // The list is on: a tent joins its company, the list still works.
  auto tent = Connect(server);
  auto w = JoinWithKey(*tent, company, keys[company]);
  ASSERT_TRUE(w.has_welcome()) << w.DebugString();
  EXPECT_EQ(w.welcome().company_id(), company);
  auto wrong = Connect(server);
  auto refused = JoinWithKey(*wrong, company, other_key);
  ASSERT_TRUE(refused.has_error()) << "another company's tent";
  EXPECT_EQ(refused.error().code(), v1::ERROR_CODE_BAD_CODE);
  auto listed = Connect(server);
  EXPECT_GT(LookupOf(*listed, kDemoCode).lobby().companies_size(), 0);

  // Tents only: the code shows no company, a join without the tent's key is refused.
  auto fac = Connect(server);
  ASSERT_TRUE(JoinWithToken(*fac, server.facilitator_token()).has_welcome());
  v1::ClientMessage only;
  only.mutable_update_workshop()->mutable_workshop()->set_tents_only(true);
  ASSERT_TRUE(fac->Command(only).has_ack());
  auto looker = Connect(server);
  v1::ServerMessage lobby = LookupOf(*looker, kDemoCode);
  ASSERT_TRUE(lobby.has_lobby()) << lobby.DebugString();
  EXPECT_EQ(lobby.lobby().companies_size(), 0);
  EXPECT_TRUE(lobby.lobby().workshop().tents_only());
  auto picker = Connect(server);
  auto picked = JoinAs(*picker, company);
  ASSERT_TRUE(picked.has_error()) << "choosing from a list is off";
  EXPECT_EQ(picked.error().code(), v1::ERROR_CODE_BAD_CODE);
  auto unknown = Connect(server);
  ASSERT_TRUE(JoinWithKey(*unknown, "nope", keys[company]).has_error());
  auto again = Connect(server);
  EXPECT_TRUE(JoinWithKey(*again, company, keys[company]).has_welcome());
  EXPECT_EQ(Metric(server.port(), "atelier_refused_company_key_total"), 3);

  // The keys are the same after a restart (derived, not stored).
  ASSERT_EQ(server.Terminate(), 0);
  ServerProcess restarted(db.path());
  boost::json::value after = boost::json::parse(
      HttpBody(HttpGet(restarted.port(), "/api/tents",
                       "Authorization: Bearer " + restarted.facilitator_token() + "\r\n")));
  EXPECT_TRUE(after.at("tents_only").as_bool());
  for (const auto& c : after.at("companies").as_array()) {
    EXPECT_EQ(keys[std::string(c.at("id").as_string())], c.at("key").as_string());
  }
}

TEST(ConsoleHttp, ReadAfterCloseKeepsACompanysDevicesReadingOnly) {
  TempDb db;
  ServerProcess server(db.path());
  auto tablet = Connect(server);
  auto w = JoinAs(*tablet, "logistique-armor");
  ASSERT_TRUE(w.has_welcome());
  const std::string token = w.welcome().token();
  ASSERT_TRUE(
      tablet->Command(PostCardMsg("Palettes bois", v1::CARD_KIND_OFFER, "dechet", "")).has_ack());
  tablet.reset();
  auto fac = Connect(server);
  ASSERT_TRUE(JoinWithToken(*fac, server.facilitator_token()).has_welcome());
  v1::ClientMessage close;
  close.mutable_update_workshop()->mutable_workshop()->set_status(v1::WORKSHOP_STATUS_CLOSED);
  ASSERT_TRUE(fac->Command(close).has_ack());

  auto ended = Connect(server);
  auto refused = JoinWithToken(*ended, token);
  ASSERT_TRUE(refused.has_error()) << "by default the token ends with the workshop";
  EXPECT_EQ(refused.error().code(), v1::ERROR_CODE_WORKSHOP_CLOSED);

  v1::ClientMessage allow;
  allow.mutable_update_workshop()->mutable_workshop()->set_read_after_close(true);
  ASSERT_TRUE(fac->Command(allow).has_ack());
  auto reader = Connect(server);
  auto read = JoinWithToken(*reader, token);
  ASSERT_TRUE(read.has_welcome()) << read.DebugString();
  EXPECT_THAT(CardTexts(read.welcome().snapshot()), ::testing::Contains("Palettes bois"));
  auto post = reader->Command(PostCardMsg("Encore", v1::CARD_KIND_OFFER, "dechet", ""));
  ASSERT_TRUE(post.has_error()) << "read only";
  EXPECT_EQ(post.error().code(), v1::ERROR_CODE_WORKSHOP_CLOSED);
  auto code = Connect(server);
  EXPECT_TRUE(JoinAs(*code, "logistique-armor").has_error()) << "no new device after the close";
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
