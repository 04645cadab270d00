#include "server/app/hub.hpp"

#include <algorithm>
#include <cctype>
#include <future>
#include <iostream>
#include <random>
#include <stdexcept>

#include "server/common/digest.hpp"
#include "server/common/log.hpp"

namespace atelier::app {

std::string DerivedToken(std::string_view secret, const store::TokenRow& row) {
  std::string message = "atelier-token\x1f" + row.workshop_id + '\x1f' + row.participant_id +
                        '\x1f' + std::to_string(row.role) + '\x1f' +
                        std::to_string(row.created_at_ms);
  return digest::HmacSha256Hex(secret, message).substr(0, 32);  // 128 bits, as before
}

std::string TokenOfRow(std::string_view secret, const store::TokenRow& row) {
  std::string token = DerivedToken(secret, row);
  return digest::TokenHash(token) == row.token_hash ? token : std::string();
}

namespace {

std::string RandomString(std::string_view alphabet, size_t length) {
  static thread_local std::random_device device;
  std::uniform_int_distribution<size_t> pick(0, alphabet.size() - 1);
  std::string out;
  for (size_t i = 0; i < length; ++i) out += alphabet[pick(device)];
  return out;
}

}  // namespace

std::string NormalizeCode(std::string_view code) {
  std::string out;
  for (char c : code) {
    if (std::isalnum(static_cast<unsigned char>(c))) {
      out += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    }
  }
  return out;
}

Hub::Hub(boost::asio::io_context& ioc, store::Writer& writer, Clock clock, MatcherFactory matchers)
    : ioc_(ioc), writer_(writer), clock_(std::move(clock)), matchers_(std::move(matchers)) {}

size_t Hub::LoadAll(std::unique_ptr<store::EventStore> reader) {
  std::lock_guard read(reader_mu_);
  reader_ = std::move(reader);
  size_t count = 0;
  for (auto& row : reader_->Workshops()) {
    // A workshop whose info row is missing or unreadable is folded: its log says.
    const bool dormant = !fold_all_ && row.info && row.info->status() == v1::WORKSHOP_STATUS_CLOSED;
    std::optional<Folded> folded;
    if (!dormant) {
      folded = Fold(row.id, row.code, row.epoch);
      if (!folded) continue;  // quarantined
    }
    std::lock_guard lock(mu_);
    Entry& e = entries_[row.id];
    e.code = row.code;
    e.epoch = row.epoch;
    if (row.info) e.info = *row.info;
    e.used_at_ms = clock_();
    code_to_id_[row.code] = row.id;
    if (folded) Install(row.id, e, std::move(*folded));
    ++count;
  }
  return count;
}

std::optional<Hub::Folded> Hub::Fold(const std::string& id, const std::string& code,
                                     const std::string& epoch) {
  Folded folded;
  folded.actor =
      std::make_shared<WorkshopActor>(ioc_, writer_, *this, id, code, epoch, clock_, matchers_);
  WorkshopActor& actor = *folded.actor;
  try {
    store::Status s =
        reader_->ForEachEvent(id, 0, [&](std::string_view payload) { actor.Restore(payload); });
    if (!s.ok()) throw std::runtime_error("lecture impossible : " + s.message());
    folded.tokens = reader_->Tokens(id);
    for (const auto& t : folded.tokens) actor.RestoreToken(t);
    for (const auto& c : reader_->Commands(id)) actor.RestoreCommand(c);
    folded.info = actor.restored_info();
    actor.FinishRestore();
  } catch (const std::exception& e) {
    QuarantinedWorkshop q{id, code, actor.restored_seq(), e.what()};
    LOG_ERROR("atelier " << q.id << " (code " << q.code
                         << ") mis en quarantaine, illisible après seq " << q.seq << " : "
                         << q.reason << " ; les autres ateliers sont servis");
    std::lock_guard lock(mu_);
    code_to_id_[code] = id;  // its code stays taken
    if (auto it = entries_.find(id); it != entries_.end()) it->second.quarantined = true;
    quarantined_.push_back(std::move(q));
    return std::nullopt;
  }
  if (actor.repaired_events() > 0) {
    LOG_WARN("atelier " << id << " : " << actor.repaired_events()
                        << " événement(s) lu(s) après remplacement d'octets UTF-8 invalides "
                           "par U+FFFD");
    stats_.events_repaired += actor.repaired_events();
  }
  return folded;
}

void Hub::Install(const std::string& id, Entry& entry, Folded folded) {
  Unindex(id, entry);
  entry.info = std::move(folded.info);
  entry.actor = std::move(folded.actor);
  entry.tokens.clear();
  for (const auto& t : folded.tokens) {
    tokens_[t.token_hash] = {id, static_cast<v1::Role>(t.role)};
    entry.tokens.push_back(t.token_hash);
  }
  ++in_memory_;
  Index(id, entry);
}

std::shared_ptr<WorkshopActor> Hub::Wake(const std::string& id) {
  {
    std::lock_guard lock(mu_);
    auto it = entries_.find(id);
    if (it == entries_.end() || it->second.quarantined) return nullptr;
    it->second.used_at_ms = clock_();
    if (it->second.actor) return it->second.actor;
  }
  // One workshop folded at a time, the reader being one connection; lookups of folded
  // workshops go on meanwhile.
  std::lock_guard read(reader_mu_);
  std::string code, epoch;
  {
    std::lock_guard lock(mu_);
    auto it = entries_.find(id);
    if (it == entries_.end() || it->second.quarantined) return nullptr;
    if (it->second.actor) return it->second.actor;  // woken meanwhile
    code = it->second.code;
    epoch = it->second.epoch;
  }
  std::optional<Folded> folded = Fold(id, code, epoch);
  if (!folded) return nullptr;
  LOG_DEBUG("atelier " << code << " (" << id << ") chargé en mémoire");
  std::lock_guard lock(mu_);
  Entry& e = entries_[id];
  e.used_at_ms = clock_();
  Install(id, e, std::move(*folded));
  return e.actor;
}

bool Hub::Notified(const Entry& entry) {
  return entry.actor && !entry.info.territory().empty() &&
         entry.info.status() != v1::WORKSHOP_STATUS_CLOSED;
}

void Hub::Index(const std::string& id, const Entry& entry) {
  if (Notified(entry)) notified_[entry.info.territory()].insert(id);
}

void Hub::Unindex(const std::string& id, const Entry& entry) {
  if (!Notified(entry)) return;
  auto it = notified_.find(entry.info.territory());
  if (it == notified_.end()) return;
  it->second.erase(id);
  if (it->second.empty()) notified_.erase(it);
}

void Hub::WorkshopInfoChanged(const std::string& workshop_id, const v1::WorkshopInfo& info) {
  std::lock_guard lock(mu_);
  auto it = entries_.find(workshop_id);
  if (it == entries_.end()) return;  // being created: CreateWorkshop records it
  Unindex(workshop_id, it->second);
  it->second.info = info;
  Index(workshop_id, it->second);
}

size_t Hub::EvictIdle(int64_t idle_ms) {
  std::vector<std::shared_ptr<WorkshopActor>> dropped;  // destroyed after the lock
  const int64_t now = clock_();
  {
    std::lock_guard lock(mu_);
    for (auto& [id, e] : entries_) {
      if (!e.actor || e.info.status() != v1::WORKSHOP_STATUS_CLOSED) continue;
      // Only the hub holds it: no connection, no handler queued on its strand, no write
      // pending (each holds the actor), and none can appear without mu_.
      if (e.actor.use_count() > 1) {
        e.used_at_ms = now;
        continue;
      }
      if (now - e.used_at_ms < idle_ms) continue;
      Unindex(id, e);
      for (const auto& t : e.tokens) tokens_.erase(t);
      e.tokens.clear();
      dropped.push_back(std::move(e.actor));
      e.actor.reset();
      --in_memory_;
    }
  }
  if (!dropped.empty()) LOG_DEBUG(dropped.size() << " atelier(s) clos retiré(s) de la mémoire");
  return dropped.size();
}

bool Hub::EvictIfUnused(const std::string& id) {
  std::shared_ptr<WorkshopActor> dropped;  // destroyed after the lock
  std::lock_guard lock(mu_);
  auto it = entries_.find(id);
  if (it == entries_.end()) return false;
  Entry& e = it->second;
  if (!e.actor || e.info.status() != v1::WORKSHOP_STATUS_CLOSED || e.actor.use_count() > 1) {
    return false;
  }
  Unindex(id, e);
  for (const auto& t : e.tokens) tokens_.erase(t);
  e.tokens.clear();
  dropped = std::move(e.actor);
  e.actor.reset();
  --in_memory_;
  return true;
}

std::vector<QuarantinedWorkshop> Hub::Quarantined() const {
  std::lock_guard lock(mu_);
  return quarantined_;
}

std::string Hub::NewToken() { return RandomString("0123456789abcdef", 32); }

store::TokenRow Hub::MintToken(const std::string& workshop_id, const std::string& participant_id,
                               v1::Role role, const std::string& company_id, int64_t now_ms,
                               std::string* token) const {
  store::TokenRow row{"", workshop_id, participant_id, role, company_id, now_ms};
  *token = DerivedToken(server_secret_, row);
  row.token_hash = digest::TokenHash(*token);
  return row;
}

std::string Hub::NewCode() {
  // No 0/O or 1/I: codes are read off a projector and typed on tablets.
  for (;;) {
    std::string code = RandomString("ABCDEFGHJKLMNPQRSTUVWXYZ23456789", 6);
    std::lock_guard lock(mu_);
    if (!code_to_id_.count(code)) return code;
  }
}

CreatedWorkshop Hub::CreateWorkshop(v1::WorkshopInfo info, const std::string& wanted_code) {
  CreatedWorkshop created;
  created.code = wanted_code.empty() ? NewCode() : NormalizeCode(wanted_code);
  created.id =
      info.id().empty() ? "w" + RandomString("0123456789abcdefghijkmnpqrstuvwxyz", 10) : info.id();
  info.set_id(created.id);
  {
    std::lock_guard lock(mu_);
    if (code_to_id_.count(created.code)) throw std::runtime_error("join code already in use");
    if (entries_.count(created.id)) throw std::runtime_error("workshop id already in use");
  }
  auto actor =
      std::make_shared<WorkshopActor>(ioc_, writer_, *this, created.id, created.code,
                                      RandomString("0123456789abcdef", 12), clock_, matchers_);
  std::promise<std::pair<std::string, std::string>> done;
  actor->Create(info, [&done](const std::string& facilitator, const std::string& token) {
    done.set_value({facilitator, token});
  });
  std::tie(created.facilitator_id, created.facilitator_token) = done.get_future().get();
  if (created.facilitator_id.empty()) throw std::runtime_error("cannot create workshop");
  // Nobody else reaches the actor yet: its info cannot change before it is recorded.
  std::promise<v1::WorkshopInfo> committed;
  actor->WithCommittedState(
      [&committed](const workshop::WorkshopState& state) { committed.set_value(state.info()); });
  Folded folded{std::move(actor), {}, committed.get_future().get()};
  std::lock_guard lock(mu_);
  code_to_id_[created.code] = created.id;
  Entry& e = entries_[created.id];
  e.code = created.code;
  e.epoch = folded.actor->epoch();
  e.used_at_ms = clock_();
  Install(created.id, e, std::move(folded));
  const std::string hash = digest::TokenHash(created.facilitator_token);
  tokens_[hash] = {created.id, v1::ROLE_FACILITATOR};
  e.tokens.push_back(hash);
  return created;
}

std::shared_ptr<WorkshopActor> Hub::ByCode(const std::string& code) {
  std::string id;
  {
    std::lock_guard lock(mu_);
    auto it = code_to_id_.find(code);
    if (it == code_to_id_.end()) return nullptr;
    id = it->second;
  }
  return Wake(id);
}

std::shared_ptr<WorkshopActor> Hub::ById(const std::string& id) { return Wake(id); }

std::optional<Hub::TokenInfo> Hub::StoredToken(const std::string& token) {
  const std::string hash = digest::TokenHash(token);
  {
    std::lock_guard lock(mu_);
    auto it = tokens_.find(hash);
    if (it != tokens_.end()) return it->second;
  }
  // A dormant workshop's token, or none: the store says (one primary-key read).
  std::lock_guard read(reader_mu_);
  if (!reader_) return std::nullopt;
  std::optional<store::TokenRow> row = reader_->FindToken(token);
  if (!row) return std::nullopt;
  return TokenInfo{row->workshop_id, static_cast<v1::Role>(row->role)};
}

std::shared_ptr<WorkshopActor> Hub::ByToken(const std::string& token) {
  std::optional<TokenInfo> t = StoredToken(token);
  return t ? Wake(t->workshop_id) : nullptr;
}

std::shared_ptr<WorkshopActor> Hub::ByFacilitatorToken(const std::string& token) {
  if (token.empty()) return nullptr;
  std::optional<TokenInfo> t = StoredToken(token);
  return t && t->role == v1::ROLE_FACILITATOR ? Wake(t->workshop_id) : nullptr;
}

void Hub::RegisterToken(const std::string& token_hash, const std::string& workshop_id,
                        v1::Role role) {
  std::lock_guard lock(mu_);
  auto it = entries_.find(workshop_id);
  if (it == entries_.end() || !it->second.actor) return;  // the store has it
  tokens_[token_hash] = {workshop_id, role};
  it->second.tokens.push_back(token_hash);
}

void Hub::ForgetToken(const std::string& token_hash, const std::string& workshop_id) {
  std::lock_guard lock(mu_);
  tokens_.erase(token_hash);
  auto it = entries_.find(workshop_id);
  if (it == entries_.end()) return;
  auto& list = it->second.tokens;
  list.erase(std::remove(list.begin(), list.end(), token_hash), list.end());
}

std::vector<std::string> Hub::FacilitatorTokens(const std::string& workshop_id) {
  std::vector<std::string> out;
  {
    std::lock_guard lock(mu_);
    if (!entries_.count(workshop_id)) return out;
  }
  // The store has every committed token (folded workshops' too): their rows give the
  // tokens again, those this server's secret made.
  std::lock_guard read(reader_mu_);
  if (!reader_) return out;
  for (const auto& row : reader_->Tokens(workshop_id)) {
    if (row.role != v1::ROLE_FACILITATOR) continue;
    if (std::string token = DeriveToken(row); !token.empty()) out.push_back(std::move(token));
  }
  std::sort(out.begin(), out.end());
  return out;
}

void Hub::TerritoryCardsChanged(const std::string& territory, const std::string& from_workshop) {
  std::vector<std::shared_ptr<WorkshopActor>> notified;
  {
    std::lock_guard lock(mu_);
    auto it = notified_.find(territory);
    if (it == notified_.end()) return;
    for (const auto& id : it->second) {
      if (id == from_workshop) continue;
      auto e = entries_.find(id);
      if (e != entries_.end() && e->second.actor) notified.push_back(e->second.actor);
    }
  }
  for (const auto& actor : notified) actor->TerritoryCardsChanged(territory);
}

std::vector<WorkshopListing> Hub::Listing() const {
  std::lock_guard lock(mu_);
  std::vector<WorkshopListing> out;
  out.reserve(entries_.size());
  for (const auto& [id, e] : entries_) {
    if (!e.quarantined) out.push_back({id, e.code, e.info, e.actor});
  }
  return out;
}

std::vector<std::shared_ptr<WorkshopActor>> Hub::InMemory() const {
  std::lock_guard lock(mu_);
  std::vector<std::shared_ptr<WorkshopActor>> out;
  for (const auto& [id, e] : entries_) {
    if (e.actor) out.push_back(e.actor);
  }
  return out;
}

std::vector<std::shared_ptr<WorkshopActor>> Hub::WakeTerritory(const std::string& territory) {
  std::vector<std::string> ids;
  {
    std::lock_guard lock(mu_);
    for (const auto& [id, e] : entries_) {
      if (!e.quarantined && e.info.territory() == territory) ids.push_back(id);
    }
  }
  std::vector<std::shared_ptr<WorkshopActor>> out;
  for (const auto& id : ids) {
    if (auto actor = Wake(id)) out.push_back(std::move(actor));
  }
  return out;
}

size_t Hub::WorkshopCount() const {
  std::lock_guard lock(mu_);
  size_t n = 0;
  for (const auto& [id, e] : entries_) n += e.quarantined ? 0 : 1;
  return n;
}

size_t Hub::InMemoryCount() const {
  std::lock_guard lock(mu_);
  return in_memory_;
}

void Hub::CloseAll() {
  for (const auto& a : InMemory()) a->CloseAll();
}

}  // namespace atelier::app
