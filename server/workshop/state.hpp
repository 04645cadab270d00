#pragma once
// WorkshopState: everything known about one workshop, as the pure fold of its
// events. Crash recovery, a tablet catching up and replay all use Apply().
// Not thread-safe: owned by the workshop's actor (or a test, or a replay).

#include <cstdint>
#include <map>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "atelier/v1/atelier.pb.h"

namespace atelier::workshop {

class WorkshopState {
 public:
  // Folds one event. REQUIRES: event.seq() == seq() + 1.
  void Apply(const v1::Event& event);

  uint64_t seq() const { return seq_; }
  const v1::WorkshopInfo& info() const { return info_; }

  const v1::Company* FindCompany(const std::string& id) const;
  const v1::Card* FindCard(const std::string& id) const;
  const v1::Match* FindMatch(const std::string& key) const;
  const v1::Synergy* FindSynergy(const std::string& id) const;
  const v1::Participant* FindParticipant(const std::string& id) const;
  // The reactions to a match, by company id.
  const std::map<std::string, v1::Reaction>* ReactionsTo(const std::string& match_key) const;
  // A synergy made from this match, if any.
  const v1::Synergy* SynergyForMatch(const std::string& match_key) const;

  // True once a person confirmed a synergy on this card (it is no longer anonymous).
  bool IsRevealed(const std::string& card_id) const { return revealed_cards_.count(card_id) > 0; }

  // Cards in posting order (withdrawn ones included, flagged).
  const std::vector<std::string>& card_order() const { return card_order_; }
  const std::vector<std::string>& company_order() const { return company_order_; }
  size_t live_card_count() const { return live_cards_; }
  // Live (not withdrawn) cards of one company, kept as the events come: O(1).
  size_t LiveCardsOf(const std::string& company_id) const;
  size_t match_count() const { return matches_.size(); }
  // Keys of the current matches, in order.
  std::vector<std::string> MatchKeys() const;
  const std::map<std::string, v1::Synergy>& synergies() const { return synergies_; }
  const std::map<std::string, v1::Participant>& participants() const { return participants_; }

  // The whole state, unfiltered, in a deterministic order.
  v1::Snapshot FullSnapshot() const;

 private:
  uint64_t seq_ = 0;
  v1::WorkshopInfo info_;
  std::unordered_map<std::string, v1::Company> companies_;
  std::vector<std::string> company_order_;
  std::unordered_map<std::string, v1::Card> cards_;
  std::vector<std::string> card_order_;
  size_t live_cards_ = 0;
  std::unordered_map<std::string, size_t> live_by_company_;
  void CountLive(const std::string& company_id, int delta);
  std::map<std::string, v1::Match> matches_;
  std::map<std::string, std::map<std::string, v1::Reaction>> reactions_;
  std::map<std::string, v1::Synergy> synergies_;
  std::unordered_map<std::string, std::string> synergy_by_match_;
  std::map<std::string, v1::Participant> participants_;
  std::unordered_set<std::string> revealed_cards_;
};

}  // namespace atelier::workshop
