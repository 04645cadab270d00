// Nothing committed is unreadable, and every device catches up: a damaged
// workshop is quarantined while the others serve, an old byte-cut string is
// repaired on load, and devices far behind resume without overflowing their
// send queue — against a real atelier-server process and SQLite on disk.
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <sys/stat.h>

#include <string>

#include "server/app/offline.hpp"
#include "tests/integration/helpers.hpp"

namespace atelier::testing {
namespace {

// Runs `sql` with `blob` bound to ?1 (when given) on the database file.
void Sql(const std::string& db, const std::string& sql, const std::string* blob = nullptr) {
  sqlite3* h = nullptr;
  ASSERT_EQ(sqlite3_open(db.c_str(), &h), SQLITE_OK);
  sqlite3_stmt* st = nullptr;
  ASSERT_EQ(sqlite3_prepare_v2(h, sql.c_str(), -1, &st, nullptr), SQLITE_OK) << sqlite3_errmsg(h);
  if (blob) sqlite3_bind_blob(st, 1, blob->data(), static_cast<int>(blob->size()), SQLITE_STATIC);
  EXPECT_EQ(sqlite3_step(st), SQLITE_DONE) << sqlite3_errmsg(h);
  sqlite3_finalize(st);
  sqlite3_close(h);
}

std::string One(const std::string& db, const std::string& sql) {
  sqlite3* h = nullptr;
  sqlite3_open(db.c_str(), &h);
  sqlite3_stmt* st = nullptr;
  std::string out;
  if (sqlite3_prepare_v2(h, sql.c_str(), -1, &st, nullptr) == SQLITE_OK &&
      sqlite3_step(st) == SQLITE_ROW) {
    const void* p = sqlite3_column_blob(st, 0);
    out.assign(static_cast<const char*>(p), static_cast<size_t>(sqlite3_column_bytes(st, 0)));
  }
  sqlite3_finalize(st);
  sqlite3_close(h);
  return out;
}

// The demo workshop with one card posted; returns the workshop id and the card's seq.
std::pair<std::string, uint64_t> DemoWithACard(const std::string& db, const std::string& text) {
  ServerProcess server(db);
  auto s = Connect(server);
  EXPECT_TRUE(JoinAs(*s, "logistique-armor").has_welcome());
  auto ack = s->Command(PostCardMsg(text));
  EXPECT_TRUE(ack.has_ack());
  s.reset();
  EXPECT_EQ(server.Terminate(), 0);
  return {One(db, "SELECT id FROM workshops WHERE code = 'DEMO42'"), ack.ack().seq()};
}

TEST(Integrity, AnUnreadableWorkshopIsQuarantinedAndTheOthersServe) {
  TempDb db;
  auto [demo, seq] = DemoWithACard(db.path(), "Palettes bois");
  ASSERT_FALSE(demo.empty());
  {
    app::Offline offline(db.path());
    v1::WorkshopInfo info;
    info.set_title("Second atelier");
    offline.hub().CreateWorkshop(info, "SECOND");
  }
  // Bytes that are no event at all, in the middle of the demo workshop's log.
  const std::string garbage("\x0A\xFF\xFF\xFF", 4);
  Sql(db.path(),
      "UPDATE events SET payload = ?1 WHERE workshop_id = '" + demo +
          "' AND seq = " + std::to_string(seq),
      &garbage);

  ServerProcess server(db.path(), {}, /*demo=*/false);
  auto board = Connect(server);
  v1::Join join;
  join.set_code("SECOND");
  join.set_as_board(true);
  EXPECT_TRUE(board->Join(join).has_welcome()) << "the other workshop serves";

  const std::string health = HttpGet(server.port(), "/healthz");
  EXPECT_NE(health.find("200 OK"), std::string::npos) << health;
  EXPECT_NE(health.find("\"quarantined\":[{\"id\":\"" + demo +
                        "\",\"code\":\"DEMO42\",\"seq\":" + std::to_string(seq - 1)),
            std::string::npos)
      << health;
  const std::string metrics = HttpGet(server.port(), "/metrics");
  EXPECT_NE(metrics.find("atelier_workshops_quarantined 1"), std::string::npos) << metrics;
  EXPECT_NE(server.output().find("quarantaine"), std::string::npos) << "logged for the operator";

  auto tablet = Connect(server);
  join.set_code("DEMO42");
  join.set_as_board(true);
  v1::ServerMessage refused = tablet->Join(join);
  EXPECT_TRUE(refused.has_error()) << "a quarantined workshop is not served";
  EXPECT_EQ(One(db.path(), "SELECT payload FROM events WHERE workshop_id = '" + demo +
                               "' AND seq = " + std::to_string(seq)),
            garbage)
      << "and left as it is on disk";
}

TEST(Integrity, AStringCutInsideACharacterByAnOlderServerIsRepairedOnLoad) {
  TempDb db;
  auto [demo, seq] = DemoWithACard(db.path(), "Palettes réutilisables");
  std::string payload = One(db.path(), "SELECT payload FROM events WHERE workshop_id = '" + demo +
                                           "' AND seq = " + std::to_string(seq));
  // What a byte cut left: « é » missing its second byte (the length stays the same).
  const size_t at = payload.find("\xC3\xA9");
  ASSERT_NE(at, std::string::npos);
  payload[at + 1] = 'X';
  v1::Event probe;
  ASSERT_FALSE(probe.ParseFromString(payload)) << "protobuf refuses it as it is";
  Sql(db.path(),
      "UPDATE events SET payload = ?1 WHERE workshop_id = '" + demo +
          "' AND seq = " + std::to_string(seq),
      &payload);

  ServerProcess server(db.path());
  auto s = Connect(server);
  v1::ServerMessage w = JoinAs(*s, "menuiserie-ferrand");
  ASSERT_TRUE(w.has_welcome());
  std::vector<std::string> texts = CardTexts(w.welcome().snapshot());
  EXPECT_NE(std::find(texts.begin(), texts.end(), "Palettes r\xEF\xBF\xBDXutilisables"),
            texts.end());
  EXPECT_NE(HttpGet(server.port(), "/metrics").find("atelier_events_repaired_total 1"),
            std::string::npos);
}

TEST(Integrity, DatabaseFilesAreForTheServiceUserOnly) {
  TempDb db;
  ServerProcess server(db.path());
  auto s = Connect(server);
  ASSERT_TRUE(JoinAs(*s, "logistique-armor").has_welcome());
  ASSERT_TRUE(s->Command(PostCardMsg("Palettes")).has_ack());
  for (const std::string suffix : {"", "-wal", ".lock"}) {
    struct stat st {};
    ASSERT_EQ(::stat((db.path() + suffix).c_str(), &st), 0) << suffix;
    EXPECT_EQ(st.st_mode & 0777, 0600u) << db.path() + suffix;
  }
}

// Facilitator imports of companies (300 a message) until `count` events were committed after `from`.
uint64_t AddEvents(Session& facilitator, uint64_t from, uint64_t count) {
  uint64_t seq = from;
  int batch = 0;
  while (seq < from + count) {
    v1::ClientMessage msg;
    msg.set_command_id(Session::NewCommandId());
    const uint64_t n = std::min<uint64_t>(300, from + count - seq);  // under 64 KiB
    for (uint64_t i = 0; i < n; ++i) {
      v1::Company* c = msg.mutable_import_companies()->add_companies();
      c->set_name("Entreprise " + std::to_string(batch) + "-" + std::to_string(i) +
                  " — Société coopérative éphémère");
      c->set_zone("Zone d’activités des Écluses");
    }
    v1::ServerMessage ack = facilitator.Command(msg, Millis(60000));
    EXPECT_TRUE(ack.has_ack()) << ack.DebugString();
    if (!ack.has_ack()) return seq;
    seq = ack.ack().seq();
    facilitator.TakeEvents();
    ++batch;
  }
  return seq;
}

class ResumeFarBehind : public ::testing::TestWithParam<uint64_t> {};

TEST_P(ResumeFarBehind, TheDeviceCatchesUpWithoutOverflowingItsQueue) {
  const uint64_t behind = GetParam();
  TempDb db;
  // The default send queue; a queue of 64 messages would have held 64 events before.
  ServerProcess server(db.path(), {"--rate", "100000"});
  auto fac = Connect(server);
  ASSERT_TRUE(JoinWithToken(*fac, server.facilitator_token()).has_welcome());
  auto device = Connect(server);
  v1::ServerMessage first = JoinAs(*device, "logistique-armor");
  ASSERT_TRUE(first.has_welcome());
  const std::string token = first.welcome().token();
  const std::string epoch = first.welcome().epoch();
  const uint64_t seen = device->last_seq();
  device.reset();  // the tablet leaves the Wi-Fi

  const uint64_t last = AddEvents(*fac, seen, behind);
  ASSERT_GE(last, seen + behind);

  auto back = Connect(server);
  v1::Join join;
  join.set_token(token);
  join.set_epoch(epoch);
  join.set_last_seq(seen);
  join.set_has_last_seq(true);
  v1::ServerMessage w = back->Join(join, Millis(30000));
  ASSERT_TRUE(w.has_welcome()) << w.DebugString();
  if (w.welcome().resumed()) {
    ASSERT_TRUE(back->WaitForSeq(last, Millis(60000)))
        << "caught up to " << back->last_seq() << " of " << last;
    std::vector<v1::Event> events = back->TakeEvents();
    ASSERT_EQ(events.size(), last - seen);
    for (size_t i = 0; i < events.size(); ++i) ASSERT_EQ(events[i].seq(), seen + 1 + i);
  } else {
    EXPECT_GE(behind, 20'000u) << "replay expected this close";
    EXPECT_EQ(w.welcome().snapshot().seq(), last);
    EXPECT_GE(static_cast<uint64_t>(w.welcome().snapshot().companies_size()), behind);
  }
  EXPECT_FALSE(back->closed()) << "close code " << back->close_code();
  // And it stays live.
  const uint64_t live = AddEvents(*fac, last, 1);
  EXPECT_TRUE(back->WaitForSeq(live, Millis(10000)));
}

INSTANTIATE_TEST_SUITE_P(Integrity, ResumeFarBehind, ::testing::Values(1'000, 10'000, 100'000));

}  // namespace
}  // namespace atelier::testing
