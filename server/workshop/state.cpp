#include "server/workshop/state.hpp"

#include <cassert>

namespace atelier::workshop {

namespace {
template <typename Map>
const typename Map::mapped_type* Find(const Map& map, const std::string& key) {
  auto it = map.find(key);
  return it == map.end() ? nullptr : &it->second;
}
}  // namespace

void WorkshopState::Apply(const v1::Event& event) {
  assert(event.seq() == seq_ + 1);
  seq_ = event.seq();
  switch (event.body_case()) {
    case v1::Event::kWorkshopCreated:
      info_ = event.workshop_created().workshop();
      break;
    case v1::Event::kWorkshopUpdated:
      info_ = event.workshop_updated().workshop();
      break;
    case v1::Event::kCompanyUpserted: {
      const v1::Company& c = event.company_upserted().company();
      auto [it, inserted] = companies_.insert_or_assign(c.id(), c);
      if (inserted) company_order_.push_back(c.id());
      break;
    }
    case v1::Event::kParticipantJoined: {
      const v1::Participant& p = event.participant_joined().participant();
      participants_[p.id()] = p;
      break;
    }
    case v1::Event::kParticipantRevoked: {
      auto it = participants_.find(event.participant_revoked().participant_id());
      if (it != participants_.end()) it->second.set_revoked(true);
      break;
    }
    case v1::Event::kCompanyDataErased: {
      const std::string& id = event.company_data_erased().company_id();
      if (auto it = companies_.find(id); it != companies_.end()) it->second.clear_contact();
      for (auto& [pid, p] : participants_) {
        if (p.company_id() == id) p.clear_name();
      }
      break;
    }
    case v1::Event::kCardPosted: {
      const v1::Card& c = event.card_posted().card();
      auto [it, added] = cards_.insert_or_assign(c.id(), c);
      if (added) {
        card_order_.push_back(c.id());
        ++live_cards_;
        if (!c.withdrawn()) ++live_by_company_[c.company_id()];
      }
      break;
    }
    case v1::Event::kCardEdited: {
      const v1::Card& c = event.card_edited().card();
      auto it = cards_.find(c.id());
      if (it != cards_.end()) {
        if (!it->second.withdrawn()) CountLive(it->second.company_id(), -1);
        it->second = c;
        if (!c.withdrawn()) CountLive(c.company_id(), +1);
      }
      break;
    }
    case v1::Event::kCardWithdrawn: {
      auto it = cards_.find(event.card_withdrawn().card_id());
      if (it != cards_.end() && !it->second.withdrawn()) {
        it->second.set_withdrawn(true);
        --live_cards_;
        CountLive(it->second.company_id(), -1);
      }
      break;
    }
    case v1::Event::kMatchFound: {
      const v1::Match& m = event.match_found().match();
      matches_[m.key()] = m;
      break;
    }
    case v1::Event::kMatchRemoved:
      matches_.erase(event.match_removed().key());
      break;
    case v1::Event::kReacted: {
      const v1::Reacted& r = event.reacted();
      reactions_[r.match_key()][r.company_id()] = r.reaction();
      break;
    }
    case v1::Event::kSynergyUpserted: {
      const v1::Synergy& s = event.synergy_upserted().synergy();
      synergies_[s.id()] = s;
      if (!s.match_key().empty()) synergy_by_match_[s.match_key()] = s.id();
      if (s.status() != v1::SYNERGY_STATUS_POTENTIAL &&
          s.status() != v1::SYNERGY_STATUS_ABANDONED) {
        revealed_cards_.insert(s.card_ids().begin(), s.card_ids().end());
      }
      break;
    }
    case v1::Event::BODY_NOT_SET:
      break;
  }
}

const v1::Company* WorkshopState::FindCompany(const std::string& id) const {
  return Find(companies_, id);
}
const v1::Card* WorkshopState::FindCard(const std::string& id) const { return Find(cards_, id); }
const v1::Match* WorkshopState::FindMatch(const std::string& key) const {
  return Find(matches_, key);
}
const v1::Synergy* WorkshopState::FindSynergy(const std::string& id) const {
  return Find(synergies_, id);
}
const v1::Participant* WorkshopState::FindParticipant(const std::string& id) const {
  return Find(participants_, id);
}
const std::map<std::string, v1::Reaction>* WorkshopState::ReactionsTo(
    const std::string& match_key) const {
  return Find(reactions_, match_key);
}
const v1::Synergy* WorkshopState::SynergyForMatch(const std::string& match_key) const {
  const std::string* id = Find(synergy_by_match_, match_key);
  return id ? FindSynergy(*id) : nullptr;
}

std::vector<std::string> WorkshopState::MatchKeys() const {
  std::vector<std::string> keys;
  keys.reserve(matches_.size());
  for (const auto& [key, m] : matches_) keys.push_back(key);
  return keys;
}

v1::Snapshot WorkshopState::FullSnapshot() const {
  v1::Snapshot snap;
  snap.set_seq(seq_);
  *snap.mutable_workshop() = info_;
  for (const auto& id : company_order_) *snap.add_companies() = companies_.at(id);
  for (const auto& id : card_order_) *snap.add_cards() = cards_.at(id);
  for (const auto& [key, m] : matches_) *snap.add_matches() = m;
  for (const auto& [id, s] : synergies_) *snap.add_synergies() = s;
  for (const auto& [id, p] : participants_) *snap.add_participants() = p;
  for (const auto& [key, by_company] : reactions_) {
    for (const auto& [company, reaction] : by_company) {
      v1::Reacted* r = snap.add_reactions();
      r->set_match_key(key);
      r->set_company_id(company);
      r->set_reaction(reaction);
    }
  }
  return snap;
}

void WorkshopState::CountLive(const std::string& company_id, int delta) {
  auto it = live_by_company_.find(company_id);
  if (it == live_by_company_.end()) {
    if (delta > 0) live_by_company_[company_id] = static_cast<size_t>(delta);
    return;
  }
  it->second = static_cast<size_t>(static_cast<long>(it->second) + delta);
  if (it->second == 0) live_by_company_.erase(it);
}

size_t WorkshopState::LiveCardsOf(const std::string& company_id) const {
  const auto it = live_by_company_.find(company_id);
  return it == live_by_company_.end() ? 0 : it->second;
}

}  // namespace atelier::workshop
