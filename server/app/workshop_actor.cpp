#include "server/app/workshop_actor.hpp"

#include <boost/asio/post.hpp>
#include <future>
#include <iostream>

#include "server/app/connection.hpp"
#include "server/app/hub.hpp"
#include "server/common/digest.hpp"
#include "server/common/log.hpp"
#include "server/store/erasure.hpp"
#include "server/workshop/validate.hpp"

namespace atelier::app {

namespace asio = boost::asio;

namespace {

// A workshop's status as the log says it.
const char* StatusWord(v1::WorkshopStatus status) {
  switch (status) {
    case v1::WORKSHOP_STATUS_DRAFT:
      return "en préparation";
    case v1::WORKSHOP_STATUS_OPEN:
      return "ouvert";
    case v1::WORKSHOP_STATUS_RUNNING:
      return "en cours";
    case v1::WORKSHOP_STATUS_CLOSED:
      return "clos";
    default:
      return "créé";
  }
}

// A device this far behind gets a fresh snapshot instead of the missed events: it is
// smaller and its send queue cannot overflow. Below, the replay goes out in frames of
// about kReplayFrameBytes, each many events: at most kMaxResumeBytes / kReplayFrameBytes
// frames, far under any send queue's limit.
constexpr size_t kMaxResumeEvents = 20'000;
constexpr size_t kMaxResumeBytes = 8u << 20;
constexpr size_t kReplayFrameBytes = 256u << 10;

// Joins by code are remembered under the company they were for (no participant yet).
constexpr const char* kJoinPrefix = "join:";

std::string CommandKey(const std::string& participant, const std::string& command_id) {
  return participant + '\x1f' + command_id;
}

store::StoredEvent Store(v1::Event event) {
  auto shared = std::make_shared<const v1::Event>(std::move(event));
  return {shared, std::make_shared<const std::string>(shared->SerializeAsString())};
}

constexpr const char* kUnreadableMessage =
    "Erreur du serveur : cette action produirait un enregistrement illisible ; rien n'a été "
    "appliqué.";

}  // namespace

WorkshopActor::WorkshopActor(asio::io_context& ioc, store::Writer& writer, Hub& hub, std::string id,
                             std::string code, std::string epoch, Clock clock,
                             MatcherFactory matchers)
    : strand_(asio::make_strand(ioc)),
      writer_(writer),
      hub_(hub),
      id_(std::move(id)),
      code_(std::move(code)),
      epoch_(std::move(epoch)),
      clock_(std::move(clock)),
      matchers_(std::move(matchers)),
      earlier_refresh_(strand_),
      visibility_(hub.server_secret() + '\x1f' + id_),
      working_(NewWorkshop()) {}

std::unique_ptr<workshop::Workshop> WorkshopActor::NewWorkshop() const {
  static const TerritoryData kNone;
  auto w = std::make_unique<workshop::Workshop>(NewMatcher(earlier_ ? *earlier_ : kNone));
  w->SetLimits(hub_.workshop_limits());
  w->SetVisibility(visibility_);
  return w;
}

std::unique_ptr<workshop::Matcher> WorkshopActor::NewMatcher(const TerritoryData& territory) const {
  std::unique_ptr<workshop::Matcher> matcher =
      matchers_ ? matchers_() : std::make_unique<workshop::NullMatcher>();
  if (!territory.evidence.empty()) matcher->SetTerritoryEvidence(territory.evidence);
  if (!territory.cards.empty()) matcher->SetEarlierCards(territory.cards);
  return matcher;
}

void WorkshopActor::LoadEarlierCards() {
  asio::post(strand_, [self = shared_from_this()] { self->DoLoadEarlierCards(); });
}

void WorkshopActor::TerritoryCardsChanged(const std::string& territory) {
  asio::post(strand_, [self = shared_from_this(), territory] {
    const v1::WorkshopInfo& info = self->committed_.info();
    const bool live = info.status() == v1::WORKSHOP_STATUS_RUNNING ||
                      (info.status() == v1::WORKSHOP_STATUS_OPEN && !self->subscribers_.empty());
    if (!live || info.territory() != territory || self->earlier_refresh_due_) return;
    self->earlier_refresh_due_ = true;
    self->earlier_refresh_.expires_after(kEarlierRefresh);
    self->earlier_refresh_.async_wait([self](const boost::system::error_code& ec) {
      self->earlier_refresh_due_ = false;
      if (ec) return;
      self->earlier_territory_.clear();  // load again, same territory
      self->DoLoadEarlierCards();
    });
  });
}

void WorkshopActor::DoLoadEarlierCards() {
  const EarlierCardsLoader& loader = hub_.earlier_cards_loader();
  const v1::WorkshopInfo& info = committed_.info();
  if (!loader || info.status() == v1::WORKSHOP_STATUS_CLOSED || info.territory().empty() ||
      info.territory() == earlier_territory_) {
    return;
  }
  earlier_territory_ = info.territory();
  uint64_t generation = ++earlier_generation_;
  // Indexing thousands of cards takes a while: done here, on the loader's
  // thread, into a matcher nobody else sees yet.
  loader(earlier_territory_, id_, [self = shared_from_this(), generation](TerritoryData territory) {
    auto shared = std::make_shared<const TerritoryData>(std::move(territory));
    auto matcher = std::make_shared<std::unique_ptr<workshop::Matcher>>(self->NewMatcher(*shared));
    asio::post(self->strand_, [self, generation, shared, matcher] {
      self->OnEarlierCards(generation, shared, std::move(*matcher));
    });
  });
}

void WorkshopActor::OnEarlierCards(uint64_t generation,
                                   std::shared_ptr<const TerritoryData> territory,
                                   std::unique_ptr<workshop::Matcher> matcher) {
  if (generation != earlier_generation_) return;  // a newer load is on its way
  earlier_ = std::move(territory);
  // The new matcher learns this workshop's cards, those not yet durable
  // included, as the working state has them.
  working_->ReplaceMatcher(std::move(matcher));
  if (committed_.info().status() == v1::WORKSHOP_STATUS_CLOSED) return;
  workshop::Outcome out = working_->ReconcileEarlierMatches(clock_());
  std::vector<store::StoredEvent> stored = Seal(out);
  if (!stored.empty()) Persist(std::move(stored), std::move(out));
}

void WorkshopActor::Restore(std::string_view payload) {
  v1::Event event;
  std::string bytes(payload);
  if (!event.ParseFromString(bytes)) {
    // Written before limits were counted in characters, a string cut inside a character
    // makes the event unreadable; with that character replaced by U+FFFD it reads again.
    std::optional<std::string> repaired = workshop::RepairUtf8(payload, v1::Event::descriptor());
    if (!repaired || !event.ParseFromString(*repaired)) {
      throw std::runtime_error("événement illisible (seq " + std::to_string(committed_.seq() + 1) +
                               ")");
    }
    bytes = std::move(*repaired);
    ++repaired_events_;
  }
  if (event.seq() != committed_.seq() + 1) {
    throw std::runtime_error("événement hors d'ordre : seq " + std::to_string(event.seq()) +
                             " au lieu de " + std::to_string(committed_.seq() + 1));
  }
  committed_.Apply(event);
  working_->Restore(event);
  log_.push_back({std::make_shared<const v1::Event>(std::move(event)),
                  std::make_shared<const std::string>(std::move(bytes))});
}

std::string WorkshopActor::CompanyKey(const std::string& company_id) const {
  return digest::HmacSha256Hex(hub_.server_secret(), "atelier-tent\x1f" + id_ + '\x1f' + company_id)
      .substr(0, 16);
}

void WorkshopActor::RestoreToken(const store::TokenRow& row) {
  workshop::Viewer v;
  v.role = static_cast<v1::Role>(row.role);
  v.participant_id = row.participant_id;
  v.company_id = row.company_id;
  if (const v1::Participant* p = committed_.FindParticipant(row.participant_id))
    v.table = p->table();
  tokens_[row.token_hash] = v;
  if (std::string token = hub_.DeriveToken(row); !token.empty())
    token_of_participant_[row.participant_id] = std::move(token);
}

void WorkshopActor::RestoreCommand(const store::CommandRow& row) {
  auto [it, inserted] = applied_.try_emplace(CommandKey(row.participant_id, row.command_id),
                                             Applied{row.seq, row.entity_id, true});
  if (inserted) remembered_[row.participant_id].push_back(row.command_id);
}

std::vector<std::string> WorkshopActor::Remember(const std::string& participant,
                                                 const std::string& command_id) {
  std::vector<std::string> forget;
  if (auto later = forget_later_.find(participant); later != forget_later_.end()) {
    forget = std::move(later->second);
    forget_later_.erase(later);
  }
  std::deque<std::string>& ids = remembered_[participant];
  ids.push_back(command_id);
  if (ids.size() < kCommandsRemembered + kForgetChunk) return forget;
  for (size_t i = 0; i < kForgetChunk && !ids.empty(); ++i) {
    auto a = applied_.find(CommandKey(participant, ids.front()));
    if (a != applied_.end() && !a->second.committed) break;  // still being written: later
    if (a != applied_.end()) applied_.erase(a);
    forget.push_back(std::move(ids.front()));
    ids.pop_front();
  }
  return forget;
}

void WorkshopActor::Unremember(const Pending& failed) {
  if (failed.remembered_as.empty()) return;
  auto it = remembered_.find(failed.remembered_as);
  if (it != remembered_.end()) {
    std::deque<std::string>& ids = it->second;
    const std::string command_id = failed.command_key.substr(failed.command_key.find('\x1f') + 1);
    for (auto id = ids.rbegin(); id != ids.rend(); ++id) {
      if (*id != command_id) continue;
      ids.erase(std::next(id).base());
      break;
    }
  }
  if (!failed.forgotten.empty()) {
    auto& later = forget_later_[failed.remembered_as];
    later.insert(later.end(), failed.forgotten.begin(), failed.forgotten.end());
  }
}

void WorkshopActor::FinishRestore() {
  // A log written before the bound (or a failed deletion) may hold more: the oldest are
  // forgotten now, and deleted from disk with the participant's next command.
  for (auto& [participant, ids] : remembered_) {
    while (ids.size() > kCommandsRemembered) {
      applied_.erase(CommandKey(participant, ids.front()));
      forget_later_[participant].push_back(std::move(ids.front()));
      ids.pop_front();
    }
  }
  working_->RebuildMatcher();
  DoLoadEarlierCards();
}

void WorkshopActor::RebuildWorkingState() {
  working_ = NewWorkshop();
  for (const auto& stored : log_) working_->Restore(*stored.event);
  for (const auto& p : pending_) {
    for (const auto& stored : p.events) working_->Restore(*stored.event);
  }
  working_->RebuildMatcher();
}

std::vector<store::StoredEvent> WorkshopActor::Seal(workshop::Outcome& out) {
  std::vector<store::StoredEvent> stored;
  if (!out.ok()) return stored;
  stored.reserve(out.events.size());
  for (auto& e : out.events) stored.push_back(Store(std::move(e)));
  out.events.clear();
  for (const auto& s : stored) {
    std::optional<std::string> bad = workshop::FindInvalidField(*s.event);
    if (!bad && workshop::RoundTrips(*s.event, *s.payload)) continue;
    // Never stored: an event that would not read back would stop this workshop from
    // loading. The working state forgets the whole outcome.
    LOG_ERROR("atelier " << id_ << " : événement seq " << s.event->seq()
                         << " refusé avant enregistrement ("
                         << (bad ? *bad : std::string("aller-retour en octets")) << ")");
    hub_.stats().events_refused_unreadable++;
    RebuildWorkingState();
    out.rejection = workshop::Rejection{v1::ERROR_CODE_INTERNAL, kUnreadableMessage};
    return {};
  }
  return stored;
}

void WorkshopActor::Create(
    const v1::WorkshopInfo& info,
    std::function<void(const std::string& facilitator_id, const std::string& token)> done) {
  asio::post(strand_, [self = shared_from_this(), info, done = std::move(done)]() mutable {
    int64_t now = self->clock_();
    workshop::Outcome out = self->working_->Create(info, now);
    if (!out.ok()) return done("", "");
    v1::Participant facilitator;
    facilitator.set_name("Animateur");
    facilitator.set_role(v1::ROLE_FACILITATOR);
    workshop::Outcome joined = self->working_->AddParticipant(facilitator, now);
    for (auto& e : joined.events) out.events.push_back(std::move(e));
    std::string participant_id = joined.entity_id;
    std::vector<store::StoredEvent> stored = self->Seal(out);
    if (!out.ok()) return done("", "");
    std::string token;
    store::TokenRow row =
        self->hub_.MintToken(self->id_, participant_id, v1::ROLE_FACILITATOR, "", now, &token);
    Pending& p = self->Persist(std::move(stored), std::move(out), [&](store::WriteBatch& batch) {
      batch.new_workshop =
          store::WorkshopRow{self->id_, self->code_, info.title(), self->epoch_, now};
      batch.tokens.push_back(row);
    });
    workshop::Viewer v;
    v.role = v1::ROLE_FACILITATOR;
    v.participant_id = participant_id;
    p.on_commit = [self, token, hash = row.token_hash, v, done] {
      self->tokens_[hash] = v;
      self->token_of_participant_[v.participant_id] = token;
      done(v.participant_id, token);
    };
    p.tool_done = [done](const workshop::Outcome& o) {
      if (!o.ok()) done("", "");
    };
  });
}

void WorkshopActor::Execute(std::function<workshop::Outcome(workshop::Workshop&, int64_t)> fn,
                            std::function<void(const workshop::Outcome&)> done) {
  asio::post(strand_, [self = shared_from_this(), fn = std::move(fn), done = std::move(done)] {
    workshop::Outcome out = fn(*self->working_, self->clock_());
    std::vector<store::StoredEvent> stored = self->Seal(out);
    if (!out.ok() || stored.empty()) return done(out);
    Pending& p = self->Persist(std::move(stored), std::move(out));
    p.tool_done = done;
  });
}

void WorkshopActor::Join(std::shared_ptr<Connection> conn, v1::Join join, std::string command_id) {
  asio::post(strand_,
             [self = shared_from_this(), conn = std::move(conn), join = std::move(join),
              command_id = std::move(command_id)] { self->DoJoin(conn, join, command_id); });
}

void WorkshopActor::Lookup(std::shared_ptr<Connection> conn, std::string command_id) {
  asio::post(strand_, [self = shared_from_this(), conn = std::move(conn),
                       command_id = std::move(command_id)] {
    if (self->committed_.info().status() == v1::WORKSHOP_STATUS_CLOSED) {
      // Nothing of a closed workshop (its company list above all) is shown to a code.
      self->hub_.stats().refused_closed_lookup++;
      return conn->SendError(v1::ERROR_CODE_WORKSHOP_CLOSED, "L'atelier est clos.", command_id);
    }
    v1::ServerMessage msg;
    *msg.mutable_lobby() = self->visibility_.Lobby(self->committed_);
    msg.mutable_lobby()->set_command_id(command_id);
    conn->SendMessage(msg);
  });
}

void WorkshopActor::Submit(std::shared_ptr<Connection> conn, v1::ClientMessage msg,
                           std::chrono::steady_clock::time_point arrived) {
  asio::post(strand_, [self = shared_from_this(), conn = std::move(conn), msg = std::move(msg),
                       arrived] { self->DoSubmit(conn, msg, arrived); });
}

void WorkshopActor::Leave(const Connection* conn) {
  asio::post(strand_, [self = shared_from_this(), conn] { self->subscribers_.erase(conn); });
}

void WorkshopActor::CloseAll() {
  asio::post(strand_, [self = shared_from_this()] {
    for (auto& [key, sub] : self->subscribers_) {
      if (auto c = sub.conn.lock()) c->Close(net::CloseCode::kGoingAway, "arrêt du serveur");
    }
  });
}

void WorkshopActor::WithCommittedState(std::function<void(const workshop::WorkshopState&)> fn) {
  asio::post(strand_, [self = shared_from_this(), fn = std::move(fn)] { fn(self->committed_); });
}

void WorkshopActor::WithCommittedLog(
    std::function<void(const workshop::WorkshopState&, const std::vector<store::StoredEvent>&)>
        fn) {
  asio::post(strand_,
             [self = shared_from_this(), fn = std::move(fn)] { fn(self->committed_, self->log_); });
}

bool WorkshopActor::ClosedRecently() const {
  for (auto it = log_.rbegin(); it != log_.rend(); ++it) {
    const v1::Event& e = *it->event;
    if (e.has_workshop_updated() &&
        e.workshop_updated().workshop().status() == v1::WORKSHOP_STATUS_CLOSED) {
      return clock_() - e.at_ms() <= kBoardAfterCloseMs;
    }
  }
  return false;
}

void WorkshopActor::DoJoin(const std::shared_ptr<Connection>& conn, const v1::Join& join,
                           const std::string& command_id) {
  if (!join.token().empty()) {
    auto it = tokens_.find(digest::TokenHash(join.token()));
    if (it == tokens_.end()) {
      conn->Joined(nullptr, {});
      conn->SendError(v1::ERROR_CODE_BAD_TOKEN,
                      "Jeton inconnu : rejoignez l'atelier avec son code.", command_id);
      conn->Close(net::CloseCode::kBadToken, "jeton inconnu");
      return;
    }
    if (it->second.role == v1::ROLE_PARTICIPANT &&
        working_->state().info().status() == v1::WORKSHOP_STATUS_CLOSED &&
        !working_->state().info().read_after_close()) {
      // A participant's token ends with the workshop: what follows the close is the
      // facilitators' (follow-up, replay, exports), unless they let companies keep reading
      // (read_after_close: every command is then refused as closed). Reopening revives it.
      hub_.stats().refused_closed_token++;
      conn->Joined(nullptr, {});
      return conn->SendError(v1::ERROR_CODE_WORKSHOP_CLOSED,
                             "L'atelier est clos : merci de votre participation.", command_id);
    }
    return Welcome(conn, it->second, join.token(), join, command_id);
  }
  const v1::WorkshopInfo& info = working_->state().info();
  if (info.status() == v1::WORKSHOP_STATUS_CLOSED && join.as_board() && ClosedRecently()) {
    // The room's screen, reopened after the close to show the results: the same
    // read-only board view, for kBoardAfterCloseMs after the close only.
    workshop::Viewer board;
    board.role = v1::ROLE_BOARD;
    return Welcome(conn, board, "", join, command_id);
  }
  if (info.status() == v1::WORKSHOP_STATUS_CLOSED) {
    conn->Joined(nullptr, {});
    return conn->SendError(v1::ERROR_CODE_WORKSHOP_CLOSED, "L'atelier est clos.", command_id);
  }
  if (join.as_board()) {
    workshop::Viewer board;
    board.role = v1::ROLE_BOARD;
    return Welcome(conn, board, "", join, command_id);
  }
  if (info.joins_locked()) {
    conn->Joined(nullptr, {});
    return conn->SendError(v1::ERROR_CODE_JOINS_LOCKED,
                           "L'animateur a fermé les inscriptions ; demandez-lui de vous ajouter.",
                           command_id);
  }
  const v1::Company* company = working_->state().FindCompany(join.company_id());
  if (!company && info.tents_only()) {
    conn->Joined(nullptr, {});
    hub_.stats().wrong_company_keys++;
    return conn->SendError(v1::ERROR_CODE_BAD_CODE,
                           "Scannez le QR code du chevalet de votre entreprise.", command_id);
  }
  if (!company) {
    conn->Joined(nullptr, {});
    return conn->SendError(v1::ERROR_CODE_NOT_FOUND, "Choisissez votre entreprise dans la liste.",
                           command_id);
  }
  if (!join.company_key().empty() || info.tents_only()) {
    // The table tent's key: a secret of that company.
    const std::string& given = join.company_key();
    if (!digest::SameSecret(given, CompanyKey(company->id()))) {
      conn->Joined(nullptr, {});
      hub_.stats().wrong_company_keys++;
      return conn->SendError(
          v1::ERROR_CODE_BAD_CODE,
          given.empty() ? "Scannez le QR code du chevalet de votre entreprise."
                        : "Ce chevalet ne correspond pas à cette entreprise : scannez le vôtre.",
          command_id);
    }
  }
  // A device that lost the welcome of its join resends the same Join with the
  // same command id: it gets the participant and token it was given, not a
  // second participant for its company.
  std::string join_key;
  if (!command_id.empty() && command_id.size() <= 100) {
    join_key = CommandKey(kJoinPrefix + company->id(), command_id);
    if (auto it = applied_.find(join_key); it != applied_.end()) {
      std::string participant = it->second.entity_id;
      if (it->second.committed) return WelcomeAgain(conn, participant, join, command_id);
      for (auto& pending : pending_) {
        if (pending.command_key != join_key) continue;
        std::weak_ptr<Connection> weak = conn;
        pending.on_commit = [self = shared_from_this(), first = std::move(pending.on_commit), weak,
                             participant, join, command_id] {
          if (first) first();
          if (auto c = weak.lock()) self->WelcomeAgain(c, participant, join, command_id);
        };
      }
      return;
    }
  }
  v1::Participant p;
  p.set_name(join.name());
  p.set_company_id(company->id());
  p.set_table(join.table() > 0 ? join.table() : company->table());
  p.set_role(v1::ROLE_PARTICIPANT);
  workshop::Outcome out = working_->AddParticipant(p, clock_());
  std::vector<store::StoredEvent> stored = Seal(out);
  if (!out.ok()) {
    conn->Joined(nullptr, {});
    return conn->SendError(out.rejection->code, out.rejection->message, command_id);
  }
  workshop::Viewer viewer;
  viewer.role = v1::ROLE_PARTICIPANT;
  viewer.participant_id = out.entity_id;
  viewer.company_id = company->id();
  viewer.table = p.table();
  int64_t now = clock_();
  std::string token;
  store::TokenRow token_row = hub_.MintToken(id_, viewer.participant_id, v1::ROLE_PARTICIPANT,
                                             viewer.company_id, now, &token);
  uint64_t last_seq = stored.empty() ? committed_.seq() : stored.back().event->seq();
  const std::string joined_as = kJoinPrefix + viewer.company_id;
  std::vector<std::string> forget;
  if (!join_key.empty()) forget = Remember(joined_as, command_id);
  Pending& pending = Persist(std::move(stored), std::move(out), [&](store::WriteBatch& batch) {
    batch.tokens.push_back(token_row);
    if (!join_key.empty()) {
      batch.command =
          store::CommandRow{id_, joined_as, command_id, last_seq, viewer.participant_id};
      for (const auto& id : forget) batch.forget_commands.emplace_back(joined_as, id);
    }
  });
  pending.conn.reset();  // the welcome below answers this join, not an ack
  if (!join_key.empty()) {
    pending.command_key = join_key;
    pending.remembered_as = joined_as;
    pending.forgotten = std::move(forget);
    applied_[join_key] = {last_seq, viewer.participant_id, false};
  }
  std::weak_ptr<Connection> weak = conn;
  pending.on_commit = [self = shared_from_this(), weak, viewer, token, hash = token_row.token_hash,
                       join, command_id] {
    self->tokens_[hash] = viewer;
    self->token_of_participant_[viewer.participant_id] = token;
    self->hub_.RegisterToken(hash, self->id_, viewer.role);
    if (auto c = weak.lock()) self->Welcome(c, viewer, token, join, command_id);
  };
  pending.tool_done = [weak, command_id](const workshop::Outcome& o) {
    if (auto c = weak.lock(); c && !o.ok()) {
      c->Joined(nullptr, {});
      c->SendError(o.rejection->code, o.rejection->message, command_id);
    }
  };
}

void WorkshopActor::WelcomeAgain(const std::shared_ptr<Connection>& conn,
                                 const std::string& participant_id, const v1::Join& join,
                                 const std::string& command_id) {
  if (auto known = token_of_participant_.find(participant_id);
      known != token_of_participant_.end()) {
    if (auto it = tokens_.find(digest::TokenHash(known->second)); it != tokens_.end()) {
      return Welcome(conn, it->second, known->second, join, command_id);
    }
  }
  conn->Joined(nullptr, {});
  conn->SendError(v1::ERROR_CODE_NOT_FOUND,
                  "Inscription introuvable : rejoignez l'atelier avec son code.", command_id);
}

void WorkshopActor::Welcome(const std::shared_ptr<Connection>& conn, const workshop::Viewer& viewer,
                            const std::string& token, const v1::Join& join,
                            const std::string& command_id) {
  v1::ServerMessage msg;
  v1::Welcome* w = msg.mutable_welcome();
  w->set_token(token);
  w->set_role(viewer.role);
  w->set_participant_id(viewer.participant_id);
  w->set_company_id(viewer.company_id);
  w->set_workshop_id(id_);
  w->set_epoch(epoch_);
  w->set_server_time_ms(clock_());
  if (viewer.role == v1::ROLE_BOARD || viewer.role == v1::ROLE_FACILITATOR) {
    w->set_public_url(hub_.public_url());
    for (const std::string& u : hub_.lan_urls()) w->add_lan_urls(u);
  }
  uint64_t seq = committed_.seq();
  bool can_resume = join.has_last_seq() && join.epoch() == epoch_ && join.last_seq() <= seq &&
                    seq - join.last_seq() <= kMaxResumeEvents;
  if (can_resume) {
    size_t bytes = 0;
    for (uint64_t s = join.last_seq() + 1; s <= seq && bytes <= kMaxResumeBytes; ++s) {
      bytes += log_[s - 1].payload->size();
    }
    can_resume = bytes <= kMaxResumeBytes;
  }
  w->set_resumed(can_resume);
  if (!can_resume) *w->mutable_snapshot() = visibility_.Snapshot(committed_, viewer);
  (void)command_id;
  // Joined before the welcome leaves: a command sent right after it must find
  // the connection joined. No broadcast can come in between (same strand).
  subscribers_[conn.get()] = {conn, viewer};
  conn->Joined(shared_from_this(), viewer);
  conn->SendMessage(msg);
  if (can_resume) {
    // The missed events, from the committed log, many to a frame, then live ones as they
    // come.
    auto frame = std::make_shared<std::string>();
    for (uint64_t s = join.last_seq() + 1; s <= seq; ++s) {
      AppendView(*frame, viewer, log_[s - 1]);
      if (frame->size() >= kReplayFrameBytes) {
        conn->SendFrame(std::move(frame), true);
        frame = std::make_shared<std::string>();
      }
    }
    if (!frame->empty()) conn->SendFrame(std::move(frame), true);
  }
}

void WorkshopActor::DoSubmit(const std::shared_ptr<Connection>& conn, const v1::ClientMessage& msg,
                             std::chrono::steady_clock::time_point arrived) {
  auto sub = subscribers_.find(conn.get());
  if (sub == subscribers_.end()) {
    return conn->SendError(v1::ERROR_CODE_NOT_JOINED, "Rejoignez d'abord un atelier.",
                           msg.command_id());
  }
  const workshop::Viewer& viewer = sub->second.viewer;
  if (msg.command_id().empty() || msg.command_id().size() > 100) {
    return conn->SendError(v1::ERROR_CODE_INVALID, "Identifiant de commande manquant ou trop long.",
                           msg.command_id());
  }
  std::string key = CommandKey(viewer.participant_id, msg.command_id());
  if (auto it = applied_.find(key); it != applied_.end()) {
    if (!it->second.committed) {
      for (auto& p : pending_) {
        if (p.command_key == key) p.duplicate_waiters.emplace_back(conn, msg.command_id());
      }
      return;
    }
    v1::ServerMessage ack;
    ack.mutable_ack()->set_command_id(msg.command_id());
    ack.mutable_ack()->set_seq(it->second.seq);
    ack.mutable_ack()->set_entity_id(it->second.entity_id);
    ack.mutable_ack()->set_duplicate(true);
    return conn->SendMessage(ack);
  }
  if (!viewer.company_id.empty() && !viewer.is_facilitator() &&
      !TakeCompanyToken(viewer.company_id)) {
    // Every device of a company shares one budget: more tablets do not buy more commands.
    hub_.stats().refused_rate_company++;
    return conn->SendError(v1::ERROR_CODE_RATE_LIMITED,
                           "Trop de messages pour votre entreprise : ralentissez un instant.",
                           msg.command_id());
  }
  workshop::Outcome out = working_->Handle(viewer, msg, clock_());
  std::vector<store::StoredEvent> stored = Seal(out);
  if (!out.ok()) {
    if (out.rejection->code == v1::ERROR_CODE_QUOTA) hub_.stats().refused_quota++;
    hub_.stats().commands_rejected++;
    return conn->SendError(out.rejection->code, out.rejection->message, msg.command_id(),
                           out.rejection->details);
  }
  uint64_t last_seq = stored.empty() ? committed_.seq() : stored.back().event->seq();
  std::string entity = out.entity_id;
  std::vector<std::string> forget = Remember(viewer.participant_id, msg.command_id());
  Pending& p = Persist(std::move(stored), std::move(out), [&](store::WriteBatch& batch) {
    batch.command =
        store::CommandRow{id_, viewer.participant_id, msg.command_id(), last_seq, entity};
    for (const auto& id : forget) batch.forget_commands.emplace_back(viewer.participant_id, id);
  });
  p.conn = conn;
  p.command_id = msg.command_id();
  p.command_key = key;
  p.is_post = msg.has_post_card();
  p.arrived = arrived;
  p.remembered_as = viewer.participant_id;
  p.forgotten = std::move(forget);
  applied_[key] = {last_seq, entity, false};
}

bool WorkshopActor::TakeCompanyToken(const std::string& company_id) {
  const auto now = std::chrono::steady_clock::now();
  auto [it, inserted] = company_budget_.try_emplace(company_id, Budget{hub_.company_burst(), now});
  Budget& b = it->second;
  if (!inserted) {
    b.tokens = std::min(
        hub_.company_burst(),
        b.tokens + std::chrono::duration<double>(now - b.refilled).count() * hub_.company_rate());
    b.refilled = now;
  }
  if (b.tokens < 1) return false;
  b.tokens -= 1;
  return true;
}

WorkshopActor::Pending& WorkshopActor::Persist(std::vector<store::StoredEvent> events,
                                               workshop::Outcome out,
                                               std::function<void(store::WriteBatch&)> prepare) {
  Pending& p = pending_.emplace_back();
  p.id = next_pending_id_++;
  p.entity_id = out.entity_id;
  store::WriteBatch batch;
  batch.workshop_id = id_;
  p.events = std::move(events);
  p.outcome = std::move(out);
  batch.events = p.events;
  if (prepare) prepare(batch);
  batch.done = [self = shared_from_this(), id = p.id](const store::Status& status) {
    asio::post(self->strand_, [self, id, status] { self->OnCommitted(id, status); });
  };
  writer_.Submit(std::move(batch));
  return p;
}

void WorkshopActor::OnCommitted(uint64_t pending_id, const store::Status& status) {
  if (pending_.empty() || pending_.front().id != pending_id) return;  // dropped after a failure
  Pending p = std::move(pending_.front());
  pending_.pop_front();
  if (!status.ok()) {
    // Nothing of this batch (nor of those built on it) is durable: forget them
    // all, rebuild the working state from the committed log, and say so.
    std::vector<Pending> failed;
    failed.push_back(std::move(p));
    while (!pending_.empty()) {
      failed.push_back(std::move(pending_.front()));
      pending_.pop_front();
    }
    RebuildWorkingState();
    for (auto& f : failed) {
      applied_.erase(f.command_key);
      Unremember(f);
      workshop::Outcome o;
      o.rejection = workshop::Rejection{
          v1::ERROR_CODE_STORAGE, "Enregistrement impossible : rien n'a été appliqué, réessayez."};
      if (f.tool_done) f.tool_done(o);
      if (auto c = f.conn.lock())
        c->SendError(v1::ERROR_CODE_STORAGE, o.rejection->message, f.command_id);
    }
    return;
  }
  bool info_changed = false;
  bool cards_changed = false;
  const v1::WorkshopStatus status_before = committed_.info().status();
  for (const auto& stored : p.events) {
    committed_.Apply(*stored.event);
    log_.push_back(stored);
    if (stored.event->has_company_data_erased()) {
      // The stored log was rewritten in the same transaction; so is the one kept here,
      // which resumes and replays read.
      EraseFromLog(stored.event->company_data_erased().company_id());
    }
    Broadcast(stored);
    if (stored.event->has_participant_revoked()) {
      // After the company's other devices were told: the token stops joining and the
      // device's open connections close with 4001, removed by the facilitator (the tablet
      // says so and forgets the token).
      RevokeDevice(stored.event->participant_revoked().participant_id());
    }
    const v1::Event& e = *stored.event;
    if (p.is_post && e.has_card_posted()) {
      // The post is now in the send queue of every connected viewer.
      hub_.stats().post_to_delivery.Observe(std::chrono::steady_clock::now() - p.arrived);
    }
    info_changed |= e.has_workshop_created() || e.has_workshop_updated();
    cards_changed |= e.has_card_posted() || e.has_card_edited() || e.has_card_withdrawn() ||
                     e.has_company_upserted();
  }
  if (committed_.info().status() != status_before) {
    LOG_INFO("atelier " << code_ << " (" << id_ << ") : " << StatusWord(status_before) << " -> "
                        << StatusWord(committed_.info().status()));
  }
  if (info_changed) {
    hub_.WorkshopInfoChanged(id_, committed_.info());
    DoLoadEarlierCards();
  }
  if (cards_changed && !committed_.info().territory().empty())
    hub_.TerritoryCardsChanged(committed_.info().territory(), id_);
  hub_.stats().commands_applied++;
  if (!p.command_key.empty()) applied_[p.command_key].committed = true;
  uint64_t seq = p.events.empty() ? committed_.seq() : p.events.back().event->seq();
  auto ack = [&](const std::shared_ptr<Connection>& c, const std::string& command_id, bool dup) {
    v1::ServerMessage msg;
    msg.mutable_ack()->set_command_id(command_id);
    msg.mutable_ack()->set_seq(seq);
    msg.mutable_ack()->set_entity_id(p.entity_id);
    msg.mutable_ack()->set_duplicate(dup);
    c->SendMessage(msg);
  };
  if (auto c = p.conn.lock()) ack(c, p.command_id, false);
  for (auto& [weak, command_id] : p.duplicate_waiters) {
    if (auto c = weak.lock()) ack(c, command_id, true);
  }
  if (p.on_commit) p.on_commit();
  if (p.tool_done) p.tool_done(p.outcome);
}

std::shared_ptr<const std::string> WorkshopActor::ViewFrame(
    const workshop::Viewer& viewer, const store::StoredEvent& stored) const {
  auto frame = std::make_shared<std::string>();
  AppendView(*frame, viewer, stored);
  return frame;
}

void WorkshopActor::AppendView(std::string& out, const workshop::Viewer& viewer,
                               const store::StoredEvent& stored) const {
  if (viewer.is_facilitator()) return AppendEventFrame(out, *stored.payload);
  AppendEventFrame(out, visibility_.Event(committed_, viewer, *stored.event).SerializeAsString());
}

void WorkshopActor::RevokeDevice(const std::string& participant_id) {
  token_of_participant_.erase(participant_id);
  for (auto it = tokens_.begin(); it != tokens_.end();) {
    if (it->second.participant_id == participant_id) {
      hub_.ForgetToken(it->first, id_);
      it = tokens_.erase(it);
    } else {
      ++it;
    }
  }
  for (auto& [key, sub] : subscribers_) {
    if (sub.viewer.participant_id != participant_id) continue;
    if (auto c = sub.conn.lock()) c->Close(net::CloseCode::kKicked, "appareil révoqué");
  }
  hub_.stats().devices_revoked++;
  LOG_INFO("atelier " << code_ << " : un appareil révoqué par l'animateur");
}

void WorkshopActor::EraseFromLog(const std::string& company_id) {
  for (store::StoredEvent& stored : log_) {
    if (!stored.event->has_company_upserted() && !stored.event->has_participant_joined()) continue;
    auto copy = std::make_shared<v1::Event>(*stored.event);
    if (!store::ErasePersonalData(copy.get(), company_id)) continue;
    stored.payload = std::make_shared<const std::string>(copy->SerializeAsString());
    stored.event = std::move(copy);
  }
  LOG_INFO("atelier " << code_ << " : données personnelles d'une entreprise effacées du journal");
}

void WorkshopActor::Broadcast(const store::StoredEvent& stored) {
  // Each distinct view of the event is serialized once for all who share it.
  const v1::Event& event = *stored.event;
  std::unordered_map<std::string, std::shared_ptr<const std::string>> views;
  for (auto it = subscribers_.begin(); it != subscribers_.end();) {
    auto conn = it->second.conn.lock();
    if (!conn) {
      it = subscribers_.erase(it);
      continue;
    }
    const workshop::Viewer& viewer = it->second.viewer;
    auto& frame = views[visibility_.ViewKey(committed_, viewer, event)];
    if (!frame) frame = ViewFrame(viewer, stored);
    conn->SendFrame(frame, true);
    ++it;
  }
}

}  // namespace atelier::app
