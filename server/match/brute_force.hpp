#pragma once

#include <string>
#include <unordered_map>
#include <vector>

#include "server/match/card_profile.hpp"
#include "server/match/scorer.hpp"
#include "server/match/types.hpp"

namespace atelier::match {

// Reference matcher: scores a new card against every stored card, no index. Same scorer as the
// engine, so the two must find the same pairs; used by tests and by the benchmark as the
// baseline. Not thread-safe.
class BruteForce {
 public:
  explicit BruteForce(MatchOptions options = {});

  void UpsertCompany(const Company& company);
  // Pair matches of `card` with the stored cards (no groups), best first; then stores it.
  std::vector<Match> Add(const Card& card);
  // Stores `card` without scoring it (to load a catalogue).
  void Store(const Card& card);
  // Pair matches of `card` with the stored cards, without storing it.
  std::vector<Match> Scan(const Card& card) const;
  std::size_t size() const { return cards_.size(); }

 private:
  const Lexicon& lexicon_;
  Scorer scorer_;
  std::vector<CardProfile> cards_;
  std::unordered_map<std::string, Company> companies_;
};

}  // namespace atelier::match
