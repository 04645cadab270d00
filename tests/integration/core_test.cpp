// The workshop core over real sockets: idempotent commands, resume, bad input,
// visibility, and durability under SIGKILL.
#include <gmock/gmock.h>

#include <atomic>
#include <mutex>
#include <set>
#include <thread>

#include "tests/integration/helpers.hpp"

namespace atelier::testing {
namespace {

using ::testing::Contains;
using ::testing::Not;

v1::ClientMessage Ping() {
  v1::ClientMessage m;
  m.mutable_ping()->set_client_time_ms(42);
  return m;
}

// Reads until a message satisfying `pred` arrives, or fails the test.
template <typename Pred>
v1::ServerMessage ReadUntil(Session& s, Pred pred, Millis timeout = Millis(5000)) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    auto m = s.Read(Millis(200));
    if (m && pred(*m)) return *m;
    if (s.closed()) break;
  }
  ADD_FAILURE() << "expected message did not arrive (closed: " << s.closed() << ", code "
                << s.close_code() << ")";
  return {};
}

TEST(Core, ResentCommandIsAnsweredWithTheOriginalAckAndAppliedOnce) {
  TempDb db;
  ServerProcess server(db.path());
  auto s = Connect(server);
  auto welcome = JoinAs(*s, "logistique-armor");
  ASSERT_TRUE(welcome.has_welcome());
  v1::ClientMessage post = PostCardMsg("Cartons pliés, 2 t/mois");
  auto first = s->Command(post);
  ASSERT_TRUE(first.has_ack());
  auto second = s->Command(post);
  ASSERT_TRUE(second.has_ack());
  EXPECT_TRUE(second.ack().duplicate());
  EXPECT_EQ(second.ack().entity_id(), first.ack().entity_id());
  EXPECT_EQ(second.ack().seq(), first.ack().seq());

  // Same command again after a reconnect (the ack was "lost"), and after a restart.
  std::string token = welcome.welcome().token();
  s.reset();
  auto again = Connect(server);
  ASSERT_TRUE(JoinWithToken(*again, token).has_welcome());
  auto third = again->Command(post);
  ASSERT_TRUE(third.has_ack());
  EXPECT_TRUE(third.ack().duplicate());
  again.reset();
  server.Kill();
  ServerProcess restarted(db.path());
  auto after = Connect(restarted);
  auto w = JoinWithToken(*after, token);
  ASSERT_TRUE(w.has_welcome());
  auto fourth = after->Command(post);
  ASSERT_TRUE(fourth.has_ack());
  EXPECT_TRUE(fourth.ack().duplicate());
  EXPECT_EQ(fourth.ack().entity_id(), first.ack().entity_id());
  int copies = 0;
  for (const auto& c : w.welcome().snapshot().cards())
    copies += c.text() == "Cartons pliés, 2 t/mois";
  EXPECT_EQ(copies, 1);
}

TEST(Core, ReconnectingClientGetsExactlyTheMissedEventsInOrder) {
  TempDb db;
  ServerProcess server(db.path());
  auto alice = Connect(server);
  auto wa = JoinAs(*alice, "logistique-armor");
  ASSERT_TRUE(wa.has_welcome());
  std::string token = wa.welcome().token();
  std::string epoch = wa.welcome().epoch();
  uint64_t seen = alice->last_seq();
  alice.reset();  // Wi-Fi drop

  auto bob = Connect(server);
  ASSERT_TRUE(JoinAs(*bob, "menuiserie-ferrand").has_welcome());
  std::vector<std::string> posted;
  for (int i = 0; i < 5; ++i) {
    auto ack = bob->Command(PostCardMsg("Copeaux lot " + std::to_string(i)));
    ASSERT_TRUE(ack.has_ack());
    posted.push_back(ack.ack().entity_id());
  }

  auto back = Connect(server);
  v1::Join join;
  join.set_token(token);
  join.set_epoch(epoch);
  join.set_last_seq(seen);
  join.set_has_last_seq(true);
  auto w = back->Join(join);
  ASSERT_TRUE(w.has_welcome());
  EXPECT_TRUE(w.welcome().resumed());
  EXPECT_FALSE(w.welcome().has_snapshot());
  auto more = bob->Command(PostCardMsg("Copeaux lot live"));
  ASSERT_TRUE(more.has_ack());
  posted.push_back(more.ack().entity_id());
  ASSERT_TRUE(back->WaitForSeq(more.ack().seq(), Millis(5000)));

  std::vector<uint64_t> seqs;
  std::vector<std::string> cards;
  for (const auto& e : back->TakeEvents()) {
    seqs.push_back(e.seq());
    if (e.has_card_posted()) cards.push_back(e.card_posted().card().id());
  }
  ASSERT_FALSE(seqs.empty());
  EXPECT_EQ(seqs.front(), seen + 1) << "starts right after the last seen";
  for (size_t i = 1; i < seqs.size(); ++i)
    EXPECT_EQ(seqs[i], seqs[i - 1] + 1) << "no gap, no repeat";
  EXPECT_EQ(cards, posted);
}

int ParticipantsNamed(const v1::ServerMessage& welcome, const std::string& name) {
  int n = 0;
  for (const auto& p : welcome.welcome().snapshot().participants()) n += p.name() == name;
  return n;
}

TEST(Core, JoinResentAfterALostWelcomeGetsTheSameParticipant) {
  TempDb db;
  ServerProcess server(db.path());
  v1::Join join;
  join.set_code(kDemoCode);
  join.set_company_id("logistique-armor");
  join.set_name("Tablette perdue");

  auto a = Connect(server);
  auto first = a->Join(join, Millis(5000), "join-lost-1");
  ASSERT_TRUE(first.has_welcome());
  a.reset();  // the welcome never reached the device: it joins again, same id
  auto b = Connect(server);
  auto again = b->Join(join, Millis(5000), "join-lost-1");
  ASSERT_TRUE(again.has_welcome());
  EXPECT_EQ(again.welcome().participant_id(), first.welcome().participant_id());
  EXPECT_EQ(again.welcome().token(), first.welcome().token());

  // Another device of the same company (another id) is another participant.
  auto c = Connect(server);
  auto other = c->Join(join, Millis(5000), "join-other-device");
  ASSERT_TRUE(other.has_welcome());
  EXPECT_NE(other.welcome().participant_id(), first.welcome().participant_id());

  // Two resends racing before the first is durable get one participant.
  v1::ClientMessage racing;
  racing.set_command_id("join-racing");
  *racing.mutable_join() = join;
  auto r1 = Connect(server);
  auto r2 = Connect(server);
  r1->Send(racing);
  r2->Send(racing);
  auto w1 = ReadUntil(*r1, [](const v1::ServerMessage& m) { return m.has_welcome(); });
  auto w2 = ReadUntil(*r2, [](const v1::ServerMessage& m) { return m.has_welcome(); });
  EXPECT_EQ(w1.welcome().participant_id(), w2.welcome().participant_id());

  // The same after a restart: the join is remembered on disk.
  std::string facilitator_token = server.facilitator_token();
  ASSERT_FALSE(facilitator_token.empty());
  b.reset();
  c.reset();
  r1.reset();
  r2.reset();
  server.Kill();
  ServerProcess restarted(db.path());
  auto d = Connect(restarted);
  auto after = d->Join(join, Millis(5000), "join-lost-1");
  ASSERT_TRUE(after.has_welcome());
  EXPECT_EQ(after.welcome().participant_id(), first.welcome().participant_id());
  auto e = Connect(restarted);
  auto facilitator = JoinWithToken(*e, facilitator_token);
  ASSERT_TRUE(facilitator.has_welcome());
  EXPECT_EQ(ParticipantsNamed(facilitator, "Tablette perdue"), 3)
      << "one per device: lost, other, racing";
}

TEST(Core, StaleEpochGetsAFreshSnapshot) {
  TempDb db;
  ServerProcess server(db.path());
  auto a = Connect(server);
  auto wa = JoinAs(*a, "logistique-armor");
  ASSERT_TRUE(wa.has_welcome());
  auto b = Connect(server);
  v1::Join join;
  join.set_token(wa.welcome().token());
  join.set_epoch("not-the-epoch");
  join.set_last_seq(3);
  join.set_has_last_seq(true);
  auto w = b->Join(join);
  ASSERT_TRUE(w.has_welcome());
  EXPECT_FALSE(w.welcome().resumed());
  EXPECT_TRUE(w.welcome().has_snapshot());
  EXPECT_GT(w.welcome().snapshot().cards_size(), 0);
}

TEST(Core, BadInputGetsTypedErrorsAndHarmsNoOne) {
  TempDb db;
  ServerProcess server(db.path(), {"--max-message-bytes", "1024", "--rate", "5"});
  auto bystander = Connect(server);
  ASSERT_TRUE(JoinAs(*bystander, "boulangerie-du-parc").has_welcome());

  auto s = Connect(server);
  auto expect_error = [&](v1::ErrorCode code) {
    auto m = ReadUntil(*s, [](const v1::ServerMessage& x) { return x.has_error(); });
    EXPECT_EQ(m.error().code(), code) << m.DebugString();
    EXPECT_FALSE(m.error().message().empty());
  };
  s->SendRaw("\xff\xff\xff not protobuf");
  expect_error(v1::ERROR_CODE_MALFORMED);
  s->SendRaw(std::string(2000, '\x0a'));
  expect_error(v1::ERROR_CODE_TOO_LARGE);
  // Errors name the command they answer, even when the message could not be read whole.
  v1::ClientMessage big = PostCardMsg(std::string(1500, 'x'));
  big.set_command_id("gros-1");
  s->Send(big);
  auto too_large = ReadUntil(*s, [](const v1::ServerMessage& x) { return x.has_error(); });
  EXPECT_EQ(too_large.error().code(), v1::ERROR_CODE_TOO_LARGE);
  EXPECT_EQ(too_large.error().command_id(), "gros-1");
  s->SendRaw(std::string("\x0a\x05mal-1\x12\xff\xff", 10));
  auto malformed = ReadUntil(*s, [](const v1::ServerMessage& x) { return x.has_error(); });
  EXPECT_EQ(malformed.error().code(), v1::ERROR_CODE_MALFORMED);
  EXPECT_EQ(malformed.error().command_id(), "mal-1");
  v1::ClientMessage empty;
  empty.set_command_id("e1");
  s->Send(empty);
  expect_error(v1::ERROR_CODE_UNKNOWN_COMMAND);
  s->Send(PostCardMsg("avant de rejoindre"));
  expect_error(v1::ERROR_CODE_NOT_JOINED);
  v1::Join stranger;
  stranger.set_code(kDemoCode);
  stranger.set_company_id("no-such-company");
  EXPECT_EQ(s->Join(stranger).error().code(), v1::ERROR_CODE_NOT_FOUND);
  s->Send(Ping());
  EXPECT_TRUE(ReadUntil(*s, [](const v1::ServerMessage& x) { return x.has_pong(); }).has_pong())
      << "still usable after all that";
  // Keep-alives spend no command budget (the burst is 40 at --rate 5).
  for (int i = 0; i < 100; ++i) s->Send(Ping());
  v1::ClientMessage after_pings;
  after_pings.set_command_id("apres-pings");
  after_pings.mutable_lookup()->set_code(kDemoCode);
  s->Send(after_pings);
  auto answered = ReadUntil(*s, [](const v1::ServerMessage& x) { return !x.has_pong(); });
  EXPECT_TRUE(answered.has_lobby()) << answered.DebugString();

  // An unknown token is refused and the connection closed with 4003, as documented: the
  // device forgets the token and joins again with the code.
  {
    auto t = Connect(server);
    v1::Join unknown;
    unknown.set_token("0000");
    EXPECT_EQ(t->Join(unknown).error().code(), v1::ERROR_CODE_BAD_TOKEN);
    for (int i = 0; i < 20 && !t->closed(); ++i) t->Read(Millis(100));
    EXPECT_TRUE(t->closed());
    EXPECT_EQ(t->close_code(), 4003);
  }

  ASSERT_TRUE(JoinAs(*s, "logistique-armor").has_welcome());
  auto for_other = s->Command(
      PostCardMsg("pour une autre", v1::CARD_KIND_OFFER, "dechet", "menuiserie-ferrand"));
  EXPECT_EQ(for_other.error().code(), v1::ERROR_CODE_FORBIDDEN);
  auto posted = s->Command(PostCardMsg("Film plastique"));
  ASSERT_TRUE(posted.has_ack());
  v1::ClientMessage withdraw;
  withdraw.mutable_withdraw_card()->set_card_id(posted.ack().entity_id());
  ASSERT_TRUE(s->Command(withdraw).has_ack());
  v1::ClientMessage edit;
  edit.mutable_edit_card()->set_card_id(posted.ack().entity_id());
  *edit.mutable_edit_card()->mutable_card() = PostCardMsg("modifié").post_card().card();
  EXPECT_EQ(s->Command(edit).error().code(), v1::ERROR_CODE_CONFLICT);

  // A flood: the bucket empties and the server says so, per connection.
  int limited = 0;
  for (int i = 0; i < 80; ++i) s->Send(PostCardMsg("flood " + std::to_string(i)));
  for (int i = 0; i < 200 && limited == 0; ++i) {
    auto m = s->Read(Millis(100));
    if (m && m->has_error() && m->error().code() == v1::ERROR_CODE_RATE_LIMITED) ++limited;
  }
  EXPECT_GT(limited, 0);

  auto fine = bystander->Command(PostCardMsg("Farine périmée", v1::CARD_KIND_OFFER, "matiere"));
  EXPECT_TRUE(fine.has_ack()) << "the other connection is unharmed: " << fine.DebugString();
}

TEST(Core, WrongCodesAreLimitedPerConnection) {
  TempDb db;
  ServerProcess server(db.path());
  auto s = Connect(server);
  v1::Join wrong;
  wrong.set_code("NOPE99");
  wrong.set_company_id("logistique-armor");
  for (int i = 0; i < 4; ++i) EXPECT_EQ(s->Join(wrong).error().code(), v1::ERROR_CODE_BAD_CODE);
  EXPECT_EQ(s->Join(wrong).error().code(), v1::ERROR_CODE_BAD_CODE);
  auto last = ReadUntil(*s, [](const v1::ServerMessage& x) { return x.has_error(); });
  EXPECT_EQ(last.error().code(), v1::ERROR_CODE_TOO_MANY_ATTEMPTS);
  for (int i = 0; i < 20 && !s->closed(); ++i) s->Read(Millis(100));
  EXPECT_TRUE(s->closed());
  EXPECT_EQ(s->close_code(), 4004);
  // A new connection (another tablet on the same Wi-Fi) is not punished.
  auto other = Connect(server);
  EXPECT_TRUE(JoinAs(*other, "logistique-armor").has_welcome());
}

TEST(Core, FacilitatorsOnlyCardsReachOnlyFacilitatorsAndTheirCompany) {
  TempDb db;
  ServerProcess server(db.path());
  ASSERT_FALSE(server.facilitator_token().empty());
  auto facilitator = Connect(server);
  ASSERT_TRUE(JoinWithToken(*facilitator, server.facilitator_token()).has_welcome());
  auto owner = Connect(server);
  ASSERT_TRUE(JoinAs(*owner, "plasturgie-ouest").has_welcome());
  auto other = Connect(server);
  ASSERT_TRUE(JoinAs(*other, "agro-conserves").has_welcome());

  v1::ClientMessage secret = PostCardMsg("Solvants chlorés usagés", v1::CARD_KIND_OFFER, "dechet");
  secret.mutable_post_card()->mutable_card()->set_visibility(v1::VISIBILITY_FACILITATORS);
  auto ack = owner->Command(secret);
  ASSERT_TRUE(ack.has_ack());
  uint64_t seq = ack.ack().seq();
  for (Session* s : {facilitator.get(), other.get()}) ASSERT_TRUE(s->WaitForSeq(seq, Millis(5000)));
  auto find = [&](Session& s) {
    for (const auto& e : s.TakeEvents()) {
      if (e.seq() == seq) return e;
    }
    return v1::Event();
  };
  v1::Event to_facilitator = find(*facilitator);
  v1::Event to_other = find(*other);
  EXPECT_TRUE(to_facilitator.has_card_posted());
  EXPECT_EQ(to_other.seq(), seq) << "the sequence number still arrives";
  EXPECT_FALSE(to_other.has_card_posted()) << "but not the card";

  auto late = Connect(server);
  auto w = JoinAs(*late, "traiteur-gourmet");
  EXPECT_THAT(CardTexts(w.welcome().snapshot()), Not(Contains("Solvants chlorés usagés")));
}

TEST(Core, EveryAcknowledgedCardSurvivesSigkillAndNoRefusedOneAppears) {
  TempDb db;
  std::mutex mu;
  std::set<std::string> acked;
  std::set<std::string> refused_texts;
  std::string facilitator_token;
  {
    ServerProcess server(db.path(), {"--rate", "100000"});
    facilitator_token = server.facilitator_token();
    std::atomic<bool> stop{false};
    const char* companies[] = {"logistique-armor", "menuiserie-ferrand", "plasturgie-ouest",
                               "agro-conserves"};
    std::vector<std::thread> clients;
    for (int c = 0; c < 4; ++c) {
      clients.emplace_back([&, c] {
        try {
          Session s("127.0.0.1", server.port());
          if (!JoinAs(s, companies[c]).has_welcome()) return;
          for (int i = 0; !stop && i < 100000; ++i) {
            bool invalid = i % 7 == 3;
            std::string text =
                invalid ? "" : "flood " + std::to_string(c) + "-" + std::to_string(i);
            auto answer = s.Command(
                PostCardMsg(text, v1::CARD_KIND_OFFER, invalid ? "bogus" : "dechet"), Millis(3000));
            std::lock_guard lock(mu);
            if (answer.has_ack()) acked.insert(answer.ack().entity_id());
            if (answer.has_error()) refused_texts.insert(text);
          }
        } catch (const std::exception&) {
          // The server died under us: expected.
        }
      });
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(1500));
    server.Kill();
    stop = true;
    for (auto& t : clients) t.join();
  }
  ASSERT_GT(acked.size(), 20u) << "the flood must have been acknowledged for a while";
  ASSERT_FALSE(refused_texts.empty());

  ServerProcess again(db.path());
  auto s = Connect(again);
  auto w = JoinWithToken(*s, facilitator_token);
  ASSERT_TRUE(w.has_welcome()) << w.DebugString();
  std::set<std::string> stored;
  std::set<std::string> texts;
  for (const auto& c : w.welcome().snapshot().cards()) {
    stored.insert(c.id());
    texts.insert(c.text());
  }
  for (const auto& id : acked) EXPECT_TRUE(stored.count(id)) << "acknowledged card lost: " << id;
  for (const auto& t : refused_texts)
    EXPECT_FALSE(texts.count(t) && !t.empty()) << "refused card stored: " << t;
  EXPECT_EQ(texts.count(""), 0u);
  std::cout << "acknowledged before SIGKILL: " << acked.size()
            << ", stored after restart: " << stored.size() << "\n";
}

}  // namespace
}  // namespace atelier::testing

namespace atelier::testing {
namespace {

TEST(Core, SlowConsumerIsClosedAloneAndTheOthersKeepUp) {
  TempDb db;
  ServerProcess server(db.path(),
                       {"--queue-limit", "64", "--queue-bytes", "1000000", "--rate", "100000",
                        "--company-rate", "100000", "--max-cards-per-company", "100000",
                        "--max-cards", "100000"});
  // Joins, then never reads; a small receive buffer fills up fast.
  auto slow = std::make_unique<Session>("127.0.0.1", server.port(), Millis(5000), "", 8192);
  ASSERT_TRUE(JoinAs(*slow, "serres-du-pays").has_welcome());
  auto reader = Connect(server);
  ASSERT_TRUE(JoinAs(*reader, "traiteur-gourmet").has_welcome());
  auto poster = Connect(server);
  ASSERT_TRUE(JoinAs(*poster, "logistique-armor").has_welcome());

  // The reader drains its socket on a thread of its own, as a tablet would.
  std::atomic<bool> stop{false};
  std::atomic<uint64_t> reader_seq{0};
  std::thread reading([&] {
    while (!stop && !reader->closed()) {
      reader->Read(Millis(100));
      reader->TakeEvents();
      reader_seq = reader->last_seq();
    }
  });
  const int kPosts = 8000;
  const int kWindow = 20;
  const std::string filler(900, 'x');
  int acks = 0;
  uint64_t last = 0;
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(90);
  for (int sent = 0; sent < kPosts && std::chrono::steady_clock::now() < deadline;) {
    for (int i = 0; i < kWindow; ++i, ++sent) {
      poster->Send(PostCardMsg("lot " + std::to_string(sent) + " " + filler));
    }
    while (acks < sent && std::chrono::steady_clock::now() < deadline && !poster->closed()) {
      auto m = poster->Read(Millis(200));
      if (m && m->has_ack()) {
        ++acks;
        last = std::max(last, m->ack().seq());
      }
      poster->TakeEvents();
    }
  }
  ASSERT_EQ(acks, kPosts);
  auto reader_deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (reader_seq < last && std::chrono::steady_clock::now() < reader_deadline) {
    std::this_thread::sleep_for(Millis(20));
  }
  stop = true;
  reading.join();
  EXPECT_GE(reader_seq.load(), last) << "a reading client keeps up";
  EXPECT_FALSE(reader->closed());

  // The slow one finds, after what its socket held, a close telling it to resume.
  auto slow_deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (!slow->closed() && std::chrono::steady_clock::now() < slow_deadline) {
    slow->Read(Millis(500));
    slow->TakeEvents();
  }
  ASSERT_TRUE(slow->closed());
  EXPECT_EQ(slow->close_code(), 4000);
  EXPECT_LT(slow->last_seq(), last) << "it was cut off before the end";
}

namespace privacy {

// Every frame a session has received, as bytes, to search for a secret.
std::string AllBytes(const std::vector<v1::Event>& events) {
  std::string out;
  for (const auto& e : events) out += e.SerializeAsString();
  return out;
}

v1::ClientMessage ReactMsg(const std::string& key) {
  v1::ClientMessage m;
  m.set_command_id(Session::NewCommandId());
  m.mutable_react()->set_match_key(key);
  m.mutable_react()->set_reaction(v1::REACTION_INTERESTED);
  return m;
}

}  // namespace privacy

TEST(Core, ATabletGetsAnotherCompanysContactOnlyOnceBothSaidInterested) {
  using privacy::AllBytes;
  TempDb db;
  ServerProcess server(db.path());
  auto facilitator = Connect(server);
  auto fw = JoinWithToken(*facilitator, server.facilitator_token());
  ASSERT_TRUE(fw.has_welcome());
  auto a = Connect(server);
  ASSERT_TRUE(JoinAs(*a, "plasturgie-ouest").has_welcome());
  auto b = Connect(server);
  ASSERT_TRUE(JoinAs(*b, "agro-conserves").has_welcome());
  auto c = Connect(server);
  ASSERT_TRUE(JoinAs(*c, "traiteur-gourmet").has_welcome());
  v1::ServerMessage board_welcome;
  auto board = Connect(server);
  {
    v1::Join join;
    join.set_code(kDemoCode);
    join.set_as_board(true);
    board_welcome = board->Join(join);
    ASSERT_TRUE(board_welcome.has_welcome());
  }

  const std::string contact = "Léa Martin, lea.martin@plasturgie-ouest.fr, 02 99 00 11 22";
  v1::ClientMessage upsert;
  for (const auto& company : fw.welcome().snapshot().companies()) {
    if (company.id() == "plasturgie-ouest") {
      *upsert.mutable_upsert_company()->mutable_company() = company;
    }
  }
  upsert.mutable_upsert_company()->mutable_company()->set_contact(contact);
  auto upserted = facilitator->Command(upsert);
  ASSERT_TRUE(upserted.has_ack()) << upserted.DebugString();

  auto offer = a->Command(PostCardMsg("Chutes de polypropylène broyé, 3 t/mois"));
  auto need = b->Command(
      PostCardMsg("Cherche chutes de polypropylène broyé", v1::CARD_KIND_NEED, "dechet"));
  ASSERT_TRUE(offer.has_ack() && need.has_ack());
  const uint64_t seq = std::max(offer.ack().seq(), need.ack().seq());
  std::vector<v1::Event> seen_by_b;
  std::vector<v1::Event> seen_by_c;
  std::vector<v1::Event> seen_by_board;
  for (auto [s, into] : {std::pair{b.get(), &seen_by_b}, std::pair{c.get(), &seen_by_c},
                         std::pair{board.get(), &seen_by_board}}) {
    ASSERT_TRUE(s->WaitForSeq(seq, Millis(5000)));
    for (auto& e : s->TakeEvents()) into->push_back(std::move(e));
  }
  EXPECT_EQ(AllBytes(seen_by_b).find("lea.martin"), std::string::npos) << "not yet partners";
  EXPECT_EQ(AllBytes(seen_by_c).find("lea.martin"), std::string::npos);
  EXPECT_EQ(AllBytes(seen_by_board).find("lea.martin"), std::string::npos);

  // The match between the two cards, as the tablets see it: an opaque key.
  std::string key;
  for (const auto& e : seen_by_b) {
    if (!e.has_match_found()) continue;
    const auto& ids = e.match_found().match().card_ids();
    if (std::find(ids.begin(), ids.end(), offer.ack().entity_id()) != ids.end() &&
        std::find(ids.begin(), ids.end(), need.ack().entity_id()) != ids.end()) {
      key = e.match_found().match().key();
    }
  }
  ASSERT_FALSE(key.empty()) << "the matcher pairs the two cards";
  EXPECT_EQ(key.size(), 17u);
  EXPECT_EQ(key.find(offer.ack().entity_id()), std::string::npos) << "not built from card ids";
  auto unknown = c->Command(privacy::ReactMsg("k0000000000000000"));
  ASSERT_TRUE(unknown.has_error());
  EXPECT_EQ(unknown.error().code(), v1::ERROR_CODE_NOT_FOUND);

  ASSERT_TRUE(a->Command(privacy::ReactMsg(key)).has_ack());
  auto second = b->Command(privacy::ReactMsg(key));
  ASSERT_TRUE(second.has_ack());
  for (Session* s : {b.get(), c.get(), board.get()}) {
    ASSERT_TRUE(s->WaitForSeq(second.ack().seq(), Millis(5000)));
  }
  for (auto& e : b->TakeEvents()) seen_by_b.push_back(std::move(e));
  for (auto& e : c->TakeEvents()) seen_by_c.push_back(std::move(e));
  for (auto& e : board->TakeEvents()) seen_by_board.push_back(std::move(e));
  bool partner_contact = false;
  for (const auto& e : seen_by_b) {
    if (!e.has_synergy_upserted()) continue;
    for (const auto& p : e.synergy_upserted().synergy().partners()) {
      partner_contact |= p.id() == "plasturgie-ouest" && p.contact() == contact;
    }
  }
  EXPECT_TRUE(partner_contact) << "both said « Intéressé »: the partner's contact";
  EXPECT_EQ(AllBytes(seen_by_c).find("lea.martin"), std::string::npos) << "a third company";
  EXPECT_EQ(AllBytes(seen_by_board).find("lea.martin"), std::string::npos) << "the board";

  // Neither a resume from the start nor a snapshot gives it to the third company.
  auto late = Connect(server);
  v1::Join resume;
  resume.set_code(kDemoCode);
  resume.set_company_id("traiteur-gourmet");
  resume.set_epoch(fw.welcome().epoch());
  resume.set_has_last_seq(true);
  resume.set_last_seq(0);
  auto resumed = late->Join(resume);
  ASSERT_TRUE(resumed.has_welcome());
  ASSERT_TRUE(resumed.welcome().resumed());
  ASSERT_TRUE(late->WaitForSeq(second.ack().seq(), Millis(5000)));
  EXPECT_EQ(AllBytes(late->TakeEvents()).find("lea.martin"), std::string::npos) << "resume";
  auto fresh = Connect(server);
  auto snapshot = JoinAs(*fresh, "traiteur-gourmet");
  EXPECT_EQ(snapshot.welcome().snapshot().SerializeAsString().find("lea.martin"), std::string::npos)
      << "snapshot";
  auto partner = Connect(server);
  bool in_snapshot = false;
  const v1::ServerMessage partner_welcome = JoinAs(*partner, "agro-conserves");
  for (const auto& company : partner_welcome.welcome().snapshot().companies()) {
    in_snapshot |= company.id() == "plasturgie-ouest" && company.contact() == contact;
  }
  EXPECT_TRUE(in_snapshot) << "the partner's snapshot has it too";
}

}  // namespace
}  // namespace atelier::testing
