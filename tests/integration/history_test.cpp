// Cost that does not grow with history: a closed workshop stays on disk until
// someone uses it, is folded then, leaves memory once idle and comes back the
// same; a participant's remembered command ids are bounded. Against a real
// atelier-server process, SQLite on disk and real sockets.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <boost/json.hpp>
#include <chrono>
#include <fstream>
#include <sstream>
#include <thread>

#include "server/common/digest.hpp"
#include "tests/integration/helpers.hpp"

namespace atelier::testing {
namespace {

namespace json = boost::json;

std::string ReadAll(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  std::string text = s.str();
  while (!text.empty() && text.back() == '\n') text.pop_back();
  return text;
}

int64_t Scalar(const std::string& db, const std::string& sql) {
  sqlite3* h = nullptr;
  sqlite3_open(db.c_str(), &h);
  sqlite3_stmt* st = nullptr;
  int64_t out = -1;
  if (sqlite3_prepare_v2(h, sql.c_str(), -1, &st, nullptr) == SQLITE_OK &&
      sqlite3_step(st) == SQLITE_ROW) {
    out = sqlite3_column_int64(st, 0);
  }
  sqlite3_finalize(st);
  sqlite3_close(h);
  return out;
}

// The value of an unlabelled metric, or -1.
// Waits (bounded) until the metric has the value; returns the last value read.
int64_t WaitForMetric(uint16_t port, const std::string& name, int64_t wanted,
                      std::chrono::seconds limit = std::chrono::seconds(15)) {
  auto deadline = std::chrono::steady_clock::now() + limit;
  int64_t v = Metric(port, name);
  while (v != wanted && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    v = Metric(port, name);
  }
  return v;
}

std::string Bearer(const std::string& token) { return "Authorization: Bearer " + token + "\r\n"; }

// The facilitator's snapshot, joined with its token.
std::string FacilitatorSnapshot(const ServerProcess& server, const std::string& token) {
  auto s = Connect(server);
  v1::ServerMessage w = JoinWithToken(*s, token);
  EXPECT_TRUE(w.has_welcome()) << w.DebugString();
  return w.welcome().snapshot().SerializeAsString();
}

TEST(History, AClosedWorkshopIsReadWhenUsedLeavesMemoryIdleAndComesBackTheSame) {
  TempDb db;
  std::string facilitator, workshop_id, replay, snapshot;
  {
    ServerProcess server(db.path());
    facilitator = server.facilitator_token();
    ASSERT_FALSE(facilitator.empty());
    auto s = Connect(server);
    v1::ServerMessage w = JoinAs(*s, "logistique-armor");
    ASSERT_TRUE(w.has_welcome());
    workshop_id = w.welcome().workshop_id();
    ASSERT_TRUE(s->Command(PostCardMsg("Palettes bois 120x80, 40 par semaine")).has_ack());
    ASSERT_TRUE(s->Command(PostCardMsg("Big bags vides", v1::CARD_KIND_NEED)).has_ack());
    s.reset();
    const std::string admin = ReadAll(db.path() + ".admin-token");
    std::string closed = Http(server.port(), "POST",
                              "/api/admin/workshops/" + workshop_id + "/close", Bearer(admin));
    ASSERT_NE(closed.find("200 OK"), std::string::npos) << closed;
    replay = HttpBody(
        HttpGet(server.port(), "/api/workshops/" + workshop_id + "/events", Bearer(facilitator)));
    ASSERT_FALSE(replay.empty());
    snapshot = FacilitatorSnapshot(server, facilitator);
    ASSERT_EQ(server.Terminate(), 0);
  }

  ServerProcess server(db.path(), {"--evict-after", "1"}, /*demo=*/false);
  EXPECT_EQ(Metric(server.port(), "atelier_workshops"), 1);
  EXPECT_EQ(Metric(server.port(), "atelier_workshops_in_memory"), 0) << "dormant at start";

  // The administrator sees it without waking it.
  const std::string admin = ReadAll(db.path() + ".admin-token");
  json::value list =
      json::parse(HttpBody(HttpGet(server.port(), "/api/admin/workshops?all=1", Bearer(admin))));
  ASSERT_EQ(list.at("workshops").as_array().size(), 1u);
  const json::object& row = list.at("workshops").as_array()[0].as_object();
  EXPECT_EQ(row.at("code").as_string(), "DEMO42");
  EXPECT_EQ(row.at("status").as_string(), "closed");
  EXPECT_FALSE(row.at("in_memory").as_bool());
  EXPECT_FALSE(row.contains("cards")) << "no counts without reading the log";
  EXPECT_EQ(row.at("links").at("consoles").as_array().size(), 1u);
  EXPECT_EQ(Metric(server.port(), "atelier_workshops_in_memory"), 0);

  // The replay (a facilitator token's lookup) folds it: the same log.
  EXPECT_EQ(HttpBody(HttpGet(server.port(), "/api/workshops/" + workshop_id + "/events",
                             Bearer(facilitator))),
            replay);
  EXPECT_EQ(Metric(server.port(), "atelier_workshops_in_memory"), 1);
  EXPECT_EQ(WaitForMetric(server.port(), "atelier_workshops_in_memory", 0), 0)
      << "dropped once idle";

  {
    // Follow-up: a facilitator joined keeps it in memory however long it stays.
    auto s = Connect(server);
    v1::ServerMessage w = JoinWithToken(*s, facilitator);
    ASSERT_TRUE(w.has_welcome());
    EXPECT_EQ(w.welcome().snapshot().SerializeAsString(), snapshot) << "woken the same";
    std::this_thread::sleep_for(std::chrono::milliseconds(2500));
    EXPECT_EQ(Metric(server.port(), "atelier_workshops_in_memory"), 1);
    v1::ClientMessage venue;
    venue.mutable_update_workshop()->mutable_workshop()->set_venue("Salle B");
    EXPECT_TRUE(s->Command(venue).has_ack()) << "commands still apply to it";
  }
  EXPECT_EQ(WaitForMetric(server.port(), "atelier_workshops_in_memory", 0), 0);

  // Woken again, by its join code this time: the room's screen is welcomed read only, as
  // before it slept; a tablet is refused.
  auto board = Connect(server);
  v1::Join join;
  join.set_code("DEMO42");
  join.set_as_board(true);
  v1::ServerMessage shown = board->Join(join);
  ASSERT_TRUE(shown.has_welcome()) << shown.DebugString();
  EXPECT_EQ(shown.welcome().snapshot().workshop().status(), v1::WORKSHOP_STATUS_CLOSED);
  EXPECT_EQ(shown.welcome().snapshot().workshop().venue(), "Salle B");
  auto tablet = Connect(server);
  v1::ServerMessage refused = JoinAs(*tablet, "menuiserie-ferrand");
  ASSERT_TRUE(refused.has_error()) << refused.DebugString();
  EXPECT_EQ(refused.error().code(), v1::ERROR_CODE_WORKSHOP_CLOSED);
  EXPECT_EQ(HttpBody(HttpGet(server.port(), "/api/workshops/" + workshop_id + "/events",
                             Bearer(facilitator)))
                .substr(0, replay.size()),
            replay)
      << "its log, with the command applied above after it";
}

TEST(History, AParticipantsRememberedCommandsAreBoundedAndRecentOnesStillAnswer) {
  TempDb db;
  constexpr int kEdits = 1'100;
  std::vector<std::string> ids;
  std::vector<uint64_t> seqs;
  std::string token, card_id;
  {
    ServerProcess server(db.path(), {"--rate", "100000", "--company-rate", "100000"});
    auto s = Connect(server);
    v1::ServerMessage w = JoinAs(*s, "logistique-armor");
    ASSERT_TRUE(w.has_welcome());
    token = w.welcome().token();
    v1::ServerMessage posted = s->Command(PostCardMsg("Palettes bois"));
    ASSERT_TRUE(posted.has_ack());
    card_id = posted.ack().entity_id();
    for (int i = 0; i < kEdits; ++i) {
      v1::ClientMessage edit;
      edit.set_command_id(Session::NewCommandId());
      edit.mutable_edit_card()->set_card_id(card_id);
      v1::CardDraft* d = edit.mutable_edit_card()->mutable_card();
      d->set_kind(v1::CARD_KIND_OFFER);
      d->set_category("dechet");
      d->set_text("Palettes bois, lot " + std::to_string(i));
      v1::ServerMessage ack = s->Command(edit);
      ASSERT_TRUE(ack.has_ack()) << i << ack.DebugString();
      ids.push_back(edit.command_id());
      seqs.push_back(ack.ack().seq());
      if (i % 100 == 0) s->TakeEvents();
    }
    // A recent command id answers as the first time.
    v1::ClientMessage again;
    again.set_command_id(ids[kEdits - 10]);
    again.mutable_edit_card()->set_card_id(card_id);
    again.mutable_edit_card()->mutable_card()->set_text("ignoré");
    v1::ServerMessage dup = s->Command(again);
    ASSERT_TRUE(dup.has_ack());
    EXPECT_TRUE(dup.ack().duplicate());
    EXPECT_EQ(dup.ack().seq(), seqs[kEdits - 10]);
    ASSERT_EQ(server.Terminate(), 0);
  }
  const std::string participant =
      "(SELECT participant_id FROM tokens WHERE token_hash = '" + digest::TokenHash(token) + "')";
  const int64_t kept =
      Scalar(db.path(), "SELECT count(*) FROM commands WHERE participant_id = " + participant);
  EXPECT_GE(kept, 1024) << "the latest 1,024 at least";
  EXPECT_LE(kept, 1024 + 64) << "older ones deleted in chunks";
  EXPECT_EQ(Scalar(db.path(), "SELECT count(*) FROM commands WHERE command_id = '" + ids[0] + "'"),
            0);

  // After a restart, the same: recent ids answer as before, the oldest are forgotten.
  ServerProcess server(db.path(), {"--rate", "100000", "--company-rate", "100000"});
  auto s = Connect(server);
  ASSERT_TRUE(JoinWithToken(*s, token).has_welcome());
  v1::ClientMessage again;
  again.set_command_id(ids[kEdits - 1000]);
  again.mutable_edit_card()->set_card_id(card_id);
  again.mutable_edit_card()->mutable_card()->set_text("ignoré");
  v1::ServerMessage dup = s->Command(again);
  ASSERT_TRUE(dup.has_ack());
  EXPECT_TRUE(dup.ack().duplicate());
  EXPECT_EQ(dup.ack().seq(), seqs[kEdits - 1000]);
}

// Retention (--retention-days): a workshop closed longer ago than the setting loses its
// companies' contacts and its people's names at the next sweep (one second after the start);
// the companies and cards stay. The close is moved back in time in the stored log.
TEST(History, RetentionErasesPersonalDataOfAWorkshopClosedLongAgo) {
  TempDb db;
  std::string facilitator, workshop_id;
  {
    ServerProcess server(db.path());
    facilitator = server.facilitator_token();
    auto s = Connect(server);
    v1::ServerMessage w = JoinAs(*s, "logistique-armor");  // a participant named « Test »
    ASSERT_TRUE(w.has_welcome());
    workshop_id = w.welcome().workshop_id();
    ASSERT_TRUE(s->Command(PostCardMsg("Palettes bois 120x80")).has_ack());
    s.reset();
    const std::string admin = ReadAll(db.path() + ".admin-token");
    ASSERT_NE(
        Http(server.port(), "POST", "/api/admin/workshops/" + workshop_id + "/close", Bearer(admin))
            .find("200 OK"),
        std::string::npos);
    ASSERT_EQ(server.Terminate(), 0);
  }
  {
    // The close, 400 days ago.
    sqlite3* h = nullptr;
    ASSERT_EQ(sqlite3_open(db.path().c_str(), &h), SQLITE_OK);
    sqlite3_stmt* st = nullptr;
    ASSERT_EQ(sqlite3_prepare_v2(h,
                                 "SELECT seq, payload FROM events WHERE kind = 'workshop_updated' "
                                 "ORDER BY seq DESC LIMIT 1",
                                 -1, &st, nullptr),
              SQLITE_OK);
    ASSERT_EQ(sqlite3_step(st), SQLITE_ROW);
    const int64_t seq = sqlite3_column_int64(st, 0);
    v1::Event close;
    ASSERT_TRUE(close.ParseFromArray(sqlite3_column_blob(st, 1), sqlite3_column_bytes(st, 1)));
    sqlite3_finalize(st);
    ASSERT_EQ(close.workshop_updated().workshop().status(), v1::WORKSHOP_STATUS_CLOSED);
    close.set_at_ms(close.at_ms() - int64_t{400} * 24 * 3600 * 1000);
    const std::string bytes = close.SerializeAsString();
    ASSERT_EQ(
        sqlite3_prepare_v2(h, "UPDATE events SET payload = ? WHERE seq = ?", -1, &st, nullptr),
        SQLITE_OK);
    sqlite3_bind_blob(st, 1, bytes.data(), static_cast<int>(bytes.size()), SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 2, seq);
    ASSERT_EQ(sqlite3_step(st), SQLITE_DONE);
    sqlite3_finalize(st);
    sqlite3_close(h);
  }
  auto contacts = [&](const ServerProcess& server) {
    auto s = Connect(server);
    v1::ServerMessage w = JoinWithToken(*s, facilitator);
    EXPECT_TRUE(w.has_welcome()) << w.DebugString();
    size_t personal = 0;
    for (const auto& c : w.welcome().snapshot().companies()) personal += !c.contact().empty();
    for (const auto& p : w.welcome().snapshot().participants()) {
      personal += !p.company_id().empty() && !p.name().empty();  // facilitators are staff
    }
    return std::make_pair(personal, w.welcome().snapshot().cards_size());
  };
  {
    // Kept for 500 days: the first sweep erases nothing.
    ServerProcess server(db.path(), {"--retention-days", "500"}, /*demo=*/false);
    ASSERT_EQ(WaitForMetric(server.port(), "atelier_retention_sweeps_total", 1), 1);
    EXPECT_EQ(Metric(server.port(), "atelier_retention_erasures_total"), 0);
    // Read to learn its close time, then put back to sleep (not kept for --evict-after).
    EXPECT_EQ(Metric(server.port(), "atelier_workshops_in_memory"), 0);
    EXPECT_GT(contacts(server).first, 0u) << "contacts and names still there";
    ASSERT_EQ(server.Terminate(), 0);
  }
  ServerProcess server(db.path(), {"--retention-days", "365"}, /*demo=*/false);
  ASSERT_EQ(WaitForMetric(server.port(), "atelier_retention_sweeps_total", 1), 1);
  // Every company with a contact or a named person is erased once, in the first sweep.
  const int64_t erased = Metric(server.port(), "atelier_retention_erasures_total");
  EXPECT_GT(erased, 0);
  const auto [personal, cards] = contacts(server);
  EXPECT_EQ(personal, 0u) << erased << " companies erased";
  EXPECT_GT(cards, 0) << "the cards stay";
  EXPECT_EQ(Scalar(db.path(), "SELECT count(*) FROM events WHERE kind = 'company_data_erased'"),
            erased);
}

std::string FileBytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

TEST(History, TokensAreKeptHashedAndAreGivenAgainAfterARestart) {
  TempDb db;
  v1::Join join;
  join.set_code(kDemoCode);
  join.set_company_id("logistique-armor");
  join.set_name("Tablette");
  std::string token, participant, facilitator;
  {
    ServerProcess server(db.path());
    facilitator = server.facilitator_token();
    ASSERT_FALSE(facilitator.empty());
    auto a = Connect(server);
    auto w = a->Join(join, Millis(5000), "join-before-restart");
    ASSERT_TRUE(w.has_welcome());
    token = w.welcome().token();
    participant = w.welcome().participant_id();
    ASSERT_EQ(server.Terminate(), 0);
  }
  // The file holds the tokens' hashes, never a token.
  EXPECT_EQ(Scalar(db.path(), "SELECT count(*) FROM tokens WHERE token_hash IN ('" + token +
                                  "', '" + facilitator + "')"),
            0);
  EXPECT_EQ(Scalar(db.path(), "SELECT count(*) FROM tokens WHERE token_hash IN ('" +
                                  digest::TokenHash(token) + "', '" +
                                  digest::TokenHash(facilitator) + "')"),
            2);
  for (const char* suffix : {"", "-wal"}) {
    const std::string bytes = FileBytes(db.path() + suffix);
    EXPECT_EQ(bytes.find(token), std::string::npos) << "in " << db.path() << suffix;
    EXPECT_EQ(bytes.find(facilitator), std::string::npos) << "in " << db.path() << suffix;
  }

  ServerProcess again(db.path());
  EXPECT_EQ(again.facilitator_token(), facilitator)
      << "the console link printed at start is derived again from the server's secret";
  auto b = Connect(again);
  auto resent = b->Join(join, Millis(5000), "join-before-restart");
  ASSERT_TRUE(resent.has_welcome()) << "a join whose welcome was lost across the restart";
  EXPECT_EQ(resent.welcome().participant_id(), participant);
  EXPECT_EQ(resent.welcome().token(), token);
  auto c = Connect(again);
  EXPECT_TRUE(JoinWithToken(*c, token).has_welcome());
  auto d = Connect(again);
  EXPECT_FALSE(JoinWithToken(*d, digest::TokenHash(token)).has_welcome())
      << "a hash read from a copy of the file is not a token";
}

}  // namespace
}  // namespace atelier::testing
