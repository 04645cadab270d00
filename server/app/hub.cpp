#include "server/app/hub.hpp"

#include <algorithm>
#include <cctype>
#include <future>
#include <iostream>
#include <random>
#include <stdexcept>

#include "server/common/log.hpp"

namespace atelier::app {

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

size_t Hub::LoadAll(store::EventStore& reader) {
  size_t count = 0;
  for (const auto& row : reader.Workshops()) {
    auto actor = std::make_shared<WorkshopActor>(ioc_, writer_, *this, row.id, row.code, row.epoch,
                                                 clock_, matchers_);
    std::vector<store::TokenRow> tokens;
    try {
      store::Status s = reader.ForEachEvent(
          row.id, 0, [&](std::string_view payload) { actor->Restore(payload); });
      if (!s.ok()) throw std::runtime_error("lecture impossible : " + s.message());
      tokens = reader.Tokens(row.id);
      for (const auto& t : tokens) actor->RestoreToken(t);
      for (const auto& c : reader.Commands(row.id)) actor->RestoreCommand(c);
      actor->FinishRestore();
    } catch (const std::exception& e) {
      QuarantinedWorkshop q{row.id, row.code, actor->restored_seq(), e.what()};
      LOG_ERROR("atelier " << q.id << " (code " << q.code
                           << ") mis en quarantaine, illisible après seq " << q.seq << " : "
                           << q.reason << " ; les autres ateliers sont servis");
      std::lock_guard lock(mu_);
      code_to_id_[row.code] = row.id;  // its code stays taken
      quarantined_.push_back(std::move(q));
      continue;
    }
    if (actor->repaired_events() > 0) {
      LOG_WARN("atelier " << row.id << " : " << actor->repaired_events()
                          << " événement(s) lu(s) après remplacement d'octets UTF-8 invalides "
                             "par U+FFFD");
      stats_.events_repaired += actor->repaired_events();
    }
    std::lock_guard lock(mu_);
    for (const auto& t : tokens) tokens_[t.token] = {row.id, static_cast<v1::Role>(t.role)};
    code_to_id_[row.code] = row.id;
    by_id_[row.id] = std::move(actor);
    ++count;
  }
  return count;
}

std::vector<QuarantinedWorkshop> Hub::Quarantined() const {
  std::lock_guard lock(mu_);
  return quarantined_;
}

std::string Hub::NewToken() { return RandomString("0123456789abcdef", 32); }

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
  created.facilitator_token = NewToken();
  info.set_id(created.id);
  {
    std::lock_guard lock(mu_);
    if (code_to_id_.count(created.code)) throw std::runtime_error("join code already in use");
    if (by_id_.count(created.id)) throw std::runtime_error("workshop id already in use");
  }
  auto actor =
      std::make_shared<WorkshopActor>(ioc_, writer_, *this, created.id, created.code,
                                      RandomString("0123456789abcdef", 12), clock_, matchers_);
  std::promise<std::string> done;
  actor->Create(info, created.facilitator_token,
                [&done](const std::string& facilitator) { done.set_value(facilitator); });
  created.facilitator_id = done.get_future().get();
  if (created.facilitator_id.empty()) throw std::runtime_error("cannot create workshop");
  std::lock_guard lock(mu_);
  code_to_id_[created.code] = created.id;
  tokens_[created.facilitator_token] = {created.id, v1::ROLE_FACILITATOR};
  by_id_[created.id] = std::move(actor);
  return created;
}

std::shared_ptr<WorkshopActor> Hub::ByCode(const std::string& code) const {
  std::lock_guard lock(mu_);
  auto it = code_to_id_.find(code);
  if (it == code_to_id_.end()) return nullptr;
  auto a = by_id_.find(it->second);
  return a == by_id_.end() ? nullptr : a->second;
}

std::shared_ptr<WorkshopActor> Hub::ById(const std::string& id) const {
  std::lock_guard lock(mu_);
  auto it = by_id_.find(id);
  return it == by_id_.end() ? nullptr : it->second;
}

std::shared_ptr<WorkshopActor> Hub::ByToken(const std::string& token) const {
  std::lock_guard lock(mu_);
  auto it = tokens_.find(token);
  if (it == tokens_.end()) return nullptr;
  auto a = by_id_.find(it->second.workshop_id);
  return a == by_id_.end() ? nullptr : a->second;
}

v1::Role Hub::TokenRole(const std::string& token) const {
  std::lock_guard lock(mu_);
  auto it = tokens_.find(token);
  return it == tokens_.end() ? v1::ROLE_UNSPECIFIED : it->second.role;
}

void Hub::RegisterToken(const std::string& token, const std::string& workshop_id, v1::Role role) {
  std::lock_guard lock(mu_);
  tokens_[token] = {workshop_id, role};
}

std::vector<std::string> Hub::FacilitatorTokens(const std::string& workshop_id) const {
  std::lock_guard lock(mu_);
  std::vector<std::string> out;
  for (const auto& [token, info] : tokens_) {
    if (info.workshop_id == workshop_id && info.role == v1::ROLE_FACILITATOR) out.push_back(token);
  }
  std::sort(out.begin(), out.end());
  return out;
}

void Hub::TerritoryCardsChanged(const std::string& territory, const std::string& from_workshop) {
  for (const auto& actor : All()) {
    if (actor->id() != from_workshop) actor->TerritoryCardsChanged(territory);
  }
}

std::vector<std::shared_ptr<WorkshopActor>> Hub::All() const {
  std::lock_guard lock(mu_);
  std::vector<std::shared_ptr<WorkshopActor>> out;
  for (const auto& [id, a] : by_id_) out.push_back(a);
  return out;
}

void Hub::CloseAll() {
  for (const auto& a : All()) a->CloseAll();
}

}  // namespace atelier::app
