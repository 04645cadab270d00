// Bounded under abuse, against a real atelier-server on 127.0.0.1: connections
// per address, half-sent messages and bodies, wrong join codes per address,
// card quotas, a company's command rate across its devices, closed workshops.
#include <gtest/gtest.h>

#include <boost/asio/read.hpp>
#include <boost/asio/read_until.hpp>
#include <memory>
#include <string>
#include <vector>

#include "tests/integration/helpers.hpp"

namespace atelier::testing {
namespace {

// The counter `name` as /metrics prints it, or -1.
long Metric(uint16_t port, const std::string& name) {
  const std::string body = HttpGet(port, "/metrics");
  const std::string key = "\n" + name + " ";
  const size_t at = body.find(key);
  return at == std::string::npos ? -1 : std::stol(body.substr(at + key.size()));
}

TEST(Abuse, ConnectionsPerAddressAreBoundedAndFreedOnClose) {
  TempDb db;
  ServerProcess server(db.path(), {"--max-connections-per-address", "4", "--limit-loopback"});
  std::vector<std::unique_ptr<Session>> held;
  for (int i = 0; i < 4; ++i) held.push_back(Connect(server));
  EXPECT_THROW(Connect(server), std::exception) << "a fifth from the same address is refused";
  held.pop_back();
  held.pop_back();
  long refused = -1;
  for (int i = 0; i < 50 && refused < 0; ++i) {  // until the server has seen the closes
    refused = Metric(server.port(), "atelier_refused_connections_per_address_total");
    if (refused < 0) std::this_thread::sleep_for(Millis(100));
  }
  EXPECT_GE(refused, 1);
  // Places are given back when a connection ends.
  bool served = false;
  for (int i = 0; i < 50 && !served; ++i) {
    try {
      auto again = Connect(server);
      served = JoinAs(*again, "logistique-armor").has_welcome();
    } catch (const std::exception&) {
      std::this_thread::sleep_for(Millis(100));
    }
  }
  EXPECT_TRUE(served);
}

// A raw socket that completed the WebSocket handshake.
boost::asio::ip::tcp::socket RawWebSocket(boost::asio::io_context& ioc, uint16_t port) {
  boost::asio::ip::tcp::socket sock(ioc);
  sock.connect({boost::asio::ip::make_address("127.0.0.1"), port});
  const std::string req =
      "GET /ws HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
      "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n";
  boost::asio::write(sock, boost::asio::buffer(req));
  std::string response;
  boost::asio::read_until(sock, boost::asio::dynamic_buffer(response), "\r\n\r\n");
  return sock;
}

TEST(Abuse, AHalfSentMessageIsClosedAfterItsDeadline) {
  TempDb db;
  ServerProcess server(db.path(), {"--message-timeout", "1"});
  boost::asio::io_context ioc;
  auto sock = RawWebSocket(ioc, server.port());
  // A binary frame announcing 16 KiB, masked as clients must, of which 10 bytes are sent.
  std::string frame = {'\x82', '\xFE', '\x40', '\x00', '\x01', '\x02', '\x03', '\x04'};
  frame += std::string(10, 'x');
  boost::asio::write(sock, boost::asio::buffer(frame));
  // The server closes (close frame 1008, then end of stream); the read is bounded by the
  // server's own deadline, the test's ctest timeout bounds a server that would not.
  std::string got;
  boost::system::error_code ec;
  char buf[256];
  for (;;) {
    size_t n = sock.read_some(boost::asio::buffer(buf), ec);
    got.append(buf, n);
    if (ec || (got.size() >= 4 && static_cast<unsigned char>(got[0]) == 0x88)) break;
  }
  ASSERT_GE(got.size(), 4u);
  EXPECT_EQ(static_cast<unsigned char>(got[0]), 0x88) << "a close frame";
  EXPECT_EQ((static_cast<unsigned char>(got[2]) << 8) | static_cast<unsigned char>(got[3]), 1008);
  EXPECT_EQ(Metric(server.port(), "atelier_slow_message_closes_total"), 1);
}

TEST(Abuse, LargeBodiesAreRefusedOutsideImports) {
  TempDb db;
  ServerProcess server(db.path(), {"--max-body-bytes", "2048"});
  boost::asio::io_context ioc;
  boost::asio::ip::tcp::socket sock(ioc);
  sock.connect({boost::asio::ip::make_address("127.0.0.1"), server.port()});
  const std::string req =
      "POST /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100000\r\n\r\n" +
      std::string(100, 'x');
  boost::asio::write(sock, boost::asio::buffer(req));
  std::string got;
  boost::system::error_code ec;
  char buf[1024];
  for (;;) {
    size_t n = sock.read_some(boost::asio::buffer(buf), ec);
    got.append(buf, n);
    if (ec) break;
  }
  EXPECT_EQ(got.rfind("HTTP/1.1 413", 0), 0u) << got;
}

TEST(Abuse, WrongCodesAreCountedPerAddressAcrossConnections) {
  TempDb db;
  ServerProcess server(db.path(), {"--limit-loopback"});
  v1::Join wrong;
  wrong.set_code("NOPE99");
  wrong.set_company_id("logistique-armor");
  int bad_code = 0;
  int blocked = 0;
  // Each connection is closed after 5 wrong codes; the address is blocked after 20.
  for (int c = 0; c < 6 && blocked == 0; ++c) {
    auto s = Connect(server);
    for (int i = 0; i < 5 && !s->closed(); ++i) {
      v1::ServerMessage m = s->Join(wrong);
      if (!m.has_error()) break;
      if (m.error().code() == v1::ERROR_CODE_BAD_CODE) ++bad_code;
      if (m.error().code() == v1::ERROR_CODE_TOO_MANY_ATTEMPTS) ++blocked;
    }
  }
  EXPECT_GE(bad_code, 20);
  EXPECT_LE(bad_code, 21) << "no more than the burst is examined";
  EXPECT_GE(blocked, 1);
  auto s = Connect(server);
  v1::Join right;
  right.set_code(kDemoCode);
  right.set_company_id("logistique-armor");
  EXPECT_EQ(s->Join(right).error().code(), v1::ERROR_CODE_TOO_MANY_ATTEMPTS)
      << "while blocked, even the right code is not looked at";
  EXPECT_EQ(Metric(server.port(), "atelier_join_blocks_total"), 1);
  // The first block lasts 2 s.
  bool joined = false;
  for (int i = 0; i < 40 && !joined; ++i) {
    std::this_thread::sleep_for(Millis(200));
    auto t = Connect(server);
    joined = t->Join(right).has_welcome();
  }
  EXPECT_TRUE(joined) << "the block ends";
}

TEST(Abuse, CardQuotaPerCompany) {
  TempDb db;
  const int kQuota = 8;
  ServerProcess server(db.path(), {"--max-cards-per-company", std::to_string(kQuota), "--rate",
                                   "1000", "--company-rate", "1000"});
  auto s = Connect(server);
  v1::ServerMessage w = JoinAs(*s, "logistique-armor");
  ASSERT_TRUE(w.has_welcome());
  int existing = 0;  // the demo's own cards
  for (const auto& c : w.welcome().snapshot().cards()) {
    existing += c.company_id() == "logistique-armor" && !c.withdrawn();
  }
  ASSERT_LT(existing, kQuota);
  std::vector<std::string> ids;
  for (int i = 0; i < kQuota - existing; ++i) {
    auto ack = s->Command(PostCardMsg("Palettes lot " + std::to_string(i)));
    ASSERT_TRUE(ack.has_ack()) << ack.DebugString();
    ids.push_back(ack.ack().entity_id());
  }
  auto over = s->Command(PostCardMsg("Palettes de trop"));
  ASSERT_TRUE(over.has_error());
  EXPECT_EQ(over.error().code(), v1::ERROR_CODE_QUOTA);
  v1::ClientMessage withdraw;
  withdraw.mutable_withdraw_card()->set_card_id(ids[0]);
  ASSERT_TRUE(s->Command(withdraw).has_ack());
  EXPECT_TRUE(s->Command(PostCardMsg("Palettes, une fois retirée l'autre")).has_ack());
  EXPECT_EQ(Metric(server.port(), "atelier_refused_quota_total"), 1);
}

TEST(Abuse, OneCompanysDevicesShareOneCommandBudget) {
  TempDb db;
  ServerProcess server(db.path(), {"--company-rate", "1", "--rate", "1000"});
  std::vector<std::unique_ptr<Session>> devices;
  for (int i = 0; i < 3; ++i) {
    devices.push_back(Connect(server));
    ASSERT_TRUE(JoinAs(*devices.back(), "logistique-armor").has_welcome());
  }
  int acked = 0;
  int limited = 0;
  for (int round = 0; round < 4; ++round) {
    for (auto& d : devices) {
      v1::ServerMessage m = d->Command(PostCardMsg("carte " + std::to_string(round)));
      acked += m.has_ack();
      limited += m.has_error() && m.error().code() == v1::ERROR_CODE_RATE_LIMITED;
    }
  }
  // Burst 3 at 1 per second: 12 commands in well under 12 s cannot all pass.
  EXPECT_GE(limited, 1);
  EXPECT_LT(acked, 12);
  EXPECT_GE(Metric(server.port(), "atelier_refused_rate_company_total"), 1);
  auto other = Connect(server);
  ASSERT_TRUE(JoinAs(*other, "menuiserie-ferrand").has_welcome());
  EXPECT_TRUE(other->Command(PostCardMsg("Copeaux")).has_ack()) << "other companies unaffected";
}

TEST(Abuse, AClosedWorkshopAnswersNoLookup) {
  TempDb db;
  ServerProcess server(db.path());
  auto fac = Connect(server);
  ASSERT_TRUE(JoinWithToken(*fac, server.facilitator_token()).has_welcome());
  v1::ClientMessage close;
  close.mutable_update_workshop()->mutable_workshop()->set_status(v1::WORKSHOP_STATUS_CLOSED);
  ASSERT_TRUE(fac->Command(close).has_ack());
  auto s = Connect(server);
  v1::ClientMessage lookup;
  lookup.set_command_id("l1");
  lookup.mutable_lookup()->set_code(kDemoCode);
  s->Send(lookup);
  std::optional<v1::ServerMessage> m;
  for (int i = 0; i < 50 && !m; ++i) m = s->Read(Millis(100));
  ASSERT_TRUE(m.has_value());
  ASSERT_TRUE(m->has_error()) << m->DebugString();
  EXPECT_EQ(m->error().code(), v1::ERROR_CODE_WORKSHOP_CLOSED);
  EXPECT_EQ(m->error().command_id(), "l1");
}

// After the close the room's screen, reopened, shows the results: a board may
// still join by code (the board's view, read only); a tablet may not.
TEST(Abuse, AClosedWorkshopWelcomesItsBoardButNoTablet) {
  TempDb db;
  ServerProcess server(db.path());
  std::string participant_token;
  {
    auto before = Connect(server);
    v1::ServerMessage joined = JoinAs(*before, "menuiserie-ferrand");
    ASSERT_TRUE(joined.has_welcome()) << joined.DebugString();
    participant_token = joined.welcome().token();
    ASSERT_FALSE(participant_token.empty());
  }
  auto fac = Connect(server);
  ASSERT_TRUE(JoinWithToken(*fac, server.facilitator_token()).has_welcome());
  v1::ClientMessage close;
  close.mutable_update_workshop()->mutable_workshop()->set_status(v1::WORKSHOP_STATUS_CLOSED);
  ASSERT_TRUE(fac->Command(close).has_ack());

  auto board = Connect(server);
  v1::Join join;
  join.set_code(kDemoCode);
  join.set_as_board(true);
  v1::ServerMessage w = board->Join(join);
  ASSERT_TRUE(w.has_welcome()) << w.DebugString();
  EXPECT_EQ(w.welcome().role(), v1::ROLE_BOARD);
  EXPECT_TRUE(w.welcome().token().empty());
  EXPECT_EQ(w.welcome().snapshot().workshop().status(), v1::WORKSHOP_STATUS_CLOSED);
  EXPECT_GT(w.welcome().snapshot().companies_size(), 0);
  for (const auto& c : w.welcome().snapshot().companies()) EXPECT_TRUE(c.contact().empty());
  // Read only: the board posts nothing.
  EXPECT_TRUE(board->Command(PostCardMsg("Après la clôture")).has_error());

  auto tablet = Connect(server);
  v1::ServerMessage refused = JoinAs(*tablet, "menuiserie-ferrand");
  ASSERT_TRUE(refused.has_error()) << refused.DebugString();
  EXPECT_EQ(refused.error().code(), v1::ERROR_CODE_WORKSHOP_CLOSED);

  // The token a tablet got before the close ends with it; the facilitator's does not.
  auto returning = Connect(server);
  v1::ServerMessage ended = JoinWithToken(*returning, participant_token);
  ASSERT_TRUE(ended.has_error()) << ended.DebugString();
  EXPECT_EQ(ended.error().code(), v1::ERROR_CODE_WORKSHOP_CLOSED);
  EXPECT_GE(Metric(server.port(), "atelier_refused_closed_token_total"), 1);
  auto facilitator_again = Connect(server);
  EXPECT_TRUE(JoinWithToken(*facilitator_again, server.facilitator_token()).has_welcome());

  // Reopened, the workshop takes the tablet's token again.
  v1::ClientMessage reopen;
  reopen.mutable_update_workshop()->mutable_workshop()->set_status(v1::WORKSHOP_STATUS_OPEN);
  ASSERT_TRUE(fac->Command(reopen).has_ack());
  auto revived = Connect(server);
  EXPECT_TRUE(JoinWithToken(*revived, participant_token).has_welcome());
}

// A facilitator revokes one device of a company: its open connection closes with 4001, its
// token is refused (after a restart too), the company's other device is told and keeps
// working, and the room never hears of it.
TEST(Abuse, ARevokedDeviceIsDisconnectedAndItsTokenRefusedForGood) {
  TempDb db;
  std::string facilitator, lost_token, kept_token;
  {
    ServerProcess server(db.path());
    facilitator = server.facilitator_token();
    auto lost = Connect(server);
    v1::ServerMessage a = JoinAs(*lost, "menuiserie-ferrand");
    ASSERT_TRUE(a.has_welcome());
    lost_token = a.welcome().token();
    const std::string lost_id = a.welcome().participant_id();
    auto kept = Connect(server);
    v1::ServerMessage b = JoinAs(*kept, "menuiserie-ferrand");
    ASSERT_TRUE(b.has_welcome());
    kept_token = b.welcome().token();
    auto other = Connect(server);
    ASSERT_TRUE(JoinAs(*other, "logistique-armor").has_welcome());

    auto fac = Connect(server);
    ASSERT_TRUE(JoinWithToken(*fac, facilitator).has_welcome());
    v1::ClientMessage revoke;
    revoke.mutable_revoke_participant()->set_participant_id(lost_id);
    v1::ServerMessage ack = fac->Command(revoke);
    ASSERT_TRUE(ack.has_ack()) << ack.DebugString();

    for (int i = 0; i < 30 && !lost->closed(); ++i) lost->Read(Millis(100));
    EXPECT_TRUE(lost->closed());
    EXPECT_EQ(lost->close_code(), 4001);  // removed by the facilitator
    // The company's other device hears of it, the room does not.
    ASSERT_TRUE(kept->WaitForSeq(ack.ack().seq(), Millis(3000)));
    bool told = false;
    for (const auto& e : kept->TakeEvents()) told = told || e.has_participant_revoked();
    EXPECT_TRUE(told);
    other->WaitForSeq(ack.ack().seq(), Millis(1000));
    for (const auto& e : other->TakeEvents()) EXPECT_FALSE(e.has_participant_revoked());

    auto again = Connect(server);
    EXPECT_EQ(JoinWithToken(*again, lost_token).error().code(), v1::ERROR_CODE_BAD_TOKEN);
    EXPECT_TRUE(kept->Command(PostCardMsg("Chutes de contreplaqué")).has_ack());
    EXPECT_EQ(Metric(server.port(), "atelier_devices_revoked_total"), 1);
    // Twice: a typed error.
    EXPECT_EQ(fac->Command(revoke).error().code(), v1::ERROR_CODE_INVALID);
  }
  ServerProcess server(db.path(), {}, /*demo=*/false);
  auto after = Connect(server);
  EXPECT_EQ(JoinWithToken(*after, lost_token).error().code(), v1::ERROR_CODE_BAD_TOKEN);
  auto kept_after = Connect(server);
  v1::ServerMessage w = JoinWithToken(*kept_after, kept_token);
  ASSERT_TRUE(w.has_welcome()) << w.DebugString();
}

}  // namespace
}  // namespace atelier::testing
